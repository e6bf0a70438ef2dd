import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { WorkingCalendar, shanghaiDate } from '../../../platform/calendar/index.js';
import { DEFAULT_DEMAND_CATEGORIES } from '@yuanqi/contract';
import { seedDemandHistory, type DemandHistoryResult } from './history.js';

const NOW = new Date('2026-11-26T02:00:00Z');
let t: TestApp;
let park: TestPark;
let result: DemandHistoryResult;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '历史园区');
  const liaisons = [await buildUser(t.ctx.db, park, { roles: ['liaison'] }), await buildUser(t.ctx.db, park, { roles: ['liaison'] })];
  await buildUser(t.ctx.db, park, { roles: ['dispatcher'] });
  for (let i = 0; i < 12; i++) {
    const firm = await buildEnterprise(t.ctx.db, park, { liaison_id: i < 10 ? liaisons[i % 2]!.id : null });
    if (i === 0) await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  }
  result = await t.ctx.db.transaction().execute((trx) => seedDemandHistory(trx, { parkId: park.id, now: NOW, demands: 400 }));
});
afterAll(async () => {
  await t.close();
});

describe('seedDemandHistory', () => {
  it('writes a year of demands, visits, 代办, meetings and targets', async () => {
    expect(result.demands).toBe(405); // 400 + the demo firm's five
    expect(result.visits).toBeGreaterThan(2 * 2 * 45);
    expect(result.daiban).toBeGreaterThan(50);
    expect(result.events).toBeGreaterThan(result.demands * 3);
    expect(result.targets).toBe(2 * 13);
  });

  it('keeps every demand consistent with its timeline and the calendar', async () => {
    const calendar = new WorkingCalendar();
    const acceptDays = new Map<string, number>(DEFAULT_DEMAND_CATEGORIES.map((c) => [c.code, c.acceptDays]));
    const demands = await t.ctx.db.selectFrom('demands').selectAll().where('park_id', '=', park.id).execute();
    const events = await t.ctx.db.selectFrom('demand_events').selectAll().where('park_id', '=', park.id).orderBy('id').execute();
    const byDemand = new Map<string, typeof events>();
    for (const e of events) byDemand.set(e.demand_id, [...(byDemand.get(e.demand_id) ?? []), e]);
    expect(new Set(demands.map((d) => d.number)).size).toBe(demands.length);
    for (const d of demands) {
      const timeline = byDemand.get(d.id)!;
      expect(timeline[0]!.action).toBe('submit');
      expect(timeline.every((e) => e.at.getTime() <= NOW.getTime())).toBe(true);
      const lastChange = [...timeline].reverse().find((e) => e.to_status !== e.from_status);
      expect(lastChange?.to_status, d.number).toBe(d.status);
      expect(d.number.startsWith(`SQ${shanghaiDate(d.created_at).replaceAll('-', '')}-`)).toBe(true);
      // The 签收 deadline as entered at filing (a dispatch decision may move it later).
      const filedDue = (timeline[0]!.data as { acceptDueAt: string }).acceptDueAt;
      expect(new Date(filedDue).getTime()).toBe(calendar.computeDueAt(d.created_at, acceptDays.get(d.category)!).getTime());
      const open = ['submitted', 'accepted', 'in_progress', 'reopened'].includes(d.status);
      expect(d.due_at !== null).toBe(open);
      if (open && d.due_at!.getTime() < NOW.getTime()) expect(d.overdue_at, d.number).not.toBeNull();
      if (d.resolved_at) expect(d.answer_working_days).toBe(calendar.workingDaysBetween(shanghaiDate(d.created_at), shanghaiDate(d.answered_at!)));
    }
    const statuses = new Set(demands.map((d) => d.status));
    for (const s of ['submitted', 'accepted', 'in_progress', 'resolved', 'closed']) expect(statuses.has(s as never), s).toBe(true);
    expect(demands.filter((d) => d.due_at && d.due_at.getTime() < NOW.getTime()).length).toBeGreaterThan(0);
    const onTime = demands.filter((d) => d.answered_on_time).length / demands.filter((d) => d.resolved_at).length;
    expect(onTime).toBeGreaterThan(0.7);
    expect(onTime).toBeLessThan(0.97);
  });

  it('numbers today’s next filing after the seeded ones', async () => {
    const day = shanghaiDate(NOW).replaceAll('-', '');
    const seq = await t.ctx.db.selectFrom('demand_number_sequences').select('last').where('park_id', '=', park.id).where('day', '=', day).executeTakeFirst();
    const today = await t.ctx.db.selectFrom('demands').select('number').where('park_id', '=', park.id).where('number', 'like', `SQ${day}-%`).execute();
    expect(seq?.last ?? 0).toBe(today.length);
  });

  it('records the meetings’ decisions on the demands they concern', async () => {
    const items = await t.ctx.db.selectFrom('dispatch_items').selectAll().where('park_id', '=', park.id).execute();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items.slice(0, 20)) {
      const dispatch = await t.ctx.db.selectFrom('demand_events').select(['note']).where('demand_id', '=', item.demand_id).where('action', '=', 'dispatch').execute();
      expect(dispatch.map((e) => e.note)).toContain(item.decision);
    }
  });
});
