import ExcelJS from 'exceljs';
import { test, expect, type Page } from '@playwright/test';
import { csrfToken, loginAs, pressInDialog } from './fixtures';

// Issue 13, item 5: the finance officer enters a lower copper price for today and presses
// 立即检查补仓; the firm sees the margin call with its shortfall on a phone; the bank records the
// top-up and the call is resolved.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('a price fall calls for margin, the firm sees it on a phone, the bank’s top-up resolves it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  // --- the demo firm registers a receipt on its phone; the demo bank lends on it (API) at 90 % of its limit
  const receiptNo = `E2E${Date.now().toString().slice(-8)}`;
  const warehouse = '鹰潭综合保税区铜仓一号库';
  const phone = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  await loginAs(phone, 'enterprise', '/finance/copper');
  await expect(phone.getByRole('heading', { name: '存铜融' })).toBeVisible();
  await phone.getByRole('button', { name: '登记仓单' }).click();
  const receiptDialog = phone.getByRole('dialog', { name: '登记仓单' });
  await expect(receiptDialog).toBeVisible();
  await receiptDialog.getByLabel('仓库').fill(warehouse);
  await receiptDialog.getByLabel('仓单号').fill(receiptNo);
  await receiptDialog.getByLabel('吨数').fill('120.5001');
  await receiptDialog.getByRole('button', { name: '登 记' }).click();
  await expect(receiptDialog.getByText('吨数应为大于0的数字,最多3位小数')).toBeVisible();
  await receiptDialog.getByLabel('吨数').fill('120.5');
  await pressInDialog(receiptDialog, '登 记', '登记仓单');
  await expect(phone.getByTestId('receipt-card').filter({ hasText: receiptNo })).toContainText('120.500吨');
  const bankApi = await (await browser.newContext({ baseURL })).newPage();
  await loginAs(bankApi, 'bank', '/');
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const quote = await (await bankApi.request.get(`/api/finance/copper/quote?warehouse=${encodeURIComponent(warehouse)}&receiptNo=${receiptNo}&pricedOn=${today}`)).json();
  expect(quote.limitFen).toBeGreaterThan(0);
  const pledged = await bankApi.request.post('/api/finance/copper/pledges', { data: { warehouse, receiptNo, pricedOn: today, loanFen: Math.floor((quote.limitFen * 0.9) / 100) * 100 }, headers: { 'x-csrf-token': await csrfToken(bankApi) } });
  expect(pledged.status(), await pledged.text()).toBe(201);
  const pledgeNumber = (await pledged.json()).number as string;

  // --- the finance officer: today's price, then the check
  const desk = await (await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(desk, 'finance_officer', '/finance/copper/prices');
  await expect(desk.getByRole('heading', { name: '铜价' })).toBeVisible();
  await expect(desk.getByRole('img', { name: '铜价走势' })).toBeVisible();
  await desk.getByRole('button', { name: '录入铜价' }).click();
  const priceDialog = desk.getByRole('dialog', { name: '录入铜价' });
  await expect(priceDialog).toBeVisible();
  // the date defaults to today; a price far under the seeded ones (¥62,000–82,000)
  await priceDialog.getByLabel('阴极铜价格(元/吨)').fill('40000');
  await pressInDialog(priceDialog, '保 存', '录入铜价');
  await expect(desk.getByText(/铜价 40,000\.00元\/吨/).first()).toBeVisible();
  await desk.waitForLoadState('networkidle');
  await desk.screenshot({ path: `${SHOTS}/copper-prices.png`, fullPage: true });

  const before = await desk.request.get('/api/finance/copper/margin-calls?status=open');
  const openBefore = ((await before.json()) as unknown[]).length;
  await desk.goto('/finance/copper');
  await desk.getByRole('button', { name: '立即检查补仓' }).click();
  await expect(desk.getByText(/新发补仓通知 [1-9]\d* 笔/)).toBeVisible();
  const after = (await (await desk.request.get('/api/finance/copper/margin-calls?status=open')).json()) as { id: string; shortfallFen: number; enterpriseName: string }[];
  expect(after.length).toBeGreaterThan(openBefore);
  await expect(desk.getByRole('row').filter({ hasText: '待补仓' }).first()).toBeVisible();
  await desk.waitForLoadState('networkidle');
  await desk.screenshot({ path: `${SHOTS}/copper-margin-calls.png`, fullPage: true });

  // --- the firm, on its phone
  await phone.goto('/finance/copper');
  await expect(phone.getByRole('heading', { name: '存铜融' })).toBeVisible();
  const firmCall = phone.getByTestId('margin-call-card').filter({ hasText: pledgeNumber });
  await expect(firmCall).toBeVisible();
  await expect(firmCall).toContainText(/差额 [\d,]+\.\d{2}元/);
  await expect(firmCall).toContainText(/剩余\d个工作日|今日到期/);
  const gauges = phone.getByTestId('pledge-gauge');
  await expect(gauges.first()).toContainText('当前额度');
  await phone.waitForLoadState('networkidle');
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/copper-firm-phone.png`, fullPage: true });

  // --- the bank: the top-up of one called pledge
  const bank = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  await loginAs(bank, 'bank', '/finance/bank/copper');
  await expect(bank.getByRole('heading', { name: '存铜融' })).toBeVisible();
  const number = pledgeNumber;
  const called = bank.locator(`[data-testid="pledge-card"][data-number="${number}"]`);
  await expect(called).toContainText('补仓通知:差额');
  await called.getByRole('button', { name: '追加保证金' }).click();
  const dialog = bank.getByRole('dialog', { name: new RegExp(`追加保证金 · ${number}`) });
  await expect(dialog).toBeVisible();
  // prefilled with today's shortfall
  await expect(dialog.getByLabel('追加保证金金额(元)')).not.toHaveValue('');
  await dialog.getByLabel('说明').fill('企业保证金到账');
  await pressInDialog(dialog, '确 认', '追加保证金');
  await expect(bank.getByText('已记录,补仓通知已解除')).toBeVisible();
  const card = bank.locator(`[data-testid="pledge-card"][data-number="${number}"]`);
  await expect(card).toContainText('质押中');
  await expect(card).not.toContainText('补仓通知:差额');
  await fitsWidth(bank, 375);
  await bank.screenshot({ path: `${SHOTS}/copper-bank-phone.png`, fullPage: true });

  // the resolved call is in the officer's list with who recorded it
  const resolved = (await (await desk.request.get('/api/finance/copper/margin-calls?status=resolved')).json()) as { pledgeNumber: string; resolution: string; resolvedByName: string }[];
  expect(resolved.find((c) => c.pledgeNumber === number)).toMatchObject({ resolution: 'top_up' });

  // the officer's view of the pledge: terms, gauge, calls and timeline
  await desk.goto('/finance/copper?tab=pledges');
  await desk.getByRole('link', { name: number }).first().click();
  await expect(desk.getByRole('heading', { name: `质押 ${number}` })).toBeVisible();
  await expect(desk.getByText('追加保证金').first()).toBeVisible();
  await expect(desk.getByText('发出补仓通知')).toBeVisible();
  await desk.waitForLoadState('networkidle');
  await desk.screenshot({ path: `${SHOTS}/copper-pledge-detail.png`, fullPage: true });

  // the bank's workbench shows its pledges card
  await bank.goto('/');
  await expect(bank.getByTestId('bank-pledge-card')).toBeVisible();
  await bank.waitForLoadState('networkidle');
  await bank.screenshot({ path: `${SHOTS}/copper-bank-workbench.png`, fullPage: true });
});

test('the finance officer imports prices from .xlsx and reads the per-row report', async ({ page }) => {
  await loginAs(page, 'finance_officer', '/finance/copper/prices/import');
  await expect(page.getByRole('heading', { name: '铜价导入' })).toBeVisible();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('铜价');
  sheet.addRow(['日期', '价格(元/吨)']);
  sheet.addRow(['2024-06-03', 78_650]); // before the seeded two years: new
  sheet.addRow(['2024-06-04', '78,910.5']); // new
  sheet.addRow(['2025-06-03', 77_000]); // a seeded working day: updated
  sheet.addRow(['2024-06-05', -1]); // refused
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await page.locator('input[type="file"]').setInputFiles({ name: '铜价.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await page.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByText('部分导入完成')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/新增 2 天,更新 1 天;1 行未导入/)).toBeVisible();
  await expect(page.getByRole('cell', { name: '价格应大于0' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/copper-import.png`, fullPage: true });
});
