import { test, expect, type Page } from '@playwright/test';
import type { ApartmentApplicationView } from '@yuanqi/contract';
import { loginAs, pressInDialog } from './fixtures';

// Issue 15, items 5 and 9 (人才公寓): a firm applies for a staff member on a phone and sees the
// application waitlisted with its place; an officer allocates the top of the waitlist a vacant
// apartment and records the move-in.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** A valid 身份证号 not used before (random birth day and serial; GB 11643 check character). */
function newIdNumber(): string {
  const birth = new Date(Date.UTC(1985, 0, 1) + Math.floor(Math.random() * 12 * 365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `360602${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('a firm applies for a staff member on a phone and sees it waitlisted', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const phone = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  const errors: string[] = [];
  phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await loginAs(phone, 'enterprise', '/land/apartments/my');
  await expect(phone.getByRole('heading', { name: '人才公寓' })).toBeVisible();
  await expect(phone.getByTestId('apartment-card').first()).toBeVisible();
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/apartments-phone-list.png`, fullPage: true });

  await phone.getByRole('button', { name: /新申请/ }).click();
  await expect(phone.getByRole('heading', { name: '申请人才公寓' })).toBeVisible();
  const idNumber = newIdNumber();
  await phone.getByLabel('申请人姓名').fill('周子航');
  await phone.getByLabel('身份证号').fill(idNumber);
  await phone.getByLabel('手机号').fill('13907011234');
  await phone.getByLabel('岗位').fill('嵌入式软件工程师');
  await phone.getByLabel('学历').click();
  await phone.locator('.ant-select-dropdown:visible').getByText('硕士研究生', { exact: true }).click();
  await phone.getByLabel('在本企业工作月数').fill('30');
  await phone.getByLabel('在园区缴纳社保月数').fill('30');
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/apartments-phone-form.png`, fullPage: true });
  await phone.getByRole('button', { name: '提交申请' }).click();

  await expect(phone).toHaveURL(/\/land\/apartments\/applications\/[0-9a-f-]{36}$/);
  await expect(phone.getByTestId('apartment-status').first()).toHaveText('轮候中');
  await expect(phone.getByTestId('queue-position')).toContainText(/轮候第 \d+ 位/);
  await expect(phone.getByText(idNumber)).toHaveCount(0);
  await expect(phone.getByText(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`)).toBeVisible();
  await expect(phone.getByTestId('rule-result').first()).toBeVisible();
  const id = phone.url().split('/').pop()!;
  const view: ApartmentApplicationView = await (await phone.request.get(`/api/land/apartments/applications/${id}`)).json();
  expect(view.status).toBe('waitlisted');
  expect(view.score).toBeGreaterThan(0);
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/apartments-phone-waitlisted.png`, fullPage: true });

  // back on the list the card shows the place on the waitlist
  await phone.goto('/land/apartments/my');
  await expect(phone.getByTestId('card-queue').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('an officer allocates the top of the waitlist a vacant apartment and records the move-in', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const desk = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  const errors: string[] = [];
  desk.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await loginAs(desk, 'dispatcher', '/land/apartments/occupancy');
  await expect(desk.getByRole('heading', { name: '人才公寓入住情况' })).toBeVisible();
  await expect(desk.getByText('公寓总数(套)')).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/apartments-occupancy.png`, fullPage: true });

  await desk.goto('/land/apartments/waitlist');
  await expect(desk.getByRole('heading', { name: '人才公寓轮候名单' })).toBeVisible();
  await expect(desk.getByTestId('waitlist-position').first()).toHaveText('1');
  await expect(desk.getByTestId('next-allocation')).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/apartments-waitlist.png`, fullPage: true });
  const next = await (await desk.request.get('/api/land/apartments/waitlist/next')).json();
  expect(next.application, 'someone is waiting').toBeTruthy();
  expect(next.unit, 'a vacant apartment').toBeTruthy();
  await desk.getByRole('button', { name: '分配下一位' }).click();
  await expect(desk).toHaveURL(new RegExp(`/land/apartments/applications/${next.application.id}\\?unitId=`));
  await expect(desk.getByTestId('queue-position')).toContainText('轮候第 1 位');

  await desk.getByRole('button', { name: '分配房间' }).click();
  const dialog = desk.getByRole('dialog');
  await expect(dialog.getByText(next.unit.label)).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/apartments-allocate.png`, fullPage: true });
  await pressInDialog(dialog, '确认分配', 'allocate');
  await expect(desk.getByTestId('apartment-status').first()).toHaveText('已配房');
  await expect(desk.getByText(`已分配 ${next.unit.label}`).first()).toBeVisible();

  await desk.getByRole('button', { name: '登记入住' }).click();
  await pressInDialog(desk.getByRole('dialog'), '确认入住', 'move in');
  await expect(desk.getByTestId('apartment-status').first()).toHaveText('已入住');
  await desk.screenshot({ path: `${SHOTS}/apartments-moved-in.png`, fullPage: true });
  const view: ApartmentApplicationView = await (await desk.request.get(`/api/land/apartments/applications/${next.application.id}`)).json();
  expect(view.status).toBe('moved_in');
  expect(view.unit!.id).toBe(next.unit.id);
  expect(view.timeline.map((e) => e.action).slice(-2)).toEqual(['allocate', 'move_in']);
  // the room is no longer offered
  const again = await (await desk.request.get('/api/land/apartments/waitlist/next')).json();
  expect(again.unit?.id).not.toBe(next.unit.id);
  expect(errors).toEqual([]);
});
