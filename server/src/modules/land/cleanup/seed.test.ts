import type { CleanupCampaignDetail } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedLandCleanup } from '../seed/cleanup.js';
import { buildParcel, buildProject, gradeFirm } from './test-factories.js';

const NOW = new Date('2026-12-07T02:00:00Z');
let t: TestApp;
let park: TestPark;
let leader: Client;
const idle: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '清理演示园区');
  await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: `dispatcher-${park.id.slice(0, 8)}` });
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  for (let i = 0; i < 22; i += 1) {
    const firm = await buildEnterprise(t.ctx.db, park);
    idle.push((await buildParcel(t.ctx.db, park, { status: i % 2 ? 'idle' : 'transferred', transferredOn: `20${18 + (i % 5)}-0${1 + (i % 8)}-15`, enterpriseId: firm.id, areaMu: 20 + i * 3.5 })).id);
  }
  for (let i = 0; i < 3; i += 1) {
    const firm = await buildEnterprise(t.ctx.db, park);
    await buildParcel(t.ctx.db, park, { status: 'producing', transferredOn: '2015-03-01', constructionOn: '2015-09-01', enterpriseId: firm.id, areaMu: 55 });
    await gradeFirm(t.ctx.db, park, firm.id, 2025, 'D');
  }
  for (let i = 0; i < 7; i += 1) await buildProject(t.ctx.db, park, { amountFen: (20 + i * 5) * 100_000_000_00, signedOn: `2026-${String(5 + i).padStart(2, '0')}-10` });
  for (let i = 0; i < 5; i += 1) await buildProject(t.ctx.db, park, { amountFen: (10 + i * 2) * 100_000_000_00, signedOn: `2026-${String(6 + i).padStart(2, '0')}-20` });
  await buildProject(t.ctx.db, park, { amountFen: 3 * 100_000_000_00 });
  await t.ctx.db.transaction().execute((trx) => seedLandCleanup(trx, { parkId: park.id, now: NOW }));
});
afterAll(async () => {
  await t.close();
});

describe('the demo clean-up campaign', () => {
  it('recovered 12 parcels (their own area), re-allocated 8 to five 20亿 and three 10亿 projects, and keeps open cases alive', async () => {
    const list = (await leader.get('/api/land/cleanup/campaigns')).json();
    expect(list.total).toBe(1);
    const detail: CleanupCampaignDetail = (await leader.get(`/api/land/cleanup/campaigns/${list.items[0].id}`)).json();
    const f = detail.figures;
    expect(f.recoveredParcels).toBe(12);
    expect(f.reallocatedParcels).toBe(8);
    expect(f.projectsByClass).toEqual({ b20: 5, b10: 3, other: 0 });
    expect(f.compensationFen).toBeGreaterThan(0);
    expect(f.byStatus).toMatchObject({ notified: 2, interviewed: 1, deadline: 2, resolved: 1, agreement: 1, recovered: 4, reallocated: 8 });
    expect(f.overdue).toBe(0);
    // 亩 = the recovered parcels' areas, and the sentence says the computed figures
    const parcels = await t.ctx.db
      .selectFrom('land_cleanup_cases as c')
      .innerJoin('land_parcels as p', 'p.id', 'c.parcel_id')
      .select(['p.area_mu', 'c.recovered_mu', 'p.status', 'c.status as case_status', 'c.recovered_on', 'c.new_project_id', 'p.project_id'])
      .where('c.park_id', '=', park.id)
      .where('c.recovered_on', 'is not', null)
      .execute();
    const sum = parcels.reduce((s, p) => s + Number(p.area_mu), 0);
    expect(f.recoveredMu).toBeCloseTo(sum, 4);
    for (const p of parcels) {
      expect(Number(p.recovered_mu)).toBe(Number(p.area_mu));
      expect(p.status).toBe(p.case_status === 'reallocated' ? 'reallocated' : 'recovered');
      if (p.case_status === 'reallocated') expect(p.project_id).toBe(p.new_project_id);
    }
    expect(f.sentence).toBe(`回收闲置土地12宗${Math.round(sum * 10_000) / 10_000}亩,“腾笼换鸟”导入20亿元项目5个、10亿元项目3个`);
    // the parcels' own timelines hold the recovery
    const events = await t.ctx.db.selectFrom('land_parcel_events').select('action').where('park_id', '=', park.id).where('action', 'in', ['recover', 'reallocate']).execute();
    expect(events.filter((e) => e.action === 'recover')).toHaveLength(12);
    expect(events.filter((e) => e.action === 'reallocate')).toHaveLength(8);
  });
});
