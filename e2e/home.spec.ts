import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loginAs } from './fixtures';

const SHOTS = '../.tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.ok(), `${path} → ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

/** A count chip of the 工作台: a link named "<label> <value>". */
const chip = (page: Page, label: string) => page.getByRole('link', { name: new RegExp(`^${label} `) });

test.describe('工作台与企业画像', () => {
  test('the approver sees its 办件 to-dos counted as the board counts them, and a chip opens the filtered queue', async ({ page }) => {
    await loginAs(page, 'approver', '/');
    const board = await getJson<{ byStatus: { submitted: number }; overdue: number }>(page, '/api/service-applications/board');
    await expect(page.getByText('办件待办')).toBeVisible();
    await expect(chip(page, '待受理')).toHaveAccessibleName(`待受理 ${board.byStatus.submitted}`);
    await expect(chip(page, '已超期')).toHaveAccessibleName(`已超期 ${board.overdue}`);
    await page.screenshot({ path: `${SHOTS}/home-approver.png`, fullPage: true });
    await chip(page, '待受理').click();
    await expect(page).toHaveURL(/\/services\/applications\?status=submitted$/);
  });

  test('the policy window sees its review queues and fund balances', async ({ page }) => {
    await loginAs(page, 'policy_officer', '/');
    const stats = await getJson<{ queue: { first: number; second: number } }>(page, '/api/policies/stats');
    await expect(chip(page, '待初审')).toHaveAccessibleName(`待初审 ${stats.queue.first}`);
    await expect(chip(page, '待复审')).toHaveAccessibleName(`待复审 ${stats.queue.second}`);
    await expect(page.getByText('专项资金余额')).toBeVisible();
    await expect(page.getByText(/可用 · 预算/)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/home-policy-officer.png`, fullPage: true });
    await chip(page, '待复审').click();
    await expect(page).toHaveURL(/\/policy-applications\?queue=second$/);
  });

  test('a firm on a phone sees the policies recommended for it with their amounts', async ({ browser, baseURL }) => {
    const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    await loginAs(page, 'enterprise', '/');
    const rec = await getJson<{ eligible: { policyId: string; title: string }[] }>(page, '/api/policies/recommended');
    expect(rec.eligible.length).toBeGreaterThan(0);
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: '为我推荐的政策' }) });
    await expect(card.getByText(`符合条件 ${rec.eligible.length} 项,预计可享`)).toBeVisible();
    const top = card.getByRole('link', { name: new RegExp(rec.eligible[0]!.title) });
    await expect(top).toHaveAttribute('href', `/my/policies/${rec.eligible[0]!.policyId}`);
    await expect(page.getByText('办事与兑现')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/home-enterprise-375.png`, fullPage: true });
    await phone.close();
  });

  test('the enterprise profile shows the policy window a firm’s 申报, but no 办件 tab it may not read', async ({ page }) => {
    await loginAs(page, 'policy_officer', '/');
    const apps = await getJson<{ items: { number: string; enterpriseId: string }[] }>(page, '/api/policy-applications?page=1&pageSize=1');
    const app = apps.items[0]!;
    await page.goto(`/enterprises/${app.enterpriseId}?tab=policies`);
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: '办事与兑现' }) });
    await expect(card.getByRole('tab', { name: '政策兑现' })).toBeVisible();
    await expect(card.getByRole('tab', { name: '政务办件' })).toHaveCount(0);
    await expect(card.getByText('匹配的政策')).toBeVisible();
    await expect(card.getByRole('link', { name: app.number })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/enterprise-profile-policies.png`, fullPage: true });
  });
});
