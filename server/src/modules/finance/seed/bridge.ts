import { bridgeAddDays, bridgeDueOn, computeBridgeFee, FINANCE_PARAMETERS, type BridgeLedgerKindValue, type BridgeLoanStatusValue } from '@yuanqi/contract';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { BridgeLoansTable } from '../../../db/schema-finance.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { FinanceSeedOptions } from './index.js';

const YI = 10_000_000_000; // ¥1亿 in fen
const WAN = 1_000_000; // ¥1万 in fen

/** An instant on `day` at hh:mm Asia/Shanghai. */
const at = (day: string, hh: number, mm = 0) => new Date(startOfShanghaiDay(day).getTime() + (hh * 60 + mm) * 60_000);
const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;

type Kind = 'repaid' | 'late_repaid' | 'running' | 'overdue' | 'submitted' | 'bank_confirmed' | 'leader' | 'to_disburse' | 'rejected' | 'bank_declined' | 'withdrawn';

/**
 * 应急转贷 demo: one pool 应急转贷资金池 (¥1.5亿 a year ago, ¥5,000万 more half a year later), the daily
 * rate as dated parameters (0.012 %/日 from a year ago, 0.01 %/日 from five months ago), and 60
 * loans over the year across the 13 banks — most repaid (fees by computeBridgeFee on the terms of
 * their disbursement day, two of them late with a penalty), five running, three overdue, three
 * awaiting the bank's 续贷承诺 (two at the demo `bank` log-in's bank), two awaiting approval, one
 * awaiting a leader, one to disburse, and one each rejected, declined by the bank and withdrawn.
 * The demo firm has a repaid and a running one. Every movement is a ledger entry in order; the
 * pool row is the last entry's balances (seed.test.ts checks it).
 */
export async function seedBridgeLoans(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rand = mulberry32(20261213);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const today = shanghaiDate(now);

  const banks = await trx.selectFrom('banks').select(['id', 'code', 'name', 'short_name']).where('park_id', '=', parkId).where('kind', '=', 'bank').orderBy('sort').orderBy('code').execute();
  if (banks.length === 0) return;
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'enterprise_id', 'bank_id', 'roles']).where('park_id', '=', parkId).orderBy('created_at').execute();
  const byName = (u: string) => users.find((x) => x.username === u) ?? null;
  const withRole = (role: string) => users.find((x) => x.roles.includes(role)) ?? null;
  const officer = byName('finance_officer') ?? withRole('finance_officer');
  const leader = byName('leader') ?? withRole('leader');
  const demoBankUser = byName('bank') ?? users.find((x) => x.bank_id) ?? null;
  const demoFirmUser = byName('enterprise') ?? withRole('enterprise');
  // the demo `bank` log-in's institution first
  if (demoBankUser?.bank_id) banks.sort((a, b) => (a.id === demoBankUser.bank_id ? -1 : b.id === demoBankUser.bank_id ? 1 : 0));
  const bankUser = (bankId: string) => users.find((u) => u.bank_id === bankId) ?? null;
  const firms = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).orderBy('uscc').limit(400).execute();
  const demoFirmId = demoFirmUser?.enterprise_id ?? null;
  if (demoFirmId && !firms.some((f) => f.id === demoFirmId)) {
    const demoFirm = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '=', demoFirmId).executeTakeFirst();
    if (demoFirm) firms.push(demoFirm);
  }

  // ---------------------------------------------------------------- dated parameters
  const yearAgo = bridgeAddDays(today, -365);
  const rateStart = firstOfMonth(yearAgo);
  const rateChange = firstOfMonth(bridgeAddDays(today, -150));
  await trx
    .insertInto('finance_parameters')
    .values([
      { park_id: parkId, key: 'bridge_daily_rate_ppm', valid_from: rateStart, value: 120, note: '年度转贷费率(万分之一点二/日)', created_by: officer?.id ?? null, created_at: at(rateStart, 9) },
      { park_id: parkId, key: 'bridge_daily_rate_ppm', valid_from: rateChange, value: 100, note: '降费:下调至万分之一/日', created_by: officer?.id ?? null, created_at: at(bridgeAddDays(rateChange, -10), 9) },
    ])
    .onConflict((oc) => oc.columns(['park_id', 'key', 'valid_from']).doNothing())
    .execute();
  const rateOn = (day: string) => (day >= rateChange ? 100 : 120);
  const maxDays = FINANCE_PARAMETERS.bridge_max_days.defaultValue;
  const penaltyPpm = FINANCE_PARAMETERS.bridge_penalty_daily_rate_ppm.defaultValue;
  const threshold = FINANCE_PARAMETERS.bridge_leader_threshold_fen.defaultValue;

  // ---------------------------------------------------------------- the pool
  const poolCreated = at(yearAgo, 9);
  const pool = await trx
    .insertInto('bridge_pools')
    .values({ park_id: parkId, code: 'YJZD-01', name: '应急转贷资金池', capital_fen: 0, available_fen: 0, lent_fen: 0, fee_income_fen: 0, ledger_seq: 0, created_by: officer?.id ?? null, created_at: poolCreated, updated_at: poolCreated })
    .returning('id')
    .executeTakeFirstOrThrow();

  type Move = { at: Date; kind: BridgeLedgerKindValue; amountFen: number; loanIdx: number | null; memo: string };
  const moves: Move[] = [
    { at: poolCreated, kind: 'capital', amountFen: 1.5 * YI, loanIdx: null, memo: '市财政注入应急转贷资金' },
    { at: at(bridgeAddDays(today, -180), 9, 30), kind: 'capital', amountFen: 0.5 * YI, loanIdx: null, memo: '高新区管委会追加注资' },
  ];

  // ---------------------------------------------------------------- the loans
  const plan: Kind[] = [
    ...Array<Kind>(40).fill('repaid'),
    'late_repaid',
    'late_repaid',
    ...Array<Kind>(5).fill('running'),
    ...Array<Kind>(3).fill('overdue'),
    'submitted',
    'submitted',
    'submitted',
    'bank_confirmed',
    'bank_confirmed',
    'leader',
    'to_disburse',
    'rejected',
    'bank_declined',
    'withdrawn',
  ];
  // when each loan was filed (days before today), by kind
  const historyKinds = plan.filter((k) => k === 'repaid' || k === 'late_repaid' || k === 'rejected' || k === 'bank_declined' || k === 'withdrawn').length;
  let historyN = 0;
  let awaitingBank = 0;
  const loans: (Insertable<BridgeLoansTable> & { idx: number; firmName: string })[] = [];
  const sequences = new Map<string, number>();
  const events: { idx: number; action: string; from: BridgeLoanStatusValue | null; to: BridgeLoanStatusValue | null; at: Date; actorId: string | null; actorName: string; role: string; note: string | null; data: Record<string, unknown> | null }[] = [];

  plan.forEach((kind, idx) => {
    let filedAgo: number;
    let usedDays = 3 + Math.floor(rand() * 12); // 3–14 days
    switch (kind) {
      case 'repaid':
      case 'late_repaid':
      case 'rejected':
      case 'bank_declined':
      case 'withdrawn':
        filedAgo = 350 - Math.floor((historyN++ * 320) / historyKinds); // spread over the year
        if (kind === 'late_repaid') usedDays = maxDays + 2 + Math.floor(rand() * 4);
        break;
      case 'running':
        filedAgo = 4 + (idx % 5) * 2; // disbursed within the last fortnight
        usedDays = 0;
        break;
      case 'overdue':
        filedAgo = 22 + (idx % 3) * 4;
        usedDays = 0;
        break;
      default:
        filedAgo = 1 + Math.floor(rand() * 3);
    }
    const bank = kind === 'submitted' && awaitingBank++ < 2 ? banks[0]! : idx < banks.length * 3 ? banks[idx % banks.length]! : pick(banks);
    const firm = (kind === 'repaid' && idx === 30) || (kind === 'running' && idx === 43) ? (firms.find((f) => f.id === demoFirmId) ?? pick(firms)) : pick(firms);
    const bigOne = kind === 'leader' || idx % 17 === 5;
    const amountFen = bigOne ? (1000 + Math.floor(rand() * 15) * 100) * WAN : (100 + Math.floor(rand() * 90) * 10) * WAN;
    const principalFen = amountFen + Math.floor(rand() * 4) * 100 * WAN;
    const filedOn = bridgeAddDays(today, -filedAgo);
    const seq = (sequences.get(filedOn) ?? 0) + 1;
    sequences.set(filedOn, seq);
    const number = `ZD${filedOn.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const filedAt = at(filedOn, 9 + (idx % 7), (idx * 7) % 60);
    const maturingDueOn = bridgeAddDays(filedOn, 3 + (idx % 4));
    const filer = firm.id === demoFirmId && demoFirmUser ? demoFirmUser : null;
    const needsLeader = amountFen >= threshold;
    const bu = bankUser(bank.id);
    const bankActor = { id: bu?.id ?? null, name: bu?.display_name ?? `${bank.short_name ?? bank.name} 客户经理` };

    const loan: Insertable<BridgeLoansTable> & { idx: number; firmName: string } = {
      idx,
      firmName: firm.name,
      park_id: parkId,
      number,
      enterprise_id: firm.id,
      bank_id: bank.id,
      maturing_contract_no: `${(bank.code ?? 'BK').toUpperCase()}-LD-${filedOn.slice(0, 4)}-${String(1000 + idx * 37).slice(-4)}`,
      maturing_principal_fen: principalFen,
      maturing_due_on: maturingDueOn,
      amount_fen: amountFen,
      days_requested: Math.min(maxDays, Math.max(usedDays, 5)),
      purpose: pick(['归还到期流动资金贷款,续贷后归还', '到期贷款续贷过桥', '银行承诺续贷,过桥资金', '流动资金贷款到期周转']),
      status: 'submitted',
      needs_leader: needsLeader,
      filed_by: filer?.id ?? null,
      filed_at: filedAt,
      created_at: filedAt,
      updated_at: filedAt,
    };
    const ev = (action: string, from: BridgeLoanStatusValue | null, to: BridgeLoanStatusValue | null, when: Date, actor: { id: string | null; name: string }, role: string, note: string | null = null, data: Record<string, unknown> | null = null) =>
      events.push({ idx, action, from, to, at: when, actorId: actor.id, actorName: actor.name, role, note, data });
    const firmActor = { id: filer?.id ?? null, name: filer?.display_name ?? `${firm.name} 财务` };
    const officerActor = { id: officer?.id ?? null, name: officer?.display_name ?? '金融服务专员' };
    const leaderActor = { id: leader?.id ?? null, name: leader?.display_name ?? '分管领导' };
    ev('bridge.filed', null, 'submitted', filedAt, firmActor, 'enterprise', loan.purpose ?? null, { amountFen, daysRequested: loan.days_requested });
    loans.push(loan);
    if (kind === 'submitted' || kind === 'withdrawn') {
      if (kind === 'withdrawn') {
        const w = at(bridgeAddDays(filedOn, 1), 10);
        Object.assign(loan, { status: 'withdrawn', updated_at: w });
        ev('bridge.withdrawn', 'submitted', 'withdrawn', w, firmActor, 'enterprise', '企业自筹资金已归还到期贷款');
      }
      return;
    }
    if (kind === 'bank_declined') {
      const d = at(bridgeAddDays(filedOn, 1), 11);
      Object.assign(loan, { status: 'bank_declined', reject_reason: '企业授信到期后不再续贷', updated_at: d });
      ev('bridge.bank_declined', 'submitted', 'bank_declined', d, bankActor, 'bank', '企业授信到期后不再续贷');
      return;
    }
    const confirmedOn = kind === 'bank_confirmed' || kind === 'leader' || kind === 'to_disburse' ? filedOn : bridgeAddDays(filedOn, 1);
    const confirmedAt = at(confirmedOn, 16, idx % 50);
    const commitmentNo = `XDCN-${(bank.code ?? 'BK').toUpperCase()}-${filedOn.replaceAll('-', '').slice(2)}${String(idx).padStart(2, '0')}`;
    Object.assign(loan, {
      status: 'bank_confirmed',
      renewal_commitment_no: commitmentNo,
      renewal_amount_fen: principalFen,
      renewal_expected_on: bridgeAddDays(maturingDueOn, Math.max(1, Math.min(usedDays, maxDays) - 1)),
      bank_confirmed_at: confirmedAt,
      bank_confirmed_by: bankActor.id,
      updated_at: confirmedAt,
    });
    ev('bridge.bank_confirmed', 'submitted', 'bank_confirmed', confirmedAt, bankActor, 'bank', null, { commitmentNo, renewalAmountFen: principalFen });
    if (kind === 'bank_confirmed') return;
    if (kind === 'rejected') {
      const r = at(bridgeAddDays(filedOn, 2), 10);
      Object.assign(loan, { status: 'rejected', reject_reason: '企业涉及未结诉讼,暂不符合应急转贷条件', updated_at: r });
      ev('bridge.rejected', 'bank_confirmed', 'rejected', r, officerActor, 'finance_officer', '企业涉及未结诉讼,暂不符合应急转贷条件');
      return;
    }
    const approvedOn = kind === 'leader' || kind === 'to_disburse' ? bridgeAddDays(confirmedOn, 0) : bridgeAddDays(filedOn, 2);
    const approvedAt = at(approvedOn, kind === 'leader' || kind === 'to_disburse' ? 17 : 9, 30);
    Object.assign(loan, { status: 'approved', officer_approved_at: approvedAt, officer_approved_by: officer?.id ?? null, updated_at: approvedAt });
    ev('bridge.approved', 'bank_confirmed', 'approved', approvedAt, officerActor, 'finance_officer', null, { needsLeader });
    if (kind === 'leader') return;
    if (needsLeader) {
      const la = at(approvedOn, 14);
      Object.assign(loan, { leader_approved_at: la, leader_approved_by: leader?.id ?? null, updated_at: la });
      ev('bridge.leader_approved', 'approved', 'approved', la, leaderActor, 'leader', '同意');
    }
    if (kind === 'to_disburse') return;
    const disbursedOn = approvedOn;
    const disbursedAt = at(disbursedOn, 15);
    const rate = rateOn(disbursedOn);
    const dueOn = bridgeDueOn(disbursedOn, maxDays);
    Object.assign(loan, { status: 'disbursed', pool_id: pool.id, disbursed_on: disbursedOn, disbursed_at: disbursedAt, daily_rate_ppm: rate, max_days: maxDays, penalty_rate_ppm: penaltyPpm, due_on: dueOn, updated_at: disbursedAt });
    ev('bridge.disbursed', 'approved', 'disbursed', disbursedAt, officerActor, 'finance_officer', null, { poolId: pool.id, dailyRatePpm: rate, maxDays, penaltyRatePpm: penaltyPpm, dueOn });
    moves.push({ at: disbursedAt, kind: 'disburse', amountFen, loanIdx: idx, memo: `转贷 ${number} 放款(${firm.name})` });
    if (kind === 'running') return;
    if (kind === 'overdue') {
      const o = at(bridgeAddDays(dueOn, 1), 0, 10);
      Object.assign(loan, { overdue_at: o, escalated_at: o, updated_at: o });
      ev('bridge.overdue', 'disbursed', 'disbursed', o, { id: null, name: '系统' }, 'system', `已超过到期日 ${dueOn}`, { dueOn });
      ev('bridge.escalated', 'disbursed', 'disbursed', o, { id: null, name: '系统' }, 'system', '逾期转贷列入周调度会议议程');
      return;
    }
    const repaidOn = bridgeAddDays(disbursedOn, usedDays);
    const repaidAt = at(repaidOn, 16, 30);
    const fee = computeBridgeFee({ principalFen: amountFen, dailyRatePpm: rate, penaltyRatePpm: penaltyPpm, maxDays, disbursedOn, repaidOn });
    if (fee.overdueDays > 0) {
      const o = at(bridgeAddDays(dueOn, 1), 0, 10);
      Object.assign(loan, { overdue_at: o, escalated_at: o });
      ev('bridge.overdue', 'disbursed', 'disbursed', o, { id: null, name: '系统' }, 'system', `已超过到期日 ${dueOn}`, { dueOn });
    }
    Object.assign(loan, { status: 'repaid', repaid_on: repaidOn, repaid_at: repaidAt, days_used: fee.daysUsed, fee_fen: fee.feeFen, penalty_fen: fee.penaltyFen, updated_at: repaidAt });
    ev('bridge.repaid', 'disbursed', 'repaid', repaidAt, officerActor, 'finance_officer', null, { repaidOn, renewalContractNo: `${commitmentNo}-XJ`, ...fee });
    const memo = `转贷 ${number}(${firm.name})`;
    moves.push({ at: repaidAt, kind: 'repay', amountFen, loanIdx: idx, memo: `${memo} 归还本金` });
    if (fee.feeFen > 0) moves.push({ at: repaidAt, kind: 'fee', amountFen: fee.feeFen, loanIdx: idx, memo: `${memo} 转贷费` });
    if (fee.penaltyFen > 0) moves.push({ at: repaidAt, kind: 'penalty', amountFen: fee.penaltyFen, loanIdx: idx, memo: `${memo} 逾期费` });
  });

  const inserted = await trx
    .insertInto('bridge_loans')
    .values(loans.map(({ idx: _i, firmName: _f, ...row }) => row))
    .returning(['id', 'number'])
    .execute();
  const idOf = (idx: number) => inserted.find((r) => r.number === loans[idx]!.number)!.id;

  await trx
    .insertInto('bridge_loan_number_sequences')
    .values([...sequences].map(([day, last]) => ({ park_id: parkId, day, last })))
    .onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet((eb) => ({ last: eb.ref('excluded.last') })))
    .execute();

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  await trx
    .insertInto('bridge_loan_events')
    .values(
      events.map((e) => ({
        park_id: parkId,
        loan_id: idOf(e.idx),
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        actor_id: e.actorId,
        actor_name: e.actorName,
        actor_role: e.role,
        note: e.note,
        data: e.data === null ? null : JSON.stringify(e.data),
        at: e.at,
      })) as never,
    )
    .execute();

  // ---------------------------------------------------------------- the ledger, in order
  const order: Record<BridgeLedgerKindValue, number> = { capital: 0, withdraw: 1, repay: 2, fee: 3, penalty: 4, disburse: 5 };
  moves.sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.kind] - order[b.kind]);
  let available = 0;
  let lent = 0;
  let feeIncome = 0;
  const ledger = moves.map((m, i) => {
    switch (m.kind) {
      case 'capital':
        available += m.amountFen;
        break;
      case 'disburse':
        if (available < m.amountFen) throw new Error(`seed: the bridge pool cannot lend ${m.amountFen} (available ${available})`);
        available -= m.amountFen;
        lent += m.amountFen;
        break;
      case 'repay':
        available += m.amountFen;
        lent -= m.amountFen;
        break;
      case 'fee':
      case 'penalty':
        feeIncome += m.amountFen;
        break;
      case 'withdraw':
        available -= m.amountFen;
        break;
    }
    const loan = m.loanIdx === null ? null : loans[m.loanIdx]!;
    return {
      park_id: parkId,
      pool_id: pool.id,
      seq: i + 1,
      kind: m.kind,
      amount_fen: m.amountFen,
      available_after_fen: available,
      lent_after_fen: lent,
      fee_income_after_fen: feeIncome,
      loan_id: m.loanIdx === null ? null : idOf(m.loanIdx),
      enterprise_id: loan?.enterprise_id ?? null,
      memo: m.memo,
      created_by: officer?.id ?? null,
      created_at: m.at,
    };
  });
  await trx.insertInto('bridge_pool_ledger').values(ledger).execute();
  await trx
    .updateTable('bridge_pools')
    .set({ capital_fen: available + lent, available_fen: available, lent_fen: lent, fee_income_fen: feeIncome, ledger_seq: ledger.length, updated_at: ledger[ledger.length - 1]!.created_at })
    .where('id', '=', pool.id)
    .execute();
  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'bridge_pool', entityId: pool.id, before: null, after: { loans: loans.length, ledgerEntries: ledger.length, availableFen: available, lentFen: lent, feeIncomeFen: feeIncome } }], now);
}
