import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { csrfToken, loginAs } from './fixtures';

// antd spaces out two-character button labels ("保 存").
const SAVE = /保\s?存$/;
const SHOTS = fileURLToPath(new URL('../.tmp/e2e-shots', import.meta.url));

async function asUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, username, '/');
  return page;
}

test.describe('系统管理', () => {
  test('an edit of a role’s permissions counts from the affected user’s next request', async ({ page, browser }) => {
    const leader = await asUser(browser, 'leader');
    expect((await leader.request.get('/api/admin/login-log')).status()).toBe(403);

    await loginAs(page, 'admin', '/admin/roles');
    await expect(page.getByRole('heading', { name: '角色与权限' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-roles.png`, fullPage: true });
    await page.getByRole('row', { name: /领导/ }).getByRole('button', { name: '编辑权限' }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('编辑角色:领导');
    // the admin role's required permissions are locked; the leader's name cannot change
    await expect(drawer.getByLabel('角色名称')).toBeDisabled();
    await drawer.getByRole('checkbox', { name: '登录日志' }).check();
    await page.screenshot({ path: `${SHOTS}/admin-role-edit.png` });
    await drawer.getByRole('button', { name: SAVE }).click();
    await expect(page.getByText('已保存,持有该角色的用户下一次操作即按新权限')).toBeVisible();

    // the leader's same session, next request
    expect((await leader.request.get('/api/admin/login-log')).status()).toBe(200);

    // the change is in the audit log, in Chinese
    await page.goto('/admin/audit?entity=role');
    const entry = page.locator('tr.ant-table-row', { hasText: '领导' }).first();
    await expect(entry).toContainText('修改');
    await expect(entry).toContainText('角色');

    // put it back (through the API) so the other specs see the demo's roles
    const roles = (await (await page.request.get('/api/admin/roles')).json()).items as { code: string; permissions: string[] }[];
    const leaderRole = roles.find((r) => r.code === 'leader')!;
    const restored = await page.request.put('/api/admin/roles/leader', {
      data: { permissions: leaderRole.permissions.filter((p) => p !== 'login-log:read') },
      headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(restored.status()).toBe(200);
    expect((await leader.request.get('/api/admin/login-log')).status()).toBe(403);
    await leader.context().close();
  });

  test('the admin forces a user offline and the user’s next request is refused naming why', async ({ page, browser }) => {
    const leader = await asUser(browser, 'leader');
    expect((await leader.request.get('/api/auth/me')).status()).toBe(200);
    await loginAs(page, 'admin', '/admin/online');
    await expect(page.getByRole('heading', { name: '在线用户' })).toBeVisible({ timeout: 30_000 });
    // latest log-in first: the leader's session opened above (the admin logged in after it)
    const row = page.locator('tr.ant-table-row', { hasText: '管委会 刘主任' }).first();
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-online.png`, fullPage: true });
    await row.getByRole('button', { name: '强制下线' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '强制下线' }).click();
    await expect(page.getByText(/已强制 管委会 刘主任 下线/)).toBeVisible();
    const next = await leader.request.get('/api/auth/me');
    expect(next.status()).toBe(401);
    expect(((await next.json()) as { error: { message: string } }).error.message).toContain('强制下线');
    // In the browser the user lands on the log-in page, told why.
    await leader.goto('/');
    await expect(leader.getByRole('alert')).toContainText('您已被管理员强制下线', { timeout: 30_000 });
    await leader.context().close();
  });

  test('a job runs now and its run shows in the run log', async ({ page }) => {
    await loginAs(page, 'admin', '/admin/jobs');
    await expect(page.getByRole('heading', { name: '定时任务' })).toBeVisible();
    const row = page.getByRole('row', { name: /会话与登录记录清理/ });
    await expect(row).toContainText('每1小时');
    await row.getByRole('button', { name: /立即执行/ }).click();
    await expect(page.getByText(/“会话与登录记录清理”已执行/)).toBeVisible();
    await expect(row).toContainText('成功');
    await row.getByRole('button', { name: '运行记录' }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByRole('row', { name: /手动 · 系统管理员/ }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-jobs.png`, fullPage: true });
  });

  test('the log-in log lists successes and failures and exports .xlsx', async ({ page }) => {
    await page.request.post('/api/auth/login', { data: { username: 'leader', password: 'wrong-password-1' } });
    await loginAs(page, 'admin', '/admin/login-log');
    await expect(page.getByRole('heading', { name: '登录日志' })).toBeVisible();
    await expect(page.getByRole('row', { name: /leader.*失败.*密码错误/ }).first()).toBeVisible();
    await expect(page.getByRole('row', { name: /admin.*成功/ }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-login-log.png`, fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    expect((await download).suggestedFilename()).toBe('登录日志.xlsx');
  });

  test('the audit log names a demand by its business number, in Chinese', async ({ page }) => {
    await loginAs(page, 'admin', '/admin/audit?entity=demand');
    await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect(first).toContainText(/诉求\s*SQ\d{8}-\d{4}/);
    await expect(first).not.toContainText(/[0-9a-f]{8}…/);
    await first.locator('td').nth(1).click();
    // the detail's fields are labelled in Chinese, not the snapshot's keys (dueAt, overdueAt …)
    const detail = page.locator('.ant-table-expanded-row').first();
    await expect(detail).toContainText('修改后');
    await expect(detail).not.toContainText(/[a-z]+(At|Id)\b/);
    await page.screenshot({ path: `${SHOTS}/admin-audit.png`, fullPage: true });
  });

  test('departments, parameters and the system monitor pages', async ({ page }) => {
    await loginAs(page, 'admin', '/admin/departments');
    await expect(page.getByRole('heading', { name: '部门管理' })).toBeVisible();
    await expect(page.getByRole('row', { name: /行政审批局/ }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-departments.png`, fullPage: true });
    await page.goto('/admin/parameters');
    await expect(page.getByRole('heading', { name: '参数设置' })).toBeVisible();
    await expect(page.getByRole('row', { name: /差评整改期限/ })).toContainText('工作日');
    await page.screenshot({ path: `${SHOTS}/admin-parameters.png`, fullPage: true });
    await page.goto('/admin/monitor');
    await expect(page.getByText('结构版本(迁移)')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-monitor.png`, fullPage: true });
    // the home page no longer shows the database internals
    await page.goto('/');
    await expect(page.getByText('查看系统监控')).toBeVisible();
    await expect(page.getByText('数据库版本')).toHaveCount(0);
  });
});
