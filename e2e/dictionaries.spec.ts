import { test, expect, type Page } from '@playwright/test';
import { csrfToken, loginAs } from './fixtures';

// antd spaces out two-character button labels ("保 存").
const SAVE = /保\s?存$/; // not anchored at the start: a lingering "loading" icon may prefix the name

type Entry = { code: string; label: string; sort: number; active: boolean; extra: { acceptDays?: number; answerDays?: number } | null };

async function financing(page: Page): Promise<Entry> {
  const res = await page.request.get('/api/dictionaries/demand_category');
  expect(res.ok()).toBe(true);
  const entry = ((await res.json()) as { items: Entry[] }).items.find((e) => e.label === '融资');
  expect(entry).toBeTruthy();
  return entry!;
}

test.describe('数据字典', () => {
  test('admin changes the 融资 category’s answer deadline and sees it saved', async ({ page }) => {
    await loginAs(page, 'admin', '/');
    const before = await financing(page);
    const original = before.extra?.answerDays ?? 5;
    const next = original === 7 ? 8 : 7;

    // The menu lists the page for an admin; the test opens it by its address (the menu's open/close
    // animation is not what is under test here).
    await expect(page.locator('[data-menu-id$="/admin/dictionaries"]')).toHaveCount(1);
    await page.goto('/admin/dictionaries');
    await expect(page.getByRole('heading', { name: '数据字典' })).toBeVisible();
    await page.getByRole('tab', { name: /诉求类别/ }).click();

    const row = page.getByRole('row', { name: /融资/ });
    await expect(row).toContainText(`${original} 个工作日`);
    await row.getByRole('button', { name: '编辑融资' }).click();

    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('编辑诉求类别');
    const answer = dialog.getByLabel('答复期限');
    await expect(answer).toHaveValue(String(original));

    // Out of range first: the field says so and nothing is saved.
    await answer.fill('61');
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog).toContainText('答复期限为1–60个工作日');

    await answer.fill(String(next));
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('已保存“融资”')).toBeVisible();
    await expect(row).toContainText(`${next} 个工作日`);

    // Saved on the server, and still shown after a reload.
    expect((await financing(page)).extra).toMatchObject({ answerDays: next, acceptDays: before.extra?.acceptDays ?? 1 });
    await page.reload();
    await expect(page.getByRole('row', { name: /融资/ })).toContainText(`${next} 个工作日`);

    // Put it back so that the demo deadlines stay as seeded when the database is reused.
    const restore = await page.request.put('/api/dictionaries/demand_category', {
      data: { code: before.code, label: before.label, extra: { ...before.extra, answerDays: original } },
      headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(restore.ok()).toBe(true);
  });
});
