import { test, expect, type Page } from '@playwright/test';
import { formatYuan, type BuildingSummaryView, type BuildingView, type LeaseSummaryView, type MyPremisesView } from '@yuanqi/contract';
import { loginAs } from './fixtures';

// Issue 15, items 5 and 9: a firm sees its monthly bill with the rent relief applied on a phone;
// an officer signs a lease for a vacant unit and a second, overlapping lease of it is refused.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('a firm sees its monthly bill with the relief applied on a phone', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const phone = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  const errors: string[] = [];
  phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await loginAs(phone, 'enterprise', '/land/premises/mine');
  await expect(phone.getByRole('heading', { name: '我的租赁' })).toBeVisible({ timeout: 30_000 });
  const mine: MyPremisesView = await (await phone.request.get('/api/land/premises/mine')).json();
  const relieved = mine.bills.find((b) => b.reliefs.length > 0 && b.reliefTotalFen === b.grossFen);
  expect(relieved, 'the demo firm has a bill in the relief months').toBeTruthy();
  const card = phone.getByTestId(`bill-${relieved!.period.slice(0, 7)}`);
  if (!(await card.isVisible())) await phone.getByText(/更早的账单/).click();
  await expect(card).toBeVisible();
  await expect(card.getByText('房租减免', { exact: true })).toBeVisible();
  // the whole month's rent relieved, with why, and nothing due
  await expect(card.getByText(`−${formatYuan(relieved!.reliefTotalFen)}`)).toBeVisible();
  await expect(card.getByText(relieved!.reliefs[0]!.explanation)).toContainText('免租3个月');
  await expect(card.getByText('应缴', { exact: true })).toBeVisible();
  expect(relieved!.dueFen).toBe(0);
  await card.scrollIntoViewIfNeeded();
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/premises-phone-bill.png`, fullPage: true });
  expect(errors).toEqual([]);
  // another firm's bill is not found
  const other = await phone.request.get('/api/land/premises/bills/00000000-0000-4000-8000-000000000000');
  expect(other.status()).toBe(404);
});

test('an officer signs a lease for a vacant unit and an overlapping second lease is refused', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const desk = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(desk, 'dispatcher', '/land/premises/buildings');
  await expect(desk.getByRole('heading', { name: '厂房楼宇' })).toBeVisible({ timeout: 30_000 });
  await desk.screenshot({ path: `${SHOTS}/premises-buildings.png`, fullPage: true });
  // a vacant, available 标准厂房 unit that has never been leased (the test may run again on the same park)
  const { items } = (await (await desk.request.get('/api/land/premises/buildings?kind=standard_factory')).json()) as { items: BuildingSummaryView[] };
  let target: { building: BuildingView; unit: BuildingView['units'][number] } | null = null;
  for (const b of items) {
    const detail: BuildingView = await (await desk.request.get(`/api/land/premises/buildings/${b.id}`)).json();
    for (const u of detail.units.filter((x) => x.state === 'vacant' && x.status === 'available')) {
      const leases: LeaseSummaryView[] = await (await desk.request.get(`/api/land/premises/units/${u.id}/leases`)).json();
      if (leases.length === 0) {
        target = { building: detail, unit: u };
        break;
      }
    }
    if (target) break;
  }
  expect(target, 'a never-let vacant unit').toBeTruthy();
  const { building, unit } = target!;
  const firms = (await (await desk.request.get('/api/enterprises?page=1&pageSize=2&sort=name')).json()) as { items: { id: string; name: string }[] };
  const firm = firms.items[0]!;

  const sign = async (startsOn: string, endsOn: string) => {
    await desk.goto(`/land/premises/buildings/${building.id}`);
    await desk.getByTestId(`unit-${unit.code}`).click();
    await desk.getByRole('button', { name: '签订租约' }).click();
    const dialog = desk.getByRole('dialog', { name: '签订租赁合同' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('承租企业').fill(firm.name.slice(0, 6));
    await desk.locator('.ant-select-dropdown:visible').getByText(firm.name, { exact: true }).click();
    await dialog.getByLabel('起租日期').fill(startsOn);
    await dialog.getByLabel('起租日期').press('Enter');
    await dialog.getByLabel('到期日期').fill(endsOn);
    await dialog.getByLabel('到期日期').press('Enter');
    await expect(dialog.getByText(/月租金/)).toBeVisible();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    return dialog;
  };

  await sign('2031-01-01', '2033-12-31');
  await expect(desk.getByRole('heading', { name: /租赁合同 ZL\d+/ })).toBeVisible({ timeout: 30_000 });
  const contract = (await desk.getByRole('heading', { name: /租赁合同 ZL\d+/ }).textContent())!.replace('租赁合同 ', '').trim();
  await expect(desk.getByText('10.00元/㎡/月')).toBeVisible();
  await desk.screenshot({ path: `${SHOTS}/premises-lease.png`, fullPage: true });

  const dialog = await sign('2033-06-01', '2034-05-31');
  const alert = dialog.getByTestId('lease-overlap');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`${building.name} ${unit.code}`);
  await expect(alert).toContainText(contract);
  await desk.screenshot({ path: `${SHOTS}/premises-overlap.png`, fullPage: true });
  const leases: LeaseSummaryView[] = await (await desk.request.get(`/api/land/premises/units/${unit.id}/leases`)).json();
  expect(leases).toHaveLength(1);
});
