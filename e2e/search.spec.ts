import { test, expect } from '@playwright/test';
import { loginAs } from './fixtures';

type Firm = { id: string; name: string; uscc: string };

test.describe('全局搜索', () => {
  test('the dispatcher types part of a firm name in the header search and opens its profile', async ({ page }) => {
    await loginAs(page, 'dispatcher');
    // Pick a firm through the API; the UI is then driven as a user would.
    const res = await page.request.get('/api/enterprises', { params: { page: '1', pageSize: '1', sort: '-createdAt' } });
    expect(res.ok()).toBe(true);
    const firm = ((await res.json()) as { items: Firm[] }).items[0]!;
    const part = firm.name.slice(0, Math.max(2, firm.name.length - 2)); // 光科铜材（鹰潭）有限公司 → …有限公

    const search = page.getByPlaceholder('搜索企业名称、信用代码、诉求编号');
    await search.fill(part);
    const popup = page.locator('.yq-global-search-popup');
    await expect(popup.getByText('企业', { exact: true })).toBeVisible();
    // antd draws the visible rows; role=option belongs to its screen-reader twin list.
    await popup.locator('.ant-select-item-option').filter({ hasText: firm.uscc }).click();

    await expect(page).toHaveURL(new RegExp(`/enterprises/${firm.id}$`));
    await expect(page.getByRole('heading', { name: firm.name })).toBeVisible();
    await expect(search).toHaveValue('');
  });

  test('Enter opens the first hit; a case number finds its demand', async ({ page }) => {
    await loginAs(page, 'dispatcher');
    const res = await page.request.get('/api/demands', { params: { page: '1', pageSize: '1' } });
    expect(res.ok()).toBe(true);
    const demand = ((await res.json()) as { items: { id: string; number: string }[] }).items[0]!;

    const search = page.getByPlaceholder('搜索企业名称、信用代码、诉求编号');
    await search.fill(demand.number);
    await expect(page.locator('.yq-global-search-popup .ant-select-item-option').first()).toContainText(demand.number);
    await expect(page.getByRole('option', { name: new RegExp(`^诉求 ${demand.number}`) })).toHaveCount(1);
    await search.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/demands/${demand.id}$`));
  });
});
