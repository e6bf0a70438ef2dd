import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect } from '@playwright/test';
import { loginAs } from './fixtures';

type StatsView = {
  period: string | null;
  ytdLabel: string | null;
  groups: { chain: string | null; expected: number; rows: { key: string; yoyPct: number | null }[] }[];
};
// the contract's formatting, restated (the browser tests read the API as a user would)
const periodLabel = (p: string) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;
const formatGrowth = (pct: number | null) => (pct === null ? '—' : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`);
const previousPeriod = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
};

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

test.describe('经济运行', () => {
  test('the dispatcher sees the copper chain totals with 同比, switches month and exports the .xlsx', async ({ page }) => {
    await loginAs(page, 'dispatcher', '/');
    // what the page should show, from the API of the same session
    const view = (await (await page.request.get('/api/industry/stats')).json()) as StatsView;
    expect(view.period, 'the demo park has accepted monthly reports').not.toBeNull();
    const copper = view.groups.find((g) => g.chain === 'copper')!;
    expect(copper.expected).toBe(31);
    const output = copper.rows.find((r) => r.key === 'output_fen')!;

    await page.goto('/industry/stats');
    await expect(page.getByRole('heading', { name: '经济运行' })).toBeVisible();
    await expect(page.getByText(`${periodLabel(view.period!)} · 累计 ${view.ytdLabel}`)).toBeVisible();
    await page.getByText('铜基新材料', { exact: true }).first().click();
    const table = page.getByTestId('stats-table');
    await expect(table.getByText(`铜基新材料 ${periodLabel(view.period!)}主要指标`)).toBeVisible();
    const row = table.locator('tr', { hasText: '工业总产值' });
    await expect(row).toContainText(formatGrowth(output.yoyPct));
    await expect(table.locator('tr', { hasText: '铜材销量' })).toBeVisible();
    await expect(page.getByRole('img', { name: '铜基新材料工业总产值月度走势' })).toBeVisible();
    await page.getByRole('tab', { name: '报送完整性' }).click();
    await expect(page.getByTestId('completeness-summary')).toContainText('/ 31 家');
    await page.screenshot({ path: `${SHOTS}/industry-stats.png`, fullPage: true });

    // switch to the month before
    const before = previousPeriod(view.period!);
    await page.getByLabel('统计月份').click();
    await page.locator('.ant-select-item-option', { hasText: periodLabel(before) }).first().click();
    await expect(page.getByText(`${periodLabel(before)} · 累计`)).toBeVisible();
    await expect(table.getByText(`铜基新材料 ${periodLabel(before)}主要指标`)).toBeVisible();

    // a real .xlsx download
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/经济运行主要指标\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    expect(wb.worksheets[0]!.name).toBe('全园区');
    const sheet = wb.getWorksheet('铜基新材料')!;
    expect(String(sheet.getCell('A1').value)).toContain('经济运行主要指标');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['指标', '计量单位', '本月', '同期', '增速(%)', '累计', '同期累计', '累计增速(%)']);
    expect(wb.getWorksheet('企业排名')).toBeTruthy();
  });
});
