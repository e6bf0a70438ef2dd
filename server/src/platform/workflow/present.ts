import type { CaseEventView } from '@yuanqi/contract';
import type { StoredCaseEvent } from './commit.js';

/**
 * A stored timeline event as the contract's `CaseEventView`, the action named by the case type's
 * labels. `actorId: false` leaves the actor's id out (the 办件 timeline never sent it).
 */
export function presentCaseEvent<A extends string, S extends string>(
  row: StoredCaseEvent,
  actionLabels: Readonly<Record<A, string>>,
  options: { actorId?: boolean } = {},
): CaseEventView<A, S> {
  const action = row.action as A;
  return {
    id: row.id,
    action,
    actionLabel: actionLabels[action] ?? row.action,
    fromStatus: (row.from_status as S | null) ?? null,
    toStatus: (row.to_status as S | null) ?? null,
    ...(options.actorId === false ? {} : { actorId: row.actor_id }),
    actorName: row.actor_name,
    actorRole: row.actor_role,
    note: row.note,
    data: row.data ?? null,
    at: row.at.toISOString(),
  };
}
