import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, loginAs } from './fixtures';

// antd spaces out two-character button labels ("登 录"), and its loading icon can linger in the
// accessibility tree after a request ("loading 登 录"), so the name is matched at its end only.
const LOG_IN = /登\s?录$/;

test.describe('log-in page', () => {
  test('shows the park name, refuses a wrong password with the attempts left, and lets the admin in', async ({ page, request }) => {
    const park = (await (await request.get('/api/public/park')).json()) as { name: string | null };
    expect(park.name).toBeTruthy();

    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '账号登录' })).toBeVisible();
    await expect(page.getByText(`${park.name} · 企业服务平台`)).toBeVisible();

    await page.getByRole('textbox', { name: '用户名' }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Wrong@2026');
    await page.getByRole('button', { name: LOG_IN }).click();
    await expect(page.getByRole('alert')).toContainText('用户名或密码错误,再错4次账号将被锁定15分钟');
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: LOG_IN }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    const menu = page.getByRole('menu').first();
    await expect(menu.getByText('企业库')).toBeVisible();
    await expect(menu.getByText('用户管理')).toBeVisible();

    await page.getByRole('button', { name: '账号菜单' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: '账号登录' })).toBeVisible();
    // the session is gone: the desk sends us back to the log-in page
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });
});

test('the menu follows the role: a leader has no user management', async ({ page }) => {
  await loginAs(page, 'leader', '/');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  const menu = page.getByRole('menu').first();
  await expect(menu.getByText('企业库')).toBeVisible();
  await expect(menu.getByText('审计日志')).toBeVisible();
  await expect(page.getByText('用户管理')).toHaveCount(0);
});
