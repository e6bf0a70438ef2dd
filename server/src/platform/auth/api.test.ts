import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type TestApp } from '../../../test/harness.js';
import { TEST_PASSWORD, buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';

let t: TestApp;
let park: TestPark;

beforeAll(async () => {
  // The captcha has its own tests (login-security.test.ts); here five failures from one address
  // must reach the lock.
  t = await createTestApp({ loginCaptchaAfter: 0 });
  park = await buildPark(t.ctx.db);
});
afterAll(async () => {
  await t.close();
});

/**
 * Failed log-ins are counted per IP, and on a PostgreSQL test database they outlive the run (the
 * test clock always starts at the same instant), so every test logs in from its own address.
 */
function freshIp(): string {
  const b = () => Math.floor(Math.random() * 254) + 1;
  return `10.${b()}.${b()}.${b()}`;
}

type Session = { token: string; csrf: string };

function login(app: TestApp, username: string, password: string, ip = freshIp()): Promise<LightMyRequestResponse> {
  return app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
}

function sessionOf(res: LightMyRequestResponse): Session {
  return {
    token: res.cookies.find((c) => c.name === 'yq_session')!.value,
    csrf: res.cookies.find((c) => c.name === 'yq_csrf')!.value,
  };
}

/** A request carrying the session cookies and, unless told otherwise, the CSRF header. */
function as(session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, csrfHeader: string | null = session.csrf) {
  return t.app.inject({
    method,
    url,
    payload,
    cookies: { yq_session: session.token, yq_csrf: session.csrf },
    headers: csrfHeader === null ? {} : { 'x-csrf-token': csrfHeader },
  });
}

const newUser = (roles: Parameters<typeof buildUser>[2]['roles'] = ['dispatcher'], extra: Partial<Parameters<typeof buildUser>[2]> = {}) =>
  buildUser(t.ctx.db, park, { roles, username: `u-${randomUUID().slice(0, 12)}`, ...extra });

describe('POST /api/auth/login', () => {
  it('lets a browser that still holds a session log in as someone else without a CSRF header', async () => {
    const first = await newUser(['dispatcher']);
    const second = await newUser(['leader']);
    const old = await clientAs(t, first);
    const res = await old.request({ method: 'POST', url: '/api/auth/login', payload: { username: second.username, password: TEST_PASSWORD }, headers: { 'x-csrf-token': '' }, remoteAddress: freshIp() });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['leader']);
  });

  it('answers 400 naming the field when the password is missing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'someone' }, remoteAddress: freshIp() });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    expect(errorOf(res).details[0]!.path).toBe('password');
  });

  it('answers 401 with the remaining attempts for a wrong password', async () => {
    const user = await newUser();
    const first = await login(t, user.username, 'Wrong@2026x');
    expect(first.statusCode).toBe(401);
    expect(errorOf(first).code).toBe('INVALID_CREDENTIALS');
    expect(errorOf(first).message).toContain('再错4次');
    expect(first.cookies.find((c) => c.name === 'yq_session')).toBeUndefined();
    const second = await login(t, user.username, 'Wrong@2026x');
    expect(errorOf(second).message).toContain('再错3次');
  });

  it('answers an unknown user name exactly as a wrong password, so names cannot be probed', async () => {
    const user = await newUser();
    const ip = freshIp();
    const wrongPassword = await login(t, user.username, 'Wrong@2026x', ip);
    const unknownUser = await login(t, `nobody-${randomUUID().slice(0, 8)}`, 'Wrong@2026x', ip);
    expect(unknownUser.statusCode).toBe(wrongPassword.statusCode);
    expect(errorOf(unknownUser).code).toBe(errorOf(wrongPassword).code);
    expect(errorOf(unknownUser).message).toBe(errorOf(wrongPassword).message);
  });

  it('counts down and locks an unknown user name like a real account', async () => {
    const name = `nobody-${randomUUID().slice(0, 8)}`;
    const ip = freshIp();
    const messages: string[] = [];
    for (let i = 0; i < 4; i += 1) messages.push(errorOf(await login(t, name, 'Wrong@2026x', ip)).message);
    expect(messages.map((m) => /再错(\d)次/.exec(m)?.[1])).toEqual(['4', '3', '2', '1']);
    const fifth = await login(t, name, 'Wrong@2026x', ip);
    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).message).toContain('15分钟');
  });

  it('locks the account for 15 minutes after five wrong passwords, then accepts the right one', async () => {
    const user = await newUser();
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) expect((await login(t, user.username, 'Wrong@2026x', ip)).statusCode).toBe(401);
    const fifth = await login(t, user.username, 'Wrong@2026x', ip);
    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).code).toBe('ACCOUNT_LOCKED');
    expect(errorOf(fifth).message).toContain('15分钟');

    const whileLocked = await login(t, user.username, TEST_PASSWORD, ip);
    expect(whileLocked.statusCode).toBe(423);
    expect(whileLocked.cookies.find((c) => c.name === 'yq_session')).toBeUndefined();

    t.clock.advance(14 * 60_000);
    expect((await login(t, user.username, TEST_PASSWORD, ip)).statusCode).toBe(423);
    t.clock.advance(60_000);
    const after = await login(t, user.username, TEST_PASSWORD, ip);
    expect(after.statusCode).toBe(200);
    // the count starts over: one wrong password is not a lock
    const again = await login(t, user.username, 'Wrong@2026x', ip);
    expect(errorOf(again).message).toContain('再错4次');
  });

  it('throttles an IP with too many failures whatever the user name, and only that IP', async () => {
    const throttled = await createTestApp({ loginIpLimit: 3, loginCaptchaAfter: 0 });
    try {
      const otherPark = await buildPark(throttled.ctx.db);
      const user = await buildUser(throttled.ctx.db, otherPark, { roles: ['dispatcher'], username: `u-${randomUUID().slice(0, 12)}` });
      const ip = freshIp();
      for (let i = 0; i < 3; i += 1) {
        expect((await login(throttled, `nobody-${i}-${randomUUID().slice(0, 6)}`, 'Wrong@2026x', ip)).statusCode).toBe(401);
      }
      const blocked = await login(throttled, user.username, TEST_PASSWORD, ip);
      expect(blocked.statusCode).toBe(429);
      expect(errorOf(blocked).code).toBe('TOO_MANY_REQUESTS');
      expect(errorOf(blocked).message).toContain('10分钟');
      expect((await login(throttled, user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
      throttled.clock.advance(10 * 60_000 + 1000);
      expect((await login(throttled, user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('does not let a forged X-Forwarded-For header escape the IP throttle', async () => {
    const throttled = await createTestApp({ loginIpLimit: 3 });
    try {
      const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
      const attempt = (forged: string) =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `nobody-${randomUUID().slice(0, 8)}`, password: 'Wrong@2026x' },
          remoteAddress: client,
          headers: { 'x-forwarded-for': forged },
        });
      for (let i = 0; i < 3; i += 1) expect((await attempt(freshIp())).statusCode).toBe(401);
      expect((await attempt(freshIp())).statusCode).toBe(429);
    } finally {
      await throttled.close();
    }
  });

  it('throttles the client a trusted proxy in front reports, not the proxy itself', async () => {
    const throttled = await createTestApp({ loginIpLimit: 3, loginCaptchaAfter: 0, trustProxy: '127.0.0.1' });
    try {
      const p = await buildPark(throttled.ctx.db);
      const user = await buildUser(throttled.ctx.db, p, { roles: ['leader'], username: `u-${randomUUID().slice(0, 12)}` });
      const viaProxy = (client: string, password: string) =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password },
          remoteAddress: '127.0.0.1',
          // what nginx's $proxy_add_x_forwarded_for sends: anything the client claimed, then its real address
          headers: { 'x-forwarded-for': `${freshIp()}, ${client}` },
        });
      const attacker = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      for (let i = 0; i < 3; i += 1) expect((await viaProxy(attacker, `Wrong@2026x${i}`)).statusCode).toBe(401);
      expect((await viaProxy(attacker, TEST_PASSWORD)).statusCode).toBe(429);
      expect((await viaProxy(`192.0.2.${Math.floor(Math.random() * 250) + 1}`, TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('refuses a deactivated user even with the right password', async () => {
    const user = await newUser();
    const admin = await clientAs(t, await newUser(['admin']));
    expect((await admin.patch(`/api/users/${user.id}`, { isActive: false })).statusCode).toBe(200);
    const res = await login(t, user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toContain('停用');
    expect(res.cookies.find((c) => c.name === 'yq_session')).toBeUndefined();
  });

  it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const user = await newUser();
    const res = await login(t, ` ${user.username.toUpperCase()} `, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, username: user.username, roles: ['dispatcher'] });
    const session = res.cookies.find((c) => c.name === 'yq_session')!;
    const csrf = res.cookies.find((c) => c.name === 'yq_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session.secure).toBeFalsy();
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(csrf.value).toMatch(/^[\w-]{20,}$/);
    expect(csrf.value).not.toBe(session.value);
  });

  it('marks the cookies Secure behind HTTPS', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      const p = await buildPark(secure.ctx.db);
      const user = await buildUser(secure.ctx.db, p, { roles: ['leader'], username: `u-${randomUUID().slice(0, 12)}` });
      const res = await login(secure, user.username, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      for (const c of res.cookies) expect(c.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF defence on writes', () => {
  it('answers 403 CSRF_FAILED to a write without the X-CSRF-Token header, and writes nothing', async () => {
    const user = await newUser(['admin']);
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const firm = await buildEnterprise(t.ctx.db, park, { address: '原地址' });
    const res = await as(session, 'PATCH', `/api/enterprises/${firm.id}`, { address: '被伪造的地址' }, null);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('CSRF_FAILED');
    const after = await as(session, 'GET', `/api/enterprises/${firm.id}`);
    expect(after.json()).toMatchObject({ address: '原地址', version: 1 });
  });

  it('answers 403 CSRF_FAILED to a write with a wrong token, and writes nothing', async () => {
    const user = await newUser(['admin']);
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const other = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const firm = await buildEnterprise(t.ctx.db, park, { address: '原地址' });
    const wrong = await as(session, 'PATCH', `/api/enterprises/${firm.id}`, { address: '被伪造的地址' }, 'not-the-token');
    expect(wrong.statusCode).toBe(403);
    expect(errorOf(wrong).code).toBe('CSRF_FAILED');
    // the token of another session of the same user is not this session's token
    const foreign = await as(session, 'PATCH', `/api/enterprises/${firm.id}`, { address: '被伪造的地址' }, other.csrf);
    expect(foreign.statusCode).toBe(403);
    const created = await as(session, 'POST', '/api/enterprises', { uscc: '91360600MA35F2XK8X', name: '不该创建的企业' }, null);
    expect(created.statusCode).toBe(403);
    expect((await as(session, 'GET', `/api/enterprises/${firm.id}`)).json()).toMatchObject({ address: '原地址', version: 1 });
  });

  it('lets reads through without the header and accepts writes with the right token', async () => {
    const user = await newUser(['admin']);
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const firm = await buildEnterprise(t.ctx.db, park);
    expect((await as(session, 'GET', `/api/enterprises/${firm.id}`, undefined, null)).statusCode).toBe(200);
    const res = await as(session, 'PATCH', `/api/enterprises/${firm.id}`, { address: '新地址' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: '新地址', version: 2 });
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).post('/api/auth/logout');
    expect(res.statusCode).toBe(401);
  });

  it('ends the session: the next request with its cookie is 401', async () => {
    const user = await newUser();
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    expect((await as(session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const res = await as(session, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    const cleared = res.cookies.find((c) => c.name === 'yq_session');
    expect(cleared?.value ?? '').toBe('');
    const after = await as(session, 'GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 without a session and with an unknown token', async () => {
    expect((await anonymous(t).get('/api/auth/me')).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { yq_session: 'forged-token' } });
    expect(res.statusCode).toBe(401);
  });

  it('answers 401 once the session has expired', async () => {
    const user = await newUser();
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    t.clock.advance(13 * 3_600_000);
    try {
      expect((await as(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-13 * 3_600_000);
    }
  });

  it('returns the user with its roles, permissions and its enterprise', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const user = await newUser(['enterprise'], { enterpriseId: firm.id });
    const session = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const res = await as(session, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      username: user.username,
      parkId: park.id,
      roles: ['enterprise'],
      enterpriseId: firm.id,
      enterpriseName: firm.name,
      bankId: null,
    });
    expect(res.json().permissions).toContain('enterprise:read');
    expect(res.json().permissions).not.toContain('user:manage');
  });

  it('returns the bank of a bank user', async () => {
    const bank = await buildBank(t.ctx.db, park, '测试银行月湖支行');
    const user = await newUser(['bank'], { bankId: bank.id });
    const client = await clientAs(t, user);
    const res = await client.get('/api/auth/me');
    expect(res.json()).toMatchObject({ roles: ['bank'], bankId: bank.id, bankName: '测试银行月湖支行', enterpriseId: null });
  });
});

describe('POST /api/auth/password', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Brand@2027new' });
    expect(res.statusCode).toBe(401);
  });

  it('answers 400 on oldPassword when the old password is wrong', async () => {
    const client = await clientAs(t, await newUser());
    const res = await client.post('/api/auth/password', { oldPassword: 'Wrong@2026x', newPassword: 'Brand@2027new' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.map((d) => d.path)).toEqual(['oldPassword']);
  });

  it('answers 400 on newPassword for a weak new password', async () => {
    const client = await clientAs(t, await newUser());
    for (const weak of ['12345678', 'abcdefgh', 'Ab1']) {
      const res = await client.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: weak });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details[0]!.path).toBe('newPassword');
      expect(errorOf(res).message).toContain('新密码');
    }
    const same = await client.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(errorOf(same).details[0]!.path).toBe('newPassword');
  });

  it('refuses a common password in production', async () => {
    const prod = await createTestApp({ production: true });
    try {
      const p = await buildPark(prod.ctx.db);
      const client = await clientAs(prod, await buildUser(prod.ctx.db, p, { roles: ['leader'], username: `u-${randomUUID().slice(0, 12)}` }));
      const res = await client.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Password1' });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details[0]!.path).toBe('newPassword');
    } finally {
      await prod.close();
    }
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const user = await newUser();
    const mine = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const elsewhere = sessionOf(await login(t, user.username, TEST_PASSWORD));
    const res = await as(mine, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Brand@2027new' });
    expect(res.statusCode).toBe(200);
    expect((await as(mine, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await as(elsewhere, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(t, user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(t, user.username, 'Brand@2027new')).statusCode).toBe(200);
  });
});
