import ExcelJS from 'exceljs';
import {
  FUNNEL_STAGES,
  FUNNEL_STAGE_LABELS,
  LEAD_SOURCE_LABELS,
  fenToYuanCell,
  type FunnelCell,
  type FunnelFigures,
  type FunnelStage,
  type LeadFunnel,
  type LeadFunnelQuery,
  type LeadSource,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { writeXlsx } from '../../../platform/xlsx.js';

/** One lead of the cohort with the stages it ever reached. */
type CohortLead = {
  id: string;
  chain: string | null;
  source: LeadSource;
  amount: number;
  status: string;
  negotiated: boolean;
  committee: boolean;
  approved: boolean;
};

const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const cell = (): FunnelCell => ({ count: 0, amountFen: 0 });
const add = (c: FunnelCell, amount: number) => {
  c.count += 1;
  c.amountFen += amount;
};

/** The funnel of a set of leads: each stage counts the leads that ever reached it, with their amounts. */
export function funnelOf(leads: readonly CohortLead[]): FunnelFigures {
  const f = {
    received: cell(),
    negotiated: cell(),
    committee: cell(),
    approved: cell(),
    signed: cell(),
    dropped: cell(),
    open: cell(),
  };
  const online = { ...cell(), signed: cell() };
  for (const l of leads) {
    const signed = l.status === 'signed';
    add(f.received, l.amount);
    if (l.negotiated || l.committee || signed) add(f.negotiated, l.amount);
    if (l.committee || signed) add(f.committee, l.amount);
    if (l.approved || signed) add(f.approved, l.amount);
    if (signed) add(f.signed, l.amount);
    if (l.status === 'dropped') add(f.dropped, l.amount);
    else if (!signed) add(f.open, l.amount);
    if (l.source === 'online') {
      add(online, l.amount);
      if (signed) add(online.signed, l.amount);
    }
  }
  const stepRates = {} as Record<FunnelStage, number | null>;
  FUNNEL_STAGES.forEach((s, i) => {
    stepRates[s] = i === 0 ? null : percent(f[s].count, f[FUNNEL_STAGES[i - 1]!].count);
  });
  return { ...f, stepRates, conversionPercent: percent(f.signed.count, f.received.count), online: { ...online, sharePercent: percent(online.count, f.received.count) } };
}

/**
 * 招商漏斗 for a period. The cohort is the leads received in [from, to] (optionally one chain, one
 * source); each stage counts those that ever reached it, up to today. Beside it, what happened in
 * the period whatever the lead's age: negotiations held (屏对屏 share), committee submissions and
 * approvals, signings (count and amount, 屏对屏 ones apart) — the report's "屏对屏签约3个20亿元项目".
 */
export async function leadFunnel(ctx: AppContext, actor: Actor, q: LeadFunnelQuery): Promise<LeadFunnel> {
  const parkId = actor.parkId;
  const reached = (status: string) =>
    sql<boolean>`exists (select 1 from investment_lead_events e where e.park_id = l.park_id and e.lead_id = l.id and e.to_status = ${status})`;
  let cohortQuery = ctx.db
    .selectFrom('investment_leads as l')
    .select([
      'l.id',
      'l.chain',
      'l.source',
      'l.amount_fen',
      'l.status',
      sql<boolean>`exists (select 1 from investment_negotiations n where n.park_id = l.park_id and n.lead_id = l.id)`.as('negotiated'),
      reached('committee').as('committee'),
      reached('approved').as('approved'),
    ])
    .where('l.park_id', '=', parkId)
    .where('l.received_on', '>=', q.from)
    .where('l.received_on', '<=', q.to);
  if (q.chain) cohortQuery = cohortQuery.where('l.chain', '=', q.chain);
  if (q.source) cohortQuery = cohortQuery.where('l.source', '=', q.source);
  const cohort: CohortLead[] = (await cohortQuery.execute()).map((r) => ({
    id: r.id,
    chain: r.chain,
    source: r.source as LeadSource,
    amount: Number(r.amount_fen),
    status: r.status,
    negotiated: !!r.negotiated,
    committee: !!r.committee,
    approved: !!r.approved,
  }));

  const chainRows = await ctx.db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').orderBy('sort').orderBy('code').execute();
  const labels = new Map(chainRows.map((c) => [c.code, c.label]));
  const chains = [...new Set(cohort.map((l) => l.chain))].sort((a, b) => {
    const ia = a === null ? 1e9 : chainRows.findIndex((c) => c.code === a);
    const ib = b === null ? 1e9 : chainRows.findIndex((c) => c.code === b);
    return (ia < 0 ? 1e8 : ia) - (ib < 0 ? 1e8 : ib);
  });
  const byChain = chains.map((chain) => ({ chain, chainLabel: chain === null ? '未定产业链' : (labels.get(chain) ?? chain), ...funnelOf(cohort.filter((l) => l.chain === chain)) }));

  // ---- activity in the period (any lead matching the chain / source filter)
  const leadFilter = (alias: string) => {
    const parts = [sql`${sql.ref(`${alias}.park_id`)} = ${parkId}`];
    if (q.chain) parts.push(sql`${sql.ref(`${alias}.chain`)} = ${q.chain}`);
    if (q.source) parts.push(sql`${sql.ref(`${alias}.source`)} = ${q.source}`);
    return sql.join(parts, sql` and `);
  };
  const negotiations = await sql<{ total: number; online: number }>`
    select count(*)::int as total, (count(*) filter (where n.form = 'online'))::int as online
      from investment_negotiations n join investment_leads l on l.id = n.lead_id
     where n.park_id = ${parkId} and n.held_on between ${q.from} and ${q.to} and ${leadFilter('l')}`.execute(ctx.db);
  const steps = await sql<{ submissions: number; approvals: number }>`
    select (count(*) filter (where e.action = 'submit_committee'))::int as submissions, (count(*) filter (where e.action = 'approve'))::int as approvals
      from investment_lead_events e join investment_leads l on l.id = e.lead_id
     where e.park_id = ${parkId} and (e.at at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date and ${leadFilter('l')}`.execute(ctx.db);
  let signedQuery = ctx.db
    .selectFrom('investment_leads as l')
    .select(['l.id', 'l.code', 'l.project_name', 'l.investor', 'l.chain', 'l.amount_fen', 'l.signed_on', 'l.source', 'l.project_id'])
    .where('l.park_id', '=', parkId)
    .where('l.status', '=', 'signed')
    .where('l.signed_on', '>=', q.from)
    .where('l.signed_on', '<=', q.to);
  if (q.chain) signedQuery = signedQuery.where('l.chain', '=', q.chain);
  if (q.source) signedQuery = signedQuery.where('l.source', '=', q.source);
  const signedRows = await signedQuery.orderBy('l.signed_on').orderBy('l.code').execute();
  const signed = cell();
  const signedOnline = cell();
  for (const r of signedRows) {
    add(signed, Number(r.amount_fen));
    if (r.source === 'online') add(signedOnline, Number(r.amount_fen));
  }
  const n = negotiations.rows[0] ?? { total: 0, online: 0 };
  const st = steps.rows[0] ?? { submissions: 0, approvals: 0 };
  return {
    from: q.from,
    to: q.to,
    chain: q.chain ?? null,
    source: q.source ?? null,
    total: funnelOf(cohort),
    byChain,
    activity: {
      negotiations: Number(n.total),
      onlineNegotiations: Number(n.online),
      onlineNegotiationSharePercent: percent(Number(n.online), Number(n.total)),
      committeeSubmissions: Number(st.submissions),
      approvals: Number(st.approvals),
      signed,
      signedOnline,
    },
    signings: signedRows.map((r) => ({
      leadId: r.id,
      code: r.code,
      projectName: r.project_name,
      investor: r.investor,
      chainLabel: r.chain ? (labels.get(r.chain) ?? r.chain) : null,
      amountFen: Number(r.amount_fen),
      signedOn: r.signed_on!,
      source: r.source as LeadSource,
      projectId: r.project_id,
    })),
  };
}

const YUAN = '#,##0.00';
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** 招商漏斗.xlsx: the funnel, the funnel by chain, and the period's signings. */
export async function funnelWorkbook(f: LeadFunnel, chainLabel: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const title = `招商漏斗 ${f.from} 至 ${f.to}${chainLabel ? ` · ${chainLabel}` : ''}${f.source ? ` · ${LEAD_SOURCE_LABELS[f.source]}` : ''}`;

  const ws = wb.addWorksheet('漏斗');
  ws.columns = [{ width: 18 }, { width: 12 }, { width: 20 }, { width: 14 }];
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.addRow(['口径:期间内收到的线索,各阶段按截至导出日曾到达该阶段计数(放弃的线索计入其放弃前到达的阶段)']);
  const h = ws.addRow(['阶段', '线索数', '意向投资额(元)', '上一阶段转化率']);
  h.font = { bold: true };
  for (const s of FUNNEL_STAGES) ws.addRow([FUNNEL_STAGE_LABELS[s], f.total[s].count, fenToYuanCell(f.total[s].amountFen), pct(f.total.stepRates[s])]);
  ws.addRow(['已放弃', f.total.dropped.count, fenToYuanCell(f.total.dropped.amountFen), '']);
  ws.addRow(['仍在推进', f.total.open.count, fenToYuanCell(f.total.open.amountFen), '']);
  ws.addRow(['签约转化率(签约÷收到)', pct(f.total.conversionPercent), null, '']);
  ws.addRow(['屏对屏线索', f.total.online.count, fenToYuanCell(f.total.online.amountFen), `占 ${pct(f.total.online.sharePercent)}`]);
  ws.addRow([]);
  const a = ws.addRow(['期间动态(不论线索何时收到)']);
  a.font = { bold: true };
  ws.addRow(['洽谈次数', f.activity.negotiations, null, `屏对屏 ${f.activity.onlineNegotiations} 次(${pct(f.activity.onlineNegotiationSharePercent)})`]);
  ws.addRow(['提交上会', f.activity.committeeSubmissions, null, '']);
  ws.addRow(['过会', f.activity.approvals, null, '']);
  ws.addRow(['签约', f.activity.signed.count, fenToYuanCell(f.activity.signed.amountFen), '']);
  ws.addRow(['其中屏对屏签约', f.activity.signedOnline.count, fenToYuanCell(f.activity.signedOnline.amountFen), '']);
  ws.getColumn(3).numFmt = YUAN;

  const wc = wb.addWorksheet('按产业链');
  wc.columns = [{ width: 16 }, ...FUNNEL_STAGES.flatMap(() => [{ width: 10 }, { width: 18 }]), { width: 10 }, { width: 12 }, { width: 12 }];
  const head = wc.addRow(['产业链', ...FUNNEL_STAGES.flatMap((s) => [`${FUNNEL_STAGE_LABELS[s]}(个)`, `${FUNNEL_STAGE_LABELS[s]}(元)`]), '已放弃(个)', '签约转化率', '屏对屏占比']);
  head.font = { bold: true };
  for (const c of [...f.byChain, { chainLabel: '合计', ...f.total }]) {
    const row = wc.addRow([c.chainLabel, ...FUNNEL_STAGES.flatMap((s) => [c[s].count, fenToYuanCell(c[s].amountFen)]), c.dropped.count, pct(c.conversionPercent), pct(c.online.sharePercent)]);
    if (c.chainLabel === '合计') row.font = { bold: true };
  }
  FUNNEL_STAGES.forEach((_, i) => {
    wc.getColumn(3 + i * 2).numFmt = YUAN;
  });
  wc.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];

  const wsign = wb.addWorksheet('期间签约');
  wsign.columns = [{ width: 18 }, { width: 30 }, { width: 24 }, { width: 14 }, { width: 18 }, { width: 12 }, { width: 14 }];
  const sh = wsign.addRow(['线索编号', '项目名称', '投资方', '产业链', '投资额(元)', '签约日期', '来源']);
  sh.font = { bold: true };
  for (const s of f.signings) wsign.addRow([s.code, s.projectName, s.investor, s.chainLabel ?? '', fenToYuanCell(s.amountFen), s.signedOn, LEAD_SOURCE_LABELS[s.source]]);
  wsign.getColumn(5).numFmt = YUAN;
  return writeXlsx(wb);
}
