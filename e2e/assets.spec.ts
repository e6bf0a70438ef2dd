import { test, expect, type Page, type Response } from '@playwright/test';
import { loginAs } from './fixtures';

// Issue 11, item 7: the web app's assets go out compressed and cached, and an enterprise on a
// phone downloads at most ~400 KB of compressed JavaScript for its first page (工作台).

/** The JS budget of the enterprise phone's first page, in compressed (on-the-wire) bytes. */
const PHONE_FIRST_PAGE_JS_BUDGET = 400 * 1024;

type Loaded = { url: string; encoded: number; raw: number; encoding: string };

/** Records every JavaScript response of the page with its on-the-wire and decoded sizes. */
function watchScripts(page: Page): { settle(): Promise<Loaded[]> } {
  const pending: Promise<Loaded | null>[] = [];
  page.on('response', (response: Response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !/\.m?js(\?|$)/.test(response.url())) return;
    pending.push(
      (async () => {
        const [sizes, body] = await Promise.all([response.request().sizes(), response.body().catch(() => Buffer.alloc(0))]);
        return { url: new URL(response.url()).pathname, encoded: sizes.responseBodySize, raw: body.length, encoding: (await response.allHeaders())['content-encoding'] ?? 'identity' };
      })().catch(() => null),
    );
  });
  return { settle: async () => (await Promise.all(pending)).filter((x): x is Loaded => x !== null) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test.describe('static assets', () => {
  test('the enterprise phone’s first page loads at most 400 KB of compressed JavaScript', async ({ browser, baseURL }) => {
    const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    const scripts = watchScripts(page);
    await loginAs(page, 'enterprise', '/');
    // the 工作台 is drawn (its chunks are loaded) before the network is let to settle: waiting for
    // networkidle alone may end while the page still shows its loading spinner
    await expect(page.getByRole('navigation', { name: '常用功能' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('为我推荐的政策')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const loaded = await scripts.settle();
    const encoded = loaded.reduce((sum, s) => sum + s.encoded, 0);
    const raw = loaded.reduce((sum, s) => sum + s.raw, 0);
    const line = `enterprise phone first page: ${loaded.length} JS files, ${kb(raw)} raw, ${kb(encoded)} on the wire (${[...new Set(loaded.map((s) => s.encoding))].join('/')})`;
    console.log(line);
    for (const s of [...loaded].sort((a, b) => b.encoded - a.encoded).slice(0, 12)) console.log(`  ${s.url} ${kb(s.encoded)} (${kb(s.raw)} raw)`);
    test.info().annotations.push({ type: 'bundle', description: line });
    expect(encoded, line).toBeLessThanOrEqual(PHONE_FIRST_PAGE_JS_BUDGET);
    await phone.close();
  });
});
