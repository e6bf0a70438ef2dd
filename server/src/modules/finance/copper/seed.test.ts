import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { copperPriceSeries, seedCopper } from '../seed/copper.js';

// Monday 7 Dec 2026, 10:00 Shanghai
const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let park: TestPark;
let demoFirmId: string;
let demoBankId: string;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  for (let i = 0; i < 12; i++) await buildEnterprise(t.ctx.db, park, { chain: i % 4 === 3 ? 'iot' : 'copper' });
  const demoFirm = await buildEnterprise(t.ctx.db, park, { chain: 'copper' });
  demoFirmId = demoFirm.id;
  const banks = [];
  for (let i = 0; i < 5; i++) banks.push(await buildBank(t.ctx.db, park, `第${i + 1}银行`));
  demoBankId = banks[0]!.id;
  await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: demoFirm.id });
  await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: demoBankId });
  await buildUser(t.ctx.db, park, { roles: ['finance_officer'] });
  const started = Date.now();
  await t.ctx.db.transaction().execute((trx) => seedCopper(trx, { parkId: park.id, now: NOW }));
  expect(Date.now() - started).toBeLessThan(20_000);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('seedCopper', () => {
  it('seeds two years of working-day prices between ¥62,000 and ¥82,000 per ton, ending with a fall', async () => {
    const prices = await t.ctx.db.selectFrom('copper_prices').select(['price_on', 'price_fen_per_ton']).where('park_id', '=', park.id).orderBy('price_on').execute();
    expect(prices.length).toBeGreaterThan(470);
    expect(prices.length).toBeLessThan(500);
    expect(prices[0]!.price_on >= '2024-12-07').toBe(true);
    expect(prices.at(-1)!.price_on).toBe('2026-12-07');
    // no weekend day (2026-12-05 is a Saturday), the 调休 Saturday 2026-02-28 is a working day
    expect(prices.some((p) => p.price_on === '2026-12-05')).toBe(false);
    expect(prices.some((p) => p.price_on === '2026-02-28')).toBe(true);
    for (const p of prices) {
      expect(Number(p.price_fen_per_ton)).toBeGreaterThanOrEqual(6_200_000);
      expect(Number(p.price_fen_per_ton)).toBeLessThanOrEqual(8_200_000);
    }
    const last = Number(prices.at(-1)!.price_fen_per_ton);
    const weekBefore = Number(prices.at(-7)!.price_fen_per_ton);
    expect(last / weekBefore).toBeLessThan(0.96);
  });

  it('is deterministic', () => {
    const days = Array.from({ length: 300 }, (_, i) => `d${i}`);
    expect(copperPriceSeries(days)).toEqual(copperPriceSeries(days));
  });

  it('seeds ten receipts, six pledges (the demo firm’s own with the demo bank) and margin calls open today and resolved before', async () => {
    const receipts = await t.ctx.db.selectFrom('warehouse_receipts').selectAll().where('park_id', '=', park.id).execute();
    expect(receipts).toHaveLength(10);
    const pledges = await t.ctx.db.selectFrom('copper_pledges').selectAll().where('park_id', '=', park.id).execute();
    expect(pledges).toHaveLength(6);
    expect(pledges.filter((p) => p.bank_id === demoBankId).length).toBeGreaterThanOrEqual(2);
    expect(pledges.some((p) => p.enterprise_id === demoFirmId && p.bank_id === demoBankId)).toBe(true);
    expect(new Set(pledges.map((p) => p.bank_id)).size).toBeGreaterThanOrEqual(4);
    for (const p of pledges) expect(receipts.find((r) => r.id === p.receipt_id)!.status).toBe('pledged');
    const calls = await t.ctx.db.selectFrom('margin_calls').selectAll().where('park_id', '=', park.id).execute();
    const openToday = calls.filter((c) => c.status === 'open' && c.call_on === '2026-12-07');
    expect(openToday.length).toBeGreaterThanOrEqual(1);
    expect(openToday.some((c) => c.bank_id === demoBankId)).toBe(true);
    expect(calls.some((c) => c.status === 'resolved' && c.call_on < '2026-12-07')).toBe(true);
    // each open call's pledge waits for the top-up
    for (const c of openToday) expect(pledges.find((p) => p.id === c.pledge_id)!.status).toBe('margin_call');
  });
});
