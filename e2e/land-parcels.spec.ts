import { test, expect, type Page } from '@playwright/test';
import type { ParcelDetailView, ParcelMapView } from '@yuanqi/contract';
import { csrfToken, loginAs, pressInDialog } from './fixtures';

// Issue 15, item 1 and the map of item 7: the office opens the parcel map (drawn on the park's own
// base layer, no tile server), clicks a parcel to see its firm, colours the map by 亩均税收, and on a
// parcel page takes the next step of the parcel workflow with the kit's action bar.

const desktop = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function parcelFills(page: Page): Promise<string[]> {
  return page.locator('[data-testid="parcel-map"] path.leaflet-interactive').evaluateAll((paths) => paths.map((p) => (p.getAttribute('fill') ?? '').toLowerCase()));
}

test('the map draws the parcels, a click shows the firm, and the colours switch to 亩均税收', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ baseURL, ...desktop })).newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await loginAs(page, 'dispatcher', '/');
  await page.locator('.yq-sider').getByRole('menuitem', { name: '地块地图' }).click();
  await expect(page.getByRole('heading', { name: '地块地图' })).toBeVisible();
  const map = (await (await page.request.get('/api/land/map')).json()) as ParcelMapView;
  expect(map.parcels.length).toBeGreaterThan(250);
  await expect.poll(async () => (await parcelFills(page)).length).toBe(map.parcels.length);
  const byStatus = new Set(await parcelFills(page));
  expect(byStatus.has('#52c41a')).toBe(true); // 已投产
  expect(byStatus.has('#ff4d4f')).toBe(true); // 闲置

  // search a held parcel, fly to it, then click the middle of the map: that parcel
  const target = map.parcels.find((p) => p.status === 'producing' && p.enterpriseName && p.areaMu > 60)!;
  await page.getByLabel('搜索地块').fill(target.code);
  // antd's visible option (the role=option nodes are its hidden accessibility copies)
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: target.code }).first().click();
  const panel = page.getByTestId('map-selected');
  await expect(panel).toContainText(target.enterpriseName!);
  // a fresh click on the parcel itself shows the same firm
  await page.waitForTimeout(900); // the fly animation
  const box = (await page.getByTestId('parcel-map').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(panel).toContainText(target.code);
  await expect(panel).toContainText(target.enterpriseName!);
  await page.screenshot({ path: '/tmp/parcels-map-status.png' });

  await page.getByText('按亩均税收').click();
  await expect(page.getByTestId('map-legend')).toContainText('亩均税收');
  const byTax = new Set(await parcelFills(page));
  expect(byTax.has('#52c41a')).toBe(false);
  expect([...byTax].some((c) => ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850', '#d9d9d9'].includes(c))).toBe(true);
  await page.screenshot({ path: '/tmp/parcels-map-tax.png' });
  expect(errors).toEqual([]);
});

test('the parcel page takes the next step with the action bar', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const page = await (await browser.newContext({ baseURL, ...desktop })).newPage();
  await loginAs(page, 'dispatcher', '/');
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const headers = { 'x-csrf-token': await csrfToken(page) };
  const lng = 117.03 + Math.random() * 0.002;
  const ring = [[lng, 28.2], [lng + 0.002, 28.2], [lng + 0.002, 28.2015], [lng, 28.2015], [lng, 28.2]];
  const created = await page.request.post('/api/land/parcels', { data: { code: `E2E-${suffix}`, boundary: { type: 'Polygon', coordinates: [ring] }, plannedUse: 'industrial', zone: '起步区' }, headers });
  expect(created.status(), await created.text()).toBe(201);
  const parcel = (await created.json()) as ParcelDetailView;
  const holders = (await (await page.request.get('/api/land/parcels/holders')).json()) as { firms: { id: string; name: string }[] };
  const moved = await page.request.post(`/api/land/parcels/${parcel.id}/actions/transfer`, { data: { enterpriseId: holders.firms[0]!.id }, headers });
  expect(moved.status(), await moved.text()).toBe(200);
  // a skipped step is refused by the server
  const skipped = await page.request.post(`/api/land/parcels/${parcel.id}/actions/start_production`, { data: {}, headers });
  expect(skipped.status()).toBe(409);

  await page.goto(`/land/parcels/${parcel.id}`);
  await expect(page.getByText(`E2E-${suffix}`).first()).toBeVisible();
  await expect(page.locator('.ant-tag', { hasText: '已出让' }).first()).toBeVisible();
  await expect(page.locator('[data-testid="parcel-map"] path').first()).toBeVisible();
  // antd spaces a two-character button label: 开 工
  await page.getByRole('button', { name: /^开\s?工$/ }).click();
  const dialog = page.getByRole('dialog', { name: '登记开工' });
  await dialog.getByLabel('说明').fill('厂房桩基施工');
  await pressInDialog(dialog, '开 工');
  await expect(page.locator('.ant-tag', { hasText: '在建' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^投\s?产$/ })).toBeVisible();
  await expect(page.getByText('厂房桩基施工')).toBeVisible();
  await page.screenshot({ path: '/tmp/parcels-page.png', fullPage: true });
});
