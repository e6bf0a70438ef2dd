import type { ItemStatsFigures, ItemStatsQuery, ItemStatsResponse, ItemStatsRow, ItemStatsSort } from '@yuanqi/contract';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../../platform/xlsx.js';
import { CASE_KIND_LABELS } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { startOfShanghaiDay } from '../../../platform/calendar/index.js';
import { itemFigures, itemFiguresPage, type ItemFigureRow } from './item-stats-repository.js';
import { foldText, normalizeQuery, queryTermsOf } from '../catalogue/search-terms.js';

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

type Additive = Pick<ItemFigureRow, 'finished' | 'days_sum' | 'days_count' | 'within' | 'judged' | 'zero_visits' | 'one_visit' | 'backlog' | 'overdue_open'>;

function figures(r: Additive): ItemStatsFigures {
  return {
    finished: r.finished,
    avgWorkingDays: r.days_count > 0 ? round(r.days_sum / r.days_count, 2) : null,
    withinLimitShare: share(r.within, r.judged),
    zeroVisitShare: share(r.zero_visits, r.finished),
    oneVisitShare: share(r.one_visit, r.finished),
    backlog: r.backlog,
    overdueOpen: r.overdue_open,
  };
}

// compared unrounded: 1.004 days against a 1-day promise is over it
export const isOver = (r: ItemFigureRow) => r.days_count > 0 && r.days_sum / r.days_count > r.committed_days;

function presentRow(r: ItemFigureRow): ItemStatsRow {
  return {
    itemId: r.item_id,
    code: r.code,
    name: r.name,
    department: r.department,
    caseKind: r.case_kind,
    committedDays: r.committed_days,
    legalDays: r.legal_days,
    ...figures(r),
    overCommitted: isOver(r),
  };
}

/** Park totals weighted by cases: sums of the additive figures, not an average of averages. */
export function totalsOf(rows: ItemFigureRow[]): ItemStatsResponse['totals'] {
  const sum: Additive = { finished: 0, days_sum: 0, days_count: 0, within: 0, judged: 0, zero_visits: 0, one_visit: 0, backlog: 0, overdue_open: 0 };
  for (const r of rows) for (const k of Object.keys(sum) as (keyof Additive)[]) sum[k] += r[k];
  return { items: rows.length, ...figures(sum) };
}

const mean = (r: ItemFigureRow) => (r.days_count > 0 ? r.days_sum / r.days_count : null);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Sort keys; null (no figures) always last, ties by code. */
const SORT_KEY: Record<ItemStatsSort, { key: (r: ItemFigureRow) => number | null; desc: boolean }> = {
  code: { key: () => 0, desc: false },
  '-finished': { key: (r) => r.finished, desc: true },
  '-avgWorkingDays': { key: mean, desc: true },
  '-overRatio': { key: (r) => (r.days_count > 0 ? r.days_sum / r.days_count / Math.max(r.committed_days, 1) : null), desc: true },
  withinLimitShare: { key: (r) => ratio(r.within, r.judged), desc: false },
  '-backlog': { key: (r) => r.backlog, desc: true },
  '-overdueOpen': { key: (r) => r.overdue_open * 1e6 + r.backlog, desc: true },
  zeroVisitShare: { key: (r) => ratio(r.zero_visits, r.finished), desc: false },
};

export function sortRows(rows: ItemFigureRow[], sort: ItemStatsSort): ItemFigureRow[] {
  const { key, desc } = SORT_KEY[sort];
  const byCode = (a: ItemFigureRow, b: ItemFigureRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return byCode(a, b);
    if (ka === null) return 1;
    if (kb === null) return -1;
    return (desc ? kb - ka : ka - kb) || byCode(a, b);
  });
}

/** [from, to) of the Shanghai dates `from` … `to`. */
const rangeOf = (from: string, to: string) => ({ from: startOfShanghaiDay(from), to: new Date(startOfShanghaiDay(to).getTime() + 86_400_000) });

/**
 * The word search and the export filter the park's whole table on folded names here, so that table
 * is kept per process for 30 s per range: typing a few words costs one computation, and identical
 * requests arriving together share it (backlog and overdue then at most 30 s old). A page without
 * words never uses it: PostgreSQL filters, sorts and cuts it on every request (`itemFiguresPage`).
 */
const FIGURES_TTL_MS = 30_000;
const FIGURES_CACHE_MAX = 200;
const figuresCache = new Map<string, { at: number; rows: Promise<ItemFigureRow[]> }>();

function parkFigures(ctx: AppContext, parkId: string, from: string, to: string): Promise<ItemFigureRow[]> {
  const key = `${parkId}|${from}|${to}`;
  const hit = figuresCache.get(key);
  if (hit && Date.now() - hit.at < FIGURES_TTL_MS) return hit.rows;
  const rows = itemFigures(ctx.db, parkId, rangeOf(from, to), ctx.clock.now());
  figuresCache.set(key, { at: Date.now(), rows });
  rows.catch(() => figuresCache.delete(key));
  if (figuresCache.size > FIGURES_CACHE_MAX) figuresCache.delete(figuresCache.keys().next().value!);
  return rows;
}

/** Filters (department, words in the name or code, over the promise) and sorts the park's table. */
async function selectRows(ctx: AppContext, actor: Actor, query: Omit<ItemStatsQuery, 'page' | 'pageSize'>): Promise<ItemFigureRow[]> {
  let rows = await parkFigures(ctx, actor.parkId, query.from, query.to);
  if (query.department) rows = rows.filter((r) => r.department === query.department);
  const text = query.q ? normalizeQuery(query.q) : '';
  if (text) {
    const terms = queryTermsOf(text);
    const code = foldText(query.q!);
    rows = rows.filter((r) => {
      const name = foldText(r.name);
      return name.includes(text) || foldText(r.code).includes(code) || (terms.length > 0 && terms.every((t) => name.includes(t)));
    });
  }
  if (query.overOnly) rows = rows.filter(isOver);
  return sortRows(rows, query.sort ?? 'code');
}

/**
 * 事项效能: per item, the cases finished (with a decision) between `from` and `to`, their average
 * working days against the committed limit, the share within it, 一次不跑 and 只跑一次 shares, and
 * the backlog open now with its overdue part; park totals weighted by cases.
 */
export async function itemStatistics(ctx: AppContext, actor: Actor, query: ItemStatsQuery): Promise<ItemStatsResponse> {
  if (!query.q || !normalizeQuery(query.q)) {
    // no word filter: the page is filtered, sorted and cut by PostgreSQL, computed on every request
    const { rows, totals } = await itemFiguresPage(ctx.db, actor.parkId, rangeOf(query.from, query.to), ctx.clock.now(), {
      department: query.department || undefined,
      overOnly: query.overOnly,
      sort: query.sort ?? 'code',
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    const { items, ...sums } = totals;
    return { items: rows.map(presentRow), total: items, page: query.page, pageSize: query.pageSize, totals: { items, ...figures(sums) }, from: query.from, to: query.to };
  }
  const rows = await selectRows(ctx, actor, query);
  const offset = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(offset, offset + query.pageSize).map(presentRow),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
    totals: totalsOf(rows),
    from: query.from,
    to: query.to,
  };
}

const pct = (v: number | null) => (v === null ? null : v);

/** The same table as .xlsx (every item under the filter, totals in the last row). */
export async function exportItemStatistics(ctx: AppContext, actor: Actor, query: Omit<ItemStatsQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const rows = await selectRows(ctx, actor, query);
  const totals = totalsOf(rows);
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
  return writeXlsx(workbook);
}
