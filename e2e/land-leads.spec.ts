import { test, expect as baseExpect, type Page } from '@playwright/test';
import type { LeadDetail, LeadFunnel } from '@yuanqi/contract';
import { csrfToken, loginAs, pressInDialog } from './fixtures';

// Issue 15, item 4 (招商线索): an officer records a 屏对屏 negotiation on a lead, submits it to the
// investment committee, the leader approves it, the officer signs it — signing creates the
// investment project, whose page the lead links to (and which links back to the lead).

const SHOTS = '/tmp';
// the pages load ECharts and the case kit: give a loaded machine time
const expect = baseExpect.configure({ timeout: 30_000 });
const desk = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const parkToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function openLead(page: Page, id: string, name: string) {
  await page.goto(`/land/leads/${id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

test('a 屏对屏 negotiation, the committee, signing: the lead links to the new project', async ({ browser, baseURL }) => {
  test.setTimeout(360_000);
  const suffix = Date.now().toString(36).slice(-5);
  const name = `屏对屏测试项目${suffix}`;

  const officer = await (await browser.newContext({ baseURL, ...desk })).newPage();
  await loginAs(officer, 'dispatcher', '/');
  // the lead itself is filed through the API (the form has its own screenshot below)
  const filed = await officer.request.post('/api/land/leads', {
    data: { projectName: name, investor: `云签电子${suffix}有限公司`, contactName: '李总', contactPhone: '13912345678', chain: null, amountFen: 2_000_000_000_00, source: 'online', receivedOn: parkToday() },
    headers: { 'x-csrf-token': await csrfToken(officer) },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const lead = (await filed.json()) as LeadDetail;

  // the queue, from the menu
  await officer.locator('.yq-sider').getByRole('menuitem', { name: '招商线索' }).click();
  await expect(officer.getByRole('heading', { name: '招商线索' })).toBeVisible();
  await officer.getByPlaceholder('搜索编号、项目、投资方').fill(lead.code);
  await officer.getByPlaceholder('搜索编号、项目、投资方').press('Enter');
  await officer.getByRole('link', { name }).first().click();
  await expect(officer.getByRole('heading', { name })).toBeVisible();

  // 记录洽谈: 屏对屏 (the default form)
  await officer.getByRole('button', { name: '记录洽谈' }).click();
  const talk = officer.getByRole('dialog', { name: '记录洽谈' });
  await expect(talk).toBeVisible();
  await expect(talk.getByRole('radio', { name: '屏对屏(视频)' })).toBeChecked();
  await talk.getByLabel('参加人员').fill('园区招商局 周调度;云签电子 李总');
  await talk.getByLabel('洽谈纪要').fill('视频洽谈:企业确认在园区投资20亿元建设电子材料项目,用地约200亩。');
  await talk.getByLabel('下一步安排').fill('提交招商委员会');
  await officer.screenshot({ path: `${SHOTS}/h-leads-negotiate.png` });
  await pressInDialog(talk, '保存洽谈记录', '记录洽谈');
  await expect(officer.getByTestId('negotiations')).toContainText('屏对屏(视频)');
  await expect(officer.getByTestId('negotiations')).toContainText('企业确认在园区投资20亿元');
  await expect(officer.locator('.ant-tag').filter({ hasText: '洽谈中' }).first()).toBeVisible();

  // 提交招商委员会 (the meeting today); the officer gets no decision buttons
  await officer.getByRole('button', { name: '提交招商委员会' }).click();
  const committee = officer.getByRole('dialog', { name: '提交招商委员会' });
  await pressInDialog(committee, '提交招商委员会', '提交上会');
  await expect(officer.locator('.ant-tag').filter({ hasText: '待上会' }).first()).toBeVisible();
  await expect(officer.getByRole('button', { name: '过 会' })).toHaveCount(0);
  await expect(officer.getByRole('button', { name: '过会' })).toHaveCount(0);

  // the leader (招商委员会) approves
  const leader = await (await browser.newContext({ baseURL, ...desk })).newPage();
  await loginAs(leader, 'leader', `/land/leads/${lead.id}`);
  await expect(leader.getByRole('heading', { name })).toBeVisible();
  await leader.getByRole('button', { name: /过\s?会/ }).click();
  const approve = leader.getByRole('dialog', { name: '招商委员会通过' });
  await approve.getByLabel('意见').fill('同意引进');
  await pressInDialog(approve, '通 过', '过会');
  await expect(leader.locator('.ant-tag').filter({ hasText: '已过会' }).first()).toBeVisible();

  // the officer signs: the project is created
  await openLead(officer, lead.id, name);
  await expect(officer.locator('.ant-tag').filter({ hasText: '已过会' }).first()).toBeVisible();
  await officer.getByRole('button', { name: /签\s?约/ }).click();
  const sign = officer.getByRole('dialog', { name: '签约' });
  await sign.getByLabel('合同编号').fill(`YTGX-E2E-${suffix}`);
  await officer.screenshot({ path: `${SHOTS}/h-leads-sign.png` });
  await pressInDialog(sign, '确认签约', '签约');
  const notice = officer.getByTestId('lead-project');
  await expect(notice).toContainText('转入招商项目');
  await expect(notice).toContainText(lead.code);
  await expect(officer.locator('.ant-tag').filter({ hasText: '已签约' }).first()).toBeVisible();
  await officer.screenshot({ path: `${SHOTS}/h-leads-signed.png`, fullPage: true });

  // the link opens the project page, which links back to the lead
  await notice.getByRole('link').click();
  await expect(officer).toHaveURL(/\/commitments\/[0-9a-f-]{36}$/);
  await expect(officer.getByRole('heading', { name })).toBeVisible();
  await expect(officer.getByTestId('lead-origin')).toContainText(`来自招商线索 ${lead.code}`);
  await officer.screenshot({ path: `${SHOTS}/h-leads-project.png` });
  await officer.getByTestId('lead-origin').getByRole('link', { name: lead.code }).click();
  await expect(officer).toHaveURL(new RegExp(`/land/leads/${lead.id}$`));
});

test('the funnel shows the demo year and the three 屏对屏 signings of ¥20亿 in February 2026', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ baseURL, ...desk })).newPage();
  await loginAs(page, 'leader', '/');
  const res = await page.request.get('/api/land/leads/funnel?from=2026-02-01&to=2026-02-28');
  const feb = (await res.json()) as LeadFunnel;
  const giants = feb.signings.filter((s) => s.source === 'online' && s.amountFen === 2_000_000_000_00);
  expect(giants.length).toBe(3);
  await page.locator('.yq-sider').getByRole('menuitem', { name: '招商漏斗' }).click();
  await expect(page.getByRole('heading', { name: '招商漏斗' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: '招商漏斗图' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/h-leads-funnel.png`, fullPage: true });
  await page.goto('/land/leads/funnel?from=2026-02-01&to=2026-02-28');
  await expect(page.getByTestId('funnel-activity')).toContainText('其中屏对屏签约', { timeout: 30_000 });
  for (const g of giants) await expect(page.getByRole('link', { name: g.projectName })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/h-leads-funnel-feb.png`, fullPage: true });
  // the queue and the new-lead form, for the eye
  await page.goto('/land/leads');
  await expect(page.getByRole('heading', { name: '招商线索' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/h-leads-queue.png`, fullPage: true });
  const officer = await (await browser.newContext({ baseURL, ...desk })).newPage();
  await loginAs(officer, 'dispatcher', '/land/leads/new');
  await expect(officer.getByRole('heading', { name: '登记招商线索' })).toBeVisible();
  await officer.screenshot({ path: `${SHOTS}/h-leads-new.png`, fullPage: true });
  // a staff member on a phone reads the queue as cards
  const phone = await (await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(phone, 'dispatcher', '/land/leads');
  await expect(phone.getByTestId('lead-card').first()).toBeVisible();
  await phone.screenshot({ path: `${SHOTS}/h-leads-phone.png`, fullPage: true });
});
