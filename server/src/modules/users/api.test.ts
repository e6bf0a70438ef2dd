import { randomUUID } from 'node:crypto';
import type { Role } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { TEST_PASSWORD, buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let adminUser: Awaited<ReturnType<typeof buildUser>>;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '别的园区');
  adminUser = await buildUser(t.ctx.db, park, { roles: ['admin'], username: uniqueName('admin') });
  admin = await clientAs(t, adminUser);
});
afterAll(async () => {
  await t.close();
});

/** User names are unique across the deployment, and a PostgreSQL test database outlives the run. */
function uniqueName(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** Failed log-ins count per IP; each log-in here comes from its own address. */
function login(username: string, password: string) {
  const b = () => Math.floor(Math.random() * 254) + 1;
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.${b()}.${b()}.${b()}` });
}

const makeUser = (roles: Role[], extra: { enterpriseId?: string; bankId?: string; phone?: string } = {}) =>
  buildUser(t.ctx.db, park, { roles, username: uniqueName(roles[0]), ...extra });

describe('POST /api/users', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).post('/api/users', { username: uniqueName(), displayName: '张三', password: 'Good@2026pw', roles: ['leader'] });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 to a user who is not an admin', async () => {
    for (const role of ['dispatcher', 'leader', 'liaison'] as Role[]) {
      const client = await clientAs(t, await makeUser([role]));
      const res = await client.post('/api/users', { username: uniqueName(), displayName: '张三', password: 'Good@2026pw', roles: ['leader'] });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
  });

  it('answers 400 naming enterpriseId for an enterprise user without an enterprise', async () => {
    const res = await admin.post('/api/users', { username: uniqueName(), displayName: '企业小王', password: 'Good@2026pw', roles: ['enterprise'] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('enterpriseId');
    expect(errorOf(res).message).toContain('企业');
  });

  it('answers 400 naming enterpriseId for an enterprise of another park', async () => {
    const foreign = await buildEnterprise(t.ctx.db, otherPark);
    const res = await admin.post('/api/users', { username: uniqueName(), displayName: '企业小王', password: 'Good@2026pw', roles: ['enterprise'], enterpriseId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('enterpriseId');
  });

  it('answers 400 naming bankId for a bank user without a bank', async () => {
    const res = await admin.post('/api/users', { username: uniqueName(), displayName: '银行小李', password: 'Good@2026pw', roles: ['bank'] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('bankId');
  });

  it('answers 400 naming each bad field', async () => {
    const res = await admin.post('/api/users', { username: 'a b', displayName: '', password: 'short', roles: ['mayor'] });
    expect(res.statusCode).toBe(400);
    const paths = errorOf(res).details.map((d) => d.path.split('.')[0]);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'roles']));
  });

  it('answers 409 for a user name already taken, whatever its case', async () => {
    const name = uniqueName('Dup');
    const first = await admin.post('/api/users', { username: name, displayName: '甲', password: 'Good@2026pw', roles: ['leader'] });
    expect(first.statusCode).toBe(201);
    const second = await admin.post('/api/users', { username: name.toUpperCase(), displayName: '乙', password: 'Good@2026pw', roles: ['leader'] });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).details[0]!.path).toBe('username');
  });

  it('creates an enterprise user bound to its firm who can then log in and sees only that firm', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    await buildEnterprise(t.ctx.db, park);
    const username = uniqueName('ent');
    const res = await admin.post('/api/users', {
      username,
      displayName: '企业联络员',
      password: 'Good@2026pw',
      roles: ['enterprise'],
      enterpriseId: firm.id,
      phone: '13912345678',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username, roles: ['enterprise'], enterpriseId: firm.id, enterpriseName: firm.name, isActive: true, phone: '139****5678' });
    const logged = await login(username, 'Good@2026pw');
    expect(logged.statusCode).toBe(200);
    expect(logged.json()).toMatchObject({ enterpriseId: firm.id, parkId: park.id });
  });

  it('creates a bank user bound to its bank and drops a binding the roles do not need', async () => {
    const bank = await buildBank(t.ctx.db, park);
    const firm = await buildEnterprise(t.ctx.db, park);
    const res = await admin.post('/api/users', {
      username: uniqueName('bank'),
      displayName: '银行客户经理',
      password: 'Good@2026pw',
      roles: ['bank'],
      bankId: bank.id,
      enterpriseId: firm.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ roles: ['bank'], bankId: bank.id, enterpriseId: null });
  });
});

describe('GET /api/users', () => {
  it('answers 403 to a user who is not an admin', async () => {
    const client = await clientAs(t, await makeUser(['leader']));
    expect((await client.get('/api/users')).statusCode).toBe(403);
  });

  it('lists the park’s users only, with phones masked', async () => {
    const mine = await makeUser(['liaison'], { phone: '13812345678' });
    const foreign = await buildUser(t.ctx.db, otherPark, { roles: ['liaison'], username: uniqueName('foreign'), phone: '13700001111' });
    const res = await admin.get('/api/users?pageSize=200');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(foreign.id);
    const listed = res.json().items.find((u: { id: string }) => u.id === mine.id);
    expect(listed.phone).toBe('138****5678');
    expect(JSON.stringify(res.json())).not.toContain('13812345678');
    expect(JSON.stringify(res.json())).not.toContain('password');
  });

  it('filters by role and by name', async () => {
    const leader = await makeUser(['leader']);
    const byRole = await admin.get('/api/users?role=leader&pageSize=200');
    expect(byRole.json().items.every((u: { roles: string[] }) => u.roles.includes('leader'))).toBe(true);
    expect(byRole.json().items.map((u: { id: string }) => u.id)).toContain(leader.id);
    const byName = await admin.get(`/api/users?q=${leader.username.slice(-10)}`);
    expect(byName.json().items.map((u: { id: string }) => u.id)).toEqual([leader.id]);
    expect(byName.json().total).toBe(1);
  });
});

describe('GET /api/users/:id', () => {
  it('answers 404 for a user of another park and for a malformed id', async () => {
    const foreign = await buildUser(t.ctx.db, otherPark, { roles: ['admin'], username: uniqueName('foreign') });
    expect((await admin.get(`/api/users/${foreign.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/users/not-an-id')).statusCode).toBe(404);
  });
});

describe('PATCH /api/users/:id', () => {
  it('answers 403 to a user who is not an admin', async () => {
    const target = await makeUser(['leader']);
    const client = await clientAs(t, await makeUser(['dispatcher']));
    const res = await client.patch(`/api/users/${target.id}`, { roles: ['admin'] });
    expect(res.statusCode).toBe(403);
    expect((await admin.get(`/api/users/${target.id}`)).json().roles).toEqual(['leader']);
  });

  it('answers 404 for a user of another park, and changes nothing there', async () => {
    const foreign = await buildUser(t.ctx.db, otherPark, { roles: ['leader'], username: uniqueName('foreign') });
    const res = await admin.patch(`/api/users/${foreign.id}`, { isActive: false, roles: ['admin'] });
    expect(res.statusCode).toBe(404);
    expect((await login(foreign.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not let an admin deactivate itself or drop its own admin role', async () => {
    const res = await admin.patch(`/api/users/${adminUser.id}`, { isActive: false });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('isActive');
    const roles = await admin.patch(`/api/users/${adminUser.id}`, { roles: ['leader'] });
    expect(roles.statusCode).toBe(400);
    expect(errorOf(roles).details[0]!.path).toBe('roles');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('answers 400 naming enterpriseId when roles become enterprise without a firm', async () => {
    const target = await makeUser(['leader']);
    const res = await admin.patch(`/api/users/${target.id}`, { roles: ['enterprise'] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('enterpriseId');
  });

  it('changes roles and ends the user’s sessions', async () => {
    const target = await makeUser(['leader']);
    const session = await clientAs(t, target);
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    const res = await admin.patch(`/api/users/${target.id}`, { roles: ['dispatcher', 'leader'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['dispatcher', 'leader']);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const again = await login(target.username, TEST_PASSWORD);
    expect(again.json().roles).toEqual(['dispatcher', 'leader']);
  });

  it('deactivates a user: its sessions end and it cannot log in; reactivating lets it back', async () => {
    const target = await makeUser(['liaison']);
    const session = await clientAs(t, target);
    const res = await admin.patch(`/api/users/${target.id}`, { isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await session.get('/api/enterprises')).statusCode).toBe(401);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(403);
    expect((await admin.patch(`/api/users/${target.id}`, { isActive: true })).statusCode).toBe(200);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working, the new one works, sessions end', async () => {
    const target = await makeUser(['leader']);
    const session = await clientAs(t, target);
    const res = await admin.patch(`/api/users/${target.id}`, { password: 'Reset@2026pw' });
    expect(res.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(target.username, 'Reset@2026pw')).statusCode).toBe(200);
  });

  it('answers 400 on password for a weak reset password', async () => {
    const target = await makeUser(['leader']);
    const res = await admin.patch(`/api/users/${target.id}`, { password: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('password');
  });

  it('unlocks a locked account', async () => {
    const target = await makeUser(['leader']);
    for (let i = 0; i < 5; i += 1) await login(target.username, 'Wrong@2026x');
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(423);
    const listed = await admin.get(`/api/users/${target.id}`);
    expect(listed.json().lockedUntil).not.toBeNull();
    const res = await admin.patch(`/api/users/${target.id}`, { unlock: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect((await login(target.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('records each change in the audit log with before and after', async () => {
    const target = await makeUser(['leader']);
    await admin.patch(`/api/users/${target.id}`, { displayName: '改过的名字' });
    const res = await admin.get(`/api/audit?entity=user&entityId=${target.id}`);
    expect(res.json().items[0]).toMatchObject({
      action: 'update',
      actorName: adminUser.display_name,
      before: { displayName: target.display_name },
      after: { displayName: '改过的名字' },
    });
  });
});
