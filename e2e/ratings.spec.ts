import { test, expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { DEMO_PASSWORD, loginAs } from './fixtures';

type Json = Record<string, unknown> & { id: string };

/** An API client logged in as `username` in its own request context (own cookies, own CSRF token). */
async function apiAs(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, username: string) {
  const context: APIRequestContext = await playwright.request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok(), `login ${username}`).toBeTruthy();
  const csrf = (await context.storageState()).cookies.find((c) => c.name === 'yq_csrf')?.value ?? '';
  const post = async (url: string, data: unknown): Promise<Json> => {
    const res = await context.post(url, { data, headers: { 'X-CSRF-Token': csrf } });
    expect(res.ok(), `${username} POST ${url}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return (await res.json()) as Json;
  };
  return { post, dispose: () => context.dispose() };
}

test.describe('好差评:差评申诉与审核', () => {
  test('the dispatcher removes an appealed bad review, and the ledger keeps it struck through with the reason', async ({ page, playwright, baseURL }) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString().slice(-6);
    const title = `园区班车线路调整咨询(${stamp})`;
    const comment = '答复敷衍,班车问题一点没有解决,非常失望。';
    const appealReason = '该诉求已按期答复并经企业确认办结,差评内容与办理事实不符。';
    const removeReason = `经核实办理过程符合要求,企业表示系误操作(${stamp})`;

    // The case and its bad review, made through the API by the people who would make them.
    const firm = await apiAs(playwright, baseURL!, 'enterprise');
    const officer = await apiAs(playwright, baseURL!, 'liaison');
    const demand = await firm.post('/api/demands', { category: 'other', title, content: '希望园区班车增加早高峰班次并调整线路经过我司门口。' });
    const number = demand.number as string;
    await officer.post(`/api/demands/${demand.id}/transitions`, { action: 'accept' });
    await officer.post(`/api/demands/${demand.id}/transitions`, { action: 'answer', note: '已与公交公司沟通,下月起增加早高峰班次。' });
    await firm.post(`/api/demands/${demand.id}/transitions`, { action: 'confirm' });
    const rating = await firm.post(`/api/demands/${demand.id}/rating`, {
      level: 'very_dissatisfied',
      scores: { serviceEfficiency: 1, serviceLevel: 2, serviceAttitude: 2 },
      comment,
    });
    expect(rating.isBad).toBe(true);
    await officer.post(`/api/ratings/${rating.id}/appeal`, { reason: appealReason });
    await firm.dispose();
    await officer.dispose();

    // The dispatcher finds the appeal in the review queue and removes the bad review.
    await loginAs(page, 'dispatcher', '/appeals');
    await expect(page.getByRole('heading', { name: '申诉审核' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: number });
    await expect(row).toBeVisible();
    await expect(row.getByText(appealReason)).toBeVisible();
    await row.getByRole('button', { name: `审核 ${number} 的申诉` }).click();

    const dialog = page.getByRole('dialog', { name: '审核差评申诉' });
    await expect(dialog.getByText(comment)).toBeVisible();
    // the reason is required
    await dialog.getByText('移除差评', { exact: true }).click();
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await expect(dialog.getByText('请填写审核意见')).toBeVisible();
    await dialog.getByLabel('审核意见').fill(removeReason);
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText(`已移除 ${number} 的差评`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: number })).toHaveCount(0);

    // The ledger still lists it: struck through, marked removed, with the reason.
    await page.goto(`/ratings?q=${number}`);
    const ledgerRow = page.getByRole('row').filter({ hasText: number });
    await expect(ledgerRow).toBeVisible();
    await expect(ledgerRow).toHaveClass(/yq-rating-removed/);
    await expect(ledgerRow.getByText('已移除', { exact: true })).toBeVisible();
    await expect(ledgerRow.getByText(`移除理由:${removeReason}`)).toBeVisible();
    await expect(ledgerRow.getByText(comment)).toHaveCSS('text-decoration-line', 'line-through');

    // Its rectification is cancelled along with it.
    await ledgerRow.getByRole('link', { name: title }).click();
    await expect(page.getByText(/经申诉移除,不计入任何统计/)).toBeVisible();
    await expect(page.getByText(`移除理由:${removeReason}`)).toBeVisible();
    await expect(page.getByText('已撤销(差评经申诉移除)')).toBeVisible();
  });
});
