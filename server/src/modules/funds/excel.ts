import ExcelJS from 'exceljs';
import { writeXlsx } from '../../platform/xlsx.js';
import {
  FUND_SOURCE_LABELS,
  LEDGER_KIND_LABELS,
  PAYOUT_SOURCE_LABELS,
  PAYOUT_STATUS_LABELS,
  fenToYuanCell,
  formatYuan,
  type FundStatement,
  type PayoutView,
} from '@yuanqi/contract';

const YUAN = '#,##0.00';
const toYuan = fenToYuanCell;
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** 资金明细账: title, fund facts, opening row, one row per entry, closing row and totals. */
export async function statementWorkbook(s: FundStatement): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('资金明细账');
  ws.columns = [
    { width: 8 },
    { width: 18 },
    { width: 12 },
    { width: 16 },
    { width: 30 },
    { width: 36 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 18 },
    { width: 16 },
    { width: 18 },
  ];
  const period = `${s.from ?? '建账起'} 至 ${s.to ?? '今'}`;
  ws.mergeCells('A1:L1');
  ws.getCell('A1').value = `${s.fund.name}(${s.fund.code})资金明细账`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:L2');
  ws.getCell('A2').value = `年度 ${s.fund.year} · 来源 ${FUND_SOURCE_LABELS[s.fund.source]} · 期间 ${period} · 预算 ${formatYuan(s.fund.budgetFen)} · 已拨付 ${formatYuan(s.fund.paidFen)}`;
  ws.getCell('A2').alignment = { horizontal: 'center' };
  const header = ws.addRow(['序号', '日期', '类型', '凭证号', '企业', '摘要', '收入(元)', '支出(元)', '预留变动(元)', '余额(元)', '已预留(元)', '可用(元)']);
  styleHeader(header);
  const opening = ws.addRow(['', '', '期初', '', '', '期初余额', null, null, null, toYuan(s.opening.balanceFen), toYuan(s.opening.reservedFen), toYuan(s.opening.availableFen)]);
  opening.font = { italic: true };
  for (const e of s.entries) {
    ws.addRow([
      e.seq,
      shanghai(e.createdAt),
      LEDGER_KIND_LABELS[e.kind],
      e.voucherNumber ?? '',
      e.enterpriseName ?? '',
      e.memo ?? '',
      e.amountFen > 0 ? toYuan(e.amountFen) : null,
      e.amountFen < 0 ? toYuan(-e.amountFen) : null,
      e.reservedDeltaFen !== 0 ? toYuan(e.reservedDeltaFen) : null,
      toYuan(e.balanceAfterFen),
      toYuan(e.reservedAfterFen),
      toYuan(e.availableAfterFen),
    ]);
  }
  const totals = ws.addRow(['', '', '本期合计', '', '', `${s.totals.count} 笔`, toYuan(s.totals.inFen), toYuan(s.totals.outFen), toYuan(s.closing.reservedFen - s.opening.reservedFen), null, null, null]);
  totals.font = { bold: true };
  const closing = ws.addRow(['', '', '期末', '', '', '期末余额', null, null, null, toYuan(s.closing.balanceFen), toYuan(s.closing.reservedFen), toYuan(s.closing.availableFen)]);
  closing.font = { bold: true };
  for (const col of [7, 8, 9, 10, 11, 12]) ws.getColumn(col).numFmt = YUAN;
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return writeXlsx(wb);
}

export async function payoutsWorkbook(items: PayoutView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('拨付记录');
  ws.columns = [
    { header: '凭证号', key: 'no', width: 16 },
    { header: '拨付时间', key: 'at', width: 18 },
    { header: '企业', key: 'firm', width: 32 },
    { header: '专项资金', key: 'fund', width: 22 },
    { header: '来源', key: 'source', width: 12 },
    { header: '政策', key: 'policy', width: 30 },
    { header: '兑付期间', key: 'period', width: 12 },
    { header: '金额(元)', key: 'amount', width: 16, style: { numFmt: YUAN } },
    { header: '收款户名', key: 'accountName', width: 30 },
    { header: '开户银行', key: 'bank', width: 24 },
    { header: '收款账号', key: 'accountNo', width: 24 },
    { header: '状态', key: 'status', width: 10 },
    { header: '摘要', key: 'memo', width: 36 },
    { header: '退回原因', key: 'reason', width: 24 },
  ];
  styleHeader(ws.getRow(1));
  for (const p of items) {
    ws.addRow({
      no: p.voucherNumber,
      at: shanghai(p.paidAt),
      firm: p.enterpriseName,
      fund: p.fundName,
      source: PAYOUT_SOURCE_LABELS[p.source],
      policy: p.policyTitle ?? '',
      period: p.periodKey,
      amount: toYuan(p.amountFen),
      accountName: p.accountName,
      bank: p.bankName,
      accountNo: p.accountNo,
      status: PAYOUT_STATUS_LABELS[p.status],
      memo: p.memo ?? '',
      reason: p.reversalReason ?? '',
    });
  }
  const paid = items.filter((p) => p.status === 'paid').reduce((s, p) => s + p.amountFen, 0);
  const total = ws.addRow({ no: '合计', firm: `${items.length} 笔(已拨付 ${items.filter((p) => p.status === 'paid').length} 笔)`, amount: toYuan(paid) });
  total.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return writeXlsx(wb);
}
