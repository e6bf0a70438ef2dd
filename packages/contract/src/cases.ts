import { z } from 'zod';

/**
 * What every case type (诉求, 办件, 申报, 整改 and the ones to come) shares on the wire: the timeline
 * event as the case page shows it, and the comma list of states a queue filters by. The server's
 * case kit (server/src/platform/workflow) writes the events; the web's case kit draws them.
 */
export type CaseEventView<A extends string = string, S extends string = string> = {
  id: number;
  action: A;
  actionLabel: string;
  fromStatus: S | null;
  toStatus: S | null;
  actorId?: string | null;
  actorName: string;
  actorRole: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
};

/** A query parameter `status=a,b` checked against the case type's states (a 400 names an unknown one). */
export function zStatusList<S extends string>(statuses: readonly S[]) {
  return z
    .string()
    .trim()
    .transform((raw, ctx) => {
      const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = parts.filter((p) => !(statuses as readonly string[]).includes(p));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `状态“${bad.join('、')}”不存在` });
        return z.NEVER;
      }
      return parts as S[];
    })
    .optional();
}
