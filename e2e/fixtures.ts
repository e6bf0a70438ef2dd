import { expect, type Locator, type Page } from '@playwright/test';

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

/**
 * Waits for an antd dialog to open, presses one of its buttons once it has finished zooming in,
 * and waits until it is gone. Under load a click aimed while the dialog still scales can land
 * beside the moving button; the press is repeated only while the dialog is still open and settled.
 */
export async function pressInDialog(dialog: Locator, button: string, label?: string): Promise<void> {
  // first open: a dialog not rendered yet must not pass for one already closed
  await expect(dialog, label).toBeVisible();
  await expect(async () => {
    if (await dialog.isVisible()) {
      await expect(dialog).not.toHaveClass(/ant-zoom/, { timeout: 2_000 });
      await dialog.getByRole('button', { name: button }).click({ timeout: 2_000 });
    }
    await expect(dialog).toBeHidden({ timeout: 2_000 });
  }, label).toPass({ timeout: 15_000 });
}
