import ExcelJS from 'exceljs';
import { fenToYuanCell, type FinanceEventDetail, type FinanceStatistics } from '@yuanqi/contract';
import { writeXlsx } from '../../../platform/xlsx.js';

const YUAN = '#,##0.00';

function header(ws: ExcelJS.Worksheet, titles: string[]): void {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

type Line = [label: string, value: number | string | null, unit: string, money?: boolean];

/** A sheet of label / value / unit lines; money lines are 元 number cells. */
function figureSheet(wb: ExcelJS.Workbook, name: string, title: string, lines: Line[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 34 }, { width: 20 }, { width: 10 }];
  ws.addRow([title]).font = { bold: true, size: 13 };
  header(ws, ['指标', '数值', '单位']);
  for (const [label, value, unit, money] of lines) {
    const row = ws.addRow([label, money && typeof value === 'number' ? fenToYuanCell(value) : value, money ? '元' : unit]);
    if (money) row.getCell(2).numFmt = YUAN;
  }
  return ws;
}

const pct = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 1000) / 10);

/** 金融服务统计: one sheet per section (融资对接, 应急转贷, 存铜融, 融资对接会, 金融机构) plus the by-bank tables. */
export async function statisticsWorkbook(s: FinanceStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const period = `${s.from} 至 ${s.to}`;
  const n = s.needs;
  const needs = figureSheet(wb, '融资对接', `融资对接(${period},按发布日期)`, [
    ['发布融资需求', n.needsFiled, '笔'],
    ['需求金额', n.needsAmountFen, '', true],
    ['推送金融机构(次)', n.offersSent, '次'],
    ['按时答复', n.answeredOnTime, '次'],
    ['按时答复率', pct(n.answeredOnTimeShare), '%'],
    ['答复逾期', n.overdueAnswers, '次'],
    ['审批通过', n.approvedCount, '笔'],
    ['审批金额', n.approvedAmountFen, '', true],
    ['婉拒', n.declinedCount, '笔'],
    ['已放款', n.disbursedCount, '笔'],
    ['放款金额', n.disbursedAmountFen, '', true],
    ['发布至放款平均用时', n.workingDays.average, '个工作日'],
    ['发布至放款用时中位数', n.workingDays.median, '个工作日'],
    ['5个工作日内放款', n.workingDays.withinFive, '笔'],
  ]);
  needs.addRow([]);
  header(needs, ['金融机构', '推送', '已答复', '按时答复', '审批笔数', '审批金额(元)', '放款笔数', '放款金额(元)']);
  for (const b of n.byBank) {
    const row = needs.addRow([b.bankName, b.sent, b.answered, b.answeredOnTime, b.approvedCount, fenToYuanCell(b.approvedAmountFen), b.disbursedCount, fenToYuanCell(b.disbursedAmountFen)]);
    row.getCell(6).numFmt = YUAN;
    row.getCell(8).numFmt = YUAN;
  }
  const b = s.bridge;
  figureSheet(wb, '应急转贷', `应急转贷(${period})`, [
    ['受理申请', b.applicationsFiled, '笔'],
    ['审批通过', b.applicationsApproved, '笔'],
    ['驳回或银行不续贷', b.applicationsRejected, '笔'],
    ['放款', b.disbursedCount, '笔'],
    ['放款金额', b.disbursedFen, '', true],
    ['平均使用天数', b.averageDaysUsed, '天'],
    ['归还', b.repaidCount, '笔'],
    ['收取费用', b.feeFen, '', true],
    ['逾期费', b.penaltyFen, '', true],
    ['在贷(当前)', b.outstandingCount, '笔'],
    ['在贷金额(当前)', b.outstandingFen, '', true],
    ['逾期(当前)', b.overdueCount, '笔'],
    ['逾期金额(当前)', b.overdueFen, '', true],
    ['资金池规模', b.poolCapitalFen, '', true],
    ['资金池可用余额', b.poolAvailableFen, '', true],
    ['资金周转次数', b.poolTurnover === null ? null : Math.round(b.poolTurnover * 100) / 100, '次'],
  ]);
  const c = s.copper;
  figureSheet(wb, '存铜融', `存铜融(${period})`, [
    ['在押仓单(当前)', c.activePledges.count, '笔'],
    ['在押重量(当前)', Math.round(c.activePledges.weightKg) / 1000, '吨'],
    ['融资余额(当前)', c.activePledges.outstandingFen, '', true],
    ['当前价格下额度', c.activePledges.currentLimitFen, '', true],
    ['补仓中', c.activePledges.inMarginCall, '笔'],
    ['本期新增质押', c.pledgedInPeriod.count, '笔'],
    ['本期质押融资', c.pledgedInPeriod.loanFen, '', true],
    ['本期补仓通知', c.marginCallsInPeriod.count, '次'],
    ['补仓缺口合计', c.marginCallsInPeriod.shortfallFen, '', true],
    ['已处理', c.marginCallsInPeriod.resolved, '次'],
    ['未处理', c.marginCallsInPeriod.open, '次'],
    ['最新铜价(元/吨)', c.latestPrice ? fenToYuanCell(c.latestPrice.priceFenPerTon) : null, '元/吨'],
    ['期间铜价涨跌', c.priceChange ? Math.round(c.priceChange.percent * 100) / 100 : null, '%'],
  ]);
  figureSheet(wb, '融资对接会', `融资对接会(${period},按举办日期)`, [
    ['举办场次', s.events.count, '场'],
    ['报名企业', s.events.signups, '家'],
    ['签约企业', s.events.signedFirms, '家'],
    ['签约金额', s.events.signedAmountFen, '', true],
  ]);
  figureSheet(wb, '金融机构', '合作金融机构(当前)', [
    ['金融机构合计', s.institutions.total, '家'],
    ['银行', s.institutions.banks, '家'],
    ['担保、保险等其他机构', s.institutions.others, '家'],
    ['战略合作机构', s.institutions.strategic, '家'],
  ]);
  return writeXlsx(wb);
}

/** 对接会签约结果: one row per firm and institution, with the computed totals. */
export async function outcomesWorkbook(e: FinanceEventDetail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('签约结果');
  ws.columns = [{ width: 6 }, { width: 36 }, { width: 26 }, { width: 18 }, { width: 14 }, { width: 22 }, { width: 30 }];
  ws.addRow([`${e.title}(${e.heldOn})签约结果`]).font = { bold: true, size: 13 };
  ws.addRow([`签约企业 ${e.figures.signedFirms} 家 · 签约机构 ${e.figures.signedInstitutions} 家 · 签约 ${e.figures.outcomes} 笔`]);
  header(ws, ['序号', '企业', '金融机构', '签约金额(元)', '签约日期', '合同编号', '备注']);
  e.outcomes.forEach((o, i) => {
    ws.addRow([i + 1, o.enterpriseName, o.bankName, fenToYuanCell(o.signedAmountFen), o.signedOn, o.contractNo ?? '', o.note ?? '']).getCell(4).numFmt = YUAN;
  });
  const total = ws.addRow(['', '合计', `${e.figures.signedFirms} 家企业`, fenToYuanCell(e.figures.signedAmountFen)]);
  total.font = { bold: true };
  total.getCell(4).numFmt = YUAN;
  const bi = wb.addWorksheet('按机构');
  bi.columns = [{ width: 26 }, { width: 10 }, { width: 18 }, { width: 12 }, { width: 18 }];
  header(bi, ['金融机构', '意向笔数', '意向金额(元)', '签约企业', '签约金额(元)']);
  for (const b of e.byInstitution) {
    const row = bi.addRow([b.bankName, b.intentions, fenToYuanCell(b.intentionAmountFen), b.signedFirms, fenToYuanCell(b.signedAmountFen)]);
    row.getCell(3).numFmt = YUAN;
    row.getCell(5).numFmt = YUAN;
  }
  return writeXlsx(wb);
}
