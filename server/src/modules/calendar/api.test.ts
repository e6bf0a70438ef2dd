import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildPark, buildUser, type TestPark } from '../../../test/factories.js';

let t: TestApp;
let park: TestPark;
let admin: Client;
let dispatcher: Client;

/**
 * The working-day calendar is deployment-wide, not per park, and a PostgreSQL test database
 * outlives the run: the year this file enters is removed before and after, so every run starts
 * with 2027 missing as a fresh installation has it.
 */
const YEAR = 2027;
async function forgetYear(year: number): Promise<void> {
  await t.ctx.db.deleteFrom('calendar_days').where('year', '=', year).execute();
  await t.ctx.db.deleteFrom('calendar_years').where('year', '=', year).execute();
  await t.ctx.calendar.reload();
}

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  await forgetYear(YEAR);
});
afterAll(async () => {
  await forgetYear(YEAR);
  await t.close();
});

const addWorkingDays = (client: Client, date: string, days: number | string) =>
  client.get(`/api/calendar/add-working-days?date=${encodeURIComponent(date)}&days=${encodeURIComponent(String(days))}`);

describe('GET /api/calendar/add-working-days', () => {
  it('answers without a session too: it is a public deadline preview', async () => {
    const res = await addWorkingDays(anonymous(t), '2026-09-30', 3);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-10-10' });
  });

  it('answers 400 naming date for a malformed or impossible date', async () => {
    for (const date of ['2026/09/30', 'yesterday', '2026-02-30', '']) {
      const res = await addWorkingDays(dispatcher, date, 3);
      expect(res.statusCode, date).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      expect(errorOf(res).details[0]!.path, date).toBe('date');
      expect(errorOf(res).message).toContain('日期');
    }
  });

  it('answers 400 naming days for a negative, fractional or missing count', async () => {
    for (const days of ['-1', '1.5', 'abc']) {
      const res = await addWorkingDays(dispatcher, '2026-09-30', days);
      expect(res.statusCode, days).toBe(400);
      expect(errorOf(res).details[0]!.path, days).toBe('days');
      expect(errorOf(res).message).toContain('工作日天数');
    }
    const missing = await dispatcher.get('/api/calendar/add-working-days?date=2026-09-30');
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details[0]!.path).toBe('days');
  });

  it('answers 400 CALENDAR_YEAR_MISSING for a year nobody has entered, also when a count runs into it', async () => {
    const res = await addWorkingDays(dispatcher, `${YEAR}-03-01`, 3);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('CALENDAR_YEAR_MISSING');
    expect(errorOf(res).message).toContain(`${YEAR}年`);
    expect(errorOf(res).details[0]!.path).toBe('date');
    const spill = await addWorkingDays(dispatcher, '2026-12-30', 3);
    expect(spill.statusCode).toBe(400);
    expect(errorOf(spill).code).toBe('CALENDAR_YEAR_MISSING');
  });

  it('counts working days over the National Day holiday and its make-up Saturday', async () => {
    const res = await addWorkingDays(dispatcher, '2026-09-30', 3);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-10-10' });
  });

  it('counts from the next day and answers the date itself for zero days', async () => {
    expect((await addWorkingDays(dispatcher, '2026-11-27', 1)).json()).toEqual({ date: '2026-11-30' });
    expect((await addWorkingDays(dispatcher, '2026-11-28', 0)).json()).toEqual({ date: '2026-11-28' });
  });
});

describe('GET /api/calendar/working-days-between', () => {
  it('answers 400 naming the bad date', async () => {
    const res = await dispatcher.get('/api/calendar/working-days-between?from=2026-10-01&to=2026-13-01');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('to');
  });

  it('counts the working days between two dates', async () => {
    const res = await dispatcher.get('/api/calendar/working-days-between?from=2026-09-30&to=2026-10-10');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ days: 3 });
  });
});

describe('PUT /api/calendar/years/:year', () => {
  it('answers 401 without a session', async () => {
    expect((await anonymous(t).put(`/api/calendar/years/${YEAR}`, { weekdayOnly: true, days: [] })).statusCode).toBe(401);
  });

  it('answers 403 to a user who is not an admin, and the year stays missing', async () => {
    for (const role of ['dispatcher', 'leader', 'liaison'] as const) {
      const client = await clientAs(t, await buildUser(t.ctx.db, park, { roles: [role] }));
      const res = await client.put(`/api/calendar/years/${YEAR}`, { weekdayOnly: true, days: [] });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await addWorkingDays(dispatcher, `${YEAR}-03-01`, 3)).statusCode).toBe(400);
    expect((await admin.get(`/api/calendar/years/${YEAR}`)).json()).toMatchObject({ year: YEAR, source: 'missing', days: [] });
  });

  it('answers 400 naming the entry for a day that is not in the year', async () => {
    const res = await admin.put(`/api/calendar/years/${YEAR}`, {
      days: [
        { date: `${YEAR}-10-01`, kind: 'holiday', name: '国庆节' },
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('days.1.date');
    expect(errorOf(res).message).toContain(`不属于${YEAR}年`);
    expect((await admin.get(`/api/calendar/years/${YEAR}`)).json().source).toBe('missing');
  });

  it('answers 400 for a duplicated day, an unknown kind or a bad date', async () => {
    const dup = await admin.put(`/api/calendar/years/${YEAR}`, {
      days: [
        { date: `${YEAR}-10-01`, kind: 'holiday' },
        { date: `${YEAR}-10-01`, kind: 'workday' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(errorOf(dup).details[0]!.path).toBe('days.1.date');
    const kind = await admin.put(`/api/calendar/years/${YEAR}`, { days: [{ date: `${YEAR}-10-01`, kind: 'vacation' }] });
    expect(kind.statusCode).toBe(400);
    expect(errorOf(kind).details[0]!.path).toBe('days.0.kind');
    const date = await admin.put(`/api/calendar/years/${YEAR}`, { days: [{ date: `${YEAR}-02-30`, kind: 'holiday' }] });
    expect(date.statusCode).toBe(400);
    expect(errorOf(date).details[0]!.path).toBe('days.0.date');
  });

  it('answers 404 for a year out of range', async () => {
    expect((await admin.put('/api/calendar/years/1999', { weekdayOnly: true, days: [] })).statusCode).toBe(404);
  });

  it('accepts a weekday-only year, after which counts in it are answered', async () => {
    const res = await admin.put(`/api/calendar/years/${YEAR}`, { weekdayOnly: true, days: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: YEAR, source: 'weekday_only', days: [] });
    // 2027-03-01 is a Monday; Friday 2026-12-31 + 1 is Monday 2027-01-04
    expect((await addWorkingDays(dispatcher, `${YEAR}-03-01`, 3)).json()).toEqual({ date: `${YEAR}-03-04` });
    expect((await addWorkingDays(dispatcher, `${YEAR}-03-05`, 1)).json()).toEqual({ date: `${YEAR}-03-08` });
  });

  it('takes an admin’s holidays and make-up days, replacing what was there', async () => {
    const res = await admin.put(`/api/calendar/years/${YEAR}`, {
      days: [
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `${YEAR}-10-0${d}`, kind: 'holiday', name: '国庆节' })),
        { date: `${YEAR}-10-09`, kind: 'workday', name: '国庆节调休' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toBe('admin');
    expect(res.json().days).toHaveLength(8);
    expect(res.json().days[0]).toEqual({ date: `${YEAR}-10-01`, kind: 'holiday', name: '国庆节' });
    // Thu 30 Sep + 3: Fri 8 Oct, Sat 9 Oct (make-up day), Mon 11 Oct
    expect((await addWorkingDays(dispatcher, `${YEAR}-09-30`, 3)).json()).toEqual({ date: `${YEAR}-10-11` });
    expect((await admin.get(`/api/calendar/years/${YEAR}`)).json()).toMatchObject({ source: 'admin' });

    const audit = await admin.get('/api/audit?entity=calendar_year&entityId=2027');
    expect(audit.json().items[0]).toMatchObject({ action: 'calendar.put-year', before: { source: 'weekday_only' }, after: { source: 'admin' } });
  });

  it('shows the built-in years with their source', async () => {
    const res = await dispatcher.get('/api/calendar/years/2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toBe('builtin');
    expect(res.json().days).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-10-01', kind: 'holiday' })]));
  });
});
