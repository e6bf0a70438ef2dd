import { test, expect, type Page } from '@playwright/test';
import { loginAs, pressInDialog } from './fixtures';

const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const SHOTS = '/tmp/insight';

/** Today in the park (Asia/Shanghai), as the date pickers take it. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Types today's date into a date picker and confirms it with Enter, then waits until no picker panel
 * is left open: a click on 今天 could land on the previous picker's panel while it was still closing.
 */
async function pickToday(page: Page, label: string) {
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(today());
  await input.press('Enter');
  await expect(input).toHaveValue(today());
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
}

test.describe('融资对接会', () => {
  test('the officer creates an event with two banks; a firm signs up on a phone; a bank registers an intention; the officer records the outcome; the event page shows the computed figures', async ({ browser, page, baseURL }) => {
    test.setTimeout(180_000);
    const title = `E2E银企对接会${Date.now().toString().slice(-6)}`;

    // the demo bank log-in's institution and one other bank
    const bankCtx = await browser.newContext({ baseURL, ...phoneContext });
    const bank = await bankCtx.newPage();
    await loginAs(bank, 'bank', '/');
    const me = await (await bank.request.get('/api/auth/me')).json();
    const institutions: { id: string; shortName: string | null; name: string; kind: string }[] = await (await bank.request.get('/api/finance/institutions')).json();
    const ours = institutions.find((i) => i.id === me.bankId)!;
    const other = institutions.find((i) => i.kind === 'bank' && i.id !== me.bankId)!;
    const oursName = ours.shortName ?? ours.name;
    const otherName = other.shortName ?? other.name;

    // 1. the finance officer creates the event (held today, sign-up until today)
    await loginAs(page, 'finance_officer', '/finance/events');
    await expect(page.getByRole('heading', { name: '融资对接会' })).toBeVisible();
    await expect(page.getByText('复工复产融资对接会')).toBeVisible();
    await page.getByRole('button', { name: /新建对接会/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建融资对接会' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('对接会名称').fill(title);
    await dialog.getByLabel('主题').fill('稳企业保就业');
    await pickToday(page, '举办日期');
    await pickToday(page, '报名截止日');
    await dialog.getByLabel('地点').fill('管委会一楼报告厅');
    await dialog.getByLabel('参会金融机构').click();
    for (const name of [oursName, otherName]) {
      await dialog.getByLabel('参会金融机构').fill(name);
      await page.locator('.ant-select-dropdown:visible').getByTitle(name, { exact: true }).click();
    }
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    await pressInDialog(dialog, '保 存', '保存对接会');
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    const eventUrl = new URL(page.url()).pathname;
    const eventId = eventUrl.split('/').pop()!;

    // 2. the firm signs up on a phone
    const firmCtx = await browser.newContext({ baseURL, ...phoneContext });
    const firm = await firmCtx.newPage();
    await loginAs(firm, 'enterprise', '/finance/my-events');
    const card = firm.locator('[data-testid="firm-event"]').filter({ hasText: title });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: '我要报名' }).click();
    const signDialog = firm.getByRole('dialog');
    await signDialog.getByLabel('融资金额(万元)').fill('800');
    await signDialog.getByLabel('备注(用途、期限等)').fill('扩产流动资金,一年期');
    await pressInDialog(signDialog, '提交报名', '提交报名');
    await expect(card.getByText('已报名')).toBeVisible();
    await expect(card.getByText('8,000,000.00元')).toBeVisible();
    expect(await firm.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await firm.screenshot({ path: `${SHOTS}-firm-events-375.png`, fullPage: true });
    const firmName: string = (await (await firm.request.get('/api/auth/me')).json()).enterpriseName;

    // 3. the bank registers an intention (phone)
    await bank.goto(`/finance/bank-events/${eventId}`);
    await expect(bank.getByRole('heading', { name: title })).toBeVisible();
    const row = bank.locator('[data-testid="bank-signup"]').filter({ hasText: firmName });
    await expect(row.getByText('融资需求 8,000,000.00元')).toBeVisible();
    await row.getByRole('button', { name: '登记意向' }).click();
    const intentDialog = bank.getByRole('dialog');
    await intentDialog.getByLabel('意向金额(万元)').fill('600');
    await pressInDialog(intentDialog, '保 存', '保存意向');
    await expect(row.getByText('本行意向 6,000,000.00元')).toBeVisible();
    await bank.screenshot({ path: `${SHOTS}-bank-event-375.png`, fullPage: true });

    // 4. the officer records the outcome
    await page.reload();
    await page.getByRole('button', { name: /登记签约结果/ }).click();
    const outDialog = page.getByRole('dialog', { name: '登记签约结果' });
    await outDialog.getByLabel('签约企业').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(firmName, { exact: true }).click();
    await outDialog.getByLabel('金融机构').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(oursName, { exact: true }).click();
    await outDialog.getByLabel('签约金额(万元)').fill('500');
    await outDialog.getByLabel('合同编号').fill('E2E-HT-001');
    await pressInDialog(outDialog, '保 存', '保存签约结果');

    // 5. the figures come out of the rows
    const figures = page.locator('.ant-statistic');
    await expect(figures.filter({ hasText: '签约企业' })).toContainText('1');
    await expect(figures.filter({ hasText: '签约金额' })).toContainText('500.00万元');
    await expect(figures.filter({ hasText: '签约机构 / 参会机构' })).toContainText('1 / 2');
    await expect(figures.filter({ hasText: '报名企业 / 意向' })).toContainText('1 / 1');
    const api = await (await page.request.get(`/api/finance/events/${eventId}`)).json();
    expect(api.figures).toMatchObject({ signedFirms: 1, signedAmountFen: 500_000_000, signups: 1, intentions: 1, participatingInstitutions: 2 });
    await page.screenshot({ path: `${SHOTS}-event-new.png`, fullPage: true });
    await bankCtx.close();
    await firmCtx.close();
  });

  test('the demo 复工复产融资对接会 computes 90 firms and 11.6亿元', async ({ page }) => {
    await loginAs(page, 'finance_officer', '/finance/events');
    await page.getByRole('link', { name: '复工复产融资对接会' }).click();
    const figures = page.locator('.ant-statistic');
    await expect(figures.filter({ hasText: '签约企业' })).toContainText('90');
    await expect(figures.filter({ hasText: '签约金额' })).toContainText('11.6亿元');
    await page.screenshot({ path: `${SHOTS}-event.png`, fullPage: true });
  });
});
