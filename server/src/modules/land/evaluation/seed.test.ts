import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { seedLandEvaluation } from '../seed/evaluation.js';

const NOW = new Date('2026-12-08T02:00:00Z');
let t: TestApp;
let park: TestPark;
const weakParcel: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '亩均演示园区');
  for (let i = 0; i < 30; i++) {
    const firm = await buildEnterprise(t.ctx.db, park, { name: `亩均演示${String(i).padStart(2, '0')}有限公司` });
    const status = i < 3 ? 'inefficient' : i < 25 ? 'producing' : 'construction';
    const row = await t.ctx.db
      .insertInto('land_parcels')
      .values({
        park_id: park.id, code: `D-${i}`, boundary: JSON.stringify({ type: 'Polygon', coordinates: [[[117, 28], [117.001, 28], [117.001, 28.001], [117, 28]]] }),
        area_mu: 20 + i, centroid_lng: 117, centroid_lat: 28, planned_use: 'industrial', enterprise_id: firm.id, status, status_since: '2025-06-01',
        transferred_on: '2020-01-01', construction_on: '2020-06-01', producing_on: status === 'construction' ? null : '2021-06-01', created_at: NOW, updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i < 3) weakParcel.push(row.id);
  }
  await t.ctx.db.transaction().execute((trx) => seedLandEvaluation(trx, { parkId: park.id, now: NOW }));
});
afterAll(async () => {
  await t.close();
});

describe('the demo 亩均 evaluation', () => {
  it('keeps two dated threshold versions and grades 2024 and 2025 with a spread of grades', async () => {
    const versions = await t.ctx.db.selectFrom('land_evaluation_thresholds').select('valid_from').where('park_id', '=', park.id).orderBy('valid_from').execute();
    expect(versions.map((v) => v.valid_from)).toEqual(['2024-01-01', '2026-01-01']);
    const rows = await t.ctx.db.selectFrom('land_evaluations').select(['year', 'grade', 'enterprise_id']).where('park_id', '=', park.id).execute();
    expect(rows.filter((r) => r.year === 2024)).toHaveLength(30);
    expect(rows.filter((r) => r.year === 2025)).toHaveLength(30);
    const grades = new Set(rows.filter((r) => r.year === 2025).map((r) => r.grade));
    expect(grades.size).toBeGreaterThanOrEqual(3);
  });

  it('grades the firms already holding a 低效 parcel D, so their parcels stay 低效 after publication', async () => {
    const parcels = await t.ctx.db.selectFrom('land_parcels').select(['id', 'status']).where('id', 'in', weakParcel).execute();
    expect(parcels.every((p) => p.status === 'inefficient')).toBe(true);
    const d = await t.ctx.db.selectFrom('land_evaluations').select('enterprise_id').where('park_id', '=', park.id).where('year', '=', 2025).where('grade', '=', 'D').execute();
    const inefficient = await t.ctx.db.selectFrom('land_parcels').select('enterprise_id').where('park_id', '=', park.id).where('status', '=', 'inefficient').execute();
    // every 低效 parcel belongs to a D firm of the published year (computed, never typed)
    const dSet = new Set(d.map((r) => r.enterprise_id));
    expect(inefficient.every((p) => dSet.has(p.enterprise_id!))).toBe(true);
  });
});
