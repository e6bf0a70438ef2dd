import ExcelJS from 'exceljs';
import { parseYuanToFen, type CopperImportReport } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { isCellProblem, loadXlsx, readCell, writeXlsx, type CellReading } from '../../../platform/xlsx.js';

const DATE_HEADERS = ['日期', '价格日期', '交易日'];
const PRICE_HEADERS = ['价格(元/吨)', '价格(元/吨)', '价格', '铜价', '铜价(元/吨)', '铜价(元/吨)', '收盘价', '结算价'];
const norm = (s: string) => s.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '(' : ')'));

function readDate(value: CellReading): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && value > 20_000 && value < 80_000) {
    // an Excel serial day number (1900 system)
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

export type ParsedPriceRow = { row: number; priceOn: string; priceFenPerTon: number };

/**
 * Reads a price list (columns 日期, 价格(元/吨), in any order, header in the first 10 rows): every
 * bad row reported with its Excel row number and why (bad date, not a positive amount, a future
 * date, the same date twice in the file); blank rows skipped.
 */
export async function parsePriceWorkbook(buffer: Buffer, today: string): Promise<{ rows: ParsedPriceRow[]; rejected: CopperImportReport['rejected']; total: number }> {
  const workbook = await loadXlsx(buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION_FAILED', 'Excel 文件没有工作表', [{ path: 'file', message: '没有工作表' }]);
  let headerRow = 0;
  let dateCol = 0;
  let priceCol = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    const row = sheet.getRow(r);
    row.eachCell((cell, col) => {
      const text = cell.value === null || cell.value === undefined ? '' : norm(String(readCell(cell.value) ?? ''));
      if (DATE_HEADERS.map(norm).includes(text)) dateCol = col;
      if (PRICE_HEADERS.map(norm).includes(text)) priceCol = col;
    });
    if (dateCol && priceCol) headerRow = r;
    else {
      dateCol = 0;
      priceCol = 0;
    }
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '没有找到表头:需要“日期”和“价格(元/吨)”两列', [{ path: 'file', message: '需要“日期”和“价格(元/吨)”两列' }]);
  const rows: ParsedPriceRow[] = [];
  const rejected: CopperImportReport['rejected'] = [];
  const firstRowOf = new Map<string, number>();
  let total = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const dateCell = readCell(row.getCell(dateCol).value);
    const priceCell = readCell(row.getCell(priceCol).value);
    if (dateCell === null && priceCell === null) continue;
    total++;
    if (isCellProblem(dateCell)) {
      rejected.push({ row: r, column: '日期', message: dateCell.error });
      continue;
    }
    const priceOn = readDate(dateCell);
    if (!priceOn) {
      rejected.push({ row: r, column: '日期', message: dateCell === null ? '日期为空' : `日期“${String(dateCell)}”无法识别,请写成 2026-12-07` });
      continue;
    }
    if (priceOn > today) {
      rejected.push({ row: r, column: '日期', message: `${priceOn} 晚于今天,不能导入未来日期的铜价` });
      continue;
    }
    if (isCellProblem(priceCell)) {
      rejected.push({ row: r, column: '价格(元/吨)', message: priceCell.error });
      continue;
    }
    const fen = priceCell === null || typeof priceCell === 'boolean' || priceCell instanceof Date ? null : parseYuanToFen(priceCell);
    if (fen === null) {
      rejected.push({ row: r, column: '价格(元/吨)', message: priceCell === null ? '价格为空' : `价格“${String(priceCell)}”不是数字` });
      continue;
    }
    if (fen <= 0) {
      rejected.push({ row: r, column: '价格(元/吨)', message: '价格应大于0' });
      continue;
    }
    if (fen > 100_000_000) {
      rejected.push({ row: r, column: '价格(元/吨)', message: '价格应小于100万元/吨' });
      continue;
    }
    const first = firstRowOf.get(priceOn);
    if (first !== undefined) {
      rejected.push({ row: r, column: '日期', message: `${priceOn} 在文件中重复(与第 ${first} 行相同),只导入第 ${first} 行` });
      continue;
    }
    firstRowOf.set(priceOn, r);
    rows.push({ row: r, priceOn, priceFenPerTon: fen });
  }
  return { rows, rejected, total };
}

/**
 * Imports a price list: the good rows in one transaction (a date already in the table gets the
 * file's price, and the report names those dates), the bad rows reported and not written.
 */
export async function importPrices(ctx: AppContext, actor: Actor, buffer: Buffer, progress?: (done: number, total: number, phase?: string) => void): Promise<CopperImportReport> {
  const today = shanghaiDate(ctx.clock.now());
  progress?.(0, 1, 'read');
  const parsed = await parsePriceWorkbook(buffer, today);
  progress?.(0, parsed.rows.length, 'write');
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const dates = parsed.rows.map((r) => r.priceOn);
    const existing = new Map<string, number>();
    for (let i = 0; i < dates.length; i += 1000) {
      const found = await trx.selectFrom('copper_prices').select(['price_on', 'price_fen_per_ton']).where('park_id', '=', actor.parkId).where('price_on', 'in', dates.slice(i, i + 1000)).execute();
      for (const f of found) existing.set(f.price_on, Number(f.price_fen_per_ton));
    }
    const changed = parsed.rows.filter((r) => existing.get(r.priceOn) !== r.priceFenPerTon);
    for (let i = 0; i < changed.length; i += 1000) {
      await trx
        .insertInto('copper_prices')
        .values(changed.slice(i, i + 1000).map((r) => ({ park_id: actor.parkId, price_on: r.priceOn, price_fen_per_ton: r.priceFenPerTon, source: 'import' as const, created_by: actor.userId, created_at: now })))
        .onConflict((oc) => oc.columns(['park_id', 'price_on']).doUpdateSet((eb) => ({ price_fen_per_ton: eb.ref('excluded.price_fen_per_ton'), source: 'import', created_by: actor.userId, created_at: now })))
        .execute();
      progress?.(Math.min(i + 1000, changed.length), changed.length, 'write');
    }
    const updatedDates = changed.filter((r) => existing.has(r.priceOn)).map((r) => r.priceOn).sort();
    const created = changed.length - updatedDates.length;
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'import', entity: 'copper_price', entityId: today, before: null, after: { rows: parsed.total, created, updated: updatedDates.length, unchanged: parsed.rows.length - changed.length, rejected: parsed.rejected.length, updatedDates: updatedDates.slice(0, 100) } },
    ], now);
    return { created, updatedDates, unchanged: parsed.rows.length - changed.length };
  });
  return {
    total: parsed.total,
    imported: outcome.created,
    updated: outcome.updatedDates.length,
    updatedDates: outcome.updatedDates,
    unchanged: outcome.unchanged,
    rejected: parsed.rejected,
  };
}

/** The template: 日期, 价格(元/吨), two example rows, and a note sheet. */
export async function buildPriceTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = workbook.addWorksheet('铜价');
  sheet.columns = [
    { header: '日期', key: 'date', width: 14 },
    { header: '价格(元/吨)', key: 'price', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ date: '2026-12-01', price: 68520 });
  sheet.addRow({ date: '2026-12-02', price: 68310.5 });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 90 }];
  for (const text of [
    '1. 每行一天:日期写成 2026-12-07(或 Excel 日期格式),价格为阴极铜每吨含税价,单位元,最多两位小数。',
    '2. 表中已有的日期会以文件中的价格更新,导入结果会列出这些日期。',
    '3. 日期无法识别、价格不大于0、未来日期、文件中重复的日期,这些行不会导入,逐行列出原因。',
    '4. 示例行是演示用的价格,导入前请改成真实价格。',
  ]) help.addRow({ text });
  return writeXlsx(workbook);
}
