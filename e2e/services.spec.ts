import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { csrfToken, loginAs } from './fixtures';

const SHOTS = fileURLToPath(new URL('../.tmp/shots', import.meta.url));
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1440, height: 900 };

/** A fresh browser context per user, so sessions never mix. */
async function openAs(browser: Browser, username: string, urlPath: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await loginAs(page, username, urlPath);
  return page;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width + 1);
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

// Tiny but real files: the server checks the bytes against the extension.
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });

/** The row of one material on the apply page or in the supply panel. */
function materialRow(page: Page, name: string) {
  return page.locator('.yq-material', { hasText: name });
}

test.describe('政务服务:办事指南找事项、容缺受理、补齐材料、准予许可、好差评', () => {
  test('a firm finds 企业开办 by a colloquial query on its phone, applies with a 容缺 material missing; the approver accepts with 容缺, the firm supplies it, the approver approves and the firm rates', async ({ browser }) => {
    test.setTimeout(240_000);

    // 1. The enterprise user asks the guide in its own words, on a 375 px phone.
    const firm = await openAs(browser, 'enterprise', '/guide', PHONE);
    const search = firm.getByLabel('搜索办事事项');
    await search.fill('怎么开公司');
    await search.press('Enter');
    await expect(firm).toHaveURL(/[?&]q=/);
    await expect(firm.getByText(/按“.+”查找/)).toBeVisible();
    await screenshot(firm, 'services-guide-search-375.png');
    await firm.locator('.yq-item-card').filter({ has: firm.locator('.title', { hasText: /^企业开办$/ }) }).first().click();
    await expect(firm).toHaveURL(/\/guide\/items\/[0-9a-f-]{36}$/);
    await firm.getByRole('button', { name: /在线申办/ }).first().click();
    await expect(firm).toHaveURL(/\/services\/apply\/[0-9a-f-]{36}$/);
    await expect(firm.getByRole('heading', { name: '在线申办' })).toBeVisible();
    await expect(firm.getByRole('heading', { name: '企业开办' })).toBeVisible();

    // 2. It uploads the key materials and the site certificate, asks for 容缺 on the seal form,
    //    and leaves the optional bank form out. Submitting with a key material missing is refused first.
    await expect(materialRow(firm, '印章刻制信息表').getByText('可容缺')).toBeVisible();
    await expect(materialRow(firm, '企业设立登记申请书').getByText('关键')).toBeVisible();
    await materialRow(firm, '企业设立登记申请书').locator('input[type=file]').setInputFiles(pdf('设立登记申请书.pdf'));
    await materialRow(firm, '公司章程').locator('input[type=file]').setInputFiles(pdf('公司章程.pdf'));
    await firm.getByRole('button', { name: '提交申请' }).click();
    await expect(firm.getByText(/还有 \d+ 份必需材料未上传/).first()).toBeVisible();
    await expect(firm).toHaveURL(/\/services\/apply\//);
    await materialRow(firm, '法定代表人及股东身份证明').locator('input[type=file]').setInputFiles(pdf('身份证明.pdf'));
    await materialRow(firm, '住所(经营场所)使用证明').locator('input[type=file]').setInputFiles(pdf('租赁合同.pdf'));
    await materialRow(firm, '印章刻制信息表').getByRole('checkbox', { name: /暂缺,申请容缺后补/ }).check();
    await expect(firm.getByText('申请容缺后补 1 份材料')).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-apply-375.png');
    await firm.getByRole('button', { name: '提交申请' }).click();

    await expect(firm).toHaveURL(/\/services\/applications\/[0-9a-f-]{36}$/);
    const applicationId = firm.url().split('/').pop()!;
    await expect(firm.getByRole('heading', { name: '企业开办' })).toBeVisible();
    const number = (await firm.locator('.yq-app-number').first().textContent())!.trim();
    expect(number.length).toBeGreaterThan(5);
    await expect(firm.getByText('待受理').first()).toBeVisible();
    await expect(materialRow(firm, '印章刻制信息表').getByText('容缺后补')).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-case-submitted-375.png');

    // 3. Another approver, not assigned to this item, cannot see the case at all (404, not 403).
    const outsider = await openAs(browser, 'approver2', '/');
    const hidden = await outsider.request.get(`/api/service-applications/${applicationId}`);
    expect(hidden.status()).toBe(404);
    await outsider.context().close();

    // 4. The approver finds it in the 受理 queue and opens the workbench.
    const officer = await openAs(browser, 'approver', '/services/applications');
    await expect(officer.getByRole('heading', { name: '受理与办件' })).toBeVisible();
    await screenshot(officer, 'services-queue-1440.png');
    await officer.getByLabel('搜索办件').fill(number);
    await officer.getByLabel('搜索办件').press('Enter');
    await officer.getByRole('link', { name: number }).click();
    await expect(officer).toHaveURL(new RegExp(`/services/applications/${applicationId}$`));

    //    容缺受理 with the latest allowed deadline.
    await officer.getByRole('button', { name: /容缺受理/ }).click();
    const dialog = officer.getByRole('dialog');
    await expect(dialog.getByText('印章刻制信息表')).toBeVisible();
    const latest = (await dialog.getByText(/不得晚于承诺办结期限 \d{4}-\d{2}-\d{2}/).textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
    //    A day later than that is refused by the server, with its reason (the picker greys those days out).
    const dayAfter = new Date(Date.parse(`${latest}T12:00:00+08:00`) + 86_400_000).toISOString().slice(0, 10);
    const tooLate = await officer.request.post(`/api/service-applications/${applicationId}/actions`, {
      data: { action: 'accept_rongque', deadline: dayAfter },
      headers: { 'X-CSRF-Token': await csrfToken(officer) },
    });
    expect(tooLate.status()).toBe(400);
    expect(JSON.stringify(await tooLate.json())).toContain('晚于承诺办结期限');
    await dialog.getByLabel('补齐期限').click();
    await dialog.getByLabel('补齐期限').fill(latest);
    await dialog.getByLabel('补齐期限').press('Enter');
    await dialog.getByRole('button', { name: /容缺受理/ }).click();
    await expect(dialog).toBeHidden();
    await expect(officer.getByText('容缺待补').first()).toBeVisible();
    await expect(officer.getByText(new RegExp(`已容缺受理,请在 ${latest} 前补齐 1 份材料`))).toBeVisible();
    const [notice] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: /下载容缺受理通知书/ }).click()]);
    expect(notice.suggestedFilename()).toMatch(/容缺受理通知书.*\.docx$/);
    await screenshot(officer, 'services-workbench-rongque-1440.png');

    // 5. The firm sees the 容缺 notice on its phone and supplies the missing material.
    await firm.reload();
    await expect(firm.getByText(new RegExp(`请在 ${latest} 前补齐 1 份材料`))).toBeVisible();
    await expect(firm.getByRole('button', { name: /下载容缺受理通知书/ })).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-case-rongque-375.png');
    const supply = firm.locator('#supply');
    await supply.locator('input[type=file]').setInputFiles(pdf('印章刻制信息表.pdf'));
    await supply.getByRole('button', { name: /提交补交材料/ }).click();
    await expect(firm.locator('#supply')).toBeHidden();
    await expect(firm.getByText('已受理').first()).toBeVisible();
    await expect(materialRow(firm, '印章刻制信息表').getByText('已提交')).toBeVisible();

    // 6. The approver approves with a result number; the case is 办结.
    await officer.reload();
    await expect(officer.getByText('已受理').first()).toBeVisible();
    await officer.getByRole('button', { name: /准予许可/ }).click();
    const approve = officer.getByRole('dialog');
    await approve.getByLabel(/决定文书文号/).fill(`高新审批许字〔2026〕第${number.slice(-4)}号`);
    await approve.getByRole('button', { name: /准予并办结/ }).click();
    await expect(approve).toBeHidden();
    await expect(officer.getByText('已办结').first()).toBeVisible();
    await expect(officer.getByText(/用时\d+个工作日/).first()).toBeVisible();
    await screenshot(officer, 'services-workbench-finished-1440.png');

    // 7. The firm rates the finished case (online sub-scores).
    await firm.reload();
    await expect(firm.getByText('评价本次办事')).toBeVisible();
    await firm.getByRole('radio', { name: '满意', exact: true }).click();
    await firm.getByRole('button', { name: '提交评价' }).click();
    await expect(firm.getByText('我的评价')).toBeVisible();
    await expect(firm.getByText('办事指南精确度')).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-case-rated-375.png');

    // 8. 我的办件 shows it as a parcel card.
    await firm.goto('/services/applications?tab=closed');
    await expect(firm.getByText(number)).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-my-applications-375.png');

    for (const p of [firm, officer]) await p.context().close();
  });

  test('the approver records a false promise at a post-check (the decision is revoked on the case) and follows a construction project on its Gantt chart; the firm sees its project on its phone', async ({ browser }) => {
    test.setTimeout(120_000);
    const officer = await openAs(browser, 'approver', '/services/postchecks');
    await expect(officer.getByRole('heading', { name: '事后核查' })).toBeVisible();
    const row = officer.locator('.ant-table-row').filter({ has: officer.getByRole('button', { name: '录入核查结果' }) }).last();
    await expect(row).toBeVisible();
    await screenshot(officer, 'services-postchecks-1440.png');
    const caseNumber = (await row.locator('a.yq-mono').textContent())!.trim();
    await row.getByRole('button', { name: '录入核查结果' }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByRole('radio', { name: '虚假承诺' }).check();
    await expect(dialog.getByText(/将撤销原审批决定/)).toBeVisible();
    await dialog.getByLabel('核查情况').fill('现场核查发现经营场所与承诺不符,承诺的住所并未实际使用。');
    await dialog.getByRole('button', { name: '提交核查结果' }).click();
    await expect(dialog).toBeHidden();
    await officer.goto('/services/postchecks?tab=failed');
    await officer.getByRole('link', { name: caseNumber }).first().click();
    await expect(officer).toHaveURL(/\/services\/applications\/[0-9a-f-]{36}$/);
    await expect(officer.getByText('已撤销').first()).toBeVisible();
    await expect(officer.getByText(/审批决定已撤销/)).toBeVisible();

    await officer.goto('/services/projects');
    await expect(officer.getByRole('heading', { name: '工程建设项目' })).toBeVisible();
    const first = officer.locator('.ant-table-row a[href^="/services/projects/"]').first();
    await expect(first).toBeVisible();
    await screenshot(officer, 'services-projects-1440.png');
    await first.click();
    await expect(officer).toHaveURL(/\/services\/projects\/[0-9a-f-]{36}$/);
    for (const stage of ['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']) {
      await expect(officer.locator('.yq-stage-name', { hasText: stage })).toBeVisible();
    }
    await expect(officer.locator('.yq-gantt-row.stage')).toHaveCount(4);
    await expect(officer.locator('.yq-gantt-line.now')).toBeVisible();
    await expect(officer.locator('.yq-gantt-line.target')).toBeVisible();
    await screenshot(officer, 'services-project-1440.png');
    await officer.context().close();

    // The firm reaches its own project from 我的办件, on a phone, without sideways scrolling.
    const firm = await openAs(browser, 'enterprise', '/services/applications', PHONE);
    await firm.getByRole('link', { name: /我的工程建设项目/ }).click();
    await expect(firm.getByRole('heading', { name: '我的工程建设项目' })).toBeVisible();
    await firm.locator('a[href^="/services/projects/"]').first().click();
    await expect(firm.locator('.yq-gantt-row.stage')).toHaveCount(4);
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'services-project-375.png');
    await firm.locator('.yq-gantt').screenshot({ path: path.join(SHOTS, 'services-gantt-375.png') });
    await firm.context().close();
  });
});

test.describe('告知承诺:签署人填写本人姓名', () => {
  test('on a 375 px phone the firm signs with a person’s name prefilled from its profile, never its company name', async ({ browser }) => {
    test.setTimeout(120_000);
    const firm = await openAs(browser, 'enterprise', '/', PHONE);
    const me = await (await firm.request.get('/api/auth/me')).json();
    const profile = await (await firm.request.get(`/api/enterprises/${me.enterpriseId}`)).json();
    const items = await (await firm.request.get(`/api/service-items?q=${encodeURIComponent('企业开办')}&chengnuoAllowed=true`)).json();
    const item = items.items.find((i: { name: string }) => i.name === '企业开办');
    await firm.goto(`/services/apply/${item.id}`);
    await expect(firm.getByRole('heading', { name: '在线申办' })).toBeVisible();

    // contact person and phone from the firm's profile, without the company in brackets
    await expect(firm.getByLabel('联系人')).toHaveValue(profile.contactName);
    await expect(firm.getByLabel('联系人')).not.toHaveValue(/[((]/);
    if (profile.contactPhone && !profile.contactPhone.includes('*')) await expect(firm.getByLabel('联系电话')).toHaveValue(profile.contactPhone);

    await firm.getByRole('switch', { name: '选择告知承诺' }).click();
    const signer = firm.getByLabel('签署人姓名');
    await expect(signer).toHaveValue(profile.contactName);
    // the company's name is not a signature
    await signer.fill(profile.name);
    await signer.blur();
    await expect(firm.getByText('签署人请填写本人姓名,不是企业名称')).toBeVisible();
    await signer.fill(profile.contactName);
    await expect(firm.getByText('签署人请填写本人姓名,不是企业名称')).toHaveCount(0);
    await firm.getByRole('checkbox', { name: /本人已阅读告知内容/ }).check();
    await expectNoSidewaysScroll(firm);
    await firm.locator('.yq-chengnuo-text').scrollIntoViewIfNeeded();
    await screenshot(firm, 'services-chengnuo-375.png');
    await firm.context().close();
  });
});

test.describe('受理队列:新申请在第一页', () => {
  test('a filing waiting for 受理 is on the first page of the approver’s default queue, which fits 1440 px with its key columns pinned', async ({ browser }) => {
    test.setTimeout(120_000);
    const officer = await openAs(browser, 'approver', '/services/applications');
    await expect(officer.getByRole('heading', { name: /受理|办件/ }).first()).toBeVisible();
    const waiting = await (await officer.request.get('/api/service-applications?state=open&sort=urgency&status=submitted&pageSize=1')).json();
    // the demo park always has filings waiting for 受理 (services seed); without one this test proves nothing
    expect(waiting.total).toBeGreaterThan(0);
    const first = await (await officer.request.get('/api/service-applications?state=open&sort=urgency&pageSize=20')).json();
    // what the page shows by default is that order
    const numbers = first.items.map((a: { number: string }) => a.number);
    expect(numbers.length).toBeGreaterThan(0);
    await expect(officer.locator('.ant-table-tbody').getByText(numbers[0], { exact: true })).toBeVisible();
    // the pinned number column stays in view when the table scrolls sideways
    await expect(officer.locator('.ant-table-cell-fix-left, .ant-table-cell-fix-start').first()).toBeVisible();
    await screenshot(officer, 'services-queue-1440.png');
    await officer.context().close();
  });
});
