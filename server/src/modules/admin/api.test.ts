import { randomUUID } from 'node:crypto';
import type { Role } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { TEST_PASSWORD, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';
import { recordAudit } from '../../platform/audit.js';
import { systemActor } from '../../platform/actor.js';
import { LATEST_MIGRATION } from '../../db/migrate.js';

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let admin: Client;
let adminUser: Awaited<ReturnType<typeof buildUser>>;

const name = (prefix: string) => `${prefix}-${randomUUID().slice(0, 10)}`;
const makeUser = (roles: Role[], p: TestPark = park, extra: { enterpriseId?: string } = {}) => buildUser(t.ctx.db, p, { roles, username: name(roles[0]!), ...extra });
const ip = () => `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db, name('管理园区'));
  otherPark = await buildPark(t.ctx.db, name('别的园区'));
  adminUser = await makeUser(['admin']);
  admin = await clientAs(t, adminUser);
});
afterAll(async () => {
  await t.close();
});

async function auditOf(entity: string, entityId: string) {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('park_id', '=', park.id).where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('seq').execute();
}

describe('GET /api/admin/roles', () => {
  it('answers 401 without a session and 403 to a role without 角色管理 or 用户管理', async () => {
    expect((await anonymous(t).get('/api/admin/roles')).statusCode).toBe(401);
    const res = await (await clientAs(t, await makeUser(['leader']))).get('/api/admin/roles');
    expect(res.statusCode).toBe(403);
  });

  it('lists the nine built-in roles with their permissions, data scope and protection', async () => {
    const res = await admin.get('/api/admin/roles');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; builtin: boolean; permissions: string[]; requiredPermissions: string[]; dataScope: string; userCount: number }[];
    expect(items.filter((r) => r.builtin).map((r) => r.code)).toEqual(['enterprise', 'liaison', 'dispatcher', 'approver', 'policy_officer', 'finance_officer', 'bank', 'leader', 'admin']);
    const adminRole = items.find((r) => r.code === 'admin')!;
    expect(adminRole.requiredPermissions).toEqual(['user:manage', 'role:manage']);
    expect(adminRole.userCount).toBeGreaterThanOrEqual(1);
    expect(items.find((r) => r.code === 'liaison')!.dataScope).toBe('assigned');
  });
});

describe('PUT /api/admin/roles/:code', () => {
  it('answers 403 to a user without 角色管理 (user:manage alone only reads)', async () => {
    // a custom role with 用户管理 but not 角色管理
    await admin.post('/api/admin/roles', { code: 'user_keeper', name: '用户管理员', permissions: ['user:manage'], dataScope: 'none' });
    const keeper = await makeUser(['leader']);
    expect((await admin.patch(`/api/users/${keeper.id}`, { customRoles: ['user_keeper'] })).statusCode).toBe(200);
    const asKeeper = await clientAs(t, keeper);
    expect((await asKeeper.get('/api/admin/roles')).statusCode).toBe(200);
    expect((await asKeeper.put('/api/admin/roles/leader', { permissions: ['user:manage', 'role:manage'] })).statusCode).toBe(403);
  });

  it('answers 404 for a role the park does not have and 400 naming the field for a bad permission', async () => {
    expect((await admin.put('/api/admin/roles/no_such_role', { name: '没有' })).statusCode).toBe(404);
    const bad = await admin.put('/api/admin/roles/leader', { permissions: ['user:manage', 'fly:plane'] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toContain('permissions');
  });

  it('keeps the required permissions of a built-in role: the admin role cannot lose 角色管理', async () => {
    const current = (await admin.get('/api/admin/roles')).json().items.find((r: { code: string }) => r.code === 'admin');
    const res = await admin.put('/api/admin/roles/admin', { permissions: current.permissions.filter((p: string) => p !== 'role:manage') });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('role:manage');
    expect(errorOf(res).details[0]!.path).toBe('permissions');
  });

  it('never gives an outside account (enterprise) a staff permission, nor renames a built-in role', async () => {
    const grant = await admin.put('/api/admin/roles/enterprise', { permissions: ['enterprise:read', 'user:manage'] });
    expect(grant.statusCode).toBe(400);
    expect(errorOf(grant).message).toContain('只能减少权限');
    const rename = await admin.put('/api/admin/roles/leader', { name: '大领导' });
    expect(rename.statusCode).toBe(400);
    expect(errorOf(rename).details[0]!.path).toBe('name');
  });

  it('takes effect on the next request of a user holding the role, and is audited', async () => {
    const leaderPark = await buildPark(t.ctx.db, name('领导园区'));
    const parkAdmin = await clientAs(t, await makeUser(['admin'], leaderPark));
    const leader = await clientAs(t, await makeUser(['leader'], leaderPark));
    expect((await leader.get('/api/admin/login-log')).statusCode).toBe(403);
    const roles = (await parkAdmin.get('/api/admin/roles')).json().items;
    const leaderRole = roles.find((r: { code: string }) => r.code === 'leader');
    const granted = await parkAdmin.put('/api/admin/roles/leader', { permissions: [...leaderRole.permissions, 'login-log:read'] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().customised).toBe(true);
    // the same session, the next request
    expect((await leader.get('/api/admin/login-log')).statusCode).toBe(200);
    expect((await leader.get('/api/auth/me')).json().permissions).toContain('login-log:read');
    // another park's leaders are not affected
    expect((await (await clientAs(t, await makeUser(['leader']))).get('/api/admin/login-log')).statusCode).toBe(403);
    // taking it away again counts from the next request too
    expect((await parkAdmin.put('/api/admin/roles/leader', { permissions: leaderRole.permissions })).statusCode).toBe(200);
    expect((await leader.get('/api/admin/login-log')).statusCode).toBe(403);
    const audits = await t.ctx.db.selectFrom('audit_log').selectAll().where('park_id', '=', leaderPark.id).where('entity', '=', 'role').where('entity_id', '=', 'leader').execute();
    expect(audits).toHaveLength(2);
    expect((audits[0]!.after as { permissions: string[] }).permissions).toContain('login-log:read');
  });

  it('narrows a role to its assigned firms: a dispatcher with data scope 分管企业 sees only them', async () => {
    const p = await buildPark(t.ctx.db, name('范围园区'));
    const parkAdmin = await clientAs(t, await makeUser(['admin'], p));
    const dispatcherUser = await makeUser(['dispatcher'], p);
    const mine = await buildEnterprise(t.ctx.db, p, { liaison_id: dispatcherUser.id });
    const other = await buildEnterprise(t.ctx.db, p);
    const dispatcher = await clientAs(t, dispatcherUser);
    expect((await dispatcher.get(`/api/enterprises/${other.id}`)).statusCode).toBe(200);
    expect((await parkAdmin.put('/api/admin/roles/dispatcher', { dataScope: 'assigned' })).statusCode).toBe(200);
    expect((await dispatcher.get(`/api/enterprises/${other.id}`)).statusCode).toBe(404);
    expect((await dispatcher.get(`/api/enterprises/${mine.id}`)).statusCode).toBe(200);
  });
});

describe('POST and DELETE /api/admin/roles', () => {
  it('answers 400 naming the code for a bad one and 409 for a built-in code', async () => {
    const bad = await admin.post('/api/admin/roles', { code: 'X', name: '坏角色', permissions: [], dataScope: 'park' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('code');
    expect((await admin.post('/api/admin/roles', { code: 'leader', name: '领导二', permissions: [], dataScope: 'park' })).statusCode).toBe(409);
  });

  it('creates a custom role whose holders get its permissions, refuses to delete it while held, deletes it after', async () => {
    const created = await admin.post('/api/admin/roles', { code: 'log_reader', name: '日志查看员', permissions: ['login-log:read', 'audit:read'], dataScope: 'none' });
    expect(created.statusCode).toBe(201);
    const user = await makeUser(['finance_officer']);
    const asUser = await clientAs(t, user);
    expect((await asUser.get('/api/admin/login-log')).statusCode).toBe(403);
    const bad = await admin.patch(`/api/users/${user.id}`, { customRoles: ['no_such_role'] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('customRoles');
    expect((await admin.patch(`/api/users/${user.id}`, { customRoles: ['log_reader'] })).json().customRoles).toEqual(['log_reader']);
    // changing a user's roles ends their sessions (as before): log in again
    const again = await clientAs(t, user);
    expect((await again.get('/api/admin/login-log')).statusCode).toBe(200);
    const held = await admin.delete('/api/admin/roles/log_reader');
    expect(held.statusCode).toBe(409);
    expect(errorOf(held).message).toContain('1 个用户');
    await admin.patch(`/api/users/${user.id}`, { customRoles: [] });
    expect((await admin.delete('/api/admin/roles/log_reader')).statusCode).toBe(204);
    expect((await auditOf('role', 'log_reader')).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('never deletes a built-in role (403)', async () => {
    const res = await admin.delete('/api/admin/roles/liaison');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toContain('内置角色');
  });
});

describe('/api/departments', () => {
  it('gives a park without a tree its 管委会 and the usual 承办单位', async () => {
    const res = await admin.get('/api/departments');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; parentId: string | null; name: string; isHandler: boolean }[];
    const root = items.find((d) => d.parentId === null)!;
    expect(root.name).toContain('管委会');
    expect(items.filter((d) => d.parentId === root.id).map((d) => d.name)).toContain('行政审批局');
  });

  it('answers 403 to a leader creating one, 400 naming the name, 409 for a duplicate, 400 for a cycle, 409 deleting a parent', async () => {
    const leader = await clientAs(t, await makeUser(['leader']));
    expect((await leader.post('/api/admin/departments', { name: '新部门' })).statusCode).toBe(403);
    const empty = await admin.post('/api/admin/departments', { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).details[0]!.path).toBe('name');
    const parent = (await admin.post('/api/admin/departments', { name: name('营商办') })).json();
    const child = await admin.post('/api/admin/departments', { name: name('营商办一科'), parentId: parent.id, leader: '王科长' });
    expect(child.statusCode).toBe(201);
    expect((await admin.post('/api/admin/departments', { name: parent.name })).statusCode).toBe(409);
    const cycle = await admin.patch(`/api/admin/departments/${parent.id}`, { parentId: child.json().id });
    expect(cycle.statusCode).toBe(400);
    expect(errorOf(cycle).details[0]!.path).toBe('parentId');
    expect((await admin.delete(`/api/admin/departments/${parent.id}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/admin/departments/${child.json().id}`)).statusCode).toBe(204);
    expect((await auditOf('department', parent.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('answers 404 for another park\'s department', async () => {
    const elsewhere = await clientAs(t, await makeUser(['admin'], otherPark));
    const theirs = (await elsewhere.post('/api/admin/departments', { name: name('外园区部门') })).json();
    expect((await admin.patch(`/api/admin/departments/${theirs.id}`, { name: '改名' })).statusCode).toBe(404);
  });
});

describe('GET /api/admin/login-log', () => {
  it('records successes and failures with IP, browser and reason, filters them and exports .xlsx', async () => {
    const user = await makeUser(['liaison']);
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    const from = ip();
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password' }, remoteAddress: from, headers: { 'user-agent': ua } });
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD }, remoteAddress: from, headers: { 'user-agent': ua } });
    expect(ok.statusCode).toBe(200);
    const res = await admin.get(`/api/admin/login-log?username=${user.username}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { ok: boolean }) => i.ok)).toEqual([true, false]);
    expect(items[1]).toMatchObject({ ip: from, reason: 'bad_password', reasonLabel: '密码错误', client: 'Chrome · Windows', displayName: user.display_name });
    expect((await admin.get(`/api/admin/login-log?username=${user.username}&result=failed`)).json().total).toBe(1);
    expect((await admin.get(`/api/admin/login-log?ip=${from}`)).json().total).toBe(2);
    const xlsx = await admin.get(`/api/admin/login-log?username=${user.username}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows no log-in of another park', async () => {
    const stranger = await makeUser(['leader'], otherPark);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: stranger.username, password: 'wrong-password' }, remoteAddress: ip() });
    expect((await admin.get(`/api/admin/login-log?username=${stranger.username}`)).json().total).toBe(0);
  });

  it('answers 400 naming the field for a bad date', async () => {
    const res = await admin.get('/api/admin/login-log?from=2026-13-01');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('from');
  });
});

describe('/api/admin/sessions (在线用户)', () => {
  it('answers 403 to a user without 强制下线 permission, on the list and on ending a session', async () => {
    const victim = { client: await clientAs(t, await makeUser(['liaison'])) };
    const sessions = (await admin.get('/api/admin/sessions')).json().items as { id: string; userId: string }[];
    const target = sessions.find((s) => s.userId === victim.client!.userId)!;
    const dispatcher = await clientAs(t, await makeUser(['dispatcher']));
    expect((await dispatcher.get('/api/admin/sessions')).statusCode).toBe(403);
    expect((await dispatcher.delete(`/api/admin/sessions/${target.id}`)).statusCode).toBe(403);
    expect((await victim.client!.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('forces a user offline: the next request is 401 naming why, and it is audited', async () => {
    const user = await makeUser(['liaison']);
    const victim = await clientAs(t, user);
    const list = (await admin.get('/api/admin/sessions')).json().items as { id: string; userId: string; current: boolean; displayName: string }[];
    const session = list.find((s) => s.userId === user.id)!;
    expect(session.displayName).toBe(user.display_name);
    expect(list.find((s) => s.current)?.userId).toBe(adminUser.id);
    expect((await admin.delete(`/api/admin/sessions/${session.id}`)).statusCode).toBe(204);
    const next = await victim.get('/api/auth/me');
    expect(next.statusCode).toBe(401);
    expect(errorOf(next).message).toContain('强制下线');
    expect((await admin.get('/api/admin/sessions')).json().items.some((s: { userId: string }) => s.userId === user.id)).toBe(false);
    expect((await auditOf('user', user.id)).map((a) => a.action)).toContain('force-logout');
    expect((await admin.delete(`/api/admin/sessions/${session.id}`)).statusCode).toBe(404);
  });

  it('does not end the admin\'s own session here, nor another park\'s (404)', async () => {
    const own = (await admin.get('/api/admin/sessions')).json().items.find((s: { current: boolean }) => s.current);
    expect((await admin.delete(`/api/admin/sessions/${own.id}`)).statusCode).toBe(400);
    const stranger = await clientAs(t, await makeUser(['leader'], otherPark));
    const theirAdmin = await clientAs(t, await makeUser(['admin'], otherPark));
    const theirs = (await theirAdmin.get('/api/admin/sessions')).json().items.find((s: { userId: string }) => s.userId === stranger.userId);
    expect((await admin.delete(`/api/admin/sessions/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.delete('/api/admin/sessions/not-a-session')).statusCode).toBe(404);
  });
});

describe('/api/admin/jobs (定时任务)', () => {
  it('answers 403 to a leader and 404 for an unknown job', async () => {
    const leader = await clientAs(t, await makeUser(['leader']));
    expect((await leader.get('/api/admin/jobs')).statusCode).toBe(403);
    expect((await admin.post('/api/admin/jobs/no-such-job/run')).statusCode).toBe(404);
  });

  it('lists every sweep with its schedule, runs one now and shows it in the run log', async () => {
    const jobs = (await admin.get('/api/admin/jobs')).json().items as { name: string; label: string; schedule: string }[];
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['expire-sessions', 'demand-sweep', 'ratings-sweep', 'service-application-sweep', 'policies-daily', 'voucher-expiry']));
    expect(jobs.find((j) => j.name === 'demand-sweep')).toMatchObject({ label: '诉求超期扫描', schedule: '每1分钟' });
    // On PostgreSQL every test file shares one database: run at an instant before any test's
    // sessions so the clean-up ends none of another file's sessions (they live at their own dates)
    const clockWas = t.clock.now();
    t.clock.set(new Date('2020-01-01T00:00:00Z'));
    const run = await admin.post('/api/admin/jobs/expire-sessions/run').finally(() => t.clock.set(clockWas));
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ job: 'expire-sessions', trigger: 'manual', ok: true, triggeredBy: adminUser.display_name });
    // the run log, newest first: this run (dated 2020) is on its last page
    const first = (await admin.get('/api/admin/jobs/expire-sessions/runs?page=1&pageSize=50')).json();
    const lastPage = Math.max(1, Math.ceil(first.total / 50));
    const last = (await admin.get(`/api/admin/jobs/expire-sessions/runs?page=${lastPage}&pageSize=50`)).json();
    expect(last.items.map((r: { id: string }) => r.id)).toContain(run.json().id);
    const after = (await admin.get('/api/admin/jobs')).json().items.find((j: { name: string }) => j.name === 'expire-sessions');
    expect(after.lastOk).toBe(true);
    expect(after.running).toBe(false);
    expect((await auditOf('scheduled_job', 'expire-sessions')).map((a) => a.action)).toContain('run-now');
  });

  it('answers 409 while the job runs in another process (the lease)', async () => {
    await t.ctx.db.insertInto('scheduled_jobs').values({ name: 'voucher-expiry' }).onConflict((oc) => oc.column('name').doNothing()).execute();
    await t.ctx.db.updateTable('scheduled_jobs').set({ running_since: t.clock.now(), running_instance: 'other-host:1' }).where('name', '=', 'voucher-expiry').execute();
    const res = await admin.post('/api/admin/jobs/voucher-expiry/run');
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('正在执行');
    await t.ctx.db.updateTable('scheduled_jobs').set({ running_since: null, running_instance: null }).where('name', '=', 'voucher-expiry').execute();
  });
});

describe('GET /api/admin/parameters and /api/admin/monitor', () => {
  it('shows the park\'s deadlines and the deployment\'s thresholds in one place', async () => {
    expect((await (await clientAs(t, await makeUser(['leader']))).get('/api/admin/parameters')).statusCode).toBe(403);
    const res = await admin.get('/api/admin/parameters');
    expect(res.statusCode).toBe(200);
    const entries = (res.json().groups as { entries: { key: string; value: string }[] }[]).flatMap((g) => g.entries);
    expect(entries.find((e) => e.key === 'rating.rectifyDays')!.value).toBe('5');
    expect(entries.find((e) => e.key === 'session.idleMinutes')!.value).toBe(String(t.ctx.config.sessionIdleMinutes));
    expect(entries.some((e) => e.key === 'demand.financing')).toBe(true);
  });

  it('reports the process, the database and the queues', async () => {
    expect((await anonymous(t).get('/api/admin/monitor')).statusCode).toBe(401);
    const res = await admin.get('/api/admin/monitor');
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.process.pid).toBe(process.pid);
    expect(m.database.version).toContain('PostgreSQL');
    expect(m.database.migration).toBe(LATEST_MIGRATION);
    expect(m.queues.onlineSessions).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /api/audit (for officers)', () => {
  it('names a demand by its business number, the action and entity in Chinese', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const owner = await clientAs(t, await makeUser(['enterprise'], park, { enterpriseId: firm.id }));
    const filed = await owner.post('/api/demands', { category: 'financing', title: '流动资金贷款续贷对接', content: '企业一笔流动资金贷款即将到期,希望对接银行。' });
    expect(filed.statusCode).toBe(201);
    const number = filed.json().number as string;
    expect(number).toMatch(/^SQ/);
    const res = await admin.get('/api/audit?entity=demand');
    const entry = res.json().items.find((e: { entityId: string }) => e.entityId === filed.json().id);
    expect(entry).toMatchObject({ entityName: number, entityLabel: '诉求', actionLabel: '提交诉求', entityLink: `/demands/${filed.json().id}` });
    // the officer searches by the number, not the UUID
    const byNumber = (await admin.get(`/api/audit?entityId=${number}`)).json();
    expect(byNumber.items.map((e: { entityId: string }) => e.entityId)).toContain(filed.json().id);
  });

  it('labels the fields and their values (满意, not very_satisfied)', async () => {
    await t.ctx.db.transaction().execute((trx) =>
      recordAudit(trx, systemActor(park.id), park.id, [{ action: 'create', entity: 'rating', entityId: randomUUID(), before: null, after: { level: 'very_satisfied', bad: false, amountFen: 123456 } }], t.clock.now()),
    );
    const entry = (await admin.get('/api/audit?entity=rating')).json().items[0];
    expect(entry.actionLabel).toBe('新增');
    const byField = Object.fromEntries(entry.changes.map((c: { field: string; label: string; after: string }) => [c.field, c]));
    expect(byField.level).toMatchObject({ label: '评价等级', after: '非常满意' });
    expect(byField.bad).toMatchObject({ after: '否' });
    expect(byField.amountFen.after).toBe('1,234.56元');
  });

  it('offers every entity type the log holds as a filter, and exports .xlsx', async () => {
    const facets = (await admin.get('/api/audit/facets')).json();
    const entities = facets.entities.map((e: { value: string }) => e.value);
    const held = await t.ctx.db.selectFrom('audit_log').select('entity').distinct().where('park_id', '=', park.id).execute();
    expect(new Set(entities)).toEqual(new Set(held.map((h) => h.entity)));
    expect(facets.entities.find((e: { value: string }) => e.value === 'demand').label).toBe('诉求');
    expect(facets.entities.every((e: { value: string; label: string }) => e.label !== e.value)).toBe(true);
    const xlsx = await admin.get('/api/audit?format=xlsx&entity=demand');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
  });
});
