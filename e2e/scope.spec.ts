import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, loginAs } from './fixtures';

const SHOTS = fileURLToPath(new URL('../.tmp/e2e-shots', import.meta.url));

type Me = { enterpriseId: string | null; enterpriseName: string | null };

async function me(page: Page): Promise<Me> {
  const res = await page.request.get('/api/auth/me');
  expect(res.ok()).toBe(true);
  return (await res.json()) as Me;
}

test.describe('an enterprise user sees only its own firm', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('opens 我的企业 with its firm name from the 我的 tab, fitting a 375 px screen', async ({ page }) => {
    // Signed in (through the API), the log-in page sends the user on to 工作台 (e2e/phone.spec.ts);
    // its own firm is one tap away under 我的.
    await loginAs(page, 'enterprise', '/login');
    const { enterpriseId, enterpriseName } = await me(page);
    expect(enterpriseId).toBeTruthy();
    await expect(page).toHaveURL(/\/$/);
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '我的' }).click();
    await page.getByRole('navigation', { name: '我的' }).getByRole('link', { name: '我的企业' }).click();
    await expect(page).toHaveURL(new RegExp(`/enterprises/${enterpriseId}$`));
    await expect(page.getByRole('heading', { name: '我的企业' })).toBeVisible();
    await expect(page.getByText(enterpriseName!, { exact: true }).first()).toBeVisible();
    await expect(page.getByText('基本信息', { exact: true })).toBeVisible();
    await expect(page.getByText('变更记录', { exact: true })).toBeVisible();

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(376);

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'enterprise-own-375.png'), fullPage: true });
  });

  test('cannot browse the registry or open another firm', async ({ page, playwright, baseURL }) => {
    // Another firm, looked up by an admin in a separate session.
    const admin = await playwright.request.newContext({ baseURL });
    const login = await admin.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
    expect(login.ok()).toBe(true);
    const list = await admin.get('/api/enterprises', { params: { page: '1', pageSize: '2', sort: 'name' } });
    expect(list.ok()).toBe(true);
    const firms = ((await list.json()) as { items: { id: string; name: string }[] }).items;
    await admin.dispose();

    await loginAs(page, 'enterprise', '/enterprises');
    const { enterpriseId } = await me(page);
    const other = firms.find((f) => f.id !== enterpriseId)!;
    expect(other).toBeTruthy();
    await expect(page.getByText(/无权访问|页面不存在/).first()).toBeVisible();
    await expect(page.getByText(other.name)).toHaveCount(0);

    await page.goto(`/enterprises/${other.id}`);
    await expect(page.getByText('企业不存在', { exact: true })).toBeVisible();
    await expect(page.getByText(other.name)).toHaveCount(0);
  });
});

test('a bank user has no enterprise list', async ({ page }) => {
  await loginAs(page, 'bank', '/enterprises');
  await expect(page.getByText('无权访问')).toBeVisible();
  await expect(page.locator('.ant-table-row')).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /企业库|企业列表/ })).toHaveCount(0);
});
