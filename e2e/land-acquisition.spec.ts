import { expect, test } from '@playwright/test';
import { loginAs, pressInDialog } from './fixtures';

test.describe('征地拆迁台账', () => {
  test('the statement is computed; the officer of 智联小镇 sees it in full and 高铁北片区 masked', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'dispatcher', '/land/acquisition');
    const zl = page.locator('.ant-card').filter({ has: page.getByRole('link', { name: '智联小镇' }) }).first();
    await expect(zl.getByTestId('acquisition-sentence')).toHaveText(/^1076户\(含单位\d+家\)25万平方米,全部签约、全部搬迁,零事故、零纠纷、零上访$/);
    await expect(zl.getByText('我负责')).toBeVisible();
    await page.screenshot({ path: '/tmp/acquisition-areas.png', fullPage: true });

    await zl.getByRole('link', { name: '智联小镇' }).first().click();
    await expect(page.getByText('您不是本片区的负责干部')).toHaveCount(0);
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect(first).toBeVisible();
    // full name: no masking star in the name, a full 11-digit phone
    await expect(first.locator('td').nth(4)).toHaveText(/^1\d{10}$/);
    await page.screenshot({ path: '/tmp/acquisition-area-officer.png', fullPage: true });

    await page.goto('/land/acquisition');
    await page.getByRole('link', { name: '高铁北片区' }).first().click();
    await expect(page.getByText('您不是本片区的负责干部')).toBeVisible();
    const masked = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect(masked.locator('td').nth(4)).toHaveText(/^1\d{2}\*{4}\d{4}$/);
    await page.screenshot({ path: '/tmp/acquisition-area-masked.png', fullPage: true });
  });

  test('an officer records a dispute and resolves it; the statement says so', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, 'admin', '/land/acquisition');
    await page.getByRole('link', { name: '高铁北片区' }).first().click();
    await page.getByRole('tab', { name: '事故·纠纷·上访' }).click();
    await page.getByRole('button', { name: /登记事故/ }).click();
    const dialog = page.getByRole('dialog', { name: '登记事件' });
    await dialog.getByLabel('类别').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '事故' }).click();
    await dialog.getByLabel('发生日期').fill('2026-12-01');
    await dialog.getByLabel('发生日期').press('Enter');
    await dialog.getByLabel('情况').fill('拆除作业中围挡倒塌,一名工人轻微擦伤');
    await pressInDialog(dialog, '登 记');
    await expect(page).toHaveURL(/\/land\/acquisition\/incidents\//);
    await expect(page.getByText('未结')).toBeVisible();
    // the date first: Enter in the picker submits the form, which still lacks the resolution
    await page.getByLabel('办结日期').fill('2026-12-02');
    await page.getByLabel('办结日期').press('Enter');
    await page.getByLabel('处理结果').fill('送医检查无碍,加固围挡并开展安全教育');
    await page.getByRole('button', { name: '办 结' }).click();
    await expect(page.getByText('已处理')).toBeVisible();
    await page.screenshot({ path: '/tmp/acquisition-incident.png', fullPage: true });
    await page.goto('/land/acquisition');
    const gt = page.locator('.ant-card').filter({ has: page.getByRole('link', { name: '高铁北片区' }) }).first();
    await expect(gt.getByTestId('acquisition-sentence')).toContainText(/事故\d+起\(均已处理\)/);
  });
});
