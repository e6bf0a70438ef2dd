import { test, expect, request, type Page } from '@playwright/test';
import type { DeviceDetail, DeviceList } from '@yuanqi/contract';
import { loginAs } from './fixtures';

// Issue 14, item 2: the demo enterprise registers a device on a phone, sees its token once (with a
// copy button) and the connection guide (curl and MQTT settings); a reading posted over HTTP with
// that token then shows on the device page. The office sees the device in 设备管理.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('the enterprise registers a device on a phone, keeps its token and sees a reading posted over HTTP', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, ...phoneContext });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const phone = await context.newPage();
  await loginAs(phone, 'enterprise', '/mine');
  await phone.getByRole('navigation', { name: '我的' }).getByRole('link', { name: '我的设备' }).click();
  await expect(phone.getByRole('heading', { name: '我的设备' })).toBeVisible();
  await phone.getByRole('button', { name: '登记设备' }).first().click();
  await expect(phone.getByRole('heading', { name: '登记设备' })).toBeVisible();

  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const name = `3号熔炉炉温${code.slice(-4)}`;
  await phone.getByLabel('设备类型').click();
  await phone.locator('.ant-select-item-option').filter({ hasText: '熔炉温度传感器' }).click();
  await expect(phone.getByText('炉温 temp_c (℃) · 瞬时值')).toBeVisible();
  await phone.getByLabel('设备名称').fill(name);
  await phone.getByLabel('设备编号').fill(code);
  await phone.getByLabel('安装位置').fill('熔铸车间');
  await phone.getByRole('button', { name: '登记并生成令牌' }).click();

  // the token, once, with a copy button and the guide that uses it
  await expect(phone.getByText('设备已登记')).toBeVisible();
  await expect(phone.getByText('设备令牌只显示这一次,请立即复制保存')).toBeVisible();
  const tokenBox = phone.getByTestId('device-token');
  const token = (await tokenBox.locator('code').innerText()).trim();
  expect(token).toMatch(/^[\w-]{43}$/);
  await tokenBox.getByRole('button', { name: /复制/ }).click();
  await expect.poll(() => phone.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expect(phone.getByText(`Authorization: Bearer ${token}`)).toBeVisible();
  await phone.getByRole('tab', { name: 'MQTT' }).click();
  await expect(phone.getByText(/用户名: +[0-9a-f-]{36}/)).toBeVisible();
  await expect(phone.getByText(/主题: +yuanqi\/devices\/[0-9a-f-]{36}\/telemetry/)).toBeVisible();
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/industry-devices-token-phone.png`, fullPage: true });

  await phone.getByRole('button', { name: '我已保存令牌,查看设备' }).click();
  await expect(phone.getByRole('heading', { name })).toBeVisible();
  const deviceId = phone.url().split('/').pop()!;
  await expect(phone.getByText('尚未收到数据')).toBeVisible();
  // the token is not shown again
  await expect(phone.getByText(token)).toHaveCount(0);

  // the device posts a reading over HTTP (no session: the token is its credential)
  const device = await request.newContext({ baseURL });
  const res = await device.post(`/api/industry/devices/${deviceId}/telemetry`, {
    headers: { authorization: `Bearer ${token}` },
    data: { readings: [{ metric: 'temp_c', value: 812.5 }, { metric: 'temp_c', value: 99_999 }] },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 1, rejected: 1, rejectedByReason: { out_of_range: 1 } });
  expect((await device.post(`/api/industry/devices/${deviceId}/telemetry`, { headers: { authorization: 'Bearer wrong' }, data: { readings: [{ metric: 'temp_c', value: 1 }] } })).status()).toBe(401);
  await device.dispose();

  await phone.reload();
  await expect(phone.getByRole('heading', { name })).toBeVisible();
  await expect(phone.locator('.yq-device-value').filter({ hasText: '炉温' })).toContainText('812.5 ℃');
  await expect(phone.getByText('在线', { exact: true })).toBeVisible();
  await expect(phone.getByText('超出量程 1')).toBeVisible();
  await expect.poll(async () => (await phone.request.get(`/api/industry/devices/${deviceId}`)).json().then((d: DeviceDetail) => d.rejectedByReason.bad_token ?? 0)).toBe(1);
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/industry-devices-device-phone.png`, fullPage: true });

  // back in 我的设备, the card shows it online with its latest value
  await phone.goto('/industry/devices');
  const card = phone.getByRole('link', { name: `设备 ${name}` });
  await expect(card).toContainText('在线');
  await expect(card).toContainText('812.5 ℃');
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/industry-devices-list-phone.png`, fullPage: true });

  // the office finds it in 设备管理 on a desktop
  const desk = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(desk, 'dispatcher', '/');
  await desk.locator('.yq-sider').getByRole('menuitem', { name: '设备管理' }).click();
  await expect(desk.getByRole('heading', { name: '设备管理' })).toBeVisible();
  await expect(desk.locator('.ant-table-row').first()).toBeVisible();
  await expect(desk.locator('.ant-spin-spinning')).toHaveCount(0);
  await desk.screenshot({ path: `${SHOTS}/industry-devices-office.png`, fullPage: true });
  await desk.getByRole('searchbox', { name: '搜索设备' }).fill(code);
  await desk.getByRole('searchbox', { name: '搜索设备' }).press('Enter');
  const row = desk.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('在线');
  await expect(row).toContainText('熔炉温度传感器');
  await desk.goto(`/industry/devices/${deviceId}`);
  await expect(desk.getByRole('heading', { name })).toBeVisible();
  await expect(desk.getByRole('cell', { name: '812.5 ℃' })).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/industry-devices-device-desk.png`, fullPage: true });
  await desk.locator('.yq-sider').getByRole('menuitem', { name: '设备类型' }).click();
  await expect(desk.getByRole('heading', { name: '设备类型' })).toBeVisible();
  await expect(desk.getByRole('row').filter({ hasText: '智能电表' })).toContainText('energy_kwh');
  await desk.screenshot({ path: `${SHOTS}/industry-devices-types.png`, fullPage: true });
  await desk.getByRole('button', { name: '新增类型' }).click();
  await expect(desk.getByRole('dialog')).toContainText('添加指标');
  await desk.screenshot({ path: `${SHOTS}/industry-devices-type-new.png` });
  await desk.keyboard.press('Escape');
  const list: DeviceList = await (await desk.request.get('/api/industry/devices', { params: { q: code } })).json();
  expect(list.items.map((d) => d.id)).toEqual([deviceId]);
});
