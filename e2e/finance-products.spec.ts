import fs from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginAs } from './fixtures';

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

async function phonePage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return phone.newPage();
}

test.describe('金融超市与金融产品', () => {
  test('a firm on a phone filters 金融超市 and compares two products side by side', async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const firm = await phonePage(browser, baseURL);
    await loginAs(firm, 'enterprise', '/finance/products');
    await expect(firm.getByRole('heading', { name: '金融超市' })).toBeVisible();
    const cards = firm.locator('[data-testid^="product-"]');
    await expect(cards.first()).toBeVisible();
    await expect(firm.getByText(/26家金融机构 · \d+款在售产品/)).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/products-market-375.png`, fullPage: false });
    // the page never scrolls sideways on a phone
    expect(await firm.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // filters fold behind 筛选: pick 信用贷 and 适合我
    await firm.getByRole('button', { name: '筛选' }).click();
    await firm.getByRole('combobox', { name: '产品类型' }).click();
    await firm.locator('.ant-select-item-option[title="信用贷"]').click();
    await expect(firm).toHaveURL(/type=credit/);
    await expect(async () => {
      const orgs = await firm.locator('.yq-product-card .org').allTextContents();
      expect(orgs.length).toBeGreaterThan(3);
      for (const o of orgs) expect(o).toContain('信用贷');
    }).toPass({ timeout: 10_000 });
    await firm.getByRole('switch', { name: '只看适合我的' }).click();
    await expect(firm).toHaveURL(/fitsMe=true/);
    await expect(firm.getByText(/按「.+」的产业链和企业标签匹配/)).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/products-market-filtered-375.png`, fullPage: false });

    // pick two for comparison
    const first = cards.nth(0);
    const second = cards.nth(1);
    const names = [await first.locator('.name').textContent(), await second.locator('.name').textContent()];
    // the choice lives in the address (it survives a look at a product and back)
    await first.getByText('对比', { exact: true }).click();
    await expect(first.getByRole('checkbox', { name: /对比/ })).toBeChecked();
    await second.getByRole('checkbox', { name: /对比/ }).click();
    await expect(second.getByRole('checkbox', { name: /对比/ })).toBeChecked();
    await expect(firm).toHaveURL(/cmp=[0-9a-f-]{36}%2C[0-9a-f-]{36}|cmp=[0-9a-f-]{36},[0-9a-f-]{36}/);
    const bar = firm.getByRole('region', { name: '产品对比' });
    await expect(bar).toContainText('已选 2/4');
    await bar.getByRole('button', { name: /对比/ }).click();
    await expect(firm.getByRole('heading', { name: '产品对比' })).toBeVisible();
    const table = firm.getByTestId('compare-table');
    for (const n of names) await expect(table.getByRole('columnheader', { name: n! })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: '年利率' })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: '适合我' })).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/products-compare-375.png`, fullPage: true });
    // the row names stay put while the products scroll sideways
    const label = table.getByRole('rowheader', { name: '担保方式' });
    const before = await label.boundingBox();
    await table.evaluate((el) => el.scrollTo({ left: 200 }));
    const after = await label.boundingBox();
    expect(Math.round(after!.x)).toBe(Math.round(before!.x));
    expect(await firm.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // the product's page leads to 申请融资 with the product (and its bank) in the address
    await table.getByRole('link', { name: names[0]! }).click();
    await expect(firm.getByRole('heading', { name: names[0]! })).toBeVisible();
    await firm.screenshot({ path: `${SHOTS}/products-detail-375.png`, fullPage: true });
    await firm.getByRole('button', { name: /申请融资/ }).click();
    await expect(firm).toHaveURL(/\/finance\/needs\/new\?productId=[0-9a-f-]{36}&bankId=[0-9a-f-]{36}/);
    await firm.context().close();
  });

  test('a bank creates and publishes a product; the firm then finds it in 金融超市', async ({ page, browser, baseURL }) => {
    test.setTimeout(90_000);
    const name = `E2E园区科技贷${Date.now().toString().slice(-5)}`;
    await loginAs(page, 'bank', '/finance/bank/products');
    await expect(page.getByRole('heading', { name: '我们的产品' })).toBeVisible();
    await expect(page.getByText('草稿').first()).toBeVisible();
    await page.getByRole('button', { name: '新增产品' }).click();
    await expect(page.getByRole('heading', { name: '新增金融产品' })).toBeVisible();
    // a rate range upside down is caught before it is sent
    await page.getByLabel('产品名称').fill(name);
    await page.getByLabel('年利率下限').fill('4.1');
    await page.getByLabel('年利率上限').fill('3.2');
    await page.getByLabel('最短期限').fill('6');
    await page.getByLabel('最长期限').fill('36');
    await page.getByLabel('最低额度').fill('50');
    await page.getByLabel('最高额度').fill('800');
    await page.getByRole('button', { name: '保存并发布' }).click();
    await expect(page.getByText('年利率上限不能低于年利率下限')).toBeVisible();
    await page.getByLabel('年利率下限').fill('3.2');
    await page.getByLabel('年利率上限').fill('4.1');
    await page.getByLabel('申请条件说明').fill('园区内高新技术企业');
    await page.getByLabel('产品介绍').fill('以研发投入、知识产权授信的信用贷款,最快3个工作日放款。');
    await page.screenshot({ path: `${SHOTS}/products-bank-form.png` });
    await page.getByRole('button', { name: '保存并发布' }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByText('在售', { exact: true })).toBeVisible();
    await expect(page.getByText('3.20%–4.10%')).toBeVisible();

    const firm = await phonePage(browser, baseURL);
    await loginAs(firm, 'enterprise', `/finance/products?q=${encodeURIComponent(name)}`);
    const card = firm.locator('.yq-product-card').filter({ hasText: name });
    await expect(card).toBeVisible();
    await expect(card).toContainText('3.20%起');
    await expect(card).toContainText('50–800万');
    await firm.context().close();

    // withdrawn, it is gone from the market
    await page.getByRole('button', { name: /下\s?架/ }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).not.toHaveClass(/ant-zoom/);
    await confirm.getByRole('button', { name: /下\s?架/ }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('已下架', { exact: true }).first()).toBeVisible();
    const after = await page.request.get(`/api/finance/products?q=${encodeURIComponent(name)}`);
    expect((await after.json()).items[0].state).toBe('withdrawn');
  });

  test('the finance officer sees the 26 institutions and exports every product', async ({ page }) => {
    await loginAs(page, 'finance_officer', '/finance/institutions');
    await expect(page.getByRole('heading', { name: '金融机构' })).toBeVisible();
    await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(26);
    await expect(page.locator('.ant-statistic').filter({ hasText: '签订战略合作协议银行' })).toContainText('13');
    await page.screenshot({ path: `${SHOTS}/products-institutions.png`, fullPage: true });
    await page.goto('/finance/products');
    await expect(page.getByRole('heading', { name: '金融产品' })).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出Excel/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^金融产品-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });
});
