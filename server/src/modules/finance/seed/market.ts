import type { Insertable, Transaction } from 'kysely';
import { COLLATERAL_KINDS, type OfferStatus } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import type { FinanceConsentsTable, FinanceNeedsTable, FinanceOffersTable } from '../../../db/schema-finance.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, WorkingCalendar } from '../../../platform/calendar/index.js';
import type { CaseEvent, CaseEventEntry } from '../../../platform/workflow/index.js';
import { needEvents, offerEvents } from '../market/service.js';
import { parameterOn } from '../parameters.js';
import type { FinanceSeedOptions } from './index.js';

const PURPOSES = [
  '采购电解铜原料,补充流动资金',
  '新增自动化生产线设备款',
  '支付上游供应商货款',
  '厂房扩建及装修',
  '研发投入与试制费用',
  '订单增长,备货周转',
  '年底发放工资及缴纳税费',
  '归还到期银行贷款后续贷',
  '购置检测设备,申报专精特新',
  '出口订单备料及运费',
  '智能化改造项目配套资金',
  '光伏屋顶及节能改造',
];
const DECLINE_REASONS = [
  '企业近两年连续亏损,不符合本行授信条件',
  '申请金额超出本行该类产品额度上限',
  '缺少有效抵押物,担保方式不满足要求',
  '所属行业不在本行当前授信投向内',
  '企业征信存在逾期记录,暂不予受理',
  '经营年限不足两年',
];
const MATERIALS = ['近两年财务报表及最近一期纳税申报表', '主要购销合同及发票', '抵押物权属证明及评估报告', '法定代表人及实际控制人征信授权书'];

/** A deterministic v4-shaped uuid from the generator (the seed needs ids before it inserts). */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function insertBatches<T extends 'finance_needs' | 'finance_offers' | 'finance_consents' | 'finance_need_number_sequences'>(
  trx: Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto(table).values(rows.slice(i, i + 1000) as never).execute();
}

type Bank = { id: string; name: string; short_name: string | null; kind: string };
type Firm = { id: string; name: string };

/**
 * A year of 融资需求 and each institution's answer: ~300 needs from many firms to 1–5
 * institutions (some to all), answers across every state with realistic timings (most needs
 * disbursed 3–8 working days after filing, the oldest 15–25, the report's "一个月压减至一周"), the
 * demo firm's needs (one with two banks' answers side by side, one disbursed), and for the demo
 * bank's institution open answers due today and tomorrow and one overdue (escalated). Batch
 * inserts; deterministic for a given `now`.
 */
export async function seedMarket(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const random = mulberry32(20261213);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const banks: Bank[] = await trx.selectFrom('banks').select(['id', 'name', 'short_name', 'kind']).where('park_id', '=', parkId).where('status', '=', 'active').orderBy('sort').orderBy('name').execute();
  if (banks.length === 0) return;
  const lenders = banks.filter((b) => b.kind === 'bank');
  const firms: Firm[] = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).orderBy('uscc').limit(260).execute();
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'enterprise_id', 'bank_id']).where('park_id', '=', parkId).where('username', 'in', ['bank', 'bank2', 'enterprise']).execute();
  const demoBankId = users.find((u) => u.username === 'bank')?.bank_id ?? lenders[0]!.id;
  const secondBankId = users.find((u) => u.username === 'bank2')?.bank_id ?? lenders.find((b) => b.id !== demoBankId)!.id;
  const demoFirmUser = users.find((u) => u.username === 'enterprise');
  const demoFirmId = demoFirmUser?.enterprise_id ?? null;
  const bankUsers = new Map(
    (await trx.selectFrom('users').select(['id', 'display_name', 'bank_id']).where('park_id', '=', parkId).where('bank_id', 'is not', null).orderBy('username').execute()).map((u) => [u.bank_id!, u]),
  );
  const demoBankUser = users.find((u) => u.username === 'bank');
  if (demoBankUser) bankUsers.set(demoBankId, { id: demoBankUser.id, display_name: demoBankUser.display_name, bank_id: demoBankId });
  const bankById = new Map(banks.map((b) => [b.id, b]));

  // Working days: the built-in years; a year not announced yet counts weekdays ("guess and flag it").
  const builtin = new WorkingCalendar();
  const safe = <T>(f: (c: WorkingCalendar) => T, date: string): T => {
    try {
      return f(builtin);
    } catch {
      const y = Number(date.slice(0, 4));
      return f(builtin.withWeekdayOnly([y - 1, y, y + 1]));
    }
  };
  const addWd = (date: string, n: number) => safe((c) => c.addWorkingDays(date, n), date);
  const wdBetween = (from: string, to: string) => safe((c) => c.workingDaysBetween(from, to), to);
  const isWd = (date: string) => safe((c) => c.isWorkingDay(date), date);
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const wdBefore = (date: string, n: number) => {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, -1);
      if (isWd(d)) left -= 1;
    }
    return d;
  };
  const at = (date: string, hour: number, minute = 0) => new Date(startOfShanghaiDay(date).getTime() + (hour * 60 + minute) * 60_000);
  const workHour = (date: string) => at(date, between(9, 17), between(0, 59));
  const today = shanghaiDate(now);
  const answerDays = await parameterOn(trx, parkId, 'need_answer_working_days', today);
  const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

  const needs: Insertable<FinanceNeedsTable>[] = [];
  const offers: Insertable<FinanceOffersTable>[] = [];
  const consents: Insertable<FinanceConsentsTable>[] = [];
  const needLog: CaseEventEntry[] = [];
  const offerLog: CaseEventEntry[] = [];
  const sequences = new Map<string, number>();
  const liveConsent = new Set<string>();

  const ev = (action: string, from: string | null, to: string | null, when: Date, who: { id: string | null; name: string; role: string }, note: string | null = null, data: Record<string, unknown> | null = null): CaseEvent => ({
    action,
    from_status: from,
    to_status: to,
    actor_id: who.id,
    actor_name: who.name,
    actor_role: who.role,
    note,
    data,
    at: when,
  });
  const bankActor = (bankId: string) => {
    const u = bankUsers.get(bankId);
    const b = bankById.get(bankId)!;
    return { id: u?.id ?? null, name: u?.display_name ?? `${b.short_name ?? b.name} 客户经理`, role: 'bank' };
  };
  const system = { id: null, name: '系统', role: 'system' };

  type OfferPlan =
    | { kind: 'pending'; escalate?: boolean }
    | { kind: 'interested'; day: string }
    | { kind: 'materials'; day: string; interestDay?: string }
    | { kind: 'approved'; day: string; amountFen: number; rateBp: number; termMonths: number; interestDay?: string }
    | { kind: 'declined'; day: string; reason: string; interestDay?: string };
  type NeedPlan = {
    firm: Firm;
    filedDay: string;
    amountFen: number;
    termMonths: number;
    sendTo: 'chosen' | 'all';
    offers: { bankId: string; plan: OfferPlan }[];
    /** index into offers of the chosen approved answer, with the disbursement day (if reached) */
    chosen?: { index: number; chooseDay: string; disburseDay: string | null };
    withdrawn?: { day: string; reason: string };
    consentScopes?: Map<string, string[]>;
  };

  const build = (p: NeedPlan) => {
    const filedAt = workHour(p.filedDay);
    if (filedAt.getTime() > now.getTime()) return;
    const day = p.filedDay.replaceAll('-', '');
    const seq = (sequences.get(day) ?? 0) + 1;
    sequences.set(day, seq);
    const needId = uuidFrom(random);
    const firmActor = { id: p.firm.id === demoFirmId ? (demoFirmUser?.id ?? null) : null, name: p.firm.id === demoFirmId ? (demoFirmUser?.display_name ?? p.firm.name) : `${p.firm.name} 财务负责人`, role: 'enterprise' };
    const dueAt = endOfShanghaiDay(addWd(p.filedDay, answerDays));
    const needEvs: CaseEvent[] = [
      ev('need.file', null, 'open', filedAt, firmActor, null, { amountFen: p.amountFen, termMonths: p.termMonths, sendTo: p.sendTo }),
      ev('need.sent', 'open', 'open', filedAt, firmActor, null, { banks: p.offers.map((o) => bankById.get(o.bankId)!.name), dueAt: dueAt.toISOString(), workingDays: answerDays }),
    ];
    let status: FinanceNeedsTable['status'] = 'open';
    let chosenOfferId: string | null = null;
    let disbursed: { at: Date; amount: number; wd: number; day: string } | null = null;
    let closed: { at: Date; reason: string } | null = null;
    const offerIds = p.offers.map(() => uuidFrom(random));
    const chooseAt = p.chosen ? earlier(workHour(p.chosen.chooseDay), now) : null;
    const withdrawAt = p.withdrawn ? earlier(workHour(p.withdrawn.day), now) : null;

    p.offers.forEach(({ bankId, plan }, i) => {
      const id = offerIds[i]!;
      const who = bankActor(bankId);
      const evs: CaseEvent[] = [ev('offer.sent', null, 'pending', filedAt, firmActor, null, { dueAt: dueAt.toISOString(), workingDays: answerDays })];
      const row: Insertable<FinanceOffersTable> = { id, park_id: parkId, need_id: needId, enterprise_id: p.firm.id, bank_id: bankId, status: 'pending', sent_at: filedAt, due_at: dueAt, updated_at: filedAt };
      let state: OfferStatus = 'pending';
      const move = (to: OfferStatus, action: string, when: Date, note: string | null = null, data: Record<string, unknown> | null = null) => {
        evs.push(ev(action, state, to, when, who, note, data));
        if (!row.answered_at) row.answered_at = when;
        state = to;
        row.updated_at = when;
        row.handler_id = who.id;
      };
      const interestDay = 'interestDay' in plan ? plan.interestDay : undefined;
      if (interestDay) move('interested', 'offer.interest', earlier(workHour(interestDay), now));
      switch (plan.kind) {
        case 'pending':
          if (plan.escalate && dueAt.getTime() < now.getTime()) {
            const escalatedAt = new Date(Math.min(now.getTime(), dueAt.getTime() + 10 * 60_000 + 1));
            row.escalated_at = escalatedAt;
            evs.push(ev('offer.escalated', 'pending', 'pending', escalatedAt, system, `超过答复期限(${shanghaiDate(dueAt)})未答复,已升级至金融服务中心`, { dueAt: dueAt.toISOString() }));
          }
          break;
        case 'interested':
          move('interested', 'offer.interest', earlier(workHour(plan.day), now));
          break;
        case 'materials': {
          const note = pick(MATERIALS);
          move('materials_requested', 'offer.request-materials', earlier(workHour(plan.day), now), note);
          row.materials_note = note;
          break;
        }
        case 'approved': {
          const when = earlier(workHour(plan.day), now);
          move('approved', 'offer.approve', when, null, { amountFen: plan.amountFen, rateBp: plan.rateBp, termMonths: plan.termMonths });
          Object.assign(row, { approved_amount_fen: plan.amountFen, approved_rate_bp: plan.rateBp, approved_term_months: plan.termMonths, approved_at: when });
          break;
        }
        case 'declined':
          move('declined', 'offer.decline', earlier(workHour(plan.day), now), plan.reason);
          row.decline_reason = plan.reason;
          break;
      }
      // an answer that came after its deadline was escalated first
      if (row.answered_at && (row.answered_at as Date).getTime() > dueAt.getTime() && !row.escalated_at) {
        row.escalated_at = new Date(dueAt.getTime() + 10 * 60_000 + 1);
        evs.splice(1, 0, ev('offer.escalated', 'pending', 'pending', row.escalated_at as Date, system, `超过答复期限(${shanghaiDate(dueAt)})未答复,已升级至金融服务中心`, { dueAt: dueAt.toISOString() }));
      }
      if (p.chosen && p.chosen.index === i && chooseAt) {
        row.chosen = true;
        evs.push(ev('offer.chosen', 'approved', 'approved', chooseAt, firmActor));
        if (p.chosen.disburseDay) {
          const amount = row.approved_amount_fen as number;
          const when = earlier(workHour(p.chosen.disburseDay), now);
          evs.push(ev('offer.disburse', 'approved', 'disbursed', when, who, null, { amountFen: amount, disbursedOn: p.chosen.disburseDay }));
          state = 'disbursed';
          Object.assign(row, { disbursed_amount_fen: amount, disbursed_on: p.chosen.disburseDay, updated_at: when });
          disbursed = { at: when, amount, wd: wdBetween(p.filedDay, p.chosen.disburseDay), day: p.chosen.disburseDay };
        }
      } else if ((chooseAt || withdrawAt) && (['pending', 'interested', 'materials_requested', 'approved'] as OfferStatus[]).includes(state)) {
        const when = (chooseAt ?? withdrawAt)!;
        evs.push(ev('offer.superseded', state, 'superseded', when, system, chooseAt ? '企业已选择其他机构的方案' : '企业已撤回融资需求'));
        state = 'superseded';
        row.updated_at = when;
      }
      row.status = state;
      offers.push(row);
      for (const e of evs) offerLog.push({ caseId: id, event: e });
    });

    if (p.chosen && chooseAt) {
      status = 'chosen';
      chosenOfferId = offerIds[p.chosen.index]!;
      const bankId = p.offers[p.chosen.index]!.bankId;
      needEvs.push(ev('need.choose', 'open', 'chosen', chooseAt, firmActor, null, { offerId: chosenOfferId, bankId }));
      if (disbursed) {
        const d = disbursed as { at: Date; amount: number; wd: number; day: string };
        status = 'disbursed';
        needEvs.push(ev('need.disbursed', 'chosen', 'disbursed', d.at, bankActor(bankId), null, { offerId: chosenOfferId, bank: bankById.get(bankId)!.name, amountFen: d.amount, disbursedOn: d.day, workingDays: d.wd }));
      }
    } else if (p.withdrawn && withdrawAt) {
      status = 'withdrawn';
      closed = { at: withdrawAt, reason: p.withdrawn.reason };
      needEvs.push(ev('need.withdraw', 'open', 'withdrawn', withdrawAt, firmActor, p.withdrawn.reason));
    }
    const d = disbursed as { at: Date; amount: number; wd: number } | null;
    const c = closed as { at: Date; reason: string } | null;
    needs.push({
      id: needId,
      park_id: parkId,
      number: `RZ${day}-${String(seq).padStart(4, '0')}`,
      enterprise_id: p.firm.id,
      amount_fen: p.amountFen,
      term_months: p.termMonths,
      purpose: pick(PURPOSES),
      collateral: [pick(COLLATERAL_KINDS)],
      send_to: p.sendTo,
      status,
      chosen_offer_id: chosenOfferId,
      filed_by: firmActor.id,
      filed_by_role: 'enterprise',
      filed_at: filedAt,
      disbursed_at: d?.at ?? null,
      disbursed_amount_fen: d?.amount ?? null,
      working_days_to_disbursement: d?.wd ?? null,
      closed_at: c?.at ?? null,
      close_reason: c?.reason ?? null,
      created_at: filedAt,
      updated_at: needEvs[needEvs.length - 1]!.at,
    });
    for (const e of needEvs) needLog.push({ caseId: needId, event: e });
    for (const [bankId, scopes] of p.consentScopes ?? []) {
      const key = `${p.firm.id}:${bankId}`;
      if (liveConsent.has(key) || scopes.length === 0) continue;
      liveConsent.add(key);
      consents.push({ park_id: parkId, enterprise_id: p.firm.id, bank_id: bankId, scopes, need_id: needId, granted_by: firmActor.id, granted_at: filedAt });
    }
  };

  const roundWan = (fen: number, step = 10) => Math.max(step, Math.round(fen / (step * 1_000_000)) * step) * 1_000_000;
  const amountOf = () => roundWan(Math.exp(Math.log(50) + random() * (Math.log(3000) - Math.log(50))) * 1_000_000);
  const termOf = () => pick([6, 12, 12, 12, 24, 36]);
  const rateOf = () => between(33, 55) * 10;
  const scopesFor = (bankIds: string[]) => new Map(bankIds.map((id) => [id, random() < 0.6 ? (random() < 0.5 ? ['registry', 'credit'] : ['registry']) : random() < 0.3 ? ['credit'] : []]));

  /** A finished need: answers within the window, one approved answer chosen and disbursed `wd` working days after filing. */
  const finished = (firm: Firm, filedDay: string, targets: string[], sendTo: 'chosen' | 'all', wd: number | null) => {
    const amountFen = amountOf();
    const termMonths = termOf();
    const answerBy = wd === null ? answerDays + 2 : Math.max(1, Math.min(wd - 1, wd > 10 ? between(4, 9) : between(1, answerDays)));
    const approvers = new Set<number>();
    if (wd !== null) approvers.add(Math.floor(random() * targets.length));
    const plans = targets.map((bankId, i) => {
      const late = random() < 0.08;
      const day = addWd(filedDay, late ? answerDays + between(1, 3) : between(1, Math.max(1, answerBy)));
      const interestDay = random() < 0.5 ? addWd(filedDay, 1) : undefined;
      if (approvers.has(i) || (wd !== null && random() < 0.3)) {
        approvers.add(i);
        return { bankId, plan: { kind: 'approved', day: wd !== null ? addWd(filedDay, Math.max(1, Math.min(wd - 1, between(1, answerBy)))) : day, amountFen: roundWan(amountFen * (0.6 + random() * 0.4)), rateBp: rateOf(), termMonths, interestDay: interestDay && interestDay < day ? interestDay : undefined } as OfferPlan };
      }
      if (random() < 0.7) return { bankId, plan: { kind: 'declined', day, reason: pick(DECLINE_REASONS) } as OfferPlan };
      return { bankId, plan: (random() < 0.5 ? { kind: 'interested', day } : { kind: 'materials', day }) as OfferPlan };
    });
    const chosenIndex = [...approvers][0];
    const plan: NeedPlan = { firm, filedDay, amountFen, termMonths, sendTo, offers: plans, consentScopes: scopesFor(targets) };
    if (wd !== null && chosenIndex !== undefined) {
      const approveDay = (plans[chosenIndex]!.plan as { day: string }).day;
      const disburseDay = addWd(filedDay, wd);
      const chooseDay = approveDay < disburseDay ? approveDay : wdBefore(disburseDay, 0);
      plan.chosen = { index: chosenIndex, chooseDay, disburseDay: disburseDay <= today ? disburseDay : null };
    } else {
      plan.withdrawn = { day: addWd(filedDay, answerDays + between(2, 6)), reason: pick(['各机构均未批准,另寻融资渠道', '资金需求已通过其他渠道解决', '项目延期,暂不需要资金']) };
    }
    build(plan);
  };

  const targetsOf = (exclude: string[] = []): { ids: string[]; sendTo: 'chosen' | 'all' } => {
    if (random() < 0.08) return { ids: banks.map((b) => b.id), sendTo: 'all' };
    const pool = random() < 0.8 ? lenders : banks;
    const k = between(1, 5);
    const ids = new Set<string>();
    while (ids.size < Math.min(k, pool.length)) ids.add(pick(pool).id);
    for (const id of exclude) ids.delete(id);
    return { ids: [...ids], sendTo: 'chosen' };
  };

  // ---- a year of needs, oldest first (~280); the last 8 working days are left to the open ones
  const otherFirms = firms.filter((f) => f.id !== demoFirmId);
  const start = addDays(today, -365);
  const recentEdge = wdBefore(today, 10);
  for (let i = 0; i < 280; i++) {
    let day = addDays(start, Math.floor((i / 280) * 355));
    while (!isWd(day)) day = addDays(day, 1);
    if (day > recentEdge) break;
    const ageDays = (Date.parse(today) - Date.parse(day)) / 86_400_000;
    const firm = otherFirms[Math.floor(random() * otherFirms.length)]!;
    const { ids, sendTo } = targetsOf();
    if (ids.length === 0) continue;
    const roll = random();
    // before the 一周 reform (older than ~9 months): 15–25 working days; since then mostly 3–8
    const wd = roll < 0.72 ? (ageDays > 270 ? between(15, 25) : random() < 0.9 ? between(3, 8) : between(9, 12)) : null;
    finished(firm, day, ids, sendTo, wd);
  }

  // ---- the open ones of the last working days, across states
  for (let back = 9; back >= 0; back--) {
    const day = wdBefore(today, back);
    for (let j = 0; j < 2; j++) {
      const firm = otherFirms[Math.floor(random() * otherFirms.length)]!;
      const { ids, sendTo } = targetsOf([demoBankId]);
      if (ids.length === 0) continue;
      const plans = ids.map((bankId) => {
        const r = random();
        const answerDay = addWd(day, 1) <= today ? addWd(day, 1) : null;
        if (!answerDay || r < 0.4) return { bankId, plan: { kind: 'pending', escalate: true } as OfferPlan };
        if (r < 0.6) return { bankId, plan: { kind: 'interested', day: answerDay } as OfferPlan };
        if (r < 0.75) return { bankId, plan: { kind: 'materials', day: answerDay } as OfferPlan };
        if (r < 0.9) return { bankId, plan: { kind: 'approved', day: answerDay, amountFen: roundWan(amountOf()), rateBp: rateOf(), termMonths: 12 } as OfferPlan };
        return { bankId, plan: { kind: 'declined', day: answerDay, reason: pick(DECLINE_REASONS) } as OfferPlan };
      });
      build({ firm, filedDay: day, amountFen: amountOf(), termMonths: termOf(), sendTo, offers: plans, consentScopes: scopesFor(ids) });
    }
  }

  // ---- the demo bank's work: due today, due tomorrow, overdue (escalated), and a few more open
  const demoBankWork: { back: number; plan: OfferPlan }[] = [
    { back: answerDays + 2, plan: { kind: 'pending', escalate: true } },
    { back: answerDays, plan: { kind: 'pending' } },
    { back: answerDays, plan: { kind: 'pending' } },
    { back: answerDays - 1, plan: { kind: 'pending' } },
    { back: 1, plan: { kind: 'pending' } },
    { back: 0, plan: { kind: 'pending' } },
    { back: 2, plan: { kind: 'interested', day: wdBefore(today, 1) } },
    { back: 4, plan: { kind: 'materials', day: wdBefore(today, 3) } },
  ];
  for (const [i, w] of demoBankWork.entries()) {
    const firm = otherFirms[(i * 37 + 11) % otherFirms.length]!;
    const day = wdBefore(today, Math.max(0, w.back));
    const others = lenders.filter((b) => b.id !== demoBankId && b.id !== secondBankId).slice(i % 5, (i % 5) + between(0, 2)).map((b) => b.id);
    const ids = [demoBankId, ...others];
    build({ firm, filedDay: day, amountFen: amountOf(), termMonths: termOf(), sendTo: 'chosen', offers: ids.map((bankId) => ({ bankId, plan: bankId === demoBankId ? w.plan : ({ kind: 'pending' } as OfferPlan) })), consentScopes: new Map([[demoBankId, i % 2 === 0 ? ['registry', 'credit'] : ['registry']]]) });
  }

  // the demo bank's answers the firms chose: one disbursed this month, one waiting for its 放款
  for (const [i, w] of [{ back: 6, disburse: true }, { back: 4, disburse: false }].entries()) {
    const firm = otherFirms[(i * 53 + 29) % otherFirms.length]!;
    const day = wdBefore(today, w.back);
    const amountFen = amountOf();
    const disburseDay = addWd(day, 5);
    build({
      firm,
      filedDay: day,
      amountFen,
      termMonths: 12,
      sendTo: 'chosen',
      offers: [
        { bankId: demoBankId, plan: { kind: 'approved', day: addWd(day, 2), amountFen, rateBp: rateOf(), termMonths: 12, interestDay: addWd(day, 1) } },
        { bankId: secondBankId, plan: { kind: 'declined', day: addWd(day, 1), reason: pick(DECLINE_REASONS) } },
      ],
      chosen: { index: 0, chooseDay: addWd(day, 3), disburseDay: w.disburse && disburseDay <= today ? disburseDay : null },
      consentScopes: new Map([[demoBankId, ['registry', 'credit']]]),
    });
  }

  // ---- the demo firm: a disbursed need (4 working days), one with two banks' approvals side by side, one just filed
  if (demoFirmId) {
    const firm = firms.find((f) => f.id === demoFirmId) ?? (await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '=', demoFirmId).executeTakeFirstOrThrow());
    const oldDay = wdBefore(today, 60);
    build({
      firm,
      filedDay: oldDay,
      amountFen: 3_000_000_00,
      termMonths: 12,
      sendTo: 'chosen',
      offers: [
        { bankId: demoBankId, plan: { kind: 'approved', day: addWd(oldDay, 2), amountFen: 3_000_000_00, rateBp: 385, termMonths: 12, interestDay: addWd(oldDay, 1) } },
        { bankId: secondBankId, plan: { kind: 'declined', day: addWd(oldDay, 2), reason: DECLINE_REASONS[1]! } },
      ],
      chosen: { index: 0, chooseDay: addWd(oldDay, 3), disburseDay: addWd(oldDay, 4) },
      // the demo firm also shares its monthly reports (产业云) with the demo bank
      consentScopes: new Map([[demoBankId, ['registry', 'monthly', 'credit']], [secondBankId, ['registry']]]),
    });
    const sideDay = wdBefore(today, 4);
    const third = lenders.find((b) => b.id !== demoBankId && b.id !== secondBankId)!.id;
    build({
      firm,
      filedDay: sideDay,
      amountFen: 8_000_000_00,
      termMonths: 24,
      sendTo: 'chosen',
      offers: [
        { bankId: demoBankId, plan: { kind: 'approved', day: addWd(sideDay, 2), amountFen: 8_000_000_00, rateBp: 395, termMonths: 24, interestDay: addWd(sideDay, 1) } },
        { bankId: secondBankId, plan: { kind: 'approved', day: addWd(sideDay, 3), amountFen: 6_000_000_00, rateBp: 365, termMonths: 24 } },
        { bankId: third, plan: { kind: 'declined', day: addWd(sideDay, 1), reason: DECLINE_REASONS[2]! } },
      ],
    });
    const newDay = wdBefore(today, 1);
    build({
      firm,
      filedDay: newDay,
      amountFen: 1_500_000_00,
      termMonths: 12,
      sendTo: 'chosen',
      offers: [
        { bankId: demoBankId, plan: { kind: 'interested', day: today } },
        { bankId: third, plan: { kind: 'pending' } },
      ],
    });
  }

  await insertBatches(trx, 'finance_needs', needs);
  await insertBatches(trx, 'finance_offers', offers);
  await insertBatches(trx, 'finance_consents', consents);
  await insertBatches(
    trx,
    'finance_need_number_sequences',
    [...sequences].map(([day, last]) => ({ park_id: parkId, day, last })),
  );
  await needEvents.writeMany!(trx, parkId, needLog);
  await offerEvents.writeMany!(trx, parkId, offerLog);
  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'finance_need', entityId: null, before: null, after: { needs: needs.length, offers: offers.length, consents: consents.length } }], now);
}
