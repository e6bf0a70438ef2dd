import type { AcquisitionAreaList } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { seedLandAcquisition } from '../seed/acquisition.js';

const NOW = new Date('2026-12-08T02:00:00Z');
let t: TestApp;
let park: TestPark;
let list: AcquisitionAreaList;
let masked: AcquisitionAreaList;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '征迁演示园区');
  const dispatcher = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: `dispatcher-${park.id.slice(0, 8)}` });
  const admin = await buildUser(t.ctx.db, park, { roles: ['admin'], username: `admin-${park.id.slice(0, 8)}` });
  await t.ctx.db.transaction().execute((trx) => seedLandAcquisition(trx, { parkId: park.id, now: NOW }));
  list = (await (await clientAs(t, dispatcher)).get('/api/land/acquisition/areas')).json();
  masked = (await (await clientAs(t, admin)).get('/api/land/acquisition/areas')).json();
});
afterAll(async () => {
  await t.close();
});

describe('the demo 征地拆迁 register', () => {
  it('has 智联小镇 with 1,076 households and units totalling about 25万 ㎡, all signed, paid, moved out, zero incidents', () => {
    const zl = list.items.find((a) => a.name === '智联小镇')!;
    expect(zl.statement.total).toBe(1076);
    expect(zl.statement.buildingAreaM2).toBeGreaterThanOrEqual(249_500);
    expect(zl.statement.buildingAreaM2).toBeLessThanOrEqual(250_500);
    expect(zl.statement).toMatchObject({ signed: 1076, movedOut: 1076 });
    expect(zl.statement.compensationPaidFen).toBe(zl.statement.compensationAgreedFen);
    expect(zl.statement.sentence).toBe(`1076户(含单位${zl.statement.units}家)25万平方米,全部签约、全部搬迁,零事故、零纠纷、零上访`);
    expect(zl.isOfficer).toBe(true);
  });

  it('has an ongoing area with open items and one resolved dispute; the dispatcher is its officer only for 智联小镇', () => {
    const gt = list.items.find((a) => a.name === '高铁北片区')!;
    expect(gt.isOfficer).toBe(false);
    expect(gt.statement.signed).toBeLessThan(gt.statement.total);
    expect(gt.statement.compensationPaidFen).toBeLessThan(gt.statement.compensationAgreedFen);
    expect(gt.statement.incidents.dispute).toEqual({ total: 1, open: 0, resolved: 1 });
    expect(gt.statement.incidents.petition.open).toBe(1);
    expect(masked.items.find((a) => a.name === '智联小镇')!.isOfficer).toBe(false);
    expect(masked.items.find((a) => a.name === '高铁北片区')!.isOfficer).toBe(true);
  });
});
