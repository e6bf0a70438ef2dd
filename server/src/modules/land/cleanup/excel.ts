import ExcelJS from 'exceljs';
import {
  LAND_CLEANUP_OUTCOME_LABELS,
  LAND_CLEANUP_REASON_LABELS,
  LAND_CLEANUP_STATUS_LABELS,
  LAND_CLEANUP_STATUSES,
  fenToYuanCell,
  type CleanupCampaignDetail,
  type CleanupCaseView,
} from '@yuanqi/contract';
import { writeXlsx } from '../../../platform/xlsx.js';

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
}

/**
 * 专项行动 export: a 统计 sheet (the computed figures, the report sentence, cases by state) and a
 * 清理案件 sheet (one row per case: parcel, firm, 亩, reason, state, each step's date, outcome,
 * deadline, compensation in 元, recovered 亩, new project and its amount in 元).
 */
export async function campaignWorkbook(parkName: string, campaign: CleanupCampaignDetail, cases: CleanupCaseView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const f = campaign.figures;
  const stats = wb.addWorksheet('统计');
  stats.columns = [{ width: 24 }, { width: 60 }];
  stats.addRow([`${parkName} ${campaign.name}`]).font = { bold: true, size: 14 };
  stats.addRow(['编号', campaign.code]);
  stats.addRow(['期间', `${campaign.startedOn} 至 ${campaign.endsOn ?? '—'}`]);
  stats.addRow(['工作成效', f.sentence]);
  const head = stats.addRow(['指标', '数值']);
  styleHeader(head);
  const rows: [string, number, string?][] = [
    ['待认定候选地块(宗)', f.candidates],
    ['清理案件(件)', f.cases],
    ['收回宗数(宗)', f.recoveredParcels],
    ['收回面积(亩)', f.recoveredMu, '0.0000'],
    ['协议收回补偿(元)', fenToYuanCell(f.compensationFen), '#,##0.00'],
    ['再出让(宗)', f.reallocatedParcels],
    ['导入项目(个)', f.projects],
    ['导入项目投资额(元)', fenToYuanCell(f.projectsAmountFen), '#,##0.00'],
    ['其中:20亿元项目(个)', f.projectsByClass.b20],
    ['其中:10亿元项目(个)', f.projectsByClass.b10],
    ['其中:其他项目(个)', f.projectsByClass.other],
    ['限期开工逾期(件)', f.overdue],
    ...LAND_CLEANUP_STATUSES.map((s): [string, number] => [`案件·${LAND_CLEANUP_STATUS_LABELS[s]}(件)`, f.byStatus[s]]),
  ];
  for (const [label, value, format] of rows) {
    const r = stats.addRow([label, value]);
    if (format) r.getCell(2).numFmt = format;
  }

  const sheet = wb.addWorksheet('清理案件');
  const columns = ['案件编号', '地块', '企业', '面积(亩)', '列入原因', '状态', '认定日期', '告知日期', '约谈日期', '处置方式', '开工期限', '补偿(元)', '收回日期', '收回面积(亩)', '再出让日期', '再出让项目', '项目投资额(元)'];
  sheet.columns = columns.map((_, i) => ({ width: [16, 14, 28, 12, 12, 10, 12, 12, 12, 10, 12, 16, 12, 12, 12, 28, 18][i] }));
  styleHeader(sheet.addRow(columns));
  for (const c of cases) {
    const row = sheet.addRow([
      c.caseNo,
      c.parcelCode,
      c.enterpriseName ?? '',
      c.areaMu,
      LAND_CLEANUP_REASON_LABELS[c.reason],
      LAND_CLEANUP_STATUS_LABELS[c.status],
      c.identifiedOn,
      c.notifiedOn ?? '',
      c.interviewedOn ?? '',
      c.outcome ? LAND_CLEANUP_OUTCOME_LABELS[c.outcome] : '',
      c.startDeadline ?? '',
      c.compensationFen === null ? null : fenToYuanCell(c.compensationFen),
      c.recoveredOn ?? '',
      c.recoveredMu,
      c.reallocatedOn ?? '',
      c.newProjectName ?? '',
      c.newProjectAmountFen === null ? null : fenToYuanCell(c.newProjectAmountFen),
    ]);
    row.getCell(4).numFmt = '0.0000';
    row.getCell(12).numFmt = '#,##0.00';
    row.getCell(14).numFmt = '0.0000';
    row.getCell(17).numFmt = '#,##0.00';
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return writeXlsx(wb);
}
