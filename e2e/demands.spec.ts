import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { loginAs } from './fixtures';

const SHOTS = fileURLToPath(new URL('../.tmp/e2e-shots', import.meta.url));
const PHONE = { width: 375, height: 812 };

/** A fresh browser context per user, so sessions never mix. */
async function openAs(browser: Browser, username: string, urlPath: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
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

// A tiny but real PDF: the server checks the bytes against the extension.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test.describe('诉求:企业下单、专员跑腿、好差评、整改与周调度', () => {
  test('a firm files on a phone, its liaison accepts and answers, the firm rates 不满意, the officer gets a rectification and the dispatcher an agenda item', async ({ browser }) => {
    test.setTimeout(180_000);
    const stamp = Date.now().toString().slice(-6);
    const title = `厂区门前道路积水影响货车通行(${stamp})`;

    // 1. The enterprise user files a demand from a 375 px phone, with an attachment.
    const firm = await openAs(browser, 'enterprise', '/demands/new', PHONE);
    await expect(firm.getByRole('heading', { name: '我要提诉求' })).toBeVisible();
    await firm.getByRole('radio', { name: /^其他/ }).click();
    await expect(firm.getByText(/其他类诉求:\d+个工作日内签收/)).toBeVisible();
    await firm.getByLabel('诉求标题').fill(title);
    await firm.getByLabel('诉求内容').fill('每逢下雨厂区门前道路严重积水,货车无法进出,影响按期交货,请协调市政部门疏通排水。');
    await firm.locator('input[type=file]').setInputFiles({ name: '积水现场说明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(firm.getByText('积水现场说明.pdf')).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await firm.getByRole('button', { name: '提交诉求' }).click();

    await expect(firm).toHaveURL(/\/demands\/[0-9a-f-]{36}$/);
    const demandId = firm.url().split('/').pop()!;
    await expect(firm.getByRole('heading', { name: title })).toBeVisible();
    const number = (await firm.locator('.yq-demand-number').first().textContent())!.trim();
    expect(number).toMatch(/^SQ\d{8}-\d{4}$/);
    await expect(firm.getByText('待签收').first()).toBeVisible();
    await expect(firm.getByText(/签收剩余\d+个工作日|签收今日到期/)).toBeVisible();
    await expect(firm.getByRole('link', { name: /积水现场说明\.pdf/ })).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'demand-filed-375.png');

    // 2. Its liaison finds it in the queue, accepts it and answers it.
    const officer = await openAs(browser, 'liaison', '/demands');
    await officer.getByLabel('搜索诉求').fill(number);
    await officer.getByLabel('搜索诉求').press('Enter');
    await officer.getByRole('link', { name: title }).click();
    await expect(officer).toHaveURL(new RegExp(`/demands/${demandId}$`));
    await officer.getByRole('button', { name: /签\s?收/ }).click();
    await officer.getByRole('dialog').getByRole('button', { name: '确认签收' }).click();
    await expect(officer.getByText(/^已签收$/).first()).toBeVisible();
    await expect(officer.getByText(/答复剩余\d+个工作日|答复今日到期/)).toBeVisible();

    await officer.getByRole('button', { name: /答\s?复/ }).click();
    const answerDialog = officer.getByRole('dialog');
    await answerDialog.getByLabel('答复内容').fill('已联系市政公司现场查看,本周内完成排水管网疏通。');
    await answerDialog.getByRole('button', { name: '提交答复' }).click();
    await expect(officer.getByText(/已答复,等待企业确认。/)).toBeVisible();

    // 3. The firm sees the answer, confirms, and rates 不满意 with a comment.
    await firm.reload();
    await expect(firm.getByText('专员已答复,问题解决了吗?')).toBeVisible();
    await expect(firm.getByText('已联系市政公司现场查看,本周内完成排水管网疏通。').first()).toBeVisible();
    await firm.getByRole('button', { name: '确认解决' }).click();
    await firm.getByRole('dialog').getByRole('button', { name: '确认解决' }).click();
    await expect(firm.getByText('评价本次办理')).toBeVisible();

    await firm.getByRole('radio', { name: '不满意', exact: true }).click();
    // a bad review must say why
    await firm.getByRole('button', { name: '提交评价' }).click();
    await expect(firm.getByText(/差评请填写评价内容/)).toBeVisible();
    await firm.getByLabel('不满意的原因(必填)').fill('答复只是承诺疏通,至今仍然积水,问题没有解决。');
    await firm.getByRole('button', { name: '提交评价' }).click();
    await expect(firm.getByText('我的评价')).toBeVisible();
    await expect(firm.getByText(/已转整改/)).toBeVisible();
    await expectNoSidewaysScroll(firm);
    await screenshot(firm, 'demand-rated-375.png');

    // 4. The rectification appears for the responsible officer.
    await officer.goto('/rectifications');
    await expect(officer.getByText(number).first()).toBeVisible();
    await expect(officer.getByText(title).first()).toBeVisible();

    // 5. The dispatcher opens a new weekly meeting; the case is on its agenda.
    const dispatcher = await openAs(browser, 'dispatcher', '/dispatch/meetings');
    await dispatcher.getByRole('button', { name: /召开会议/ }).first().click();
    const meetingDialog = dispatcher.getByRole('dialog');
    // One meeting per date, and the demo park's history holds one every Monday (today's included
    // when today is a Monday): the server then answers 该日期已有会议 on the date field, and the
    // dispatcher picks the next free day.
    const taken = meetingDialog.getByText('该日期已有会议').first();
    const shanghaiToday = Date.now() + 8 * 3_600_000;
    for (let day = 1; ; day++) {
      await meetingDialog.getByRole('button', { name: '开始会议' }).click();
      const outcome = await Promise.race([
        dispatcher.waitForURL(/\/dispatch\/meetings\/[0-9a-f-]{36}$/, { timeout: 30_000 }).then(() => 'opened' as const),
        taken.waitFor({ timeout: 30_000 }).then(() => 'taken' as const),
      ]);
      if (outcome === 'opened') break;
      expect(day, 'a free date within a week').toBeLessThan(8);
      const date = meetingDialog.getByRole('textbox', { name: '会议日期' });
      await date.click();
      await date.fill(new Date(shanghaiToday + day * 86_400_000).toISOString().slice(0, 10));
      await date.press('Enter');
      await expect(taken).toHaveCount(0);
    }
    await expect(dispatcher).toHaveURL(/\/dispatch\/meetings\/[0-9a-f-]{36}$/);
    // The agenda holds every escalated, overdue and bad-rated case of the demo park (200+ items), so
    // the page takes a while to render.
    await expect(dispatcher.getByText(number).first()).toBeVisible({ timeout: 60_000 });
    await expect(dispatcher.getByText(title).first()).toBeVisible();

    for (const p of [firm, officer, dispatcher]) await p.context().close();
  });
});
