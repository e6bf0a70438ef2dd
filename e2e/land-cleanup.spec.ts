import { expect, test, type Page } from '@playwright/test';
import { csrfToken, loginAs, pressInDialog } from './fixtures';

type Campaign = { id: string; name: string; figures: { recoveredParcels: number; reallocatedParcels: number; sentence: string } };

async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const res = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json() as Promise<T>;
}

/**
 * A case of the demo campaign at the outcome stage (依法收回), to recover in the browser: a candidate
 * parcel not yet listed is taken through 认定 → 告知 → 约谈 → 依法收回 over the API; where none is
 * left, the demo's open 协议收回 case.
 */
async function caseAtOutcome(page: Page, campaignId: string): Promise<{ id: string; parcelCode: string }> {
  const candidates = await api<{ parcelId: string; parcelCode: string; caseId: string | null }[]>(page, 'GET', `/api/land/cleanup/campaigns/${campaignId}/candidates`);
  const free = candidates.find((c) => !c.caseId);
  if (free) {
    const [kase] = await api<{ id: string; parcelCode: string }[]>(page, 'POST', `/api/land/cleanup/campaigns/${campaignId}/cases`, { parcelIds: [free.parcelId] });
    await api(page, 'POST', `/api/land/cleanup/cases/${kase!.id}/actions`, { action: 'notify' });
    await api(page, 'POST', `/api/land/cleanup/cases/${kase!.id}/actions`, { action: 'interview', participants: '调度专班、企业法定代表人', note: '企业无力开发,同意收回' });
    await api(page, 'POST', `/api/land/cleanup/cases/${kase!.id}/actions`, { action: 'decide', outcome: 'legal' });
    return kase!;
  }
  const open = await api<{ items: { id: string; parcelCode: string }[] }>(page, 'GET', `/api/land/cleanup/campaigns/${campaignId}/cases?status=agreement,legal`);
  expect(open.items.length, 'a case awaiting recovery').toBeGreaterThan(0);
  return open.items[0]!;
}

test('an officer recovers an idle parcel in the campaign board and re-allocates it to a project', async ({ page }) => {
  test.setTimeout(150_000);
  await loginAs(page, 'dispatcher', '/');
  const list = await api<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/land/cleanup/campaigns');
  const campaign = await api<Campaign>(page, 'GET', `/api/land/cleanup/campaigns/${list.items[0]!.id}`);
  const before = campaign.figures;
  const kase = await caseAtOutcome(page, campaign.id);

  // the campaigns list → the board, its figures computed from the data
  await page.goto('/land/cleanup');
  await page.getByRole('link', { name: campaign.name }).first().click();
  await expect(page.getByTestId('cleanup-sentence')).toHaveText(before.sentence);
  await expect(page.getByTestId('fig-recovered')).toContainText(String(before.recoveredParcels));

  // open the case from its card in 待收回, press 收回
  const card = page.getByTestId('cleanup-column-recovering').getByTestId(`cleanup-card-${kase.parcelCode}`);
  await card.getByRole('link', { name: kase.parcelCode }).click();
  await expect(page).toHaveURL(new RegExp(`/land/cleanup/cases/${kase.id}$`));
  await page.getByRole('button', { name: /^收\s?回$/ }).click();
  const recoverDialog = page.getByRole('dialog', { name: '收回土地' });
  await expect(recoverDialog.getByText('收回面积')).toBeVisible();
  await pressInDialog(recoverDialog, '确认收回', '收回');
  await expect(page.locator('.yq-case-steps')).toBeVisible();
  await expect(page.getByText('已收回').first()).toBeVisible();

  // 再出让: choose an investment project
  await page.getByRole('button', { name: '再出让', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '再出让(腾笼换鸟)' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await expect(option).toBeVisible();
  const projectLabel = (await option.textContent()) ?? '';
  await option.click();
  await pressInDialog(dialog, '确认再出让', '再出让');
  await expect(page.getByText('已再出让').first()).toBeVisible();
  const projectName = projectLabel.split(/[(（]/)[0]!;
  await expect(page.getByRole('link', { name: projectName })).toBeVisible();

  // back on the board: one more parcel recovered and re-allocated, the sentence says so
  await page.getByRole('link', { name: campaign.name }).click();
  await expect(page.getByTestId('fig-recovered')).toContainText(String(before.recoveredParcels + 1));
  await expect(page.getByTestId('fig-reallocated')).toContainText(String(before.reallocatedParcels + 1));
  await expect(page.getByTestId('cleanup-column-reallocated').getByTestId(`cleanup-card-${kase.parcelCode}`)).toBeVisible();
  await expect(page.getByTestId('cleanup-sentence')).toContainText(`回收闲置土地${before.recoveredParcels + 1}宗`);
  await page.screenshot({ path: '/tmp/cleanup-board-after.png', fullPage: true });
});
