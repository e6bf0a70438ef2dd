import ExcelJS from 'exceljs';
import { writeXlsx } from '../../platform/xlsx.js';
import { RATING_SUBJECT_TYPE_LABELS, type RatingMeasures, type RatingStatsReport } from '@yuanqi/contract';

const GROUP_TITLES: Record<string, string> = { officer: '经办人', category: '类别', department: '部门', subjectType: '评价对象' };

const COLUMNS: { header: string; width: number; value: (m: RatingMeasures) => number | null; percent?: boolean }[] = [
  { header: '办结数', width: 10, value: (m) => m.closed },
  { header: '评价数', width: 10, value: (m) => m.rated },
  { header: '非常满意', width: 10, value: (m) => m.byLevel.very_satisfied },
  { header: '满意', width: 8, value: (m) => m.byLevel.satisfied },
  { header: '基本满意', width: 10, value: (m) => m.byLevel.basic },
  { header: '不满意', width: 8, value: (m) => m.byLevel.dissatisfied },
  { header: '非常不满意', width: 11, value: (m) => m.byLevel.very_dissatisfied },
  { header: '好评率', width: 10, value: (m) => m.goodRate, percent: true },
  { header: '差评数', width: 8, value: (m) => m.bad },
  { header: '按期整改', width: 10, value: (m) => m.rectifiedOnTime },
  { header: '差评整改率', width: 11, value: (m) => m.rectifyRate, percent: true },
  { header: '整改中', width: 8, value: (m) => m.rectifyOpen },
  { header: '整改逾期', width: 10, value: (m) => m.rectifyOverdue },
  { header: '整改满意率', width: 11, value: (m) => m.fixSatisfactionRate, percent: true },
  { header: '未评数', width: 8, value: (m) => m.unrated },
  { header: '评价期内未评', width: 13, value: (m) => m.pending },
  { header: '未评率', width: 10, value: (m) => m.unratedRate, percent: true },
  { header: '申诉移除', width: 10, value: (m) => m.removed },
];

/** The 好差评 statistics as one sheet: a row per group and a 合计 row. */
export async function buildRatingStatsWorkbook(report: RatingStatsReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = workbook.addWorksheet('好差评统计');
  const scope = report.subjectType ? RATING_SUBJECT_TYPE_LABELS[report.subjectType] : '诉求及办件';
  sheet.addRow([`好差评统计(${scope}):${report.from} 至 ${report.to} 办结的事项;未评按${report.asOf.slice(0, 10)}计`]);
  sheet.mergeCells(1, 1, 1, COLUMNS.length + 1);
  sheet.getRow(1).font = { bold: true, size: 13 };
  const header = sheet.addRow([report.groupBy ? GROUP_TITLES[report.groupBy] : '范围', ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  sheet.getColumn(1).width = 24;
  COLUMNS.forEach((c, i) => {
    sheet.getColumn(i + 2).width = c.width;
    if (c.percent) sheet.getColumn(i + 2).numFmt = '0.00%';
  });
  for (const group of report.groups) sheet.addRow([group.label, ...COLUMNS.map((c) => c.value(group))]);
  const total = sheet.addRow(['合计', ...COLUMNS.map((c) => c.value(report.total))]);
  total.font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  return writeXlsx(workbook);
}
