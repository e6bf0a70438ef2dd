import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { orgCodeCheckChar, usccCheckChar } from '../packages/contract/src/identifiers';
import { loginAs } from './fixtures';

// antd spaces out two-character button labels ("保 存").
const SAVE = /保\s?存$/; // not anchored at the start: a lingering "loading" icon may prefix the name
const CANCEL = /^取\s?消$/;

type Firm = { id: string; name: string; uscc: string; headcount: number | null; address: string | null };

/** A valid USCC for an 8-digit organisation-code body, check characters computed per GB 32100 / GB 11714. */
function usccFor(body8: string): string {
  const first17 = `91360600${body8}${orgCodeCheckChar(body8)}`;
  return `${first17}${usccCheckChar(first17)}`;
}

/** The same code with a different (wrong) 18th character. */
function withWrongCheckChar(uscc: string): string {
  return `${uscc.slice(0, 17)}${uscc[17] === '0' ? '1' : '0'}`;
}

/** An admin-side API lookup used to pick test data; the UI is then driven as a user would. */
async function firstFirm(page: Page, query: Record<string, string>): Promise<Firm> {
  const res = await page.request.get('/api/enterprises', { params: { page: '1', pageSize: '1', ...query } });
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { items: Firm[] };
  expect(body.items.length).toBe(1);
  return body.items[0]!;
}

async function searchRegistry(page: Page, keyword: string): Promise<void> {
  const search = page.getByLabel('搜索企业');
  await search.fill(keyword);
  await search.press('Enter');
}

test.describe('企业库', () => {
  test('admin imports an Excel file with bad rows, sees the per-row report, then finds an imported firm', async ({ page }) => {
    // Unique per run so that "新增 3" holds however often the suite runs against one database.
    const stamp = String(Date.now()).slice(-7);
    const good = [1, 2, 3].map((i) => ({ uscc: usccFor(`${i}${stamp}`), name: `鹰潭导入测试${stamp}第${i}有限公司` }));
    const wrongCheck = withWrongCheckChar(usccFor(`4${stamp}`));
    const badDate = usccFor(`5${stamp}`);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业名单');
    // Headers as people write them, in a non-standard order.
    sheet.addRow(['企业名称', '统一社会信用代码', '法定代表人', '注册资本(万元)', '成立日期', '从业人数']); // row 1
    sheet.addRow([good[0]!.name, good[0]!.uscc, '张三', 500, new Date(Date.UTC(2018, 4, 12)), 36]); // row 2
    sheet.addRow([`鹰潭校验码错误${stamp}有限公司`, wrongCheck, '李四', 100, '2019-03-05', 12]); // row 3
    sheet.addRow([good[1]!.name, good[1]!.uscc, '王五', 1200, '2020-06-01', 88]); // row 4
    sheet.addRow(['', '', '', '', '', '']); // row 5: blank, ignored
    sheet.addRow([`鹰潭日期错误${stamp}有限公司`, badDate, '赵六', 300, '2019-02-30', 20]); // row 6
    sheet.addRow([good[2]!.name, good[2]!.uscc, '孙七', 50, '2021-11-11', 9]); // row 7
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    await loginAs(page, 'admin', '/enterprises/import');
    await expect(page.getByRole('heading', { name: '企业导入' })).toBeVisible();
    await page.locator('input[type="file"]').setInputFiles({
      name: '园区企业名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await expect(page.getByText('园区企业名单.xlsx')).toBeVisible();
    await page.getByRole('button', { name: '开始导入' }).click();

    // Progress is shown while the file uploads and the server checks it, and goes away when done.
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByText('部分导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByText('新增 3 家,更新 0 家;2 行未导入,原因见下表。')).toBeVisible();

    await expect(page.getByRole('heading', { name: '未导入的行(2 处问题)' })).toBeVisible();
    const table = page.locator('.ant-table').filter({ has: page.getByRole('columnheader', { name: '原因' }) });
    const rows = table.locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(2);
    const expectedCheck = usccFor(`4${stamp}`)[17];
    await expect(rows.nth(0).getByRole('cell')).toHaveText([
      '3',
      '统一社会信用代码',
      `统一社会信用代码第18位校验码错误:应为“${expectedCheck}”,实为“${wrongCheck[17]}”,请核对前17位`,
    ]);
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['6', '成立日期', '“2019-02-30”不是有效的日期,请填写如 2019-03-05']);

    // The imported firm is in the registry.
    await page.getByRole('button', { name: '查看企业库' }).click();
    await expect(page).toHaveURL(/\/enterprises$/);
    await searchRegistry(page, good[1]!.name);
    await expect(page.getByText('共 1 家企业(已筛选)')).toBeVisible();
    await page.getByRole('link', { name: good[1]!.name }).click();
    await expect(page.getByRole('heading', { name: good[1]!.name })).toBeVisible();
    await expect(page.getByText(good[1]!.uscc).first()).toBeVisible();
    await expect(page.getByText('王五', { exact: true })).toBeVisible();
  });

  test('admin finds a firm by name, edits its headcount and sees it in the profile and change history', async ({ page }) => {
    await loginAs(page, 'admin', '/enterprises');
    const firm = await firstFirm(page, { sort: '-headcount' });
    const newHeadcount = firm.headcount === 468 ? 469 : 468;

    await searchRegistry(page, firm.name);
    await page.getByRole('link', { name: firm.name, exact: true }).click();
    await expect(page.getByRole('heading', { name: firm.name })).toBeVisible();

    await page.getByRole('button', { name: '编辑' }).click();
    const drawer = page.getByRole('dialog', { name: `编辑企业 · ${firm.name}` });
    await expect(drawer).toBeVisible();
    await drawer.getByLabel('从业人数').fill(String(newHeadcount));
    await drawer.getByRole('button', { name: SAVE }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByText('已保存')).toBeVisible();

    const headcountCard = page.locator('.ant-statistic').filter({ hasText: '从业人数' });
    await expect(headcountCard).toContainText(`${newHeadcount}人`);
    const history = page.locator('.ant-card').filter({ has: page.getByText('变更记录', { exact: true }) });
    const before = firm.headcount === null ? '(空)' : String(firm.headcount);
    await expect(history.getByText(`从业人数:${before} → ${newHeadcount}`)).toBeVisible();
    await expect(history.getByText('修改').first()).toBeVisible();

    // A mistyped code is refused in the form, naming the wrong position.
    await page.getByRole('button', { name: '编辑' }).click();
    await expect(drawer).toBeVisible();
    const usccInput = drawer.getByLabel('统一社会信用代码');
    await usccInput.fill(withWrongCheckChar(firm.uscc));
    await usccInput.blur();
    await expect(drawer.getByText(/统一社会信用代码第18位校验码错误/)).toBeVisible();
    await drawer.getByRole('button', { name: SAVE }).click();
    await expect(drawer).toBeVisible();
    await drawer.getByRole('button', { name: CANCEL }).click();
    await page.getByRole('button', { name: '放弃修改' }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByText(firm.uscc).first()).toBeVisible();
  });

  test('export downloads the current filter as an .xlsx file', async ({ page }) => {
    await loginAs(page, 'admin', '/enterprises?isAboveScale=true');
    await expect(page.getByText(/^共 [\d,]+ 家企业\(已筛选\)$/)).toBeVisible();
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect(page.getByText(/^已导出 .+\.xlsx$/)).toBeVisible();
  });
});
