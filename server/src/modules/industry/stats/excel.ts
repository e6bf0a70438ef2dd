import ExcelJS from 'exceljs';
import { statsDisplayNumber, type IndustryRankingsView, type IndustryStatsView } from '@yuanqi/contract';
import { writeXlsx } from '../../../platform/xlsx.js';

const COLUMNS = ['指标', '计量单位', '本月', '同期', '增速(%)', '累计', '同期累计', '累计增速(%)'];

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
}

const numberFormat = (unit: string, decimals: number) => (unit === 'fen' ? '#,##0.00' : decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');
const display = (v: number | null, unit: string, decimals: number) => (v === null ? null : statsDisplayNumber(v, unit, decimals));

/**
 * 经济运行主要指标 in the statistics office's layout: one sheet per chain (全园区 first) — a title
 * row "XX园区 2026年1–10月经济运行主要指标", a note row of firms reported, then 指标, 计量单位, 本月,
 * 同期, 增速(%), 累计, 同期累计, 累计增速(%); money in 万元 with two decimals, growth one decimal —
 * and a 企业排名 sheet (工业总产值, 累计 order).
 */
export async function statsWorkbook(parkName: string, view: IndustryStatsView, ranking: { month: IndustryRankingsView; ytd: IndustryRankingsView }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '园企通';
  const period = view.period!;
  const title = `${parkName} ${view.ytdLabel}经济运行主要指标`;
  const usedNames = new Set<string>();
  for (const g of view.groups) {
    let name = g.label.replace(/[\\/?*[\]:]/g, '').slice(0, 28) || '产业链';
    while (usedNames.has(name)) name = `${name}_`;
    usedNames.add(name);
    const ws = wb.addWorksheet(name);
    ws.columns = [{ width: 18 }, { width: 10 }, { width: 16 }, { width: 16 }, { width: 10 }, { width: 16 }, { width: 16 }, { width: 12 }];
    ws.mergeCells('A1:H1');
    ws.getCell('A1').value = g.chain ? `${title}(${g.label})` : title;
    ws.getCell('A1').font = { bold: true, size: 14 };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.mergeCells('A2:H2');
    ws.getCell('A2').value = `统计月份:${period.slice(0, 4)}年${Number(period.slice(5, 7))}月;应报企业${g.expected}家,已报送${g.reported}家,已审核通过${g.accepted}家(数据为审核通过的企业月报合计;同期、增速按可比口径,即同一批企业上年同期数计算)`;
    ws.getCell('A2').alignment = { horizontal: 'left', wrapText: true };
    ws.getRow(2).height = 32;
    styleHeader(ws.addRow(COLUMNS));
    for (const r of g.rows) {
      const row = ws.addRow([
        r.label,
        r.unitLabel,
        display(r.current, r.unit, r.decimals),
        display(r.lastYear, r.unit, r.decimals),
        r.yoyPct,
        display(r.ytd, r.unit, r.decimals),
        display(r.ytdLastYear, r.unit, r.decimals),
        r.ytdYoyPct,
      ]);
      const fmt = numberFormat(r.unit, r.decimals);
      for (const c of [3, 4, 6, 7]) row.getCell(c).numFmt = fmt;
      for (const c of [5, 8]) row.getCell(c).numFmt = '0.0';
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { bottom: { style: 'hair' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
  }
  const rk = wb.addWorksheet('企业排名');
  rk.columns = [{ width: 6 }, { width: 36 }, { width: 12 }, { width: 16 }, { width: 10 }, { width: 16 }, { width: 12 }];
  rk.mergeCells('A1:G1');
  rk.getCell('A1').value = `${parkName} ${view.ytdLabel}企业${ranking.ytd.indicator.label}排名`;
  rk.getCell('A1').font = { bold: true, size: 14 };
  rk.getCell('A1').alignment = { horizontal: 'center' };
  const unit = ranking.ytd.indicator.unitLabel;
  styleHeader(rk.addRow(['名次', '企业名称', '产业链', `本月(${unit})`, '同比(%)', `累计(${unit})`, '累计增速(%)']));
  const monthBy = new Map(ranking.month.rows.map((r) => [r.enterpriseId, r]));
  const { unit: u, decimals } = ranking.ytd.indicator;
  for (const r of ranking.ytd.rows) {
    const m = monthBy.get(r.enterpriseId);
    const row = rk.addRow([r.rank, r.enterpriseName, r.chainLabel ?? '', m ? display(m.value, u, decimals) : null, m?.yoyPct ?? null, display(r.value, u, decimals), r.yoyPct]);
    row.getCell(4).numFmt = numberFormat(u, decimals);
    row.getCell(6).numFmt = numberFormat(u, decimals);
    row.getCell(5).numFmt = '0.0';
    row.getCell(7).numFmt = '0.0';
  }
  return writeXlsx(wb);
}
