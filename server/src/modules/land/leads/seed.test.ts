import type { LeadFunnel } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedLandLeads } from '../seed/leads.js';

const NOW = new Date('2026-12-08T02:00:00Z');
const YI = 100_000_000 * 100;
let t: TestApp;
let park: TestPark;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '招商演示园区');
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  await buildUser(t.ctx.db, park, { roles: ['leader'] });
  const started = Date.now();
  await t.ctx.db.transaction().execute((trx) => seedLandLeads(trx, { parkId: park.id, now: NOW }));
  console.log(`seedLandLeads: ${Date.now() - started} ms`);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('the demo year of leads', () => {
  it('receives about 120 leads over the last 12 months, most negotiated, about 15 signed, some at committee and dropped', async () => {
    const rows = await t.ctx.db
      .selectFrom('investment_leads')
      .select(['status', sql<number>`count(*)::int`.as('n'), sql<string>`min(received_on)::text`.as('first'), sql<string>`max(received_on)::text`.as('last')])
      .where('park_id', '=', park.id)
      .groupBy('status')
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const total = Object.values(by).reduce((a, b) => a + b, 0);
    expect(total).toBe(120);
    expect(rows.every((r) => r.first >= '2025-12-08' && r.last <= '2026-12-08')).toBe(true);
    expect(by.signed).toBeGreaterThanOrEqual(12);
    expect(by.signed).toBeLessThanOrEqual(17);
    expect(by.committee).toBeGreaterThan(0);
    expect(by.dropped).toBeGreaterThan(5);
    const negotiated = await t.ctx.db.selectFrom('investment_negotiations').select(sql<number>`count(distinct lead_id)::int`.as('n')).where('park_id', '=', park.id).executeTakeFirstOrThrow();
    expect(Number(negotiated.n)).toBeGreaterThan(total / 2);
    // every signed lead has its project, made by signing (the timeline says so)
    const signed = await t.ctx.db.selectFrom('investment_leads as l').innerJoin('investment_projects as p', 'p.id', 'l.project_id').select(['l.id', 'p.amount_fen', 'l.amount_fen as lead_amount']).where('l.park_id', '=', park.id).execute();
    expect(signed).toHaveLength(by.signed!);
    for (const s of signed) expect(Number(s.amount_fen)).toBe(Number(s.lead_amount));
    const signEvents = await t.ctx.db.selectFrom('investment_lead_events').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', park.id).where('action', '=', 'sign').executeTakeFirstOrThrow();
    expect(Number(signEvents.n)).toBe(by.signed);
  });

  it('shows the three 屏对屏 signings of ¥20亿 in the funnel of their period', async () => {
    const f = (await (await officer.get('/api/land/leads/funnel?from=2026-02-01&to=2026-02-28')).json()) as LeadFunnel;
    const giants = f.signings.filter((s) => s.source === 'online' && s.amountFen === 20 * YI);
    expect(giants).toHaveLength(3);
    expect(giants.every((g) => g.signedOn === '2026-02-09' && g.projectId)).toBe(true);
    expect(giants.map((g) => g.investor).join()).toContain('朗通电子');
    expect(giants.map((g) => g.investor).join()).toContain('康德金属');
    expect(f.activity.signedOnline.count).toBeGreaterThanOrEqual(3);
    const year = (await (await officer.get('/api/land/leads/funnel?from=2025-12-08&to=2026-12-08')).json()) as LeadFunnel;
    expect(year.total.received.count).toBe(120);
    expect(year.total.signed.count).toBeGreaterThanOrEqual(12);
    expect(year.total.online.sharePercent).toBeGreaterThan(20);
    // every negotiation of the three was by video
    const forms = await t.ctx.db
      .selectFrom('investment_negotiations')
      .select('form')
      .distinct()
      .where('park_id', '=', park.id)
      .where('lead_id', 'in', giants.map((g) => g.leadId))
      .execute();
    expect(forms.map((x) => x.form)).toEqual(['online']);
  });
});
