import { expect, test } from '@playwright/test';
import { loginAs } from './fixtures';

test.describe('亩均论英雄', () => {
  test('the office sees the graded year, the computed 低效 parcels, a firm’s years and the dated standards, and exports the ranking', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'dispatcher', '/land/evaluation');
    await expect(page.getByRole('heading', { name: '亩均论英雄' })).toBeVisible();
    // the demo graded 2024 and 2025; the latest is shown
    await expect(page.getByText('2025年度按 2024-01-01 起施行的评价标准评定')).toBeVisible();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    await expect(rows.first().locator('td').first()).toHaveText('1');
    await page.screenshot({ path: '/tmp/evaluation-ranking.png', fullPage: true });

    // a grade filter keeps only that grade
    await page.locator('.ant-card').filter({ hasText: 'D类(低效)' }).first().click();
    await expect(rows.first().getByText('D类')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    expect((await download).suggestedFilename()).toMatch(/2025年度亩均评价\.xlsx$/);

    // a firm's years
    await rows.first().locator('td').nth(1).locator('a').click();
    const drawer = page.locator('.ant-drawer');
    await expect(drawer.getByText('历年亩均评价')).toBeVisible();
    await expect(drawer.locator('.ant-table-tbody tr.ant-table-row').first()).toContainText('2025');
    await page.keyboard.press('Escape');
    await expect(drawer.getByText('历年亩均评价')).toBeHidden();

    await page.getByRole('tab', { name: '低效地块' }).click();
    await expect(page.getByText(/评价为D类企业的地块 \d+ 宗/)).toBeVisible();
    await page.screenshot({ path: '/tmp/evaluation-inefficient.png', fullPage: true });

    await page.getByRole('button', { name: '评价标准' }).click();
    await expect(page.getByRole('heading', { name: '亩均评价标准' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '2026-01-01' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '2024-01-01' })).toBeVisible();
    await page.screenshot({ path: '/tmp/evaluation-thresholds.png', fullPage: true });
  });
});
