import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { loginAs } from './fixtures';

type FirmView = {
  enterprise: { id: string; name: string };
  devicesOnline: number;
  devicesTotal: number;
  devices: { id: string; name: string; values: { key: string; value: number | null }[] }[];
  liveAlarms: { title: string }[];
};
type OfficeView = {
  devices: { total: number; online: number };
  alarms: { live: number; latest: { title: string }[] };
  energy: { topFirms: { enterpriseName: string }[] };
};

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

test.describe('产业云看板', () => {
  test('the demo firm opens 我的产业云 on a phone: devices with live values, a curve, its alarm', async ({ browser, baseURL }) => {
    const phone = await (await browser.newContext({ ...phoneContext, baseURL })).newPage();
    await loginAs(phone, 'enterprise', '/');
    const me = await (await phone.request.get('/api/auth/me')).json();
    const view = (await (await phone.request.get(`/api/industry/dashboard/firm/${me.enterpriseId}`)).json()) as FirmView;
    expect(view.devicesTotal, 'the demo firm has its simulated devices').toBeGreaterThanOrEqual(4);

    // from the phone's 工作台: the 我的产业云 tile of the main actions
    await phone.getByRole('navigation', { name: '常用功能' }).getByRole('link', { name: '我的产业云' }).click();
    await expect(phone).toHaveURL(/\/industry\/my$/);
    await expect(phone.getByRole('heading', { name: '我的产业云' })).toBeVisible();
    await expect(phone.getByTestId('dash-online')).toContainText(`/ ${view.devicesTotal}`);
    // every device is a card with its latest values
    await expect(phone.getByTestId('dash-device')).toHaveCount(view.devicesTotal);
    const meter = view.devices.find((d) => d.values.some((v) => v.key === 'power_kw'))!;
    const card = phone.getByTestId('dash-device').filter({ hasText: meter.name });
    await expect(card).toContainText('有功功率');
    await expect(card).toContainText('kW');
    // the live alarm the demo keeps open
    for (const a of view.liveAlarms) await expect(phone.getByText(a.title).first()).toBeVisible();
    // the meter's curve draws (a canvas under its title), and switches to 30 days
    await expect(phone.getByText(`${meter.name} · 有功功率`)).toBeVisible();
    await expect(phone.getByRole('img', { name: `${meter.name} · 有功功率` }).locator('canvas')).toBeVisible();
    await expect(phone.getByRole('img', { name: '近30天每日用电量柱状图(千瓦时)' }).locator('canvas')).toBeVisible();
    // a phone page does not scroll sideways
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await phone.screenshot({ path: `${SHOTS}/industry-my-phone.png`, fullPage: true });
    await phone.getByText('近30天', { exact: true }).click();
    await expect(phone.getByText(/单位:kW · 按日/)).toBeVisible();
    await phone.context().close();
  });

  test('the leader opens 产业云总览: devices online, alarms, the copper trend and energy by firm', async ({ page }) => {
    await loginAs(page, 'leader', '/');
    const view = (await (await page.request.get('/api/industry/dashboard/office')).json()) as OfficeView;
    expect(view.devices.total, 'about 150 demo devices').toBeGreaterThan(140);

    await page.goto('/');
    // the 产业云 group of the desk's menu, its first entry
    await page.getByRole('menuitem', { name: /产业云总览/ }).click();
    await expect(page).toHaveURL(/\/industry\/overview$/);
    await expect(page.getByRole('heading', { name: '产业云总览' })).toBeVisible();
    await expect(page.getByTestId('overview-online')).toContainText(`/ ${view.devices.total}`);
    await expect(page.getByTestId('overview-alarms')).toContainText(String(view.alarms.live));
    await expect(page.getByTestId('overview-alarm-card')).toContainText(view.alarms.latest[0]!.title);
    const trend = page.getByTestId('copper-trend');
    await expect(trend.getByText('铜材产量与销量', { exact: true })).toBeVisible();
    await expect(trend.getByRole('img', { name: '铜材产量与销量(吨)与同比增速(%)' }).locator('canvas')).toBeVisible();
    const energy = page.getByTestId('energy-by-firm');
    await expect(energy.getByRole('link', { name: view.energy.topFirms[0]!.enterpriseName })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/industry-overview-desktop.png`, fullPage: true });

    // a firm's own dashboard from the ranking
    await energy.getByRole('link', { name: view.energy.topFirms[0]!.enterpriseName }).click();
    await expect(page.getByRole('heading', { name: `${view.energy.topFirms[0]!.enterpriseName} · 数据看板` })).toBeVisible();
    await expect(page.getByTestId('dash-device').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/industry-firm-desktop.png`, fullPage: true });
  });

  test('a liaison opens 企业数据看板: only its firms, each to its dashboard', async ({ page }) => {
    await loginAs(page, 'liaison', '/');
    const list = (await (await page.request.get('/api/industry/dashboard/firms')).json()) as { items: { enterpriseId: string; name: string }[]; total: number };
    expect(list.items.length, 'the demo liaison serves reporting firms').toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: /企业数据看板/ }).click();
    await expect(page).toHaveURL(/\/industry\/firms$/);
    await expect(page.getByTestId('dash-firm')).toHaveCount(list.items.length);
    await page.getByRole('link', { name: `${list.items[0]!.name} 数据看板` }).click();
    await expect(page.getByRole('heading', { name: `${list.items[0]!.name} · 数据看板` })).toBeVisible();
    // a firm outside its scope is not found
    const office = (await (await page.request.get('/api/industry/dashboard/office')).status());
    expect(office).toBe(403);
    await page.screenshot({ path: `${SHOTS}/industry-liaison-firm.png`, fullPage: true });
  });

  test('the dispatcher sees 产业云总览 on a phone; a firm is refused it', async ({ browser, baseURL }) => {
    const phone = await (await browser.newContext({ ...phoneContext, baseURL })).newPage();
    await loginAs(phone, 'dispatcher', '/industry/overview');
    await expect(phone.getByRole('heading', { name: '产业云总览' })).toBeVisible();
    await expect(phone.getByTestId('copper-trend').locator('canvas').first()).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await phone.screenshot({ path: `${SHOTS}/industry-overview-phone.png`, fullPage: true });
    await phone.context().close();

    const firm = await (await browser.newContext({ ...phoneContext, baseURL })).newPage();
    await loginAs(firm, 'enterprise', '/');
    expect((await firm.request.get('/api/industry/dashboard/office')).status()).toBe(403);
    await firm.context().close();
  });
});
