import { sql } from 'kysely';
import type { ApartmentApplicationView, ApartmentOccupancyView, ApartmentRuleSetView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedLandApartments } from '../seed/apartments.js';
import { freshIdCard } from './test-factories.js';

const NOW = new Date('2026-12-07T02:00:00Z');
const TODAY = '2026-12-07';
let t: TestApp;
let park: TestPark;
let office: Client;
let demoFirmUser: Client;
let demoFirmId: string;
let seconds: number;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '公寓演示园区');
  for (let i = 0; i < 30; i += 1) await buildEnterprise(t.ctx.db, park, { is_above_scale: i % 3 === 0, tags: i % 4 === 0 ? ['高新技术企业'] : [], headcount: 50 + i * 10, chain: i % 2 ? 'iot' : 'copper' });
  demoFirmId = (await buildEnterprise(t.ctx.db, park, { headcount: 5 })).id;
  office = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: `dispatcher-${park.code}` }));
  await t.ctx.db.updateTable('users').set({ username: 'dispatcher' }).where('park_id', '=', park.id).where('roles', '@>', sql<string[]>`array['dispatcher']`).execute().catch(() => undefined);
  const demoUser = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: demoFirmId, username: `enterprise-${park.code}` });
  demoFirmUser = await clientAs(t, demoUser);
  // the seed finds the demo firm by the log-in name 'enterprise' (unique across parks: renamed only if free)
  const taken = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'enterprise').executeTakeFirst();
  if (!taken) await t.ctx.db.updateTable('users').set({ username: 'enterprise' }).where('id', '=', demoUser.id).execute();
  const started = Date.now();
  await t.ctx.db.transaction().execute((trx) => seedLandApartments(trx, { parkId: park.id, now: NOW }));
  seconds = (Date.now() - started) / 1000;
});
afterAll(async () => {
  await t.close();
});

describe('the demo 人才公寓', () => {
  it('has 1,000+ apartments, 85–90 % of them lived in today, a waitlist of 40 in score order', async () => {
    expect(seconds).toBeLessThan(60);
    const o: ApartmentOccupancyView = (await office.get(`/api/land/apartments/occupancy?on=${TODAY}`)).json();
    expect(o.total).toBeGreaterThanOrEqual(1000);
    expect(o.occupancyPct).toBeGreaterThanOrEqual(85);
    expect(o.occupancyPct).toBeLessThanOrEqual(90);
    expect(o.allocated).toBeGreaterThan(0);
    expect(o.waitlist).toBe(40);
    expect(o.byFirm.length).toBeGreaterThan(20);
    expect(o.allocatedAverageWaitDays).toBeGreaterThan(10);
    // a year ago fewer lived there
    const before: ApartmentOccupancyView = (await office.get('/api/land/apartments/occupancy?on=2025-06-30')).json();
    expect(before.occupied).toBeLessThan(o.occupied);
    const wl = (await office.get('/api/land/apartments/waitlist?pageSize=50')).json();
    expect(wl.total).toBe(40);
    const scores = wl.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(wl.items.map((i: { queuePosition: number }) => i.queuePosition)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('keeps states, occupancies and timelines consistent', async () => {
    const apps = await sql<{ status: string; n: number }>`select status, count(*)::int as n from apartment_applications where park_id = ${park.id} group by status`.execute(t.ctx.db);
    const by = Object.fromEntries(apps.rows.map((r) => [r.status, r.n]));
    expect(by.rejected).toBeGreaterThan(10);
    expect(by.moved_out).toBeGreaterThan(100);
    expect(by.withdrawn).toBeGreaterThan(5);
    const bad = await sql<{ n: number }>`
      select count(*)::int as n from apartment_applications a
       where a.park_id = ${park.id} and (
         (a.status in ('allocated', 'moved_in', 'moved_out') and not exists (select 1 from apartment_occupancies o where o.application_id = a.id and o.unit_id = a.unit_id and o.starts_on = a.allocated_on
              and (o.ends_on is not distinct from a.move_out_on)))
         or (a.status = 'moved_in' and a.move_in_on is null)
         or (a.status in ('waitlisted', 'rejected', 'withdrawn') and a.unit_id is not null)
         or (a.allocated_on < (a.submitted_at at time zone 'Asia/Shanghai')::date)
         or (a.move_in_on < a.allocated_on) or (a.move_out_on < a.move_in_on)
         or a.status <> (select e.to_status from apartment_application_events e where e.application_id = a.id order by e.id desc limit 1)
         or (a.eligible = (a.status = 'rejected')))`.execute(t.ctx.db);
    expect(bad.rows[0]!.n).toBe(0);
    // the 2026 revision evaluated the applications filed since 2026-03-01
    const sets: ApartmentRuleSetView[] = (await office.get('/api/land/apartments/rule-sets')).json();
    expect(sets.map((s) => s.validFrom)).toEqual(['2026-03-01', '2024-01-01']);
    expect(sets.every((s) => s.applications > 0)).toBe(true);
  });

  it('gives the demo firm one application waitlisted and one moved in, and numbers new ones after the seeded codes', async () => {
    const mine = (await demoFirmUser.get('/api/land/apartments/applications')).json();
    const statuses = mine.items.map((i: { status: string }) => i.status).sort();
    const taken = await t.ctx.db.selectFrom('users').select('park_id').where('username', '=', 'enterprise').executeTakeFirst();
    if (taken?.park_id === park.id) expect(statuses).toEqual(['moved_in', 'moved_out', 'rejected', 'waitlisted']);
    const fresh = await office.post('/api/land/apartments/applications', {
      enterpriseId: demoFirmId,
      applicantName: '新申请',
      idNumber: freshIdCard(),
      phone: '13800001111',
      position: '工程师',
      facts: { education: 'master', title: 'none', employedMonths: 30, socialInsuranceMonths: 30, hasHouseInCity: false },
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
    const view: ApartmentApplicationView = fresh.json();
    expect(view.status).toBe('waitlisted');
    expect(view.ruleSet!.validFrom).toBe('2026-03-01');
    const dup = await t.ctx.db.selectFrom('apartment_applications').select('id').where('park_id', '=', park.id).where('code', '=', view.code).execute();
    expect(dup).toHaveLength(1);
  });
});
