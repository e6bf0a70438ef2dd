import { test, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, loginAs } from './fixtures';

// Issue 10, items 3 and 4 in the browser: the pages run under their Content-Security-Policy
// without a single violation (antd's CSS-in-JS with the nonce, ECharts, modals, messages), and
// the log-in page asks for the image captcha and says when a session timed out.

const LOG_IN = /登\s?录$/;

/**
 * Collects every CSP violation of the page, across navigations: the browser's
 * securitypolicyviolation events and its "Refused to …" console errors.
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__yqCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __yqCspViolation(t: string): void }).__yqCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} on ${location.pathname}: ${e.sample}`,
      );
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to (apply|load|execute|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

/** Opens a page and checks it came with the nonce policy (so a clean run is not a run without CSP). */
async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  await page.waitForLoadState('networkidle');
}

test.describe('Content-Security-Policy', () => {
  test('the staff desk runs without a violation: home, users with a modal, audit, settings with a message', async ({ page }) => {
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    await loginAs(page, 'admin', '/login');
    await open(page, '/');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible({ timeout: 30_000 });
    // antd wrote its styles into <style nonce> elements
    const styled = await page.evaluate(() => [...document.querySelectorAll('style')].filter((s) => s.nonce).length);
    expect(styled).toBeGreaterThan(0);

    await open(page, '/admin/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');

    await open(page, '/admin/audit');
    await open(page, '/settings');
    // …and they apply: the primary button is painted in the theme's blue
    const submit = page.getByRole('button', { name: '修改密码' });
    expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(21, 84, 173)');
    await page.getByLabel('原密码').fill('Wrong@2026x');
    await page.getByLabel('新密码', { exact: true }).fill('Brand@2027new');
    await page.getByLabel('确认新密码').fill('Brand@2027new');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByText('原密码不正确').first()).toBeVisible();
    await page.getByRole('button', { name: '账号菜单' }).click();
    await page.screenshot({ path: test.info().outputPath('csp-settings.png') });
    expect(violations).toEqual([]);
  });

  test('the policy rule builder and the charts run without a violation, tooltips included', async ({ page }) => {
    test.setTimeout(180_000);
    const violations = await watchCsp(page);
    await loginAs(page, 'policy_officer', '/login');
    await open(page, '/policies/new');
    await expect(page.getByRole('heading', { name: '新建政策' })).toBeVisible({ timeout: 30_000 });
    await open(page, '/policies');
    await page.screenshot({ path: test.info().outputPath('csp-policies.png') });

    await loginAs(page, 'dispatcher', '/login');
    await open(page, '/demands/stats');
    const chart = page.locator('canvas').first();
    await expect(chart).toBeVisible({ timeout: 60_000 });
    const box = (await chart.boundingBox())!;
    for (const x of [0.3, 0.5, 0.7]) await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.5);
    await open(page, '/dispatch');
    await page.screenshot({ path: test.info().outputPath('csp-dispatch.png') });

    await loginAs(page, 'leader', '/login');
    await open(page, '/');
    await open(page, '/ratings');
    expect(violations).toEqual([]);
  });

  test('the enterprise portal on a phone runs without a violation', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    await loginAs(page, 'enterprise', '/login');
    await open(page, '/my/policies');
    await open(page, '/demands/new');
    await open(page, '/settings');
    await page.screenshot({ path: test.info().outputPath('csp-enterprise-settings.png'), fullPage: true });
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe('log-in page', () => {
  test('asks for the image captcha after failures from one address, refreshes it, and refuses a wrong answer with a new image', async ({ browser }) => {
    // A client of its own (through the trusted proxy): its failures do not reach other tests.
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    await open(page, '/login');
    for (let i = 0; i < 3; i += 1) {
      await page.getByRole('textbox', { name: '用户名' }).fill(`nobody-${i}`);
      await page.getByLabel('密码', { exact: true }).fill('Wrong@2026');
      await page.getByRole('button', { name: LOG_IN }).click();
      await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
    }
    await page.getByRole('textbox', { name: '用户名' }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: LOG_IN }).click();
    await expect(page.getByRole('alert')).toContainText('请输入图片中的验证码');
    const image = page.getByRole('img', { name: '验证码图片' });
    await expect(image).toBeVisible();
    const first = await image.getAttribute('src');
    expect(first).toMatch(/^data:image\/svg\+xml;base64,/);
    await page.getByRole('button', { name: '换一张验证码' }).click();
    await expect(image).not.toHaveAttribute('src', first!);
    await page.screenshot({ path: test.info().outputPath('login-captcha.png') });

    // a wrong answer: 验证码错误, and a new image
    const shown = await image.getAttribute('src');
    await page.getByLabel('验证码', { exact: true }).fill('0000');
    await page.getByRole('button', { name: LOG_IN }).click();
    await expect(page.getByRole('alert')).toContainText(/验证码错误|验证码已过期/);
    await expect(image).not.toHaveAttribute('src', shown!);
    expect(violations).toEqual([]);
    await context.close();
  });

  test('says 登录已超时 when the server answers that the session timed out', async ({ page }) => {
    await loginAs(page, 'leader', '/login');
    await page.route('**/api/auth/me', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'SESSION_EXPIRED', message: '登录已超时,请重新登录', details: [] } }) }),
    );
    await page.goto('/demands/stats');
    await expect(page).toHaveURL(/\/login\?redirect=/);
    await expect(page.getByRole('alert')).toContainText('登录已超时,请重新登录');
  });
});
