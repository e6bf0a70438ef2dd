import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginAs, pressInDialog } from './fixtures';

const SHOTS = '/tmp';

async function phonePage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return phone.newPage();
}
async function desktopPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return ctx.newPage();
}
async function bankOf(page: Page): Promise<{ bankId: string; bankName: string }> {
  const me = await (await page.request.get('/api/auth/me')).json();
  return { bankId: me.bankId, bankName: me.bankName };
}

test.describe('融资对接', () => {
  test('a firm files a need to two banks on a phone; one approves, the other declines; the firm sees both side by side and picks', async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    const bank1 = await desktopPage(browser, baseURL);
    await loginAs(bank1, 'bank', '/');
    const bank2 = await phonePage(browser, baseURL);
    await loginAs(bank2, 'bank2', '/');
    const b1 = await bankOf(bank1);
    const b2 = await bankOf(bank2);
    expect(b1.bankId).not.toBe(b2.bankId);

    // the bank's workbench: real work at once
    await expect(bank1.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(bank1.getByTestId('bank-figures')).toContainText('待答复');
    await expect(bank1.getByTestId('inbox-row').first()).toBeVisible();
    await expect(bank1.getByTestId('to-disburse')).toContainText('待放款');
    await bank1.screenshot({ path: `${SHOTS}/market-bank-workbench-desktop.png`, fullPage: true });
    await expect(bank2.getByTestId('bank-figures')).toBeVisible();
    await bank2.screenshot({ path: `${SHOTS}/market-bank-workbench-375.png`, fullPage: true });
    expect(await bank2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // the firm on a phone
    const firm = await phonePage(browser, baseURL);
    await loginAs(firm, 'enterprise', '/finance/needs/new');
    await expect(firm.getByRole('heading', { name: '我要融资' })).toBeVisible();
    await firm.getByLabel('融资金额').fill('1200000');
    await firm.getByLabel('资金用途').fill('采购电解铜,补充流动资金');
    const banks = firm.getByLabel('金融机构');
    for (const name of [b1.bankName, b2.bankName]) {
      await banks.click();
      await banks.fill(name);
      await firm.locator('.ant-select-item-option').filter({ hasText: name }).first().click();
    }
    await firm.getByRole('heading', { name: '数据授权' }).click();
    await expect(firm.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    const rows = firm.getByTestId('consent-row');
    await expect(rows).toHaveCount(2);
    // an explicit choice per institution: bank 1 may see the registry, bank 2 nothing (a consent it held is revoked)
    await rows.filter({ hasText: b1.bankName }).getByLabel('企业登记信息(企业库)').check();
    for (const box of await rows.filter({ hasText: b2.bankName }).getByRole('checkbox').all()) await box.uncheck();
    await firm.screenshot({ path: `${SHOTS}/market-need-form-375.png`, fullPage: true });
    expect(await firm.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await firm.getByRole('button', { name: '提交融资需求' }).click();
    await expect(firm).toHaveURL(/\/finance\/needs\/[0-9a-f-]{36}$/);
    const needId = firm.url().split('/').pop()!;
    await expect(firm.getByTestId('offer-card')).toHaveCount(2);

    const need = await (await firm.request.get(`/api/finance/needs/${needId}`)).json();
    const offer1 = need.offers.find((o: { bankId: string }) => o.bankId === b1.bankId).id;
    const offer2 = need.offers.find((o: { bankId: string }) => o.bankId === b2.bankId).id;

    // bank 1 sees the consented registry, and approves
    await bank1.goto(`/finance/offers/${offer1}`);
    await expect(bank1.getByText('企业登记信息', { exact: true })).toBeVisible();
    await bank1.locator('.ant-segmented-item-label[title="批准"]').click();
    await bank1.getByLabel('批准金额(元)').fill('1000000');
    await bank1.getByLabel('年利率(%)').fill('3.65');
    await bank1.getByRole('button', { name: '确认批准' }).click();
    await expect(bank1.locator('.yq-case-head, .ant-tag').filter({ hasText: '已批准' }).first()).toBeVisible();
    // bank 1 cannot open bank 2's answer
    expect((await bank1.request.get(`/api/finance/offers/${offer2}`)).status()).toBe(404);

    // bank 2 (no consent) declines with a reason, on a phone
    await bank2.goto(`/finance/offers/${offer2}`);
    await expect(bank2.getByText('企业未授权本机构查看其数据')).toBeVisible();
    await bank2.locator('.ant-segmented-item-label[title="拒绝"]').click();
    await bank2.getByLabel('拒绝原因').fill('申请金额超出本行该类产品额度上限');
    await bank2.getByRole('button', { name: '确认拒绝' }).click();
    await expect(bank2.locator('.ant-tag').filter({ hasText: '已拒绝' }).first()).toBeVisible();

    // the firm sees both answers side by side and picks the approved one
    await firm.reload();
    const cards = firm.getByTestId('offer-card');
    await expect(cards.filter({ hasText: b1.bankName })).toContainText('100.00万元');
    await expect(cards.filter({ hasText: b1.bankName })).toContainText('3.65%');
    await expect(cards.filter({ hasText: b2.bankName })).toContainText('申请金额超出本行该类产品额度上限');
    await firm.screenshot({ path: `${SHOTS}/market-need-detail-375.png`, fullPage: true });
    expect(await firm.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await cards.filter({ hasText: b1.bankName }).getByRole('button', { name: '选择此方案' }).click();
    await pressInDialog(firm.getByRole('dialog'), '选择此方案');
    await expect(firm.getByText('已选定方案,等待该机构放款')).toBeVisible();

    // bank 1 records the disbursement: the need shows its working days
    await bank1.reload();
    await bank1.getByLabel('放款金额(元)').fill('1000000');
    await bank1.getByRole('button', { name: '确认放款' }).click();
    await expect(bank1.locator('.ant-tag').filter({ hasText: '已放款' }).first()).toBeVisible();
    await firm.reload();
    await expect(firm.getByTestId('working-days').first()).toContainText('从提交到放款');
  });
});
