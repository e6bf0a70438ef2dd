import { randomUUID } from 'node:crypto';
import { rb, type PolicyRule } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { PoliciesTable, PolicyRow, PolicyVersionRow } from '../src/db/schema-policies.js';
import { refreshPolicyMatches } from '../src/modules/policies/matching/store.js';
import type { TestPark } from './factories.js';

/** 一次性用工补贴-like rule: 200 元 per new hire (from 2026-01-01), capped at 2 万元, for firms with ≥ 1 new hire. */
export function hireRule(opts: { perHireFen?: number; capFen?: number; period?: PolicyRule['payment']['period']; exclusionGroup?: string } = {}): PolicyRule {
  return {
    version: 1,
    params: [{ key: 'per_hire', label: '每人补贴', unit: 'fen', values: [{ from: '2026-01-01', value: opts.perHireFen ?? 20_000 }] }],
    eligibility: rb.all(rb.cmp(rb.fact('new_hires'), '>=', rb.num(1))),
    benefit: { amount: rb.mul(rb.fact('new_hires'), rb.param('per_hire')), cap: rb.num(opts.capFen ?? 2_000_000) },
    payment: { period: opts.period ?? 'year', ...(opts.exclusionGroup ? { exclusionGroup: opts.exclusionGroup } : {}) },
  };
}

/** 稳岗返还-like rule (免申即享): 60% of last year's UI premiums for firms with ≥ 12 months paid. */
export function wengangRule(): PolicyRule {
  return {
    version: 1,
    params: [{ key: 'rate', label: '返还比例', unit: 'percent', values: [{ from: '2025-01-01', value: 60 }] }],
    eligibility: rb.all(rb.cmp(rb.fact('ui_paid_months', -1), '>=', rb.num(12)), rb.not(rb.isTrue(rb.fact('serious_dishonesty')))),
    benefit: { amount: rb.percent(rb.fact('ui_premium_paid_fen', -1), rb.param('rate')) },
    payment: { period: 'year' },
  };
}

export type PolicyOverrides = Partial<Pick<PoliciesTable, 'title' | 'mode' | 'category' | 'valid_from' | 'valid_to' | 'doc_number'>> & {
  code?: string;
  fundId: string | null;
  rule?: PolicyRule;
  effectiveFrom?: string;
  materials?: Array<{ name: string; required: boolean }>;
  status?: 'draft' | 'published';
  now?: Date;
};

/** A policy with one version — published and current (default) or a draft — written directly. */
export async function buildPolicy(db: Kysely<DB>, park: TestPark, o: PolicyOverrides): Promise<{ policy: PolicyRow; version: PolicyVersionRow }> {
  const now = o.now ?? new Date('2026-01-05T02:00:00Z');
  const published = (o.status ?? 'published') === 'published';
  return db.transaction().execute(async (trx) => {
    const policy = await trx
      .insertInto('policies')
      .values({
        park_id: park.id,
        code: o.code ?? `T-${randomUUID().slice(0, 8)}`,
        title: o.title ?? '测试用工补贴政策',
        doc_number: o.doc_number ?? '鹰高新发〔2026〕1号',
        issuer: '鹰潭高新区管委会',
        category: o.category ?? '就业用工',
        mode: o.mode ?? 'apply',
        status: published ? 'published' : 'draft',
        fund_id: o.fundId,
        valid_from: o.valid_from ?? '2026-01-01',
        valid_to: o.valid_to ?? null,
        published_at: published ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('policy_versions')
      .values({
        park_id: park.id,
        policy_id: policy.id,
        version_no: 1,
        rule: JSON.stringify(o.rule ?? hireRule()),
        effective_from: o.effectiveFrom ?? o.valid_from ?? '2026-01-01',
        status: published ? 'published' : 'draft',
        description: '测试规则',
        materials: JSON.stringify(o.materials ?? []),
        published_at: published ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = published
      ? await trx.updateTable('policies').set({ current_version_id: version.id }).where('id', '=', policy.id).returningAll().executeTakeFirstOrThrow()
      : policy;
    return { policy: updated, version };
  });
}

/** Sets facts of one firm (source officer) for a year: `{ new_hires: 10, serious_dishonesty: false }`. */
export async function setFacts(db: Kysely<DB>, park: TestPark, enterpriseId: string, year: number, facts: Record<string, number | string | boolean>): Promise<void> {
  const rows = Object.entries(facts).map(([key, v]) => ({
    park_id: park.id,
    enterprise_id: enterpriseId,
    key,
    year,
    value_number: typeof v === 'number' ? v : null,
    value_text: typeof v === 'string' ? v : null,
    value_bool: typeof v === 'boolean' ? v : null,
    source: 'officer' as const,
    updated_at: new Date('2026-01-05T02:00:00Z'),
  }));
  if (rows.length === 0) return;
  await db
    .insertInto('enterprise_facts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['park_id', 'enterprise_id', 'key', 'year']).doUpdateSet((eb) => ({
        value_number: eb.ref('excluded.value_number'),
        value_text: eb.ref('excluded.value_text'),
        value_bool: eb.ref('excluded.value_bool'),
      })),
    )
    .execute();
}

/** Recomputes the park's stored matches now (what the publish job does). */
export async function rematch(db: Kysely<DB>, park: TestPark, now: Date): Promise<void> {
  await refreshPolicyMatches(db, park.id, now, null);
}

/** A PDF-looking buffer (passes the magic-byte check). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart body with one file and plain fields, for app.inject. */
export function multipart(file: { filename: string; buffer: Buffer; contentType?: string }, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----yq${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.filename)}"\r\nContent-Type: ${file.contentType ?? 'application/pdf'}\r\n\r\n`));
  parts.push(file.buffer);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
