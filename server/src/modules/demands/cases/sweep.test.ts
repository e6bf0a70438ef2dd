import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDemand, eventsOf, notificationsOf, reloadDemand } from '../../../../test/demand-factories.js';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';
import { sweepDemands } from './sweep.js';

// The sweep scans every park of the database unless told otherwise; on PostgreSQL other test files
// share it, so these tests sweep their own park only (another file's overdue demands are not
// theirs to escalate) and judge the sweep by their own park's rows.
const START = new Date('2026-11-26T02:00:00Z');
let t: TestApp;
let park: TestPark;
let liaison: UserRow;
let dispatcher: UserRow;
let firm: EnterpriseRow;
let firmUser: UserRow;

beforeAll(async () => {
  t = await createTestApp({}, START);
  park = await buildPark(t.ctx.db);
  liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  dispatcher = await buildUser(t.ctx.db, park, { roles: ['dispatcher'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id });
  firmUser = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
});
afterAll(async () => {
  await t.close();
});

const overdueSince = (hours: number) => new Date(START.getTime() - hours * 3_600_000);

describe('sweepDemands', () => {
  it('escalates a demand when its answer deadline passes, once when run twice', async () => {
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'accepted', dueAt: overdueSince(10) });
    const notYet = await buildDemand(t.ctx.db, park, firm, { status: 'accepted', dueAt: new Date(START.getTime() + 3_600_000) });
    const first = await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    await sweepDemands(t.ctx, new Date(START.getTime() + 60_000 - 3_600_000 * 0), { parkIds: [park.id] });
    const row = await reloadDemand(t.ctx.db, d.id);
    expect(row.escalated_at?.toISOString()).toBe(START.toISOString());
    expect(row.overdue_at?.toISOString()).toBe(START.toISOString());
    expect(row.escalation_count).toBe(1);
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => e.action)).toEqual(['escalate']);
    expect((await reloadDemand(t.ctx.db, notYet.id)).escalated_at).toBeNull();
    const toDispatcher = (await notificationsOf(t.ctx.db, dispatcher.id)).filter((n) => n.kind === 'demand.escalated');
    expect(toDispatcher).toHaveLength(1);
    const toOwner = (await notificationsOf(t.ctx.db, liaison.id)).filter((n) => n.kind === 'demand.overdue' && n.link === `/demands/${d.id}`);
    expect(toOwner).toHaveLength(1);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', d.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['escalate']);
  });

  it('escalates once when two sweeps run concurrently', async () => {
    const demands = await Promise.all(Array.from({ length: 5 }, () => buildDemand(t.ctx.db, park, firm, { status: 'submitted', dueAt: overdueSince(2) })));
    await Promise.all([sweepDemands(t.ctx, START, { batchSize: 2, parkIds: [park.id] }), sweepDemands(t.ctx, START, { batchSize: 2, parkIds: [park.id] })]);
    for (const d of demands) {
      expect((await eventsOf(t.ctx.db, d.id)).filter((e) => e.action === 'escalate')).toHaveLength(1);
      expect((await reloadDemand(t.ctx.db, d.id)).escalation_count).toBe(1);
    }
  });

  it('escalates again only after a new deadline is missed', async () => {
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'accepted', dueAt: overdueSince(30) });
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    const dispatcherClient = await clientAs(t, dispatcher);
    const created = await dispatcherClient.post('/api/dispatch-meetings', { heldOn: '2026-11-26', attendees: ['刘主任'] });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    const item = meeting.items.find((i: { demandId: string }) => i.demandId === d.id);
    expect(item).toBeDefined();
    const decided = await dispatcherClient.patch(`/api/dispatch-meetings/${meeting.id}/items/${item.id}`, { decision: '限期答复', newDueDate: '2026-11-27' });
    expect(decided.statusCode).toBe(200);
    expect((await reloadDemand(t.ctx.db, d.id)).escalated_at).toBeNull();
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    expect((await reloadDemand(t.ctx.db, d.id)).escalation_count).toBe(1);
    await sweepDemands(t.ctx, new Date('2026-11-28T01:00:00Z'), { parkIds: [park.id] });
    const row = await reloadDemand(t.ctx.db, d.id);
    expect(row.escalation_count).toBe(2);
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => e.action)).toEqual(['escalate', 'dispatch', 'escalate']);
  });

  it('reminds the owner once, one working day before the deadline', async () => {
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'accepted', dueAt: new Date('2026-11-27T15:59:59.999Z'), remindAt: new Date('2026-11-26T01:00:00Z') });
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    await sweepDemands(t.ctx, new Date(START.getTime() + 60_000), { parkIds: [park.id] });
    const reminders = (await notificationsOf(t.ctx.db, liaison.id)).filter((n) => n.kind === 'demand.reminder' && n.link === `/demands/${d.id}`);
    expect(reminders).toHaveLength(1);
    const row = await reloadDemand(t.ctx.db, d.id);
    expect(row.remind_at).toBeNull();
    expect(row.reminded_at?.toISOString()).toBe(START.toISOString());
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => e.action)).toEqual(['remind']);
  });

  it('drops a reminder whose deadline already passed (the escalation speaks instead)', async () => {
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'accepted', dueAt: overdueSince(1), remindAt: overdueSince(20) });
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => e.action)).toEqual(['escalate']);
    expect((await reloadDemand(t.ctx.db, d.id)).remind_at).toBeNull();
  });

  it('closes a demand answered 7 days ago and not confirmed, and asks the firm for a rating', async () => {
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'resolved', resolvedAt: new Date('2026-11-19T01:00:00Z'), autoCloseAt: new Date('2026-11-26T01:00:00Z') });
    const fresh = await buildDemand(t.ctx.db, park, firm, { status: 'resolved', resolvedAt: new Date('2026-11-25T01:00:00Z'), autoCloseAt: new Date('2026-12-02T01:00:00Z') });
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    await sweepDemands(t.ctx, START, { parkIds: [park.id] });
    const row = await reloadDemand(t.ctx.db, d.id);
    expect(row).toMatchObject({ status: 'closed', closed_by: 'system', auto_close_at: null });
    expect(row.closed_at?.toISOString()).toBe(START.toISOString());
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => [e.action, e.from_status, e.to_status])).toEqual([['auto_close', 'resolved', 'closed']]);
    expect((await reloadDemand(t.ctx.db, fresh.id)).status).toBe('resolved');
    const asks = (await notificationsOf(t.ctx.db, firmUser.id)).filter((n) => n.kind === 'demand.rate' && n.link === `/demands/${d.id}`);
    expect(asks).toHaveLength(1);
  });
});
