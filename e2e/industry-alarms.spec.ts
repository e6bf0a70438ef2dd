import { test, expect, request, type Page } from '@playwright/test';
import type { AlarmView, DeviceTokenIssued, Paged } from '@yuanqi/contract';
import { csrfToken, loginAs, pressInDialog } from './fixtures';

// Issue 14, item 2 (alarms): the office sets a threshold rule on a device; the device reports over
// HTTP with its token and breaches it; the firm is told, acknowledges the alarm on a phone, and the
// office closes it with a note.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('a rule on a device, a breach over HTTP, the firm acknowledges on a phone, the office closes it with a note', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36).slice(-5);
  const code = `E2E-HUM-${suffix}`;

  // The firm registers an environment sensor (API; the devices page has its own test) and keeps its token.
  const phone = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  await loginAs(phone, 'enterprise', '/');
  const created = await phone.request.post('/api/industry/devices', {
    data: { code, name: `车间温湿度${suffix}`, typeCode: 'env_sensor', location: '成品仓库' },
    headers: { 'x-csrf-token': await csrfToken(phone) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { device, token } = (await created.json()) as DeviceTokenIssued;

  // The dispatcher creates a rule for that device through the form.
  const desk = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(desk, 'dispatcher', '/');
  await desk.locator('.yq-sider').getByRole('menuitem', { name: '告警规则' }).click();
  await expect(desk.getByRole('heading', { name: '告警规则' })).toBeVisible();
  await desk.getByRole('button', { name: '新建规则' }).first().click();
  const dialog = desk.getByRole('dialog', { name: '新建告警规则' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('规则名称').fill(`仓库湿度过高${suffix}`);
  await dialog.getByText('单台设备').click();
  await dialog.getByLabel('设备', { exact: true }).click();
  await dialog.getByLabel('设备', { exact: true }).fill(code);
  await desk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: code }).click();
  await dialog.getByLabel('监测指标').click();
  await desk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '湿度(%)' }).click();
  await dialog.getByLabel('阈值').fill('90');
  await dialog.getByLabel('持续时间').fill('0');
  await dialog.getByText('严重', { exact: true }).click();
  await desk.screenshot({ path: `${SHOTS}/h4-alarm-rule-form.png` });
  await pressInDialog(dialog, '创 建', '创建规则');
  const row = desk.getByRole('row').filter({ hasText: `仓库湿度过高${suffix}` });
  await expect(row).toContainText('湿度 > 90 %');
  await expect(row).toContainText(code);
  await desk.screenshot({ path: `${SHOTS}/h4-alarm-rules.png`, fullPage: true });

  // The device reports over HTTP with its token: 96 % is above 90 % → one alarm at once.
  // (as the device: no session cookies, only its token)
  const deviceClient = await request.newContext({ baseURL });
  const post = await deviceClient.post(`/api/industry/devices/${device.id}/telemetry`, {
    data: { readings: [{ metric: 'humidity_pct', value: 96.5 }, { metric: 'temp_c', value: 21 }] },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(post.status(), await post.text()).toBe(200);
  await expect
    .poll(async () => ((await (await phone.request.get(`/api/industry/alarms?deviceId=${device.id}`)).json()) as Paged<AlarmView>).total, { timeout: 10_000 })
    .toBe(1);

  // The firm opens 设备告警 on its phone and acknowledges.
  await phone.goto('/industry/alarms');
  await expect(phone.getByRole('heading', { name: '设备告警' })).toBeVisible();
  const card = phone.getByTestId('alarm-card').filter({ hasText: `车间温湿度${suffix}` });
  await expect(card).toContainText('96.5 %');
  await expect(card).toContainText('待确认');
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/h4-alarms-phone.png`, fullPage: true });
  await card.getByRole('link').first().click();
  await expect(phone.getByText('湿度 > 90 % ').or(phone.getByText('湿度 > 90 %')).first()).toBeVisible();
  await expect(phone.getByRole('button', { name: '关 闭' })).toHaveCount(0);
  await phone.getByRole('button', { name: '确 认' }).click();
  const ack = phone.getByRole('dialog', { name: '确认告警' });
  await ack.getByLabel('说明').fill('已安排仓管员检查除湿机');
  await pressInDialog(ack, '确认告警', '确认告警');
  await expect(phone.getByText('处理中').first()).toBeVisible();
  await expect(phone.getByText('已安排仓管员检查除湿机')).toBeVisible();
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/h4-alarm-phone.png`, fullPage: true });

  // The dispatcher sees it 处理中 in the park's list and closes it with a note (required).
  await desk.locator('.yq-sider').getByRole('menuitem', { name: '设备告警' }).click();
  await expect(desk.getByRole('heading', { name: '设备告警' })).toBeVisible();
  const deskRow = desk.getByRole('row').filter({ hasText: `车间温湿度${suffix}` });
  await expect(deskRow).toContainText('处理中');
  await desk.screenshot({ path: `${SHOTS}/h4-alarms-desk.png`, fullPage: true });
  await deskRow.getByRole('link', { name: `仓库湿度过高${suffix}` }).click();
  await desk.getByRole('button', { name: '关 闭' }).click();
  const close = desk.getByRole('dialog', { name: '关闭告警' });
  await close.getByRole('button', { name: '关闭告警' }).click();
  await expect(close.getByText('请填写处理说明')).toBeVisible();
  await close.getByLabel('处理说明').fill('除湿机滤网堵塞,已清洗,仓库湿度恢复到60%');
  await pressInDialog(close, '关闭告警', '关闭告警');
  await expect(desk.getByText('除湿机滤网堵塞,已清洗,仓库湿度恢复到60%').first()).toBeVisible();
  await expect(desk.getByText('已关闭').first()).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/h4-alarm-desk.png`, fullPage: true });

  // The firm was told of the alarm (in-site message linking to it).
  const notes = await (await phone.request.get('/api/notifications?pageSize=50')).json();
  const items = (notes.items ?? notes) as { title: string; link: string | null }[];
  expect(items.some((n) => n.title.includes(`仓库湿度过高${suffix}`) && n.link?.startsWith('/industry/alarms/'))).toBe(true);
});
