import type { DemandStats, DemandStatsRow } from '@yuanqi/contract';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../../platform/xlsx.js';

const pct = (rate: number | null) => (rate === null ? '' : rate);

function demandColumns(row: DemandStatsRow): (string | number)[] {
  return [row.filed, row.resolved, row.resolvedOnTime, pct(row.onTimeRate), row.averageAnswerWorkingDays ?? '', row.open, row.overdueOpen, row.escalated];
}

const DEMAND_HEADERS = ['受理诉求', '办结(答复)', '按期办结', '按期办结率', '平均答复工作日', '在办', '在办逾期', '曾升级调度'];

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function percentFormat(sheet: ExcelJS.Worksheet, columns: number[]): void {
  for (const c of columns) sheet.getColumn(c).numFmt = '0.0%';
}

/** The statistics as a workbook: overview, by category, by officer — the same figures as the JSON. */
export async function buildStatsWorkbook(stats: DemandStats, title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '园企通 Yuanqi';
  book.created = new Date();

  const overview = book.addWorksheet('总览');
  overview.getColumn(1).width = 28;
  overview.getColumn(2).width = 22;
  overview.addRow([title]);
  overview.mergeCells('A1:B1');
  overview.getRow(1).font = { bold: true, size: 14 };
  overview.addRow(['指标', '数值']).font = { bold: true };
  const s = stats.satisfaction;
  const rows: [string, string | number, boolean?][] = [
    ['统计区间', `${stats.from} 至 ${stats.to}`],
    ['入企走访(人次)', stats.visits.count],
    ['走访企业(家)', stats.visits.enterprises],
    ['代办事项(件)', stats.daiban],
    ['受理诉求(件)', stats.demands.filed],
    ['办结(答复)诉求(件)', stats.demands.resolved],
    ['按期办结(件)', stats.demands.resolvedOnTime],
    ['按期办结率', stats.demands.onTimeRate ?? '—', true],
    ['平均答复工作日', stats.demands.averageAnswerWorkingDays ?? '—'],
    ['在办诉求(件)', stats.demands.open],
    ['在办逾期(件)', stats.demands.overdueOpen],
    ['曾升级调度(件)', stats.demands.escalated],
    ['已评价(件)', s.rated],
    ['好评(件)', s.good],
    ['差评(件)', s.bad],
    ['未评(件)', s.unrated],
    ['好评率', s.goodRate ?? '—', true],
  ];
  for (const [k, v, percent] of rows) {
    const added = overview.addRow([k, v]);
    if (percent) added.getCell(2).numFmt = '0.0%';
  }

  const byCategory = book.addWorksheet('按类别');
  byCategory.addRow(['类别', ...DEMAND_HEADERS]);
  for (const row of stats.byCategory) byCategory.addRow([row.label, ...demandColumns(row)]);
  byCategory.columns.forEach((c, i) => (c.width = i === 0 ? 16 : 13));
  percentFormat(byCategory, [5]);
  styleHeader(byCategory);

  const byOfficer = book.addWorksheet('按专员');
  byOfficer.addRow(['专员', '走访(人次)', '走访企业', '代办', ...DEMAND_HEADERS, '已评价', '差评', '未评', '好评率']);
  for (const row of stats.byOfficer) {
    const sat = row.satisfaction;
    byOfficer.addRow([row.displayName, row.visits, row.visitedEnterprises, row.daiban, ...demandColumns(row), sat?.rated ?? 0, sat?.bad ?? 0, sat?.unrated ?? 0, sat?.goodRate ?? '']);
  }
  byOfficer.columns.forEach((c, i) => (c.width = i === 0 ? 18 : 12));
  percentFormat(byOfficer, [8, 16]);
  styleHeader(byOfficer);

  return writeXlsx(book);
}
