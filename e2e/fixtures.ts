import type { Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/** Logs in through the API (cookies land in the page's context), then opens `path`. */
export async function loginAs(page: Page, username: string, path = '/'): Promise<void> {
  const res = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`login ${username} failed: ${res.status()} ${await res.text()}`);
  await page.goto(path);
}

/** The CSRF token the API expects on writes made from a test through page.request. */
export async function csrfToken(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'yq_csrf')?.value ?? '';
}
