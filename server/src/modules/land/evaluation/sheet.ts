import { parseYuanToFen } from '@yuanqi/contract';
import { AppError } from '../../../platform/errors.js';
import { isCellProblem, loadXlsx, readCell, type CellReading } from '../../../platform/xlsx.js';

/** A column of an import sheet: the header the template writes and the other names it accepts. */
export type SheetColumn<K extends string> = { key: K; header: string; aliases?: string[]; required?: boolean };
export type SheetRow<K extends string> = { row: number; cells: Record<K, CellReading> };
export type Rejection = { row: number; column: string; message: string };

const norm = (s: string) => s.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '(' : ')')).replace(/㎡/g, 'm2');

/**
 * Reads the first sheet of an uploaded .xlsx: finds the header row (within the first 10 rows) by
 * the columns' names, then yields every non-blank row with its Excel row number. A missing
 * required column is a 400 naming it.
 */
export async function readSheet<K extends string>(buffer: Buffer, columns: SheetColumn<K>[]): Promise<SheetRow<K>[]> {
  const workbook = await loadXlsx(buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION_FAILED', 'Excel 文件没有工作表', [{ path: 'file', message: '没有工作表' }]);
  let headerRow = 0;
  let colOf = new Map<K, number>();
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    const found = new Map<K, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      const v = readCell(cell.value);
      if (typeof v !== 'string') return;
      const text = norm(v);
      for (const c of columns) if ([c.header, ...(c.aliases ?? [])].map(norm).includes(text)) found.set(c.key, col);
    });
    if (columns.filter((c) => c.required).every((c) => found.has(c.key)) && found.size > 0) {
      headerRow = r;
      colOf = found;
    }
  }
  if (!headerRow) {
    const need = columns.filter((c) => c.required).map((c) => `“${c.header}”`).join('、');
    throw new AppError('VALIDATION_FAILED', `没有找到表头:需要${need}等列,请使用下载的模板`, [{ path: 'file', message: `需要${need}等列` }]);
  }
  const rows: SheetRow<K>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const cells = {} as Record<K, CellReading>;
    let blank = true;
    for (const c of columns) {
      const col = colOf.get(c.key);
      const v = col ? readCell(row.getCell(col).value) : null;
      cells[c.key] = v;
      if (v !== null) blank = false;
    }
    if (!blank) rows.push({ row: r, cells });
  }
  return rows;
}

/** Text of a cell (numbers as written), or a rejection. */
export function cellText(v: CellReading): string | null | { error: string } {
  if (isCellProblem(v)) return v;
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim() || null;
}

/** An amount in 元 → fen (null when blank), or a Chinese reason. */
export function cellFen(v: CellReading, label: string): number | null | { error: string } {
  if (isCellProblem(v)) return v;
  if (v === null) return null;
  if (typeof v === 'boolean' || v instanceof Date) return { error: `${label}应为金额(元)` };
  const fen = parseYuanToFen(v);
  if (fen === null) return { error: `${label}“${String(v)}”不是金额` };
  if (fen < 0) return { error: `${label}不能为负数` };
  if (fen > Number.MAX_SAFE_INTEGER / 10) return { error: `${label}过大` };
  return fen;
}

/** A non-negative number with at most `decimals` decimals (null when blank). */
export function cellNumber(v: CellReading, label: string, max: number): number | null | { error: string } {
  if (isCellProblem(v)) return v;
  if (v === null) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/,/g, '').trim()) : NaN;
  if (!Number.isFinite(n)) return { error: `${label}“${String(v)}”不是数字` };
  if (n < 0) return { error: `${label}不能为负数` };
  if (n > max) return { error: `${label}过大` };
  return n;
}

/** A date cell or text (2026-12-07, 2026/12/7, 2026年12月7日) → 'YYYY-MM-DD'. */
export function cellDate(v: CellReading, label: string): string | null | { error: string } {
  if (isCellProblem(v)) return v;
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && v > 20_000 && v < 80_000) return new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000).toISOString().slice(0, 10);
  if (typeof v !== 'string') return { error: `${label}应为日期` };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  if (!m) return { error: `${label}“${v}”无法识别,请写成 2026-12-07` };
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return { error: `${label}“${v}”不是有效日期` };
  return date;
}

export const isProblem = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;
