/**
 * The case kit, part 2: applying a checked transition. One call does, in the caller's
 * transaction, what every case type must do together or not at all:
 *
 * 1. the state change as a conditional update — `WHERE id = … AND status = <the state the caller
 *    saw>` — so two people acting on one case at once cannot both win (the loser gets a 409 in
 *    Chinese, never a lost update), even where the caller did not lock the row;
 * 2. the timeline event(s) in the case type's events table (`caseEventsTable`);
 * 3. the audit entry with the row before and after (hash-chained, `platform/audit.ts`);
 * 4. the notifications.
 *
 * Timeline events keep one shape — action, from/to state, who (id, name, role), note, data, at —
 * in one table per case type created by one migration helper (`createCaseEventsTable`), so each
 * table keeps a foreign key to its case and an index that leads with `park_id` (docs/ARCHITECTURE.md
 * says why not one table for all).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit, type AuditEntry } from '../audit.js';
import type { AppContext } from '../context.js';
import { conflict } from '../errors.js';
import type { NotificationInput } from '../notifications.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** One timeline event, as every case type's events table stores it. */
export type CaseEvent = {
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: Date;
};

/** A stored event, with its id (increasing: orders events written in the same instant). */
export type StoredCaseEvent = CaseEvent & { id: number };

/** One event of one case, for writing the events of many cases at once. */
export type CaseEventEntry = { caseId: string; event: CaseEvent };

/** Writes and reads the timeline of one case type. */
export type CaseEventLog = {
  write(trx: Executor, parkId: string, caseId: string, events: readonly CaseEvent[]): Promise<void>;
  /** The events of many cases of one park in few statements (a sweep's batch, a seed). */
  writeMany?(trx: Executor, parkId: string, entries: readonly CaseEventEntry[]): Promise<void>;
  list(db: Executor, parkId: string, caseId: string): Promise<StoredCaseEvent[]>;
};

/** Writes the events of many cases through `log`: in batches where it can, else case by case, in order. */
export async function writeCaseEvents(log: CaseEventLog, trx: Executor, parkId: string, entries: readonly CaseEventEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (log.writeMany) return log.writeMany(trx, parkId, entries);
  for (const entry of entries) await log.write(trx, parkId, entry.caseId, [entry.event]);
}

/** Tables whose rows are case events of the common shape. */
export type CaseEventsTableName =
  | 'demand_events'
  | 'service_application_events'
  | 'policy_application_events'
  | 'finance_need_events'
  | 'finance_offer_events'
  | 'bridge_loan_events'
  | 'copper_pledge_events'
  | 'industry_report_events'
  | 'iot_alarm_events'
  | 'land_parcel_events'
  | 'land_cleanup_case_events'
  | 'investment_lead_events'
  | 'apartment_application_events';

/**
 * The timeline of a case type kept in `table`, whose column `subjectColumn` names the case.
 * Dynamic table names are confined to this function: callers stay typed through `CaseEvent`.
 */
export function caseEventsTable(table: CaseEventsTableName, subjectColumn: string, options: { order: 'written' | 'time' } = { order: 'written' }): CaseEventLog {
  // One statement of column arrays (unnest) rather than a VALUES list: a sweep's batch of 5,000
  // events is 11 bound parameters, not 55,000, which keeps the write as cheap as the old in-SQL
  // inserts of the demand sweep. `with ordinality` keeps the ids in the order given.
  const insert = async (trx: Executor, parkId: string, entries: readonly CaseEventEntry[]) => {
    for (let i = 0; i < entries.length; i += 10_000) {
      const chunk = entries.slice(i, i + 10_000);
      const col = <T>(pick: (e: CaseEventEntry) => T) => chunk.map(pick);
      await sql`
        insert into ${sql.table(table)} (park_id, ${sql.ref(subjectColumn)}, action, from_status, to_status, actor_id, actor_name, actor_role, note, data, at)
        select ${parkId}::uuid, t.case_id, t.action, t.from_status, t.to_status, t.actor_id, t.actor_name, t.actor_role, t.note, t.data::jsonb, t.at
          from unnest(
            ${col((e) => e.caseId)}::uuid[], ${col((e) => e.event.action)}::text[], ${col((e) => e.event.from_status)}::text[],
            ${col((e) => e.event.to_status)}::text[], ${col((e) => e.event.actor_id)}::uuid[], ${col((e) => e.event.actor_name)}::text[],
            ${col((e) => e.event.actor_role)}::text[], ${col((e) => e.event.note)}::text[],
            ${col((e) => (e.event.data === null ? null : JSON.stringify(e.event.data)))}::text[], ${col((e) => e.event.at.toISOString())}::timestamptz[]
          ) with ordinality as t(case_id, action, from_status, to_status, actor_id, actor_name, actor_role, note, data, at, n)
         order by t.n`.execute(trx);
    }
  };
  return {
    write: (trx, parkId, caseId, events) => insert(trx, parkId, events.map((event) => ({ caseId, event }))),
    writeMany: insert,
    async list(db, parkId, caseId) {
      let query = (db as Kysely<any>)
        .selectFrom(table)
        .select(['id', 'action', 'from_status', 'to_status', 'actor_id', 'actor_name', 'actor_role', 'note', 'data', 'at'])
        .where('park_id', '=', parkId)
        .where(subjectColumn, '=', caseId);
      // `time`: by when it happened (a back-dated event, e.g. a visit recorded later, sorts in place).
      if (options.order === 'time') query = query.orderBy('at');
      const rows = await query.orderBy('id').execute();
      return rows.map((r: any) => ({ ...r, id: Number(r.id), at: new Date(r.at) }));
    },
  };
}

/** Where a case type keeps its cases and how the audit log names and pictures them. */
export type CaseStore<Row extends { id: string; park_id: string; status: string }> = {
  /** The cases' table (it has `id`, `park_id` and `status`). */
  table: keyof DB & string;
  /** The audit log's entity name (`demand`, `service_application` …). */
  entity: string;
  /** What a case is called in the 409 when someone else moved it first (诉求, 办件 …). */
  subject: string;
  events: CaseEventLog;
  /** The audited picture of a row (no file contents, no secrets). */
  snapshot(row: Row): Record<string, unknown>;
};

export type CommitTransition<Row> = {
  /** The case as the caller read it (its `status` is the state the caller saw). */
  row: Row;
  to: string;
  /** Columns to set besides `status` (include `updated_at` where the table has it). */
  patch: Record<string, unknown>;
  now: Date;
  /** The transition's own event; from/to state, actor and time are filled in. */
  event: { action: string; actorRole: string | null; note?: string | null; data?: Record<string, unknown> | null };
  /** Further events of the same step (a reminder cancelled, a material received …). */
  extraEvents?: readonly CaseEvent[];
  /** Events of the same step that the timeline shows before the transition's own (a 改派 a decision makes). */
  eventsBefore?: readonly CaseEvent[];
  /** The audit action (default: the event's action). */
  auditAction?: string;
  /** Further audit entries of the same step (files, related rows). */
  extraAudits?: readonly AuditEntry[];
  notes?: readonly NotificationInput[];
};

/**
 * Applies a checked transition to one case: conditional update, timeline, audit, notifications, in
 * `trx`. Returns the updated row. A case whose state changed since the caller read it is a 409.
 */
export async function commitTransition<Row extends { id: string; park_id: string; status: string }>(
  trx: Transaction<DB>,
  ctx: Pick<AppContext, 'notifier'>,
  actor: Actor | null,
  store: CaseStore<Row>,
  step: CommitTransition<Row>,
): Promise<Row> {
  const { row, now } = step;
  const updated = (await (trx as unknown as Kysely<any>)
    .updateTable(store.table)
    .set({ ...step.patch, status: step.to })
    .where('park_id', '=', row.park_id)
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .returningAll()
    .executeTakeFirst()) as Row | undefined;
  if (!updated) throw conflict(`${store.subject}已被他人处理(状态已变化),请刷新后重试`);
  const event: CaseEvent = {
    action: step.event.action,
    from_status: row.status,
    to_status: step.to,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.displayName ?? '系统',
    actor_role: step.event.actorRole,
    note: step.event.note || null,
    data: step.event.data ?? null,
    at: now,
  };
  await store.events.write(trx, row.park_id, row.id, [...(step.eventsBefore ?? []), event, ...(step.extraEvents ?? [])]);
  const audits: AuditEntry[] = [
    { action: step.auditAction ?? step.event.action, entity: store.entity, entityId: row.id, before: store.snapshot(row), after: store.snapshot(updated) },
    ...(step.extraAudits ?? []),
  ];
  await recordAudit(trx, actor, row.park_id, audits, now);
  if (step.notes && step.notes.length > 0) await ctx.notifier.notify(trx, [...step.notes]);
  return updated;
}

/**
 * The one migration helper for a case type's timeline table, as SQL statements for a migration's
 * list: the common columns, a foreign key to the case, and the park-led index the timeline is read
 * by. (demand_events, service_application_events and policy_application_events were created with
 * these same columns before the helper existed; migrations are never edited.)
 */
export function caseEventsTableSql(table: string, subjectColumn: string, subjectTable: string): string[] {
  return [
    `create table ${table} (
       id bigserial primary key,
       park_id uuid not null references parks(id),
       ${subjectColumn} uuid not null references ${subjectTable}(id),
       action text not null,
       from_status text,
       to_status text,
       actor_id uuid,
       actor_name text not null,
       actor_role text,
       note text,
       data jsonb,
       at timestamptz not null)`,
    `create index ${table}_case_idx on ${table} (park_id, ${subjectColumn}, id)`,
  ];
}
