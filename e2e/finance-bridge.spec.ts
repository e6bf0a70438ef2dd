import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loginAs, pressInDialog } from './fixtures';

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

async function pickOption(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option).first().click();
}

async function pickToday(page: Page, label: string) {
  await page.getByLabel(label).click();
  await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
}

test.describe('应急转贷', () => {
  test('a bridge loan from the firm’s application (phone) through the bank’s commitment, approval and disbursement to repayment with the fee', async ({ browser, page, baseURL }) => {
    test.setTimeout(180_000);
    const contractNo = `E2E-LD-${Date.now().toString().slice(-8)}`;

    // the lending bank: the demo `bank` log-in's institution
    const bankCtx = await browser.newContext({ baseURL, ...phoneContext });
    const bank = await bankCtx.newPage();
    await loginAs(bank, 'bank', '/');
    const me = await (await bank.request.get('/api/auth/me')).json();
    const institutions: { id: string; shortName: string | null; name: string }[] = await (await bank.request.get('/api/finance/institutions')).json();
    const lender = institutions.find((i) => i.id === me.bankId)!;
    const lenderName = lender.shortName ?? lender.name;

    // 1. the firm applies on a phone
    const firmCtx = await browser.newContext({ baseURL, ...phoneContext });
    const firm = await firmCtx.newPage();
    await loginAs(firm, 'enterprise', '/finance/bridge-loans');
    await expect(firm.getByRole('heading', { name: '应急转贷' })).toBeVisible();
    await firm.getByRole('button', { name: /申请转贷/ }).click();
    await expect(firm.getByRole('heading', { name: '申请应急转贷' })).toBeVisible();
    await pickOption(firm, '贷款银行', lenderName);
    await firm.getByLabel('贷款合同号').fill(contractNo);
    await firm.getByLabel('到期本金').fill('1500000');
    await pickToday(firm, '贷款到期日');
    await firm.getByLabel('转贷金额').fill('1000000');
    await firm.getByLabel('使用天数').fill('7');
    await firm.getByLabel('用途说明').fill('归还到期流动资金贷款,续贷后归还');
    // the estimate from computeBridgeFee: ¥1,000,000 × 0.01%/日 × 7 天 = ¥700.00
    await expect(firm.getByText('¥700.00')).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/bridge-apply-375.png`, fullPage: true });
    const noHorizontalScroll = await firm.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    expect(noHorizontalScroll).toBe(true);
    await firm.getByRole('button', { name: /提交申请/ }).click();
    await expect(firm.getByText('待银行确认').first()).toBeVisible();
    const number = (await firm.locator('.yq-bridge-number').first().innerText()).trim();
    expect(number).toMatch(/^ZD\d{11}$/);
    const loanUrl = new URL(firm.url()).pathname;

    // 2. the lending bank confirms its renewal commitment (on a phone)
    await bank.goto('/finance/bank/bridge-loans');
    await expect(bank.getByRole('heading', { name: '转贷确认' })).toBeVisible();
    const card = bank.locator('.yq-mobile-card').filter({ hasText: number });
    await expect(card).toBeVisible();
    await card.getByRole('link').click();
    await bank.waitForURL(/\/finance\/bridge-loans\/[0-9a-f-]{36}$/);
    await bank.getByRole('button', { name: '确认续贷承诺' }).click();
    const confirm = bank.getByRole('dialog');
    await confirm.getByLabel('续贷承诺编号').fill(`XDCN-${contractNo}`);
    await confirm.getByLabel('预计续贷日期').click();
    await bank.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    await pressInDialog(confirm, '确认续贷承诺');
    await expect(bank.getByText('待审批').first()).toBeVisible();
    await bankCtx.close();

    // 3. the finance officer approves and disburses
    await loginAs(page, 'finance_officer', '/finance/bridge-loans');
    await expect(page.getByRole('heading', { name: '应急转贷' })).toBeVisible();
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/bridge-desk.png` });
    await page.goto(loanUrl);
    await expect(page.getByText(number).first()).toBeVisible();
    await page.getByRole('button', { name: '审批通过' }).click();
    await pressInDialog(page.getByRole('dialog'), '审批通过');
    await expect(page.getByText('待放款').first()).toBeVisible();
    await page.getByRole('button', { name: /^放\s*款$/ }).click();
    const disburse = page.getByRole('dialog');
    await expect(disburse.getByText('应急转贷资金池')).toBeVisible();
    await pressInDialog(disburse, '放 款'); // antd spaces a two-character label
    await expect(page.getByText('使用中').first()).toBeVisible();
    await expect(page.getByText('今日归还预计')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/bridge-loan.png`, fullPage: true });

    // 4. repayment after the bank renewed: same-day repayment counts 1 day → ¥100.00
    await page.getByRole('button', { name: '登记归还' }).click();
    const repay = page.getByRole('dialog');
    await repay.getByLabel('续贷合同号').fill(`XJ-${contractNo}`);
    await pressInDialog(repay, '登记归还');
    await expect(page.getByText('已归还').first()).toBeVisible();
    await expect(page.locator('.yq-bridge-fee')).toHaveText('¥100.00');

    // the firm sees the final fee
    await firm.goto(loanUrl);
    await expect(firm.getByText('已归还').first()).toBeVisible();
    await expect(firm.locator('.yq-bridge-fee')).toHaveText('¥100.00');
    await firm.screenshot({ path: `${SHOTS}/bridge-loan-firm-375.png`, fullPage: true });
    await firmCtx.close();

    // 5. the pool statement shows the disbursement, the principal back and the fee
    await page.goto('/finance/bridge-pools');
    await expect(page.getByRole('heading', { name: '转贷资金池' })).toBeVisible();
    await expect(page.getByText(number).first()).toBeVisible();
    await expect(page.getByText('期末(截至')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/bridge-pool-statement.png`, fullPage: true });
  });
});
