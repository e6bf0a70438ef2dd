import ExcelJS from 'exceljs';
import { fenToYuanCell, formatYuan, type BridgePoolStatement } from '@yuanqi/contract';
import { writeXlsx } from '../../../platform/xlsx.js';

const YUAN = '#,##0.00';
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 转贷资金池明细账: title, opening row, one row per entry (in/out by kind), totals, closing row. */
export async function poolStatementWorkbook(s: BridgePoolStatement): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const ws = wb.addWorksheet('资金池明细账');
  ws.columns = [{ width: 8 }, { width: 18 }, { width: 10 }, { width: 18 }, { width: 30 }, { width: 36 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }];
  ws.mergeCells('A1:K1');
  ws.getCell('A1').value = `${s.pool.name}(${s.pool.code})明细账`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:K2');
  ws.getCell('A2').value = `期间 ${s.from} 至 ${s.to} · 当前资本 ${formatYuan(s.pool.capitalFen)} · 可用 ${formatYuan(s.pool.availableFen)} · 在贷 ${formatYuan(s.pool.lentFen)} · 累计费用收入 ${formatYuan(s.pool.feeIncomeFen)}`;
  ws.getCell('A2').alignment = { horizontal: 'center' };
  const header = ws.addRow(['序号', '时间', '类型', '转贷编号', '企业', '摘要', '流入可用(元)', '流出可用(元)', '可用余额(元)', '在贷余额(元)', '费用收入(元)']);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
  });
  const o = ws.addRow(['', '', '期初', '', '', '期初余额', null, null, fenToYuanCell(s.opening.availableFen), fenToYuanCell(s.opening.lentFen), fenToYuanCell(s.opening.feeIncomeFen)]);
  o.font = { italic: true };
  for (const e of s.entries) {
    const inflow = e.kind === 'capital' || e.kind === 'repay';
    const outflow = e.kind === 'withdraw' || e.kind === 'disburse';
    ws.addRow([
      e.seq,
      shanghai(e.createdAt),
      e.kindLabel,
      e.loanNumber ?? '',
      e.enterpriseName ?? '',
      e.memo ?? '',
      inflow ? fenToYuanCell(e.amountFen) : null,
      outflow ? fenToYuanCell(e.amountFen) : null,
      fenToYuanCell(e.availableAfterFen),
      fenToYuanCell(e.lentAfterFen),
      fenToYuanCell(e.feeIncomeAfterFen),
    ]);
  }
  const t = ws.addRow(['', '', '本期合计', '', '', `${s.entries.length} 笔;费用 ${formatYuan(s.totals.fee)},逾期费 ${formatYuan(s.totals.penalty)}`, fenToYuanCell(s.totals.capital + s.totals.repay), fenToYuanCell(s.totals.withdraw + s.totals.disburse), null, null, null]);
  t.font = { bold: true };
  const c = ws.addRow(['', '', '期末', '', '', '期末余额', null, null, fenToYuanCell(s.closing.availableFen), fenToYuanCell(s.closing.lentFen), fenToYuanCell(s.closing.feeIncomeFen)]);
  c.font = { bold: true };
  for (const col of [7, 8, 9, 10, 11]) ws.getColumn(col).numFmt = YUAN;
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return writeXlsx(wb);
}
