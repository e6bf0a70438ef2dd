import { geometryAreaM2, type ParcelGeometry } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { seedLandParcels } from '../seed/parcels.js';

const NOW = new Date('2026-12-07T02:00:00Z');
let t: TestApp;
let park: TestPark;
const copper: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '地块演示园区');
  for (let i = 0; i < 12; i += 1) copper.push((await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true, annual_revenue_fen: 300_000_000_00 - i })).id);
  for (let i = 0; i < 120; i += 1) await buildEnterprise(t.ctx.db, park, { chain: 'iot', is_above_scale: i < 40, annual_revenue_fen: 80_000_000_00 - i });
  await t.ctx.db.transaction().execute((trx) => seedLandParcels(trx, { parkId: park.id, now: NOW }));
});
afterAll(async () => {
  await t.close();
});

describe('the demo parcels', () => {
  it('lays ~300 parcels of 20–300 亩 on an 11 km² town with a 3.6 km² starter area', async () => {
    const parcels = await t.ctx.db.selectFrom('land_parcels').select(['code', 'area_mu', 'zone', 'status']).where('park_id', '=', park.id).execute();
    expect(parcels.length).toBeGreaterThanOrEqual(280);
    expect(parcels.length).toBeLessThanOrEqual(320);
    for (const p of parcels) {
      expect(Number(p.area_mu)).toBeGreaterThanOrEqual(20);
      expect(Number(p.area_mu)).toBeLessThanOrEqual(300);
      expect(p.code).toMatch(/^GX-\d{4}-\d{3}$/);
    }
    expect(parcels.filter((p) => p.zone === '起步区').length).toBeGreaterThan(50);
    const features = await t.ctx.db.selectFrom('land_map_features').select(['kind', 'geometry']).where('park_id', '=', park.id).execute();
    const km2 = (kind: string) => geometryAreaM2(features.find((f) => f.kind === kind)!.geometry as ParcelGeometry) / 1e6;
    expect(km2('town')).toBeGreaterThan(10.5);
    expect(km2('town')).toBeLessThan(11.5);
    expect(km2('starter')).toBeCloseTo(3.6, 1);
    expect(features.filter((f) => f.kind === 'road').length).toBeGreaterThan(5);
    expect(features.some((f) => f.kind === 'river')).toBe(true);
  });

  it('spreads the statuses: mostly producing, ≥ 22 idle (出让 ≥ 2 years ago, never started), ~8 inefficient, dates that agree', async () => {
    const rows = await t.ctx.db.selectFrom('land_parcels').selectAll().where('park_id', '=', park.id).execute();
    const of = (s: string) => rows.filter((r) => r.status === s);
    expect(of('producing').length).toBeGreaterThan(rows.length * 0.45);
    expect(of('idle').length).toBeGreaterThanOrEqual(22);
    expect(of('inefficient').length).toBeGreaterThanOrEqual(8);
    expect(of('construction').length).toBeGreaterThan(10);
    expect(of('transferred').length).toBeGreaterThan(5);
    expect(of('reserve').length).toBeGreaterThan(10);
    for (const r of of('idle')) {
      expect(r.transferred_on! <= '2024-12-07').toBe(true);
      expect(r.construction_on).toBeNull();
      expect(r.enterprise_id).not.toBeNull();
    }
    for (const r of [...of('producing'), ...of('inefficient')]) {
      expect(r.transferred_on! < r.construction_on!).toBe(true);
      expect(r.construction_on! < r.producing_on!).toBe(true);
      expect(r.producing_on! <= '2026-12-07').toBe(true);
    }
    for (const r of of('reserve')) expect(r.enterprise_id).toBeNull();
    expect(rows.filter((r) => r.floor_area_m2 !== null).length).toBeGreaterThan(100);
  });

  it('gives the copper firms the bigger parcels', async () => {
    const avg = await t.ctx.db
      .selectFrom('land_parcels as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .select(['e.chain', sql<string>`avg(p.area_mu)::text`.as('mu')])
      .where('p.park_id', '=', park.id)
      .groupBy('e.chain')
      .execute();
    const mu = (c: string) => Number(avg.find((a) => a.chain === c)!.mu);
    expect(mu('copper')).toBeGreaterThan(mu('iot') * 1.5);
  });

  it('writes a timeline that ends in each parcel\'s status', async () => {
    const rows = await sql<{ status: string; last: string; n: number }>`
      select p.status, (select e.to_status from land_parcel_events e where e.parcel_id = p.id order by e.at desc, e.id desc limit 1) as last,
             (select count(*)::int from land_parcel_events e where e.parcel_id = p.id) as n
        from land_parcels p where p.park_id = ${park.id}`.execute(t.ctx.db);
    for (const r of rows.rows) expect(r.last).toBe(r.status);
    const idle = rows.rows.filter((r) => r.status === 'idle');
    for (const r of idle) expect(r.n).toBe(3); // create, transfer, mark_idle
  });
});
