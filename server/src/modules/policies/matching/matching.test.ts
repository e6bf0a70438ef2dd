import { DEFAULT_RULE_CATALOGUE, POLICY_RULE_EXAMPLES, evaluateRule, rb, type PolicyRule } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { MATCH_INELIGIBLE, MATCH_UNKNOWN, createMatcher, loadMatchingPolicies, loadMatchingSubjects, matchEnterprises, partitionBounds, streamFirmColumns, streamMatchingSubjects, sweepPark, type MatchResult } from './index.js';
import { plainDecimal } from './load.js';
import { computeMatches, type MatchRow } from './store.js';

let t: TestApp;
let park: TestPark;
const ids: string[] = [];

const hiring: PolicyRule = {
  version: 1,
  params: [{ key: 'per_hire', label: '每人补贴标准', unit: 'fen', values: [{ from: '2025-01-01', value: 20_000 }, { from: '2026-01-01', value: 40_000 }] }],
  eligibility: rb.all(rb.isTrue(rb.field('is_above_scale')), rb.cmp(rb.fact('new_hires', -1), '>=', rb.num(10))),
  benefit: { amount: rb.mul(rb.fact('new_hires', -1), rb.param('per_hire')), cap: rb.wan(20) },
  payment: { period: 'year' },
};

async function fact(enterpriseId: string, key: string, year: number, value: number | string | boolean) {
  await t.ctx.db
    .insertInto('enterprise_facts')
    .values({
      park_id: park.id,
      enterprise_id: enterpriseId,
      key,
      year,
      value_number: typeof value === 'number' ? value : null,
      value_text: typeof value === 'string' ? value : null,
      value_bool: typeof value === 'boolean' ? value : null,
      source: 'officer',
      updated_at: new Date(),
    } as never)
    .execute();
}

async function policy(code: string, status: 'draft' | 'published' | 'withdrawn', versions: { rule: unknown; from: string; status: 'draft' | 'published' | 'superseded'; no: number }[]) {
  const p = await t.ctx.db
    .insertInto('policies')
    .values({ park_id: park.id, code, title: `政策${code}`, category: '就业用工', mode: 'auto', status, valid_from: '2024-01-01', created_at: new Date(), updated_at: new Date() } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: string[] = [];
  for (const v of versions) {
    const row = await t.ctx.db
      .insertInto('policy_versions')
      .values({ park_id: park.id, policy_id: p.id, version_no: v.no, rule: JSON.stringify(v.rule), effective_from: v.from, status: v.status, created_at: new Date(), updated_at: new Date() } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    out.push(row.id);
  }
  return { policyId: p.id, versionIds: out };
}

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  const a = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, headcount: 350, annual_revenue_fen: 6_000_000_000, founded_on: '2015-03-01', industry_code: 'C3251', chain: 'copper', tags: ['high_tech'] });
  const b = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, headcount: null, annual_revenue_fen: null });
  const c = await buildEnterprise(t.ctx.db, park, { is_above_scale: false });
  for (let i = 0; i < 4; i++) await buildEnterprise(t.ctx.db, park, { is_above_scale: i % 2 === 0 });
  ids.push(a.id, b.id, c.id);
  await fact(a.id, 'new_hires', 2025, 12);
  await fact(a.id, 'rd_expense_fen', 2025, 1_234_567.5);
  await fact(a.id, 'listing_stage', 2024, 'tutoring');
  await fact(a.id, 'serious_dishonesty', 2023, false);
  await fact(c.id, 'new_hires', 2025, 40);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('loadMatchingSubjects', () => {
  it('reads registry fields and every fact (number, text, boolean) of a firm', async () => {
    const [s] = await loadMatchingSubjects(t.ctx.db, park.id, { enterpriseIds: [ids[0]] });
    expect(s.enterpriseId).toBe(ids[0]);
    expect(s.fields).toMatchObject({ is_above_scale: true, headcount: 350, annual_revenue_fen: 6_000_000_000, scale_class: 'medium', founded_on: '2015-03-01', founded_ymd: 20150301, industry_code: 'C3251', chain: 'copper', tags: ['high_tech'] });
    expect(s.facts.get('new_hires@2025')).toBe(12);
    expect(s.facts.get('rd_expense_fen@2025')).toBe(1_234_567.5);
    expect(s.facts.get('listing_stage@2024')).toBe('tutoring');
    expect(s.facts.get('serious_dishonesty@2023')).toBe(false);
    expect(s.factLatestYear.get('listing_stage')).toBe(2024);
  });

  it('carries any text value intact (tabs, newlines, quotes, separators) and decimal numbers exactly', async () => {
    const odd = '含\t制表符\n换行、"引号"、\\反斜杠与\u001f\u001e分隔符';
    await fact(ids[2], 'park_note', 2026, odd);
    await fact(ids[2], 'debt_ratio', 2025, 63.25);
    const [s] = await loadMatchingSubjects(t.ctx.db, park.id, { enterpriseIds: [ids[2]] });
    expect(s.facts.get('park_note@2026')).toBe(odd);
    expect(s.facts.get('debt_ratio@2025')).toBe(63.25);
    expect(s.facts.get('new_hires@2025')).toBe(40);
  });

  it('keeps missing registry values as null (unknown), not 0', async () => {
    const [s] = await loadMatchingSubjects(t.ctx.db, park.id, { enterpriseIds: [ids[1]] });
    expect(s.fields.headcount).toBeNull();
    expect(s.fields.scale_class).toBeNull();
    expect(s.facts.size).toBe(0);
  });

  it('streams the whole park in id order across batches, and never another park', async () => {
    const other = await buildPark(t.ctx.db, '别的园区');
    await buildEnterprise(t.ctx.db, other);
    const batches: number[] = [];
    const seen: string[] = [];
    for await (const batch of streamMatchingSubjects(t.ctx.db, park.id, { batchSize: 3 })) {
      batches.push(batch.length);
      seen.push(...batch.map((s) => s.enterpriseId));
    }
    expect(batches).toEqual([3, 3, 1]);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('loads only the firms asked for, skipping unknown ids', async () => {
    const subjects = await loadMatchingSubjects(t.ctx.db, park.id, { enterpriseIds: [ids[2], '00000000-0000-4000-8000-000000000000', ids[0]] });
    expect(subjects.map((s) => s.enterpriseId).sort()).toEqual([ids[0], ids[2]].sort());
  });
});

describe('enterprise_fact_lines (the facts as the sweep reads them, kept by a trigger)', () => {
  /** What the sweep reads for a firm vs what its fact rows say. */
  let own: TestPark;
  beforeAll(async () => {
    own = await buildPark(t.ctx.db, '事实行园区');
  });
  async function both(enterpriseId: string) {
    const [subject] = await loadMatchingSubjects(t.ctx.db, own.id, { enterpriseIds: [enterpriseId] });
    const rows = await t.ctx.db.selectFrom('enterprise_facts').selectAll().where('enterprise_id', '=', enterpriseId).execute();
    const expected = new Map<string, unknown>();
    for (const r of rows) {
      const v = r.value_number ?? r.value_text ?? r.value_bool;
      if (v !== null) expected.set(`${r.key}@${r.year}`, v);
    }
    return { read: new Map(subject?.facts ?? []), expected };
  }

  it('follows every insert, update and delete of facts, several firms in one statement included', async () => {
    const f1 = await buildEnterprise(t.ctx.db, own);
    const f2 = await buildEnterprise(t.ctx.db, own);
    const row = (enterpriseId: string, key: string, year: number, value: number | string) =>
      ({ park_id: own.id, enterprise_id: enterpriseId, key, year, value_number: typeof value === 'number' ? value : null, value_text: typeof value === 'string' ? value : null, source: 'import', updated_at: new Date() }) as never;
    await t.ctx.db
      .insertInto('enterprise_facts')
      .values([f1, f2].flatMap((f, i) => [2024, 2025].map((year) => row(f.id, 'new_hires', year, 10 * (i + 1) + year - 2024))))
      .execute();
    await t.ctx.db.insertInto('enterprise_facts').values(row(f1.id, 'listing_stage', 2025, 'ipo "受理"\t')).execute();
    for (const f of [f1, f2]) {
      const { read, expected } = await both(f.id);
      expect(read).toEqual(expected);
      expect(read.size).toBeGreaterThan(1);
    }
    await t.ctx.db.updateTable('enterprise_facts').set({ value_number: 99 } as never).where('key', '=', 'new_hires').where('enterprise_id', 'in', [f1.id, f2.id]).where('year', '=', 2025).execute();
    expect((await both(f1.id)).read.get('new_hires@2025')).toBe(99);
    expect((await both(f2.id)).read.get('new_hires@2025')).toBe(99);
    // a value cleared counts as not reported; every fact gone leaves no line
    await t.ctx.db.updateTable('enterprise_facts').set({ value_text: null } as never).where('enterprise_id', '=', f1.id).where('key', '=', 'listing_stage').execute();
    expect((await both(f1.id)).read.has('listing_stage@2025')).toBe(false);
    await t.ctx.db.deleteFrom('enterprise_facts').where('enterprise_id', '=', f2.id).execute();
    expect((await both(f2.id)).read.size).toBe(0);
    expect(await t.ctx.db.selectFrom('enterprise_fact_lines').select('enterprise_id').where('enterprise_id', '=', f2.id).execute()).toEqual([]);
    // a rolled-back write leaves the line as it was
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('enterprise_facts').set({ value_number: 1 } as never).where('enterprise_id', '=', f1.id).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { read, expected } = await both(f1.id);
    expect(read).toEqual(expected);
    expect(read.get('new_hires@2024')).toBe(10);
  });
});

describe('fact tokens (a line names a fact by a number from fact_tokens)', () => {
  it('reads a fact whose key and year are first used while a stream runs, on both paths', async () => {
    const own = await buildPark(t.ctx.db, '新事实园区');
    const firms: string[] = [];
    for (let i = 0; i < 5; i++) firms.push((await buildEnterprise(t.ctx.db, own, { is_above_scale: true })).id);
    firms.sort();
    const last = firms[firms.length - 1]!;
    // tokens are per park: the new park has none for this key and year yet
    const year = 2150;
    const asOf = `${year + 1}-03-01`;
    const late = async () =>
      t.ctx.db
        .insertInto('enterprise_facts')
        .values({ park_id: own.id, enterprise_id: last, key: 'new_hires', year, value_number: 25, source: 'officer', updated_at: new Date() } as never)
        .execute();
    const tokensBefore = await t.ctx.db.selectFrom('fact_tokens').select('id').where('key', '=', 'new_hires').where('year', '=', year).execute();
    expect(tokensBefore).toEqual([]);

    // the one-firm path's stream: the fact appears after its first batch (and its next one was asked for)
    const read = new Map<string, Map<string, unknown>>();
    let n = 0;
    for await (const batch of streamMatchingSubjects(t.ctx.db, own.id, { batchSize: 1 })) {
      for (const s of batch) read.set(s.enterpriseId, new Map(s.facts));
      if (n++ === 0) await late();
    }
    expect(read.get(last)?.get(`new_hires@${year}`)).toBe(25);

    // the sweep's columns: a rule reading the new year decides the firm eligible
    await t.ctx.db.deleteFrom('enterprise_facts').where('enterprise_id', '=', last).where('year', '=', year).execute();
    const rule: PolicyRule = { ...hiring, eligibility: rb.cmp(rb.fact('new_hires', -1), '>=', rb.num(10)) };
    const matcher = createMatcher([{ policyId: 'p-new', versionId: 'v-new', rule }], asOf, { collect: true });
    n = 0;
    for await (const batch of streamFirmColumns(t.ctx.db, own.id, matcher.layout, { batchSize: 1 })) {
      matcher.addColumns(batch);
      if (n++ === 0) await late();
    }
    const summary = matcher.summary();
    expect(summary.eligible).toBe(1);
    expect(summary.results.filter((r) => r.status === 'eligible').map((r) => r.enterpriseId)).toEqual([last]);
  });
});

describe('fact tokens: a fact written without its trigger', () => {
  it('stops the line rebuild with an error instead of leaving the fact out', async () => {
    const own = await buildPark(t.ctx.db, '无触发器园区');
    const firm = await buildEnterprise(t.ctx.db, own);
    const year = 2101 + Math.floor(Math.random() * 98);
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        // as a restore or a replica would write it: triggers off, so no token is numbered
        await sql`set local session_replication_role = replica`.execute(trx);
        await trx
          .insertInto('enterprise_facts')
          .values({ park_id: own.id, enterprise_id: firm.id, key: 'new_hires', year, value_number: 3, source: 'officer', updated_at: new Date() } as never)
          .execute();
        await sql`set local session_replication_role = origin`.execute(trx);
        await sql`select yq_fact_lines_of(array[${own.id}::uuid], array[${firm.id}::uuid])`.execute(trx);
      }),
    ).rejects.toThrow(/fact_tokens has no token for new_hires@/);
  });
});

describe('matchEnterprises', () => {
  it('reports eligible firms with amounts and unknown ones with what they lack; the same as the interpreter', async () => {
    const subjects = await loadMatchingSubjects(t.ctx.db, park.id);
    const summary = matchEnterprises(subjects, [{ policyId: 'p1', versionId: 'v1', rule: hiring }], '2026-03-01');
    expect(summary.evaluated).toBe(7);
    expect(summary.eligible + summary.unknown + summary.ineligible).toBe(7);
    const byFirm = new Map(summary.results.map((r) => [r.enterpriseId, r]));
    expect(byFirm.get(ids[0])).toMatchObject({ status: 'eligible', amountFen: 480_000 });
    expect(byFirm.get(ids[1])).toMatchObject({ status: 'unknown', amountFen: null, missing: [{ kind: 'fact', key: 'new_hires', label: '新增就业人数', year: 2025 }] });
    expect(byFirm.has(ids[2])).toBe(false); // not 规上: decided without its data
    for (const s of subjects) {
      const slow = evaluateRule(hiring, s, '2026-03-01', DEFAULT_RULE_CATALOGUE);
      const fast = byFirm.get(s.enterpriseId);
      expect(fast?.status ?? 'ineligible').toBe(slow.status);
      expect(fast?.amountFen ?? null).toBe(slow.amountFen);
      expect(fast?.missing ?? []).toEqual(slow.missing);
    }
  });

  it('streams results to a callback, with reasons when asked, and counts ineligible pairs', async () => {
    const subjects = await loadMatchingSubjects(t.ctx.db, park.id);
    const got: string[] = [];
    const summary = matchEnterprises(subjects, POLICY_RULE_EXAMPLES.map((e) => ({ policyId: e.code, versionId: e.code, rule: e.rule })), '2026-03-01', {
      includeIneligible: true,
      withReasons: true,
      onResult: (r) => got.push(`${r.policyId}:${r.status}:${r.reasons!.length > 0}`),
    });
    expect(summary.results).toEqual([]);
    expect(got.length).toBe(7 * POLICY_RULE_EXAMPLES.length);
    expect(got.every((g) => g.endsWith(':true'))).toBe(true);
    expect(summary.failed).toEqual([]);
  });

  it('matches a batch without an object per pair; its pairs read back as the same results', async () => {
    const subjects = await loadMatchingSubjects(t.ctx.db, park.id);
    const m = createMatcher([{ policyId: 'p1', versionId: 'v1', rule: hiring }], '2026-03-01');
    const batch = m.add(subjects);
    expect(batch.codes.length).toBe(subjects.length);
    const a = subjects.findIndex((s) => s.enterpriseId === ids[0]);
    const b = subjects.findIndex((s) => s.enterpriseId === ids[1]);
    const c = subjects.findIndex((s) => s.enterpriseId === ids[2]);
    expect([batch.codes[a], batch.codes[b], batch.codes[c]]).toEqual([480_000, MATCH_UNKNOWN, MATCH_INELIGIBLE]);
    expect(batch.result(b).missing).toEqual([{ kind: 'fact', key: 'new_hires', label: '新增就业人数', year: 2025 }]);
    const objects = matchEnterprises(subjects, [{ policyId: 'p1', versionId: 'v1', rule: hiring }], '2026-03-01').results;
    expect(batch.results()).toEqual(objects);
    const summary = m.summary();
    expect(summary.missingItems).toBe(objects.reduce((n, r) => n + r.missing.length, 0));
    expect(summary.results).toEqual([]);
  });

  it('gives the same results from firm columns streamed from the database (the sweep) as from subjects, missing inputs included', async () => {
    const policies = [...POLICY_RULE_EXAMPLES.map((e) => ({ policyId: e.code, versionId: e.code, rule: e.rule })), { policyId: 'p1', versionId: 'v1', rule: hiring }];
    const fromSubjects = createMatcher(policies, '2026-03-01', { includeIneligible: true });
    const expected = fromSubjects.add(await loadMatchingSubjects(t.ctx.db, park.id)).results();
    const fromColumns = createMatcher(policies, '2026-03-01', { includeIneligible: true });
    const got: MatchResult[] = [];
    for await (const batch of streamFirmColumns(t.ctx.db, park.id, fromColumns.layout, { batchSize: 3 })) got.push(...fromColumns.addColumns(batch).results());
    // a batch lists its pairs policy by policy: other batches, other order
    const byPair = (rs: MatchResult[]) => [...rs].sort((a, b) => (a.enterpriseId + a.policyId < b.enterpriseId + b.policyId ? -1 : 1));
    expect(byPair(got)).toEqual(byPair(expected));
    expect(got.some((r) => r.status === 'unknown' && r.missing.length > 0)).toBe(true);
    const { results: _a, ...a } = fromSubjects.summary();
    const { results: _b, ...b } = fromColumns.summary();
    expect(b).toEqual(a);
  });

  it('reports a rule that cannot be compiled instead of failing the sweep', () => {
    const broken = { ...hiring, eligibility: rb.cmp(rb.field('chain'), '>=', rb.num(1)) };
    const summary = matchEnterprises([], [{ policyId: 'bad', versionId: 'v', rule: broken }], '2026-03-01');
    expect(summary.failed).toEqual([{ policyId: 'bad', message: '规则未通过校验:“chain”不是数值型企业信息项' }]);
  });
});

describe('sweepPark (the park on every core)', () => {
  it('gives the same totals as one matcher over the whole park, on worker threads when on a server', async () => {
    const policies = [
      { policyId: 'p1', versionId: 'v1', rule: hiring },
      { policyId: 'p2', versionId: 'v2', rule: POLICY_RULE_EXAMPLES[0]!.rule },
    ];
    const whole = createMatcher(policies, '2026-03-01');
    whole.add(await loadMatchingSubjects(t.ctx.db, park.id));
    const { results: _r, ...expected } = whole.summary();
    const target = inject('testDatabase');
    const url = target.kind === 'postgres' ? target.url : undefined;
    for (const workers of [1, 2, 3]) {
      const totals = await sweepPark(t.ctx.db, park.id, '2026-03-01', policies, { url, workers, batchSize: 2 });
      const { firms, partitions, ...summary } = totals;
      expect(summary).toEqual(expected);
      expect(firms).toBe(expected.evaluated / policies.length);
      expect(partitions.reduce((n, p) => n + p.firms, 0)).toBe(firms);
      // on a server every worker gets a share of the firms
      if (url) expect(partitions.length).toBe(workers);
    }
  });

  it('cuts the park into ranges of nearly equal size that cover every firm once', async () => {
    const all = (await loadMatchingSubjects(t.ctx.db, park.id)).map((s) => s.enterpriseId);
    const bounds = await partitionBounds(t.ctx.db, park.id, 3);
    expect(bounds).toHaveLength(2);
    const edges = [null, ...bounds, null];
    const sizes = edges.slice(0, -1).map((from, i) => all.filter((id) => (from === null || id >= from) && (edges[i + 1] === null || id < edges[i + 1]!)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(Math.ceil(all.length / 3));
  });
});

describe('loadMatchingPolicies', () => {
  it('takes the version in force at the date of published policies only', async () => {
    const later = { ...hiring, benefit: { amount: rb.num(100) } };
    const a = await policy('A-1', 'published', [
      { rule: hiring, from: '2024-01-01', status: 'superseded', no: 1 },
      { rule: later, from: '2026-07-01', status: 'published', no: 2 },
    ]);
    await policy('B-1', 'draft', [{ rule: hiring, from: '2024-01-01', status: 'draft', no: 1 }]);
    await policy('C-1', 'withdrawn', [{ rule: hiring, from: '2024-01-01', status: 'published', no: 1 }]);
    const bad = await policy('D-1', 'published', [{ rule: { version: 1, eligibility: { op: 'all', items: [] } }, from: '2024-01-01', status: 'published', no: 1 }]);

    const march = await loadMatchingPolicies(t.ctx.db, park.id, '2026-03-01');
    expect(march.policies.map((p) => [p.code, p.versionId])).toEqual([['A-1', a.versionIds[0]]]);
    expect(march.policies[0].rule).toEqual(hiring);
    expect(march.invalid).toEqual([{ policyId: bad.policyId, versionId: bad.versionIds[0], messages: expect.arrayContaining(['适用条件:"同时满足"的条件组不能为空']) }]);
    const august = await loadMatchingPolicies(t.ctx.db, park.id, '2026-08-01');
    expect(august.policies.map((p) => p.versionId)).toEqual([a.versionIds[1]]);
  });
});

describe('plainDecimal (reading numeric text in place)', () => {
  it('gives exactly what Number() gives for plain decimals, and NaN for anything else', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const digits = 1 + Math.floor(rand() * 15);
      for (let d = 0; d < digits; d++) text += Math.floor(rand() * 10);
      const dot = Math.floor(rand() * (digits + 2));
      if (dot < digits) text = `${text.slice(0, dot)}.${text.slice(dot)}`;
      if (rand() < 0.3) text = `-${text}`;
      const padded = `x${text}y`;
      expect([text, plainDecimal(padded, 1, padded.length - 1)]).toEqual([text, Number(text)]);
    }
    for (const other of ['', '-', '.', 'NaN', 'Infinity', '1e5', '1.2.3', '12a', '1234567890123456']) expect([other, plainDecimal(other, 0, other.length)]).toEqual([other, NaN]);
  });
});

describe('computeMatches', () => {
  it('decides a whole park on firm columns as it decides each firm alone', async () => {
    const own = await buildPark(t.ctx.db);
    let seed = 7;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const firms: string[] = [];
    for (let i = 0; i < 12; i++) {
      const f = await buildEnterprise(t.ctx.db, own, {
        is_above_scale: next() < 0.5,
        headcount: next() < 0.2 ? null : Math.floor(next() * 800),
        annual_revenue_fen: next() < 0.2 ? null : Math.floor(next() * 5e10),
        founded_on: next() < 0.2 ? null : `20${10 + Math.floor(next() * 15)}-06-01`,
        industry_code: next() < 0.5 ? 'C3251' : 'I6513',
        chain: next() < 0.5 ? 'copper' : 'iot',
        tags: next() < 0.4 ? ['high_tech'] : [],
      });
      firms.push(f.id);
      const facts: { key: string; year: number; n?: number; b?: boolean; s?: string }[] = [];
      for (const key of ['new_hires', 'new_graduate_hires', 'rd_expense_fen', 'revenue_fen', 'tax_paid_fen', 'ui_premium_paid_fen', 'insured_headcount'])
        for (const year of [2024, 2025, 2026]) if (next() < 0.6) facts.push({ key, year, n: Math.floor(next() * 5e6) / 100 });
      for (const key of ['serious_dishonesty', 'zombie']) if (next() < 0.7) facts.push({ key, year: 2024 + Math.floor(next() * 3), b: next() < 0.2 });
      if (next() < 0.5) facts.push({ key: 'listing_stage', year: 2025, s: next() < 0.5 ? 'tutoring' : 'listed' });
      if (facts.length > 0) {
        await t.ctx.db
          .insertInto('enterprise_facts')
          .values(facts.map((x) => ({ park_id: own.id, enterprise_id: f.id, key: x.key, year: x.year, value_number: x.n ?? null, value_bool: x.b ?? null, value_text: x.s ?? null, source: 'officer', updated_at: new Date() })) as never)
          .execute();
      }
    }
    for (const [i, e] of POLICY_RULE_EXAMPLES.entries()) {
      const p = await t.ctx.db
        .insertInto('policies')
        .values({ park_id: own.id, code: `X${i}`, title: e.title ?? `政策${i}`, category: '产业扶持', mode: 'auto', status: 'published', valid_from: '2024-01-01', created_at: new Date(), updated_at: new Date() } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.ctx.db
        .insertInto('policy_versions')
        .values({ park_id: own.id, policy_id: p.id, version_no: 1, rule: JSON.stringify(e.rule), effective_from: '2024-01-01', status: 'published', created_at: new Date(), updated_at: new Date() } as never)
        .execute();
    }
    const now = new Date('2026-03-01T02:00:00Z');
    const key = (r: MatchRow) => JSON.stringify([r.enterprise_id, r.policy_id, r.version_id, r.status, r.amount_fen, r.period_key, r.reasons, r.missing]);
    const whole = await computeMatches(t.ctx.db, own.id, now, {});
    const alone: MatchRow[] = [];
    for (const id of firms) alone.push(...(await computeMatches(t.ctx.db, own.id, now, { enterpriseIds: [id] })).rows);
    expect(whole.rows.map(key).sort()).toEqual(alone.map(key).sort());
    expect(whole.evaluated).toBe(firms.length * POLICY_RULE_EXAMPLES.length);
    expect(new Set(whole.rows.map((r) => r.status))).toEqual(new Set(['eligible', 'unknown']));
  });
});
