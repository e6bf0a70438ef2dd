import { orgCodeCheckChar, usccCheckChar, VOUCHER_SERVICE_TYPES, type CommitmentKind, type InvestmentStage } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommitmentItemRow, FundRow, VoucherRow } from '../../db/schema-funds.js';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { fulfil } from './commitments.js';
import { insertFund } from './service.js';
import { expireVoucher, insertVoucher, reimburse } from './vouchers.js';
import { mulberry32 } from '../../db/seed/random.js';

/**
 * The demo park's 专项资金: seven funds worth ¥250M together (the park report's "设立了总额2.5亿元的
 * 7个专项产业发展基金、资金"). Policies find their fund by code: DEMO_FUND_BY_CATEGORY.
 */
export const DEMO_FUNDS = [
  { code: 'CYFZ', name: '产业发展专项资金', source: 'local', category: '产业扶持', department: '经济发展局', budgetYuan: 80_000_000 },
  { code: 'KJCX', name: '科技创新专项资金', source: 'mixed', category: '科技创新', department: '科技创新局', budgetYuan: 50_000_000 },
  { code: 'ZSYZ', name: '招商引资奖励资金', source: 'local', category: '招商引资', department: '招商局', budgetYuan: 40_000_000 },
  { code: 'RCFZ', name: '人才发展专项资金', source: 'local', category: '人才引进', department: '人才工作办公室', budgetYuan: 25_000_000 },
  { code: 'JYBZ', name: '就业补助资金(稳岗)', source: 'superior', category: '就业用工', department: '社会事业局', budgetYuan: 20_000_000 },
  { code: 'SSFC', name: '企业上市扶持资金', source: 'local', category: '股改上市', department: '财政金融局', budgetYuan: 20_000_000 },
  { code: 'ZXJK', name: '中小企业纾困资金', source: 'local', category: '纾困', department: '财政金融局', budgetYuan: 15_000_000 },
] as const;

/** Policy category (SPEC §2.3) → the demo fund code it draws on. */
export const DEMO_FUND_BY_CATEGORY: Record<string, string> = {
  产业扶持: 'CYFZ',
  科技创新: 'KJCX',
  股改上市: 'SSFC',
  就业用工: 'JYBZ',
  人才引进: 'RCFZ',
  纾困: 'ZXJK',
};

const DAY = 86_400_000;

/** The seed writes through the services with no actor; nothing it does notifies anyone. */
const seedContext = { notifier: { notify: async () => undefined } } as unknown as AppContext;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** A moment during office hours (Shanghai) on a date. */
const officeTime = (date: string, minutes: number) => new Date(startOfShanghaiDay(date).getTime() + (9 * 60 + (minutes % 480)) * 60_000);

const PROVIDERS: { name: string; types: string[]; suspended?: boolean }[] = [
  { name: '江西省铜产品质量检验检测中心有限公司', types: ['检验检测'] },
  { name: '鹰潭智联知识产权代理有限公司', types: ['知识产权', '科技查新'] },
  { name: '信通院(江西)物联网研究中心有限公司', types: ['研发设计', '检验检测', '技术转移'] },
  { name: '鹰潭华测检测技术有限公司', types: ['检验检测'] },
  { name: '江西赣知专利事务所有限公司', types: ['知识产权'] },
  { name: '鹰潭北航创新研究院有限公司', types: ['研发设计', '技术转移'] },
  { name: '鹰潭云智数字科技有限公司', types: ['数字化改造', '研发设计'] },
  { name: '江西正略企业管理咨询有限公司', types: ['管理咨询'], suspended: true },
  { name: '鹰潭科技成果转化服务中心有限公司', types: ['技术转移', '科技查新'] },
  { name: '鹰潭智联小镇孵化器运营管理有限公司', types: ['创业孵化', '管理咨询'] },
  { name: '江西泰尔物联网检测认证有限公司', types: ['检验检测', '研发设计'] },
  { name: '鹰潭工业设计中心有限公司', types: ['研发设计', '数字化改造'] },
];

const BANKS = ['中国工商银行鹰潭分行', '中国建设银行鹰潭分行', '中国银行鹰潭分行', '江西银行鹰潭分行', '九江银行鹰潭分行', '鹰潭农村商业银行'];

const PROJECT_NAMES: { name: string; chain: string }[] = [
  { name: '年产5万吨高精度电子铜箔项目', chain: 'copper' },
  { name: '物联网智能水表生产基地项目', chain: 'iot' },
  { name: '5G通信模组研发及产业化项目', chain: 'iot' },
  { name: '高端铜合金线材项目', chain: 'copper' },
  { name: 'NB-IoT智能终端产业园项目', chain: 'iot' },
  { name: '柔性线路板(FPC)生产线项目', chain: 'electronics' },
  { name: '铜基新材料研究院项目', chain: 'copper' },
  { name: '智慧燃气表及系统集成项目', chain: 'iot' },
  { name: '生物医药原料药生产项目', chain: 'health' },
  { name: '精密铜管及铜接头项目', chain: 'copper' },
  { name: '工业互联网平台及数据中心项目', chain: 'iot' },
  { name: '新能源汽车连接器项目', chain: 'electronics' },
  { name: '大健康食品精深加工项目', chain: 'health' },
  { name: '再生铜循环利用项目', chain: 'copper' },
  { name: '物联网传感器芯片封测项目', chain: 'iot' },
  { name: '智能电表及采集终端项目', chain: 'iot' },
  { name: '医疗器械生产基地项目', chain: 'health' },
  { name: '高频覆铜板项目', chain: 'electronics' },
  { name: '智慧水务运营中心项目', chain: 'water' },
  { name: '铜杆连铸连轧生产线项目', chain: 'copper' },
];
const PHASES = ['', '(二期)'];
const INVESTORS = [
  '深圳朗通电子有限公司', '浙江康德金属集团有限公司', '欧菲科技股份有限公司', '弘信电子科技股份有限公司', '赛鹰智能科技有限公司',
  '上海华铜投资有限公司', '江铜集团(鹰潭)投资有限公司', '北京北航资产经营有限公司', '厦门翔鹭新材料有限公司', '广州联通物联科技有限公司',
  '苏州恒宇精密有限公司', '宁波金田铜业(集团)股份有限公司', '合肥智芯半导体有限公司', '杭州水务科技集团有限公司', '南昌康乐医药集团有限公司',
];

type Event = { at: Date; order: number; run: () => Promise<void> };

/**
 * Demo park: 7 funds worth ¥250M together, 12 voucher providers and ~120 vouchers through the year
 * (issued, partly used, reimbursed, pending review, expired), ~40 signed investment projects with
 * ~150 promised items, most fulfilled by payouts on time, some late, some overdue — so every
 * figure (the fulfilment rate included) is computed from data. All money moves through the
 * services in time order, so every fund's ledger is consistent. Deterministic.
 */
export async function seedFunds(trx: Kysely<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  const { parkId, now } = opts;
  const rand = mulberry32(20261126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const ctx = seedContext;
  const today = shanghaiDate(now);
  const lastDay = addDays(today, -1);
  // the budget year: this year, unless it began less than two months ago
  const year = Number(shanghaiDate(new Date(now.getTime() - 60 * DAY)).slice(0, 4));
  const yearStart = `${year}-01-05`;
  const fundAt = officeTime(yearStart, 0);

  // ------------------------------------------------------------------ funds
  const funds = new Map<string, FundRow>();
  for (const f of DEMO_FUNDS) {
    const row = await insertFund(trx, null, {
      parkId,
      code: f.code,
      name: f.name,
      year,
      source: f.source,
      category: f.category,
      department: f.department,
      description: `${year}年度${f.name},由${f.department}归口管理。`,
      budgetFen: f.budgetYuan * 100,
      now: fundAt,
    });
    funds.set(f.code, row);
  }

  // ------------------------------------------------------------------ providers
  const providerRows = PROVIDERS.map((p, i) => {
    const org = String(36_000_000 + Math.floor(rand() * 9_000_000) + i).slice(0, 8);
    const first17 = `91360600${org}${orgCodeCheckChar(org)}`;
    return {
      park_id: parkId,
      name: p.name,
      uscc: first17 + usccCheckChar(first17),
      service_types: p.types,
      contact_name: pick(['王', '李', '张', '刘', '陈', '杨', '黄', '周']) + pick(['经理', '主任', '工程师']),
      contact_phone: `139${String(int(10_000_000, 99_999_999))}`,
      account_name: p.name,
      bank_name: pick(BANKS),
      account_no: `6${String(int(100_000_000, 999_999_999))}${String(int(100_000_000, 999_999_999))}`,
      status: p.suspended ? ('suspended' as const) : ('active' as const),
      note: p.suspended ? '年度考核不合格,暂停受理创新券' : null,
      created_at: fundAt,
      updated_at: fundAt,
    };
  });
  const providers = await trx.insertInto('voucher_providers').values(providerRows).returningAll().execute();
  const activeProviders = providers.filter((p) => p.status === 'active');

  // ------------------------------------------------------------------ firms
  const firms = await trx
    .selectFrom('enterprises')
    .select(['id', 'name', 'chain', 'tags', 'uscc'])
    .where('park_id', '=', parkId)
    .orderBy('uscc')
    .execute();
  if (firms.length === 0) return;
  const demoUser = await trx.selectFrom('users').select('enterprise_id').where('park_id', '=', parkId).where('username', '=', 'enterprise').executeTakeFirst();
  const demoFirmId = demoUser?.enterprise_id ?? null;
  const techFirms = firms.filter((f) => f.tags.some((t) => ['high_tech', 'tech_sme', 'specialized', 'little_giant', 'gazelle'].includes(t)) && f.id !== demoFirmId);
  const voucherFirms = techFirms.length >= 40 ? techFirms : firms.filter((f) => f.id !== demoFirmId);

  const events: Event[] = [];
  let order = 0;
  const at = (when: Date, run: () => Promise<void>) => {
    if (when.getTime() < now.getTime()) events.push({ at: when, order: order++, run });
  };

  // ------------------------------------------------------------------ vouchers
  const kjcx = funds.get('KJCX')!;
  const batches = [
    { issued: `${year}-01-15`, validUntil: `${year}-06-30`, count: 30 },
    { issued: `${year}-04-15`, validUntil: `${year}-09-30`, count: 30 },
    { issued: `${year}-07-15`, validUntil: `${year}-12-31`, count: 30 },
    { issued: `${year}-10-15`, validUntil: `${year + 1}-06-30`, count: 28 },
  ].filter((b) => b.issued < today);
  const faces = [30_000, 50_000, 50_000, 100_000, 100_000, 200_000];
  let invoiceSerial = int(10_000_000, 20_000_000);
  type VoucherPlan = { firmId: string; face: number; issued: string; validUntil: string; outcome: 'unused' | 'partial' | 'full' | 'pending'; demo?: boolean };
  const plans: VoucherPlan[] = [];
  let firmCursor = int(0, voucherFirms.length - 1);
  for (const b of batches) {
    const expiredBatch = b.validUntil < today;
    for (let i = 0; i < b.count; i += 1) {
      const firm = voucherFirms[firmCursor % voucherFirms.length]!;
      firmCursor += int(1, 7);
      const r = rand();
      const outcome: VoucherPlan['outcome'] = expiredBatch
        ? r < 0.2 ? 'unused' : r < 0.6 ? 'partial' : 'full'
        : r < 0.3 ? 'unused' : r < 0.6 ? 'partial' : r < 0.8 ? 'full' : 'pending';
      plans.push({ firmId: firm.id, face: pick(faces) * 100, issued: b.issued, validUntil: b.validUntil, outcome });
    }
  }
  if (demoFirmId) {
    // the demo firm: one voucher partly used and reimbursed, one fresh (for the phone walkthrough)
    const earlier = addDays(today, -75);
    plans.push({ firmId: demoFirmId, face: 100_000 * 100, issued: earlier < yearStart ? yearStart : earlier, validUntil: addDays(today, 120), outcome: 'partial', demo: true });
    plans.push({ firmId: demoFirmId, face: 50_000 * 100, issued: addDays(today, -10), validUntil: addDays(today, 180), outcome: 'unused', demo: true });
  }

  for (const plan of plans) {
    const issuedAt = officeTime(plan.issued, int(0, 400));
    let voucher: VoucherRow | null = null;
    at(issuedAt, async () => {
      voucher = await insertVoucher(trx, ctx, null, {
        parkId,
        fundId: kjcx.id,
        enterpriseId: plan.firmId,
        faceValueFen: plan.face,
        validUntil: plan.validUntil,
        serviceTypes: [],
        note: plan.demo ? '园区科技创新券(企业自主选择服务机构)' : null,
        now: issuedAt,
        issuedOn: plan.issued,
      });
    });
    const window = Math.max(daysBetween(plan.issued, plan.validUntil < lastDay ? plan.validUntil : lastDay) - 5, 1);
    const claims: number[] = [];
    if (plan.outcome === 'partial') claims.push(Math.round((plan.face * (0.3 + rand() * 0.4)) / 10_000) * 10_000);
    if (plan.outcome === 'full') {
      const first = Math.round((plan.face * (0.4 + rand() * 0.3)) / 10_000) * 10_000;
      claims.push(first, plan.face - first);
    }
    if (plan.outcome === 'pending') claims.push(Math.round((plan.face * (0.5 + rand() * 0.5)) / 10_000) * 10_000);
    let dayOffset = 3;
    claims.forEach((amount, index) => {
      if (amount <= 0) return;
      dayOffset += int(3, Math.max(4, Math.floor(window / (claims.length + 1))));
      const invoiceDate = addDays(plan.issued, Math.min(dayOffset, window));
      if (invoiceDate > lastDay) return;
      const provider = activeProviders[int(0, activeProviders.length - 1)]!;
      const serviceType = provider.service_types[int(0, provider.service_types.length - 1)] ?? VOUCHER_SERVICE_TYPES[0];
      const invoiceNo = String((invoiceSerial += int(1, 50)));
      const invoiceAmount = amount + (rand() < 0.5 ? 0 : int(1, 20) * 100_000);
      const submittedAt = officeTime(addDays(invoiceDate, 1), int(0, 400));
      let redemptionId: string | null = null;
      at(submittedAt, async () => {
        const v = voucher!;
        const row = await trx
          .insertInto('voucher_redemptions')
          .values({
            park_id: parkId,
            voucher_id: v.id,
            enterprise_id: plan.firmId,
            provider_id: provider.id,
            service_type: serviceType,
            invoice_no: invoiceNo,
            invoice_amount_fen: invoiceAmount,
            invoice_date: invoiceDate,
            amount_fen: amount,
            file_name: `发票${invoiceNo}.pdf`,
            file_type: 'application/pdf',
            file_size: invoicePdf(invoiceNo).length,
            file_data: invoicePdf(invoiceNo),
            description: `${serviceType}服务`,
            status: 'submitted',
            created_at: submittedAt,
            updated_at: submittedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        redemptionId = row.id;
        await trx
          .updateTable('vouchers')
          .set({ redeemed_fen: sql`redeemed_fen + ${amount}`, status: sql`case when redeemed_fen + ${amount} = face_value_fen then 'used' else status end`, updated_at: submittedAt })
          .where('id', '=', v.id)
          .execute();
      });
      const pendingLast = plan.outcome === 'pending' || (plan.demo === undefined && index === claims.length - 1 && rand() < 0.1);
      if (pendingLast) return;
      const reimbursedAt = officeTime(addDays(invoiceDate, int(5, 18)), int(0, 400));
      at(reimbursedAt, async () => {
        if (!redemptionId) return;
        const r = await trx.selectFrom('voucher_redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirstOrThrow();
        const v = await trx.selectFrom('vouchers').selectAll().where('id', '=', r.voucher_id).executeTakeFirstOrThrow();
        await reimburse(trx, ctx, null, r, v, '发票与服务合同核验无误,同意兑付', reimbursedAt);
      });
    });
    // the sweep's run just after midnight (Shanghai) following the last valid day
    const expiresAt = new Date(startOfShanghaiDay(addDays(plan.validUntil, 1)).getTime() + 30 * 60_000);
    at(expiresAt, async () => {
      const v = await trx.selectFrom('vouchers').selectAll().where('id', '=', voucher!.id).executeTakeFirstOrThrow();
      if (v.status === 'active') await expireVoucher(trx, ctx, null, v, expiresAt, false);
    });
  }

  // ------------------------------------------------------------------ investment commitments
  const zsyz = funds.get('ZSYZ')!;
  const rcfz = funds.get('RCFZ')!;
  const usedFirms = new Set<string>();
  const projectCount = 40;
  for (let p = 0; p < projectCount; p += 1) {
    const base = PROJECT_NAMES[p % PROJECT_NAMES.length]!;
    const name = base.name.replace('项目', `${PHASES[Math.floor(p / PROJECT_NAMES.length)] ?? ''}项目`);
    // signed between two and a half years ago and two months ago, oldest first
    const signedOn = addDays(today, -Math.round(900 - (p * 840) / projectCount) - int(0, 15));
    const amountFen = int(2, 60) * 50_000_000 * 100; // ¥1–30亿 in steps of ¥5,000万
    // stages about every 170 days after signing; a stage is reached when its actual date has come
    const stages: InvestmentStage[] = ['signed', 'registered', 'land', 'started', 'completed', 'producing'];
    const stageDates: Record<string, { planned: string | null; actual: string | null }> = {};
    let stage: InvestmentStage = 'signed';
    let previous = signedOn;
    for (const [i, s] of stages.entries()) {
      const planned = addDays(signedOn, i * 170);
      let actual: string | null = i === 0 ? signedOn : addDays(planned, int(-20, 45));
      if (actual < previous) actual = addDays(previous, 7);
      if (actual > lastDay || (i > 0 && stageDates[stages[i - 1]!]!.actual === null)) actual = null;
      stageDates[s] = { planned, actual };
      if (actual) {
        stage = s;
        previous = actual;
      }
    }
    const registered = stage !== 'signed';
    let firmId: string | null = null;
    if (registered) {
      const sameChain = firms.filter((f) => f.chain === base.chain && !usedFirms.has(f.id));
      const candidate = (sameChain.length ? sameChain : firms.filter((f) => !usedFirms.has(f.id)))[int(0, Math.max(0, (sameChain.length || firms.length) - 1))];
      firmId = candidate?.id ?? null;
      if (firmId) usedFirms.add(firmId);
    }
    const signedAt = officeTime(signedOn, int(0, 400));
    const project = await trx
      .insertInto('investment_projects')
      .values({
        park_id: parkId,
        code: `ZS${signedOn.slice(0, 4)}-${String(p + 1).padStart(3, '0')}`,
        name,
        investor: INVESTORS[p % INVESTORS.length]!,
        enterprise_id: firmId,
        amount_fen: amountFen,
        chain: base.chain,
        signed_on: signedOn,
        stage,
        stage_dates: JSON.stringify(stageDates),
        contract_no: `YTGX-ZS-${signedOn.slice(0, 4)}-${String(p + 11).padStart(3, '0')}`,
        note: null,
        created_at: signedAt,
        updated_at: signedAt,
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();

    // promised incentives: 2–6 items, some paid in instalments
    const items: { kind: CommitmentKind; title: string; amountFen: number | null; dueOn: string; fundId: string | null }[] = [];
    const yi = amountFen / 10_000_000_000; // 亿元
    const reward = Math.min(Math.round(yi * 30) * 10_000 * 100, 1_000_000 * 100); // ≈ ¥30万 per 亿, capped at ¥100万
    if (reward > 0) {
      items.push({ kind: 'funding', title: '固定资产投资奖励(第一期)', amountFen: reward, dueOn: addDays(signedOn, 300), fundId: zsyz.id });
      if (rand() < 0.55) items.push({ kind: 'funding', title: '固定资产投资奖励(第二期)', amountFen: reward, dueOn: addDays(signedOn, 660), fundId: zsyz.id });
    }
    if (rand() < 0.6) items.push({ kind: 'talent', title: '高层次人才安家补贴', amountFen: int(2, 10) * 50_000 * 100, dueOn: addDays(signedOn, 240), fundId: rcfz.id });
    if (rand() < 0.5) items.push({ kind: 'rent', title: '标准厂房租金减免(前三年)', amountFen: int(5, 40) * 10_000 * 100, dueOn: addDays(signedOn, 120), fundId: null });
    if (rand() < 0.55) items.push({ kind: 'land', title: `供应工业用地${int(30, 200)}亩(净地交付)`, amountFen: null, dueOn: addDays(signedOn, 200), fundId: null });
    if (items.length < 3 || rand() < 0.35) items.push({ kind: 'other', title: pick(['110kV专线电力接入', '项目配套道路及管网建设', '高管子女入学安排', '开通审批绿色通道代办全部手续']), amountFen: null, dueOn: addDays(signedOn, 150), fundId: null });

    const rows: CommitmentItemRow[] = await trx
      .insertInto('commitment_items')
      .values(items.map((spec) => ({ park_id: parkId, project_id: project.id, kind: spec.kind, title: spec.title, amount_fen: spec.amountFen, due_on: spec.dueOn, fund_id: spec.fundId, created_at: signedAt, updated_at: signedAt })))
      .returningAll()
      .execute();
    for (const [index, spec] of items.entries()) {
      const item = rows.find((r) => r.title === spec.title && r.due_on === spec.dueOn) ?? rows[index]!;
      const payable = spec.fundId !== null && firmId !== null;
      // not yet due: still open (a few non-monetary ones were settled early)
      if (spec.dueOn > today && (spec.fundId !== null || rand() < 0.8)) continue;
      // how this item went: most on time, a few late, a few still overdue
      const r = rand();
      const fate = r < 0.07 ? 'overdue' : r < 0.14 ? 'late' : 'ontime';
      if (fate === 'overdue' && spec.dueOn < today) continue;
      let fulfilledOn = fate === 'late' ? addDays(spec.dueOn, int(8, 45)) : addDays(spec.dueOn, -int(0, 25));
      if (fulfilledOn < signedOn) fulfilledOn = addDays(signedOn, 1);
      if (fulfilledOn > lastDay) {
        if (spec.dueOn >= today) continue;
        fulfilledOn = lastDay;
      }
      const monetary = payable;
      const when = officeTime(fulfilledOn, int(0, 400));
      if (monetary && when >= fundAt) {
        const firm = firms.find((f) => f.id === firmId)!;
        at(when, async () => {
          const fresh = await trx.selectFrom('commitment_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
          await fulfil(trx, ctx, null, fresh, {
            mode: 'pay',
            fundId: spec.fundId!,
            amountFen: spec.amountFen!,
            accountName: firm.name,
            bankName: BANKS[firm.uscc.charCodeAt(10) % BANKS.length]!,
            accountNo: `79${firm.uscc.slice(8, 16).replace(/\D/g, '7')}${String(int(1_000_000, 9_999_999))}`,
            memo: `招商承诺 ${project.name}:${spec.title}`,
          }, when);
        });
      } else {
        const note = monetary
          ? `已兑现 ${(spec.amountFen! / 1_000_000).toFixed(2)} 万元(平台上线前由财政国库集中支付,凭证已归档)`
          : spec.kind === 'rent'
            ? '租赁合同已按约定减免租金,减免协议已备案'
            : spec.kind === 'land'
              ? '已完成土地出让并净地交付,不动产权证已办理'
              : '已按约定落实,责任部门书面确认';
        at(when, async () => {
          const fresh = await trx.selectFrom('commitment_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
          await fulfil(trx, ctx, null, fresh, { mode: 'note', fulfilledOn, note }, when);
        });
      }
    }
  }

  // everything that moves money, in time order, so every fund's ledger reads chronologically
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const e of events) await e.run();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

const pdfCache = new Map<string, Buffer>();
/** A one-page PDF standing in for a scanned invoice. */
function invoicePdf(invoiceNo: string): Buffer {
  const cached = pdfCache.get(invoiceNo);
  if (cached) return cached;
  const text = `Invoice No. ${invoiceNo}`;
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const buffer = Buffer.from(body, 'latin1');
  pdfCache.set(invoiceNo, buffer);
  return buffer;
}
