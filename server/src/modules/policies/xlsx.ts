import ExcelJS from 'exceljs';
import {
  GRANT_STATUS_LABELS,
  fenToYuanCell,
  normalizeUscc,
  validateUscc,
  type ExemptionRunItem,
  type ExemptionRunSummary,
  type FactDefinition,
  type PolicyApplicationSummary,
  type PolicyMatchRow,
} from '@yuanqi/contract';
import { AppError } from '../../platform/errors.js';
import { loadXlsx, readCell, writeXlsx } from '../../platform/xlsx.js';
import { periodLabel } from './matching/periods.js';

/** Excel files of 政策兑现: match lists, application lists, run reports, and the facts import. */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const YUAN = '#,##0.00';

function sheetWith(workbook: ExcelJS.Workbook, name: string, columns: Array<{ header: string; key: string; width: number; money?: boolean; text?: boolean }>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.money ? { numFmt: YUAN } : c.text ? { numFmt: '@' } : {} }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.height = 22;
  columns.forEach((_, i) => (head.getCell(i + 1).fill = HEADER_FILL));
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  return sheet;
}

const toBuffer = writeXlsx;

function book(): ExcelJS.Workbook {
  const w = new ExcelJS.Workbook();
  w.creator = '园企通';
  w.created = new Date();
  return w;
}

const yuan = (fen: number | null) => (fen === null ? null : fenToYuanCell(fen));

export async function buildMatchesWorkbook(policyTitle: string, rows: PolicyMatchRow[]): Promise<Buffer> {
  const w = book();
  const s = sheetWith(w, '匹配企业', [
    { header: '企业名称', key: 'name', width: 36 },
    { header: '统一社会信用代码', key: 'uscc', width: 22, text: true },
    { header: '产业链', key: 'chain', width: 12 },
    { header: '驻企专员', key: 'liaison', width: 12 },
    { header: '匹配结果', key: 'status', width: 12 },
    { header: '测算金额(元)', key: 'amount', width: 14, money: true },
    { header: '兑现期间', key: 'period', width: 14 },
    { header: '申报/兑现情况', key: 'applied', width: 16 },
    { header: '依据', key: 'reasons', width: 80 },
    { header: '需补充数据', key: 'missing', width: 40 },
  ]);
  s.insertRow(1, [`${policyTitle} — 匹配企业名单`]);
  s.getRow(1).font = { bold: true, size: 13 };
  for (const r of rows) {
    s.addRow({
      name: r.enterpriseName,
      uscc: r.uscc,
      chain: r.chain,
      liaison: r.liaisonName,
      status: r.statusLabel,
      amount: yuan(r.amountFen),
      period: r.periodKey ? periodLabel(r.periodKey) : null,
      applied: r.applicationStatus ? '已申报' : r.grantStatus ? (r.grantStatus === 'paid' ? '已兑付' : '已发放待确认') : '未申报',
      reasons: r.reasons.join(';'),
      missing: r.missing.map((m) => `${m.year ? `${m.year}年` : ''}${m.label}`).join('、'),
    });
  }
  return toBuffer(w);
}

export async function buildApplicationsWorkbook(rows: PolicyApplicationSummary[]): Promise<Buffer> {
  const w = book();
  const s = sheetWith(w, '政策申报', [
    { header: '申报编号', key: 'number', width: 18, text: true },
    { header: '企业名称', key: 'name', width: 36 },
    { header: '政策', key: 'policy', width: 36 },
    { header: '版本', key: 'version', width: 6 },
    { header: '兑现期间', key: 'period', width: 14 },
    { header: '状态', key: 'status', width: 14 },
    { header: '测算金额(元)', key: 'estimated', width: 14, money: true },
    { header: '申请金额(元)', key: 'requested', width: 14, money: true },
    { header: '核定金额(元)', key: 'approved', width: 14, money: true },
    { header: '拨付金额(元)', key: 'paid', width: 14, money: true },
    { header: '拨付凭证号', key: 'voucher', width: 16, text: true },
    { header: '提交时间', key: 'submitted', width: 18 },
    { header: '拨付时间', key: 'paidAt', width: 18 },
  ]);
  const at = (s: string | null) => (s ? new Date(s).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : null);
  for (const r of rows) {
    s.addRow({
      number: r.number,
      name: r.enterpriseName,
      policy: r.policyTitle,
      version: r.versionNo,
      period: periodLabel(r.periodKey),
      status: r.statusLabel,
      estimated: yuan(r.estimatedAmountFen),
      requested: yuan(r.requestedAmountFen),
      approved: yuan(r.approvedAmountFen),
      paid: yuan(r.paidAmountFen),
      voucher: r.voucherNumber,
      submitted: at(r.submittedAt),
      paidAt: at(r.paidAt),
    });
  }
  return toBuffer(w);
}

export async function buildRunWorkbook(run: ExemptionRunSummary, items: ExemptionRunItem[]): Promise<Buffer> {
  const w = book();
  const s = sheetWith(w, '兑现明细', [
    { header: '企业名称', key: 'name', width: 36 },
    { header: '统一社会信用代码', key: 'uscc', width: 22, text: true },
    { header: '结果', key: 'outcome', width: 10 },
    { header: '原因', key: 'reasonLabel', width: 16 },
    { header: '说明', key: 'reason', width: 70 },
    { header: '金额(元)', key: 'amount', width: 14, money: true },
    { header: '兑现状态', key: 'grant', width: 14 },
  ]);
  s.insertRow(1, [`${run.policyTitle} 免申即享兑现批次 ${run.number}(基准日 ${run.asOf},第${run.versionNo}版规则):评估${run.evaluated}户,发放${run.granted}户,跳过${run.skipped}户`]);
  s.getRow(1).font = { bold: true, size: 12 };
  for (const i of items) {
    s.addRow({
      name: i.enterpriseName,
      uscc: i.uscc,
      outcome: i.outcome === 'granted' ? '发放' : '跳过',
      reasonLabel: i.reasonLabel,
      reason: i.reason,
      amount: yuan(i.amountFen),
      grant: i.grantStatus ? GRANT_STATUS_LABELS[i.grantStatus] : null,
    });
  }
  return toBuffer(w);
}

// ---------------------------------------------------------------------------------------------
// Facts import: 统一社会信用代码, 年度, then one column per fact (its label or key)
// ---------------------------------------------------------------------------------------------

export async function buildFactsTemplate(defs: FactDefinition[]): Promise<Buffer> {
  const w = book();
  const usable = defs.filter((d) => d.active);
  const s = sheetWith(w, '企业数据', [
    { header: '统一社会信用代码', key: 'uscc', width: 22, text: true },
    { header: '企业名称', key: 'name', width: 30 },
    { header: '年度', key: 'year', width: 8 },
    ...usable.map((d) => ({ header: headerOf(d), key: d.key, width: Math.max(12, headerOf(d).length * 2) })),
  ]);
  void s;
  const help = w.addWorksheet('填写说明');
  help.columns = [
    { header: '指标', key: 'label', width: 30 },
    { header: '编码', key: 'key', width: 26 },
    { header: '类型', key: 'type', width: 10 },
    { header: '填写方式', key: 'how', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const d of usable) {
    help.addRow({
      label: d.label,
      key: d.key,
      type: d.type === 'number' ? '数值' : d.type === 'boolean' ? '是/否' : '文字',
      how:
        d.unit === 'fen' ? '金额,单位:元(可带两位小数)'
        : d.unit === 'percent' ? '百分比数值,如 5.5 表示 5.5%'
        : d.type === 'boolean' ? '填“是”或“否”'
        : d.options ? `填 ${d.options.map((o) => o.label).join('、')} 之一`
        : d.unit === 'count' ? '整数(人/个)'
        : d.unit === 'months' ? '整数(月)'
        : '数值或文字',
    });
  }
  return toBuffer(w);
}

function headerOf(d: FactDefinition): string {
  return d.unit === 'fen' ? `${d.label}(元)` : d.unit === 'percent' ? `${d.label}(%)` : d.label;
}

export type ParsedFactRow = { row: number; uscc: string; year: number; values: Array<{ key: string; column: string; raw: unknown }> };
export type FactSheet = { rows: ParsedFactRow[]; rejected: Array<{ row: number; column: string | null; message: string }>; total: number };

/** A cell as text/number/ISO date; an unreadable cell (error value, formula without result) is `{ error }`. */
function plain(v: ExcelJS.CellValue | undefined): string | number | boolean | null | { error: string } {
  const read = readCell(v);
  return read instanceof Date ? read.toISOString().slice(0, 10) : read;
}

const isProblem = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null;
const cellText = (v: ExcelJS.CellValue | undefined): string => {
  const read = plain(v);
  return isProblem(read) ? '' : String(read ?? '').trim();
};

export async function parseFactsWorkbook(buffer: Buffer, defs: FactDefinition[]): Promise<FactSheet> {
  const w = await loadXlsx(buffer);
  const sheet = w.worksheets[0]!;
  const byHeader = new Map<string, FactDefinition>();
  for (const d of defs.filter((x) => x.active)) {
    byHeader.set(d.key, d);
    byHeader.set(d.label, d);
    byHeader.set(headerOf(d), d);
  }
  // the header row: the first row (of the first 10) naming 统一社会信用代码
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const values = (sheet.getRow(r).values as ExcelJS.CellValue[]).map(cellText);
    if (values.some((v) => v === '统一社会信用代码')) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '表头中没有“统一社会信用代码”列', [{ path: 'file', message: '缺少统一社会信用代码列' }]);
  const header = sheet.getRow(headerRow);
  let usccCol = 0;
  let yearCol = 0;
  const factCols: Array<{ col: number; def: FactDefinition; header: string }> = [];
  const rejected: FactSheet['rejected'] = [];
  header.eachCell((cell, col) => {
    const h = cellText(cell.value).replace(/\s+/g, '');
    if (!h) return;
    if (h === '统一社会信用代码') usccCol = col;
    else if (h === '年度' || h === '年份') yearCol = col;
    else if (h === '企业名称') return;
    else {
      const def = byHeader.get(h) ?? byHeader.get(h.replace(/[((][^))]*[))]$/, ''));
      if (def) factCols.push({ col, def, header: h });
      else rejected.push({ row: headerRow, column: h, message: `列“${h}”不是已定义的企业数据指标,已忽略` });
    }
  });
  if (!yearCol) throw new AppError('VALIDATION_FAILED', '表头中没有“年度”列', [{ path: 'file', message: '缺少年度列' }]);
  if (factCols.length === 0) throw new AppError('VALIDATION_FAILED', '表中没有可识别的指标列', [{ path: 'file', message: '没有指标列' }]);
  const rows: ParsedFactRow[] = [];
  let total = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const usccCell = plain(row.getCell(usccCol).value);
    const rawUscc = isProblem(usccCell) ? '' : String(usccCell ?? '').trim();
    const rawYear = plain(row.getCell(yearCol).value);
    const values = factCols.map((c) => ({ key: c.def.key, column: c.header, raw: plain(row.getCell(c.col).value) }));
    if (!rawUscc && !isProblem(usccCell) && (rawYear === null || rawYear === '') && values.every((v) => v.raw === null || v.raw === '')) continue;
    total += 1;
    const unreadable = [
      { column: '统一社会信用代码', raw: usccCell },
      { column: '年度', raw: rawYear },
      ...values,
    ].find((v) => isProblem(v.raw));
    if (unreadable && isProblem(unreadable.raw)) {
      rejected.push({ row: r, column: unreadable.column, message: unreadable.raw.error });
      continue;
    }
    const check = validateUscc(rawUscc);
    if (!check.ok) {
      rejected.push({ row: r, column: '统一社会信用代码', message: check.message });
      continue;
    }
    const year = Number(rawYear);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      rejected.push({ row: r, column: '年度', message: '年度应为2000-2100之间的整数' });
      continue;
    }
    rows.push({ row: r, uscc: normalizeUscc(check.value), year, values: values.filter((v) => v.raw !== null && v.raw !== '') });
  }
  return { rows, rejected, total };
}

/** A cell's value in the fact's stored unit (元 → fen). */
export function importValue(def: FactDefinition, raw: unknown): number | string | boolean | null {
  if (raw === null || raw === '') return null;
  if (def.type === 'number') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/[,,\s%]/g, ''));
    if (!Number.isFinite(n)) return String(raw);
    return def.unit === 'fen' ? Math.round(n * 100) : n;
  }
  if (def.type === 'boolean') {
    const t = String(raw).trim();
    if (['是', 'Y', 'y', 'true', 'TRUE', '1'].includes(t) || raw === true) return true;
    if (['否', 'N', 'n', 'false', 'FALSE', '0'].includes(t) || raw === false) return false;
    return t;
  }
  return String(raw).trim();
}
