import type { PolicyRow, PolicyVersionRow } from '../../../db/schema-policies.js';
import type { Executor } from '../repository.js';

/** SQL of the policy library: policies, their versions, the funds they draw on. */
export async function findPolicy(db: Executor, parkId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<PolicyRow | undefined> {
  let q = db.selectFrom('policies').selectAll().where('park_id', '=', parkId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listVersions(db: Executor, parkId: string, policyId: string): Promise<PolicyVersionRow[]> {
  return db.selectFrom('policy_versions').selectAll().where('park_id', '=', parkId).where('policy_id', '=', policyId).orderBy('version_no', 'desc').execute();
}

export async function fundNames(db: Executor, parkId: string, ids: Array<string | null>): Promise<Map<string, { name: string; availableFen: number }>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('funds').select(['id', 'name', 'available_fen']).where('park_id', '=', parkId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, availableFen: Number(r.available_fen) }]));
}

/** The distinct industry codes of the park's firms (exact-match rule conditions are warned against them). */
export async function parkIndustryCodes(db: Executor, parkId: string): Promise<string[]> {
  const rows = await db.selectFrom('enterprises').select('industry_code').distinct().where('park_id', '=', parkId).where('industry_code', 'is not', null).execute();
  return rows.map((r) => r.industry_code!).sort();
}
