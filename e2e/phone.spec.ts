import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginAs } from './fixtures';

// Issue 11, item 3: on a phone an enterprise lands on 工作台 with a bottom tab bar and a grid of
// its main actions; the bell's pop-up fits 375 px; dates do not break; the desktop keeps its menu.

const SHOTS = '/tmp';

async function phonePage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return phone.newPage();
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test.describe('the enterprise phone app (375 px)', () => {
  test('lands on 工作台 with the tab bar and the grid of main actions, not the long profile', async ({ browser, baseURL }) => {
    const page = await phonePage(browser, baseURL);
    // signed in, the log-in page sends the user to their landing page
    await loginAs(page, 'enterprise', '/login');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();

    const bar = page.getByRole('navigation', { name: '底部导航' });
    await expect(bar).toBeVisible();
    await expect(bar.getByRole('link')).toHaveText(['首页', '办事', '政策', '融资', /消息$/, '我的']);
    await expect(bar.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');
    // fixed at the bottom of the screen
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThanOrEqual(811);
    expect(box.width).toBeGreaterThanOrEqual(374);

    const grid = page.getByRole('navigation', { name: '常用功能' });
    for (const label of ['我要提诉求', '我的诉求', '办事指南', '我的办件', '推荐政策', '我的申报', '创新券']) {
      await expect(grid.getByRole('link', { name: new RegExp(`^${label}`) })).toBeVisible();
    }
    await expect(page.getByText('我的待办')).toBeVisible();
    // no side-menu button: the tab bar and 我的 replace it
    await expect(page.getByRole('button', { name: '打开菜单' })).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await fitsWidth(page, 375);
    await page.screenshot({ path: `${SHOTS}/h6-phone-home.png` });
    await page.screenshot({ path: `${SHOTS}/h6-phone-home-full.png`, fullPage: true });

    await grid.getByRole('link', { name: '我要提诉求' }).click();
    await expect(page).toHaveURL(/\/demands\/new$/);
    await expect(bar.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');
    await page.context().close();
  });

  test('the tab bar lights the current tab, counts unread messages and opens 我的', async ({ browser, baseURL }) => {
    const page = await phonePage(browser, baseURL);
    await loginAs(page, 'enterprise', '/');
    const unread = ((await (await page.request.get('/api/notifications?page=1&pageSize=1')).json()) as { unread: number }).unread;
    const bar = page.getByRole('navigation', { name: '底部导航' });
    const messages = bar.getByRole('link', { name: /^消息/ });
    await expect(messages).toHaveAccessibleName(unread ? `消息,${unread} 条未读` : '消息');

    await bar.getByRole('link', { name: '政策' }).click();
    await expect(page).toHaveURL(/\/my\/policies$/);
    await expect(bar.getByRole('link', { name: '政策' })).toHaveAttribute('aria-current', 'page');
    await expect(bar.getByRole('link', { name: '首页' })).not.toHaveAttribute('aria-current', 'page');

    await bar.getByRole('link', { name: '办事' }).click();
    await expect(page).toHaveURL(/\/guide$/);
    await expect(bar.getByRole('link', { name: '办事' })).toHaveAttribute('aria-current', 'page');

    await messages.click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(messages).toHaveAttribute('aria-current', 'page');

    await bar.getByRole('link', { name: '我的' }).click();
    await expect(page).toHaveURL(/\/mine$/);
    const mine = page.getByRole('navigation', { name: '我的' });
    await expect(mine.getByRole('link', { name: '我的企业' })).toBeVisible();
    await expect(mine.getByRole('link', { name: '个人设置' })).toBeVisible();
    await expect(page.getByRole('button', { name: /退出登录/ })).toBeVisible();
    await fitsWidth(page, 375);
    await page.screenshot({ path: `${SHOTS}/h6-phone-mine.png` });
    await mine.getByRole('link', { name: '我的企业' }).click();
    await expect(page).toHaveURL(/\/enterprises\/[0-9a-f-]+$/);
    await expect(bar.getByRole('link', { name: '我的' })).toHaveAttribute('aria-current', 'page');
    await page.context().close();
  });

  test('the bell’s pop-up fits a 375 px screen', async ({ browser, baseURL }) => {
    const page = await phonePage(browser, baseURL);
    await loginAs(page, 'enterprise', '/');
    await page.getByRole('button', { name: /^消息/ }).click();
    const popover = page.locator('.ant-popover').filter({ hasText: '查看全部消息' });
    await expect(popover).toBeVisible();
    await page.waitForTimeout(400); // the pop-up's opening animation scales it
    const box = (await popover.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/h6-phone-bell.png` });
    await page.context().close();
  });

  test('no date or time on the enterprise’s pages breaks across lines', async ({ browser, baseURL }) => {
    const page = await phonePage(browser, baseURL);
    await loginAs(page, 'enterprise', '/');
    const broken: string[] = [];
    for (const path of ['/', '/demands', '/demands/to-rate', '/services/applications', '/my/policy-applications', '/my/vouchers', '/notifications']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      // every visible text node's dates (2026-03-05, 2026-03-05 14:07): one line box each
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const pattern = /\d{4}-\d{2}-\d{2}(?:[\s\u00a0]\d{2}:\d{2}(?::\d{2})?)?/g;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(pattern)) {
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      broken.push(...found.map((d) => `${path}: ${d}`));
    }
    expect(broken).toEqual([]);
    await page.context().close();
  });
});

test.describe('the enterprise on a desktop', () => {
  test('keeps the side menu, no tab bar', async ({ page }) => {
    await loginAs(page, 'enterprise', '/');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: '底部导航' })).toHaveCount(0);
    await expect(page.getByRole('menu').getByText('我的诉求')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SHOTS}/h6-desktop-home.png` });
  });
});
