import { ERROR_STATUS } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';
import { buildDemand, eventsOf, notificationsOf, reloadDemand } from '../../../test/demand-factories.js';
import type { DemandRow } from '../../db/schema-demands.js';
import type { EnterpriseRow, UserRow } from '../../db/schema.js';
import { buildActor, type Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { sql } from 'kysely';
import { caseEventsTable, caseEventsTableSql, commitTransition, type CaseStore, type CommitTransition } from './commit.js';

// The kit is judged on a real case table (demands) through a store declared here, so the test
// depends on no module's workflow: only on the table shapes every case type shares.
const store: CaseStore<DemandRow> = {
  table: 'demands',
  entity: 'demand',
  subject: '诉求',
  events: caseEventsTable('demand_events', 'demand_id', { order: 'written' }),
  snapshot: (row) => ({ status: row.status, assigneeId: row.assignee_id }),
};

const START = new Date('2026-11-26T02:00:00Z');
let t: TestApp;
let park: TestPark;
let officer: UserRow;
let firm: EnterpriseRow;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp({}, START);
  park = await buildPark(t.ctx.db);
  officer = await buildUser(t.ctx.db, park, { roles: ['dispatcher'] });
  firm = await buildEnterprise(t.ctx.db, park);
  actor = buildActor({ userId: officer.id, parkId: park.id, username: officer.username, displayName: officer.display_name, roles: ['dispatcher'], enterpriseId: null, bankId: null, sessionId: null, requestId: null });
});
afterAll(async () => {
  await t.close();
});

const auditsOf = (id: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'demand').where('entity_id', '=', id).orderBy('id').execute();

const accept = (row: DemandRow, note = '已签收'): CommitTransition<DemandRow> => ({
  row,
  to: 'accepted',
  patch: { accepted_at: START, updated_at: START },
  now: START,
  event: { action: 'accept', actorRole: 'dispatcher', note, data: { by: 'test' } },
  notes: [{ parkId: park.id, userId: officer.id, kind: 'test.accepted', title: `已签收 ${row.number}`, link: `/demands/${row.id}` }],
});

describe('commitTransition', () => {
  it('writes the new state, the timeline event, the audit entry and the notification together', async () => {
    const demand = await buildDemand(t.ctx.db, park, firm, { status: 'submitted' });
    const updated = await t.ctx.db.transaction().execute((trx) => commitTransition(trx, t.ctx, actor, store, accept(demand)));

    expect(updated.status).toBe('accepted');
    const row = await reloadDemand(t.ctx.db, demand.id);
    expect(row.status).toBe('accepted');
    expect(row.accepted_at?.toISOString()).toBe(START.toISOString());
    const events = await eventsOf(t.ctx.db, demand.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'accept', from_status: 'submitted', to_status: 'accepted', actor_id: officer.id, actor_name: officer.display_name, actor_role: 'dispatcher', note: '已签收', data: { by: 'test' } });
    const audits = await auditsOf(demand.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'accept', actor_id: officer.id, before: { status: 'submitted' }, after: { status: 'accepted' } });
    expect((await notificationsOf(t.ctx.db, officer.id)).map((n) => n.title)).toContain(`已签收 ${demand.number}`);
  });

  it('leaves nothing behind when the surrounding transaction fails after it', async () => {
    const demand = await buildDemand(t.ctx.db, park, firm, { status: 'submitted' });
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await commitTransition(trx, t.ctx, actor, store, accept(demand, '随后失败'));
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');

    expect((await reloadDemand(t.ctx.db, demand.id)).status).toBe('submitted');
    expect(await eventsOf(t.ctx.db, demand.id)).toEqual([]);
    expect(await auditsOf(demand.id)).toEqual([]);
  });

  it('answers a stale caller 409 and writes nothing when someone moved the case since it was read', async () => {
    const demand = await buildDemand(t.ctx.db, park, firm, { status: 'submitted' });
    // Two people read the same submitted demand; the first one's accept lands.
    const seenByBoth = await reloadDemand(t.ctx.db, demand.id);
    await t.ctx.db.transaction().execute((trx) => commitTransition(trx, t.ctx, actor, store, accept(seenByBoth, '先到')));

    const error = await t.ctx.db
      .transaction()
      .execute((trx) =>
        commitTransition(trx, t.ctx, actor, store, { ...accept(seenByBoth, '后到'), to: 'withdrawn', patch: { withdrawn_at: START, updated_at: START }, event: { action: 'withdraw', actorRole: 'enterprise' } }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(ERROR_STATUS[(error as AppError).code]).toBe(409);
    expect((error as AppError).message).toBe('诉求已被他人处理(状态已变化),请刷新后重试');

    const row = await reloadDemand(t.ctx.db, demand.id);
    expect(row.status).toBe('accepted');
    expect(row.withdrawn_at).toBeNull();
    expect((await eventsOf(t.ctx.db, demand.id)).map((e) => e.note)).toEqual(['先到']);
    expect((await auditsOf(demand.id)).map((a) => a.action)).toEqual(['accept']);
  });

  it('writes the events of the step in timeline order: those before, its own, those after', async () => {
    const demand = await buildDemand(t.ctx.db, park, firm, { status: 'in_progress' });
    const side = (action: string) => ({ action, from_status: 'in_progress', to_status: 'in_progress', actor_id: officer.id, actor_name: officer.display_name, actor_role: 'dispatcher', note: null, data: null, at: START });
    await t.ctx.db.transaction().execute((trx) =>
      commitTransition(trx, t.ctx, actor, store, {
        row: demand,
        to: 'in_progress',
        patch: { updated_at: START },
        now: START,
        eventsBefore: [side('reassign')],
        event: { action: 'dispatch', actorRole: 'dispatcher', note: '周调度' },
        extraEvents: [side('remind')],
      }),
    );
    expect((await eventsOf(t.ctx.db, demand.id)).map((e) => e.action)).toEqual(['reassign', 'dispatch', 'remind']);
    expect((await store.events.list(t.ctx.db, park.id, demand.id)).map((e) => e.action)).toEqual(['reassign', 'dispatch', 'remind']);
  });
});

describe('caseEventsTableSql', () => {
  it('creates a timeline table of the common shape that refuses an event of a case that does not exist', async () => {
    const demand = await buildDemand(t.ctx.db, park, firm);
    const rolledBack = new Error('roll back: the scratch table must not stay');
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        for (const statement of caseEventsTableSql('kit_probe_events', 'probe_id', 'demands')) await sql.raw(statement).execute(trx);
        await sql`insert into kit_probe_events (park_id, probe_id, action, actor_name, data, at) values (${park.id}, ${demand.id}, 'submit', '系统', '{"a":1}', ${START})`.execute(trx);
        const rows = await sql<{ action: string; from_status: string | null; data: unknown }>`select action, from_status, data from kit_probe_events`.execute(trx);
        expect(rows.rows).toEqual([{ action: 'submit', from_status: null, data: { a: 1 } }]);
        await expect(sql`insert into kit_probe_events (park_id, probe_id, action, actor_name, at) values (${park.id}, ${park.id}, 'x', '系统', ${START})`.execute(trx)).rejects.toThrow();
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});
