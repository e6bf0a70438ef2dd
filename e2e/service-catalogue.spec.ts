import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginAs } from './fixtures';

const SHOTS = fileURLToPath(new URL('../.tmp/shots', import.meta.url));
const PHONE = { width: 375, height: 812 };

async function openAs(browser: Browser, username: string, urlPath: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await loginAs(page, username, urlPath);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width + 1);
}

test.describe('办事指南与事项管理', () => {
  test('an enterprise finds 企业开办 with “怎么开公司” on a 375-px phone and reads its guide', async ({ browser }) => {
    const firm = await openAs(browser, 'enterprise', '/guide', PHONE);
    await expect(firm.getByRole('heading', { name: '办事指南' })).toBeVisible();
    await expect(firm.getByText('热门事项')).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'guide-home-375.png');

    await firm.getByRole('searchbox', { name: '搜索办事事项' }).fill('怎么开公司');
    await firm.getByRole('searchbox', { name: '搜索办事事项' }).press('Enter');
    await expect(firm.getByText(/按“开公司”查找/)).toBeVisible();
    const first = firm.locator('.yq-item-card').first();
    await expect(first.locator('.title')).toHaveText('企业开办');
    await expect(first).toContainText('承诺1个工作日');
    await expect(first).toContainText('一次不跑');
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'guide-search-375.png');

    await first.click();
    await expect(firm.getByRole('heading', { name: '企业开办' })).toBeVisible();
    await expect(firm.getByText('申请材料', { exact: true })).toBeVisible();
    await expect(firm.getByText('企业设立登记申请书')).toBeVisible();
    await expect(firm.locator('.yq-material-row').filter({ hasText: '住所(经营场所)使用证明' })).toContainText('可承诺');
    await expect(firm.getByRole('button', { name: /在线申办/ })).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'guide-item-375.png');
    await firm.context().close();
  });

  test('a catalogue manager imports items from Excel and sees the bad row reported', async ({ browser }) => {
    const stamp = Date.now().toString().slice(-7);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('实施清单');
    sheet.addRow(['2026年新增事项']);
    sheet.addRow(['实施编码', '事项名称', '事项类型', '办件类型', '法定办结时限', '承诺办结时限', '到现场次数', '申请材料', '关键词']);
    sheet.addRow([`E2E-${stamp}-1`, `园区人才驿站入驻${stamp}`, '公共服务', '承诺件', 10, 3, 0, '入驻申请表(关键);营业执照(电子件,容缺)', '人才驿站']);
    sheet.addRow([`E2E-${stamp}-2`, `错误时限事项${stamp}`, '行政许可', '承诺件', 5, 9, 0, '申请书(关键)', null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const page = await openAs(browser, 'approver', '/admin/service-items/import');
    await expect(page.getByRole('heading', { name: '事项导入' })).toBeVisible();
    await page.locator('input[type="file"]').setInputFiles({ name: '新增事项.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('button', { name: '开始导入' }).click();
    await expect(page.getByText('部分导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('新增 1 项,更新 0 项;1 行未导入,原因见下表。')).toBeVisible();
    const rows = page.locator('.ant-table').filter({ has: page.getByRole('columnheader', { name: '原因' }) }).locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole('cell')).toHaveText(['4', '承诺办结时限', '承诺办结时限不能超过法定办结时限']);
    await screenshot(page, 'items-import-1440.png');

    // the new item is in the catalogue and found by its keyword
    await page.getByRole('button', { name: '查看事项' }).click();
    await expect(page.getByRole('heading', { name: '事项管理' })).toBeVisible();
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('人才驿站');
    await page.getByRole('searchbox', { name: '搜索事项' }).press('Enter');
    await expect(page.getByRole('link', { name: `园区人才驿站入驻${stamp}` })).toBeVisible();
    await screenshot(page, 'items-admin-1440.png');
    await page.context().close();
  });

  test('the bureau sees per-item performance, and only the items over their promise when it asks', async ({ browser }) => {
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 - offset * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${day(364)}&to=${day(0)}`;
    const page = await openAs(browser, 'approver', `/services/stats?${range}`);
    await expect(page.getByRole('heading', { name: '事项效能' })).toBeVisible();
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await screenshot(page, 'items-stats-1440.png');
    await page.getByRole('switch', { name: '只看超时事项' }).click();
    await expect(page).toHaveURL(/overOnly=true/);
    const shownOver = await (await page.request.get(`/api/service-stats/items?${range}&overOnly=true&pageSize=20`)).json();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    if (shownOver.total === 0) await expect(page.getByText('该期间没有符合条件的事项')).toBeVisible();
    else {
      await expect(rows).toHaveCount(Math.min(20, shownOver.total));
      await expect(page.locator('tr.yq-stats-over')).toHaveCount(Math.min(20, shownOver.total));
    }
    await page.context().close();

    const synonyms = await openAs(browser, 'admin', '/admin/service-synonyms');
    await expect(synonyms.locator('tr', { hasText: '开公司' }).first()).toContainText('企业开办');
    await screenshot(synonyms, 'synonyms-1440.png');
    await synonyms.context().close();
  });
});
