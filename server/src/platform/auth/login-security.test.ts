import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, type TestApp } from '../../../test/harness.js';
import { TEST_PASSWORD, buildPark, buildUser, type TestPark } from '../../../test/factories.js';
import { drawCaptcha, issueCaptcha } from './captcha.js';
import { parseFrameAncestors, parseTrustProxy, securityConfigFromEnv } from '../env-config.js';

/**
 * Log-in hardening (issue 10, item 3): whose address counts, unknown names answered like real
 * ones, the image captcha, idle and absolute session timeouts, ending the other sessions.
 */

let t: TestApp;
let park: TestPark;

beforeAll(async () => {
  t = await createTestApp({ loginCaptchaAfter: 0, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
  park = await buildPark(t.ctx.db);
});
afterAll(async () => {
  await t.close();
});

/** Failures outlive a run on a PostgreSQL test database, so each test uses addresses of its own. */
function freshIp(): string {
  const b = () => Math.floor(Math.random() * 254) + 1;
  return `10.${b()}.${b()}.${b()}`;
}
const uniqueName = (prefix = 'u') => `${prefix}-${randomUUID().slice(0, 12)}`;

type LoginBody = { username: string; password: string; captchaId?: string; captcha?: string };

function login(app: TestApp, body: LoginBody, remoteAddress = freshIp(), headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress, headers });
}

type Session = { token: string; csrf: string };
function sessionOf(res: LightMyRequestResponse): Session {
  expect(res.statusCode).toBe(200);
  return {
    token: res.cookies.find((c) => c.name === 'yq_session')!.value,
    csrf: res.cookies.find((c) => c.name === 'yq_csrf')!.value,
  };
}
function as(app: TestApp, session: Session, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.app.inject({ method, url, payload, cookies: { yq_session: session.token, yq_csrf: session.csrf }, headers: { 'x-csrf-token': session.csrf } });
}

describe('TRUST_PROXY', () => {
  it('by default believes no X-Forwarded-For, not even from a loopback peer: rotating it does not escape the IP throttle', async () => {
    const throttled = await createTestApp({ loginIpLimit: 3, loginCaptchaAfter: 0 });
    try {
      // A client on the same host or private network as the app (what the old default trusted).
      const peer = `127.0.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
      const attempt = () => login(throttled, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, peer, { 'x-forwarded-for': freshIp() });
      for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(errorOf(blocked).code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await throttled.close();
    }
  });

  it('believes X-Forwarded-For only from the configured proxy address', async () => {
    const throttled = await createTestApp({ loginIpLimit: 2, loginCaptchaAfter: 0, trustProxy: '127.0.0.1' });
    try {
      const attacker = freshIp();
      // through the proxy: the client's address counts, so rotating clients are counted apart
      for (let i = 0; i < 3; i += 1) {
        expect((await login(throttled, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, '127.0.0.1', { 'x-forwarded-for': freshIp() })).statusCode).toBe(401);
      }
      // straight from another peer: its forged header is ignored and the peer itself is counted
      const other = `127.0.0.${Math.floor(Math.random() * 200) + 2}`;
      for (let i = 0; i < 2; i += 1) {
        expect((await login(throttled, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, other, { 'x-forwarded-for': attacker })).statusCode).toBe(401);
      }
      expect((await login(throttled, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, other, { 'x-forwarded-for': freshIp() })).statusCode).toBe(429);
    } finally {
      await throttled.close();
    }
  });

  it('reads TRUST_PROXY, FRAME_ANCESTORS and the timeouts from the environment and refuses what would trust everyone', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8')).toBe('127.0.0.1, 10.0.0.0/8');
    expect(parseTrustProxy('loopback')).toBe('loopback');
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('nginx.local')).toThrow(/TRUST_PROXY/);
    expect(parseFrameAncestors('https://screen.example.gov.cn https://a.example.cn:8443')).toEqual(['https://screen.example.gov.cn', 'https://a.example.cn:8443']);
    expect(() => parseFrameAncestors("* 'unsafe-inline'")).toThrow(/FRAME_ANCESTORS/);
    expect(securityConfigFromEnv({ SESSION_IDLE_MINUTES: '15', SESSION_ABSOLUTE_HOURS: '8', LOGIN_CAPTCHA_AFTER: '0' })).toMatchObject({
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      loginCaptchaAfter: 0,
      trustProxy: false,
      frameAncestors: [],
    });
    expect(() => securityConfigFromEnv({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});

describe('unknown user names answer exactly like real ones', () => {
  /** Seven wrong passwords alternating between two addresses, then one after the lock has passed. */
  async function sequenceFor(username: string): Promise<string[]> {
    const [a, b] = [freshIp(), freshIp()];
    const out: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await login(t, { username, password: `Wrong@2026x${i}` }, i % 2 === 0 ? a : b);
      out.push(`${res.statusCode} ${errorOf(res).code} ${errorOf(res).message}`);
    }
    t.clock.advance(15 * 60_000);
    const after = await login(t, { username, password: 'Wrong@2026x' }, b);
    out.push(`${after.statusCode} ${errorOf(after).code} ${errorOf(after).message}`);
    t.clock.advance(-15 * 60_000);
    return out;
  }

  it('gives a real and an unknown name the same (status, message) sequence from two addresses', async () => {
    const real = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: uniqueName() });
    const realSequence = await sequenceFor(real.username);
    const ghostSequence = await sequenceFor(uniqueName('ghost'));
    expect(ghostSequence).toEqual(realSequence);
    // and the sequence is the lock-out, not something trivially equal
    expect(realSequence.slice(0, 4).map((s) => /再错(\d)次/.exec(s)?.[1])).toEqual(['4', '3', '2', '1']);
    expect(realSequence[4]).toMatch(/^423 ACCOUNT_LOCKED .*15分钟/);
    expect(realSequence[5]).toBe(realSequence[4]);
    expect(realSequence[7]).toMatch(/^401 INVALID_CREDENTIALS .*再错4次/);
  });

  it('spends about the same time on an unknown name as on a wrong password (the decoy hash)', async () => {
    const real = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: uniqueName() });
    const time = async (username: string) => {
      const started = performance.now();
      await login(t, { username, password: 'Wrong@2026x' });
      return performance.now() - started;
    };
    const realTimes: number[] = [];
    const ghostTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      realTimes.push(await time(real.username));
      ghostTimes.push(await time(uniqueName('ghost')));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[2]!;
    // argon2 dominates both; without the decoy an unknown name would answer in a few milliseconds
    // (a ratio near 0.05). The bound leaves room for a busy CI machine's noise.
    expect(median(ghostTimes)).toBeGreaterThan(median(realTimes) * 0.25);
  });
});

describe('POST /api/auth/captcha and the captcha on POST /api/auth/login', () => {
  let c: TestApp;
  let user: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    c = await createTestApp({ loginCaptchaAfter: 2 });
    const p = await buildPark(c.ctx.db);
    user = await buildUser(c.ctx.db, p, { roles: ['leader'], username: uniqueName() });
  });
  afterAll(async () => {
    await c.close();
  });

  /** An address that already failed twice, so its next log-in needs a captcha. */
  async function suspiciousIp(): Promise<string> {
    const ip = freshIp();
    for (let i = 0; i < 2; i += 1) expect((await login(c, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, ip)).statusCode).toBe(401);
    return ip;
  }

  it('draws the challenge as paths: no <text>, no answer in the markup', async () => {
    const res = await c.app.inject({ method: 'POST', url: '/api/auth/captcha', remoteAddress: freshIp() });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string; image: string; expiresAt: string };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.image).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(body.image.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<text|<script|<foreignObject|href=/i);
    expect(svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(4 + 5);
    expect(new Date(body.expiresAt).getTime() - c.clock.now().getTime()).toBe(5 * 60_000);
    const drawn = drawCaptcha('4721');
    expect(drawn).not.toContain('4721');
    expect(drawCaptcha('4721')).not.toBe(drawn);
  });

  it('asks for no captcha before the address has failed, and for one after it failed N times — whatever the name', async () => {
    const ip = freshIp();
    expect((await login(c, { username: user.username, password: 'Wrong@2026x' }, ip)).statusCode).toBe(401);
    expect((await login(c, { username: uniqueName('ghost'), password: 'Wrong@2026x' }, ip)).statusCode).toBe(401);
    for (const username of [user.username, uniqueName('ghost')]) {
      const res = await login(c, { username, password: TEST_PASSWORD }, ip);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'CAPTCHA_REQUIRED', message: '请输入验证码', details: [{ path: 'captcha', message: '请输入验证码' }] });
      expect(res.cookies.find((k) => k.name === 'yq_session')).toBeUndefined();
    }
    // another address is not asked
    expect((await login(c, { username: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a wrong answer (验证码错误), then the used challenge (已过期), and lets the right answer in', async () => {
    const ip = await suspiciousIp();
    const wrong = await issueCaptcha(c.ctx.db, ip, c.clock.now(), '1234');
    const res = await login(c, { username: user.username, password: TEST_PASSWORD, captchaId: wrong.id, captcha: '4321' }, ip);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'CAPTCHA_INVALID', message: '验证码错误,请重新输入', details: [{ path: 'captcha' }] });
    const reused = await login(c, { username: user.username, password: TEST_PASSWORD, captchaId: wrong.id, captcha: '1234' }, ip);
    expect(errorOf(reused)).toMatchObject({ code: 'CAPTCHA_INVALID', message: '验证码已过期,请刷新后重新输入' });

    const right = await issueCaptcha(c.ctx.db, ip, c.clock.now(), '5678');
    const ok = await login(c, { username: ` ${user.username} `, password: TEST_PASSWORD, captchaId: right.id, captcha: ' 5678 ' }, ip);
    expect(ok.statusCode).toBe(200);
    // single use even when right
    const again = await login(c, { username: user.username, password: TEST_PASSWORD, captchaId: right.id, captcha: '5678' }, ip);
    expect(errorOf(again).code).toBe('CAPTCHA_INVALID');
  });

  it('refuses a challenge answered after five minutes', async () => {
    const ip = await suspiciousIp();
    const issued = await issueCaptcha(c.ctx.db, ip, c.clock.now(), '2468');
    c.clock.advance(5 * 60_000 + 1000);
    try {
      const res = await login(c, { username: user.username, password: TEST_PASSWORD, captchaId: issued.id, captcha: '2468' }, ip);
      expect(errorOf(res)).toMatchObject({ code: 'CAPTCHA_INVALID', message: '验证码已过期,请刷新后重新输入' });
    } finally {
      c.clock.advance(-(5 * 60_000 + 1000));
    }
  });

  it('counts a wrong captcha against the address but not against the name', async () => {
    const ip = await suspiciousIp();
    for (let i = 0; i < 3; i += 1) {
      const issued = await issueCaptcha(c.ctx.db, ip, c.clock.now(), '1111');
      expect(errorOf(await login(c, { username: user.username, password: 'Wrong@2026x', captchaId: issued.id, captcha: '2222' }, ip)).code).toBe('CAPTCHA_INVALID');
    }
    const issued = await issueCaptcha(c.ctx.db, ip, c.clock.now(), '1111');
    const res = await login(c, { username: user.username, password: 'Wrong@2026x', captchaId: issued.id, captcha: '1111' }, ip);
    expect(errorOf(res).message).toContain('再错4次');
    const count = await c.ctx.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('ok', '=', false)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2 + 3 + 1);
  });

  it('answers 400 naming the captcha field for an answer without its challenge', async () => {
    const ip = await suspiciousIp();
    const res = await login(c, { username: user.username, password: TEST_PASSWORD, captcha: '1234' }, ip);
    expect(errorOf(res)).toMatchObject({ code: 'CAPTCHA_INVALID', details: [{ path: 'captcha' }] });
    const malformed = await login(c, { username: user.username, password: TEST_PASSWORD, captchaId: 'not-an-id', captcha: '1234' }, ip);
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).details[0]!.path).toBe('captchaId');
  });

  it('is off with LOGIN_CAPTCHA_AFTER=0', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) expect((await login(t, { username: uniqueName('nobody'), password: 'Wrong@2026x' }, ip)).statusCode).toBe(401);
  });
});

describe('session timeouts', () => {
  let s: TestApp;
  let user: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    s = await createTestApp({ loginCaptchaAfter: 0, sessionIdleMinutes: 30, sessionAbsoluteHours: 2 });
    const p = await buildPark(s.ctx.db);
    user = await buildUser(s.ctx.db, p, { roles: ['leader'], username: uniqueName() });
  });
  afterAll(async () => {
    await s.close();
  });

  it('ends a session idle past SESSION_IDLE_MINUTES with 401 SESSION_EXPIRED 登录已超时', async () => {
    const session = sessionOf(await login(s, { username: user.username, password: TEST_PASSWORD }));
    s.clock.advance(29 * 60_000);
    expect((await as(s, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    s.clock.advance(29 * 60_000);
    // 58 minutes after the log-in, but 29 after the last request: still alive
    expect((await as(s, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    s.clock.advance(31 * 60_000);
    const res = await as(s, session, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已超时,请重新登录' });
    // a write is refused the same way, before the CSRF check
    expect(errorOf(await as(s, session, 'POST', '/api/auth/logout')).code).toBe('SESSION_EXPIRED');
    s.clock.advance(-89 * 60_000);
  });

  it('ends an active session SESSION_ABSOLUTE_HOURS after the log-in', async () => {
    const session = sessionOf(await login(s, { username: user.username, password: TEST_PASSWORD }));
    let elapsed = 0;
    for (; elapsed < 2 * 60 - 20; elapsed += 20) {
      s.clock.advance(20 * 60_000);
      expect((await as(s, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    }
    s.clock.advance(20 * 60_000);
    elapsed += 20;
    const res = await as(s, session, 'GET', '/api/auth/me');
    expect(errorOf(res).code).toBe('SESSION_EXPIRED');
    s.clock.advance(-elapsed * 60_000);
  });

  it('answers UNAUTHENTICATED, not SESSION_EXPIRED, to a token that never was a session, and lets public routes through', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { yq_session: 'forged' } });
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    const session = sessionOf(await login(s, { username: user.username, password: TEST_PASSWORD }));
    s.clock.advance(31 * 60_000);
    try {
      // the log-in page still loads its park name and logs in again with the stale cookie
      const park = await s.app.inject({ method: 'GET', url: '/api/public/park', cookies: { yq_session: session.token } });
      expect(park.statusCode).toBe(200);
      const again = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
        cookies: { yq_session: session.token },
        remoteAddress: freshIp(),
      });
      expect(again.statusCode).toBe(200);
    } finally {
      s.clock.advance(-31 * 60_000);
    }
  });
});

describe('ending the other sessions', () => {
  async function twoSessions() {
    const user = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], username: uniqueName() });
    const mine = sessionOf(await login(t, { username: user.username, password: TEST_PASSWORD }));
    const phone = sessionOf(await login(t, { username: user.username, password: TEST_PASSWORD }));
    return { user, mine, phone };
  }
  const auditOf = (userId: string) =>
    t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', userId).where('action', '=', 'user.end-other-sessions').execute();

  it('GET /api/auth/sessions lists the user’s devices and marks this one', async () => {
    const { mine } = await twoSessions();
    const res = await as(t, mine, 'GET', '/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { current: boolean; ip: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((x) => x.current)).toHaveLength(1);
  });

  it('POST /api/auth/sessions/end-others ends the other sessions, keeps this one, and is audited', async () => {
    const { user, mine, phone } = await twoSessions();
    const res = await as(t, mine, 'POST', '/api/auth/sessions/end-others');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 1 });
    expect((await as(t, mine, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await as(t, phone, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf(user.id)).toHaveLength(1);
  });

  it('POST /api/auth/logout ends only this session by default, and every session with endOtherSessions', async () => {
    const { user, mine, phone } = await twoSessions();
    expect((await as(t, mine, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await as(t, phone, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(await auditOf(user.id)).toHaveLength(0);

    const laptop = sessionOf(await login(t, { username: user.username, password: TEST_PASSWORD }));
    const res = await as(t, laptop, 'POST', '/api/auth/logout', { endOtherSessions: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, endedSessions: 1 });
    expect((await as(t, phone, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await as(t, laptop, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf(user.id)).toHaveLength(1);
  });

  it('answers 400 naming the field for a flag that is not a boolean', async () => {
    const { mine } = await twoSessions();
    const res = await as(t, mine, 'POST', '/api/auth/logout', { endOtherSessions: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('endOtherSessions');
  });

  it('POST /api/auth/password keeps the other sessions when asked to (endOtherSessions: false)', async () => {
    const { mine, phone } = await twoSessions();
    const res = await as(t, mine, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Brand@2027new', endOtherSessions: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ endedSessions: 0 });
    expect((await as(t, phone, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});
