import type { ItemStatsFigures, ItemStatsQuery, ItemStatsResponse, ItemStatsRow } from '@yuanqi/contract';
import ExcelJS from 'exceljs';
import { CASE_KIND_LABELS } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { startOfShanghaiDay } from '../../platform/calendar/index.js';
import { itemStats, type ItemStatsDbRow, type ItemStatsFilter } from './item-stats-repository.js';
import { normalizeQuery, queryTermsOf } from './search-terms.js';

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

function figures(r: { finished: number; days_sum: number; days_count: number; within: number; judged: number; zero_visits: number; one_visit: number; backlog: number; overdue_open: number }): ItemStatsFigures {
  const finished = Number(r.finished);
  const daysCount = Number(r.days_count);
  return {
    finished,
    avgWorkingDays: daysCount > 0 ? round(Number(r.days_sum) / daysCount, 2) : null,
    withinLimitShare: share(Number(r.within), Number(r.judged)),
    zeroVisitShare: share(Number(r.zero_visits), finished),
    oneVisitShare: share(Number(r.one_visit), finished),
    backlog: Number(r.backlog),
    overdueOpen: Number(r.overdue_open),
  };
}

function presentRow(r: ItemStatsDbRow): ItemStatsRow {
  const f = figures(r);
  const daysCount = Number(r.days_count);
  return {
    itemId: r.item_id,
    code: r.code,
    name: r.name,
    department: r.department,
    caseKind: r.case_kind,
    committedDays: r.committed_days,
    legalDays: r.legal_days,
    ...f,
    // compared unrounded: 1.004 days against a 1-day promise is over it
    overCommitted: daysCount > 0 && Number(r.days_sum) / daysCount > r.committed_days,
  };
}

function totalsOf(r: ItemStatsDbRow | undefined): ItemStatsResponse['totals'] {
  if (!r) return { items: 0, finished: 0, avgWorkingDays: null, withinLimitShare: null, zeroVisitShare: null, oneVisitShare: null, backlog: 0, overdueOpen: 0 };
  return {
    items: Number(r.items_total),
    ...figures({
      finished: r.t_finished,
      days_sum: r.t_days_sum,
      days_count: r.t_days_count,
      within: r.t_within,
      judged: r.t_judged,
      zero_visits: r.t_zero_visits,
      one_visit: r.t_one_visit,
      backlog: r.t_backlog,
      overdue_open: r.t_overdue_open,
    }),
  };
}

function filterOf(ctx: AppContext, query: Omit<ItemStatsQuery, 'page' | 'pageSize'>, limit: number | null, offset: number): ItemStatsFilter {
  const text = query.q ? normalizeQuery(query.q) : '';
  return {
    from: startOfShanghaiDay(query.from),
    to: new Date(startOfShanghaiDay(query.to).getTime() + 86_400_000),
    now: ctx.clock.now(),
    department: query.department,
    q: text ? { text, terms: queryTermsOf(text) } : undefined,
    overOnly: query.overOnly,
    sort: query.sort ?? 'code',
    limit,
    offset,
  };
}

/**
 * 事项效能: per item, the cases finished (with a decision) between `from` and `to`, their average
 * working days against the committed limit, the share within it, 一次不跑 and 只跑一次 shares, and
 * the backlog open now with its overdue part; park totals weighted by cases.
 */
export async function itemStatistics(ctx: AppContext, actor: Actor, query: ItemStatsQuery): Promise<ItemStatsResponse> {
  const offset = (query.page - 1) * query.pageSize;
  let rows = await itemStats(ctx.db, actor.parkId, filterOf(ctx, query, query.pageSize, offset));
  let totalsRow = rows[0];
  if (!totalsRow && offset > 0) {
    rows = [];
    totalsRow = (await itemStats(ctx.db, actor.parkId, filterOf(ctx, query, 1, 0)))[0];
  }
  const totals = totalsOf(totalsRow);
  return { items: rows.map(presentRow), total: totals.items, page: query.page, pageSize: query.pageSize, totals, from: query.from, to: query.to };
}

const pct = (v: number | null) => (v === null ? null : v);

/** The same table as .xlsx (every item under the filter, totals in the last row). */
export async function exportItemStatistics(ctx: AppContext, actor: Actor, query: Omit<ItemStatsQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const rows = await itemStats(ctx.db, actor.parkId, filterOf(ctx, query, null, 0));
  const totals = totalsOf(rows[0]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = workbook.addWorksheet('事项效能');
  sheet.addRow([`事项效能统计 ${query.from} 至 ${query.to}(办结件按办结日期统计;积压件为当前在办)`]);
  sheet.mergeCells(1, 1, 1, 14);
  sheet.getRow(1).font = { bold: true, size: 13 };
  const header = sheet.addRow(['实施编码', '事项名称', '实施主体', '办件类型', '法定时限(工作日)', '承诺时限(工作日)', '办结件数', '平均用时(工作日)', '按时办结率', '一次不跑占比', '只跑一次占比', '在办件', '在办超期', '是否超承诺时限']);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  for (const r of rows.map(presentRow)) {
    const row = sheet.addRow([
      r.code, r.name, r.department, CASE_KIND_LABELS[r.caseKind], r.legalDays, r.committedDays, r.finished, r.avgWorkingDays,
      pct(r.withinLimitShare), pct(r.zeroVisitShare), pct(r.oneVisitShare), r.backlog, r.overdueOpen, r.overCommitted ? '超时' : '',
    ]);
    if (r.overCommitted) row.getCell(8).font = { color: { argb: 'FFC00000' }, bold: true };
  }
  const total = sheet.addRow(['合计', `${totals.items}个事项`, '', '', null, null, totals.finished, totals.avgWorkingDays, totals.withinLimitShare, totals.zeroVisitShare, totals.oneVisitShare, totals.backlog, totals.overdueOpen, '']);
  total.font = { bold: true };
  const widths = [28, 30, 14, 8, 10, 10, 9, 10, 10, 10, 10, 8, 8, 10];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (const c of [9, 10, 11]) sheet.getColumn(c).numFmt = '0.0%';
  sheet.getColumn(8).numFmt = '0.00';
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
