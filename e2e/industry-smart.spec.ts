import { test, expect, type Page } from '@playwright/test';
import { formatWanYuan, type SmartProjectDetail, type SmartProjectList } from '@yuanqi/contract';
import { csrfToken, loginAs } from './fixtures';

// Issue 14, item 3: the office opens 智能化改造 and sees the savings checked against the report's
// "个企每年可节约成本200至400万元"; the firm enters its project's last month on a phone and sees the
// saving computed.

const SHOTS = '/tmp';
const phoneContext = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** 'YYYY-MM' `n` months from this month in Shanghai. */
function monthFromNow(n: number): string {
  const [y, m] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
  const index = y! * 12 + (m! - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width + 1);
}

test('the office sees the savings of the demo projects checked against ¥2–4M a year', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const desk = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await loginAs(desk, 'dispatcher', '/');
  await desk.locator('.yq-sider').getByRole('menuitem', { name: '智能化改造' }).click();
  await expect(desk.getByRole('heading', { name: '智能化改造' })).toBeVisible();
  const list: SmartProjectList = await (await desk.request.get('/api/industry/smart/projects')).json();
  const s = list.summary;
  // the demo's six copper projects at least (other tests may add their own)
  expect(s.computed).toBeGreaterThanOrEqual(6);
  expect(s.claim.below).toBeGreaterThanOrEqual(1);
  expect(s.claim.above).toBeGreaterThanOrEqual(1);
  const sentence = desk.getByText(`可测算年节约的 ${s.computed} 个已上线项目中,${s.claim.within} 个在200至400万元之间,${s.claim.below} 个低于200万元,${s.claim.above} 个高于400万元`);
  await expect(sentence).toBeVisible();
  await expect(desk.getByRole('img', { name: '各项目年节约成本(万元),标出200至400万元区间' })).toBeVisible();
  await expect(desk.getByText(formatWanYuan(s.totalAnnualSavingFen))).toBeVisible();

  // the highest saver's row, then its page with the before/after chart
  const top = s.perProject[0]!;
  const row = desk.getByRole('row').filter({ hasText: top.name });
  await expect(row).toContainText(formatWanYuan(top.annualSavingFen));
  await expect(row).toContainText('高于400万元');
  await desk.screenshot({ path: `${SHOTS}/industry-smart-office.png`, fullPage: true });
  await row.getByRole('link', { name: top.name }).click();
  await expect(desk.getByRole('heading', { name: top.name })).toBeVisible();
  await expect(desk.getByRole('img', { name: `${top.name}改造前后月度运行成本(万元)` })).toBeVisible();
  await expect(desk.getByText('年节约', { exact: true })).toBeVisible();
  await expect(desk.locator('.ant-statistic').filter({ hasText: '年节约' }).first()).toContainText(formatWanYuan(top.annualSavingFen));
  await desk.screenshot({ path: `${SHOTS}/industry-smart-project.png`, fullPage: true });
});

test('the firm enters its third month after go-live on a phone and sees the saving', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const phone = await (await browser.newContext({ baseURL, ...phoneContext })).newPage();
  await loginAs(phone, 'enterprise', '/');
  // a project that went live four months ago: 12 months before at ¥1,500,000, two months after at ¥1,280,000
  const live = monthFromNow(-4);
  const name = `SMT产线智能化改造${Date.now().toString().slice(-6)}`;
  const headers = { 'x-csrf-token': await csrfToken(phone) };
  const created = await phone.request.post('/api/industry/smart/projects', {
    headers,
    data: { name, content: '贴片、回流焊、AOI检测联线', vendor: '某智能装备有限公司', investmentFen: 420_000_000, startedOn: `${monthFromNow(-10)}-01`, liveOn: `${live}-10`, status: 'live' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const project: SmartProjectDetail = await created.json();
  const costs = [
    ...Array.from({ length: 12 }, (_, i) => ({ month: monthFromNow(-16 + i), costFen: 150_000_000 })),
    { month: monthFromNow(-3), costFen: 128_000_000 },
    { month: monthFromNow(-2), costFen: 128_000_000 },
  ];
  const saved = await phone.request.put(`/api/industry/smart/projects/${project.id}/costs`, { headers, data: { version: project.version, costs } });
  expect(saved.status(), await saved.text()).toBe(200);

  await phone.goto('/industry/smart');
  const card = phone.locator('a').filter({ hasText: name });
  await expect(card).toContainText('数据不足');
  await expect(card).toContainText('420.00万元');
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/industry-smart-firm-phone.png`, fullPage: true });
  await card.click();
  await expect(phone.getByRole('heading', { name })).toBeVisible();
  await expect(phone.getByText('数据不足:上线后仅有2个月成本数据(至少3个月)')).toBeVisible();

  // the third month after go-live, typed in the grid
  const input = phone.getByLabel(`${monthFromNow(-1)} 运行成本`);
  await input.fill('1280000');
  await phone.getByRole('button', { name: /保存\(1个月\)/ }).click();
  // (150万 − 128万) × 12 = 264万元 a year; 420万 / 22万 a month = 19.1 months
  await expect(phone.locator('.ant-statistic').filter({ hasText: '年节约' }).first()).toContainText('264.00万元');
  await expect(phone.getByText('19.1个月(约1.6年)')).toBeVisible();
  await expect(phone.getByText('200至400万元').first()).toBeVisible();
  await fitsWidth(phone, 375);
  await phone.screenshot({ path: `${SHOTS}/industry-smart-firm-project-phone.png`, fullPage: true });
});
