import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { loginAs } from './fixtures';

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

/** A one-page PDF standing in for the scanned invoice. */
const INVOICE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test.describe('资金与兑付', () => {
  test('the policy officer reads a fund statement and exports it', async ({ page }) => {
    await loginAs(page, 'policy_officer', '/funds');
    await expect(page.getByRole('heading', { name: '专项资金' })).toBeVisible();
    // the seven demo funds, ¥250M together
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(7);
    // one money style per screen: the budget total in ¥ like the rows (no 万元 card beside ¥ rows)
    await expect(page.getByText('¥250,000,000.00').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/funds-list.png`, fullPage: true });

    await page.getByRole('link', { name: '科技创新专项资金' }).click();
    await expect(page.getByRole('heading', { name: '科技创新专项资金 · 资金明细账' })).toBeVisible();
    // the opening row, budget, voucher reservations and reimbursements, the closing row
    await expect(page.getByText(/期初.\d{4}-\d{2}-\d{2} 之前/)).toBeVisible();
    await expect(page.getByText('预算下达').first()).toBeVisible();
    await expect(page.getByText('预留(承诺)').first()).toBeVisible();
    await expect(page.getByText('期末余额')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/fund-statement.png` });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出明细账/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^科技创新专项资金明细账-.+\.xlsx$/);
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(4_000);
    await expect(page.getByText(/已导出 科技创新专项资金明细账/)).toBeVisible();
  });

  test('a firm (phone) redeems its voucher against an invoice; the officer reimburses the provider', async ({ browser, page, baseURL }) => {
    test.setTimeout(120_000);
    const invoiceNo = `3601${Date.now().toString().slice(-8)}`;

    // The firm's staff, on a phone.
    const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const firm = await phone.newPage();
    await loginAs(firm, 'enterprise', '/my/vouchers');
    await expect(firm.getByRole('heading', { name: '我的创新券' })).toBeVisible();
    const card = firm.locator('[data-testid^="voucher-CXQ"]').filter({ hasText: '可用余额 ¥50,000.00' }).first();
    await expect(card).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/my-vouchers-375.png`, fullPage: true });
    await card.getByRole('button', { name: /使\s*用$/ }).click();

    const drawer = firm.locator('.ant-drawer-open .ant-drawer-body');
    await expect(drawer.getByText('本券可抵用余额')).toBeVisible();
    await drawer.getByLabel('服务机构').click();
    await firm.locator('.ant-select-dropdown:visible').getByTitle('鹰潭华测检测技术有限公司', { exact: true }).click();
    await drawer.getByLabel('服务类型').click();
    await firm.locator('.ant-select-dropdown:visible').getByTitle('检验检测', { exact: true }).click();
    await drawer.getByLabel('发票号码').fill(invoiceNo);
    await drawer.getByLabel('发票金额').fill('38000');
    await drawer.getByLabel('开票日期').click();
    await firm.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    await drawer.getByLabel('本次抵用金额').fill('45000');
    await drawer.locator('input[type=file]').setInputFiles({ name: '检测费发票.pdf', mimeType: 'application/pdf', buffer: INVOICE_PDF });
    await drawer.getByRole('button', { name: '提交抵用申请' }).click();
    // more than the invoice is refused beside the field
    await expect(drawer.getByText('抵用金额不能超过发票金额')).toBeVisible();
    await drawer.getByLabel('本次抵用金额').fill('30000');
    await firm.screenshot({ path: `${SHOTS}/redeem-form-375.png`, fullPage: true });
    await drawer.getByRole('button', { name: '提交抵用申请' }).click();
    await expect(firm.getByText('已提交,抵用 ¥30,000.00')).toBeVisible();
    await expect(drawer.getByText(invoiceNo)).toBeVisible();
    await expect(drawer.getByText('待审核')).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/voucher-after-redeem-375.png`, fullPage: true });
    await phone.close();

    // The policy window reviews the claim and reimburses the provider.
    await loginAs(page, 'policy_officer', '/vouchers?tab=redemptions');
    const row = page.getByRole('row').filter({ hasText: invoiceNo });
    await expect(row).toBeVisible();
    await expect(row.getByText('¥30,000.00')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/voucher-redemptions.png` });
    await row.getByRole('button', { name: /兑\s*付/ }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: /兑\s*付/ }).click();
    await expect(page.getByText(/已兑付 ¥30,000.00 给「鹰潭华测检测技术有限公司」,凭证号 ZF\d{4}-\d{6}/)).toBeVisible();
    await expect(row).toHaveCount(0);

    // The payout is on the record with the provider as payee.
    await page.goto('/payouts?source=voucher');
    await expect(page.getByRole('row').filter({ hasText: invoiceNo }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/payouts.png` });
  });

  test('the investment-commitment fulfilment rate is computed for a period', async ({ page }) => {
    await loginAs(page, 'policy_officer', '/commitments');
    await expect(page.getByRole('heading', { name: '招商承诺兑现' })).toBeVisible();
    await expect(page.getByText('按期兑现率')).toBeVisible();
    await expect(page.getByText(/其中承诺事项全部兑现到位的 \d+ 个/)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/commitments.png`, fullPage: true });
    await page.getByText('本年', { exact: true }).click();
    await expect(page.getByText(/\d{4}-01-01 至 \d{4}-12-31/)).toBeVisible();
    await page.getByRole('tab', { name: '签约项目' }).click();
    const first = page.getByRole('tabpanel', { name: '签约项目' }).getByRole('link').first();
    await first.click();
    await expect(page.getByText('政府承诺事项')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/commitment-project.png`, fullPage: true });
  });
});
