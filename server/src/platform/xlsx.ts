import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { cleanText } from '@yuanqi/contract';
import { AppError } from './errors.js';

/**
 * The one place an uploaded .xlsx is opened. Before exceljs sees a byte, the zip's central
 * directory is read and every entry is inflated as a stream (never all at once) to count what it
 * really holds: total size, compression ratio, entries, and per worksheet its rows, cells and
 * widest column. exceljs (through JSZip) inflates the whole file into memory, so a 40 kB zip bomb
 * or a 200,000-row sheet would otherwise cost gigabytes before any row is read.
 */

export type XlsxLimits = {
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, for an entry bigger than `ratioCheckFromBytes`. */
  maxEntryRatio: number;
  ratioCheckFromBytes: number;
  maxEntries: number;
  /** Rows of any one worksheet (`<row>` elements actually present). */
  maxRows: number;
  /** Highest column letter used by any cell (200 = GR). */
  maxColumns: number;
  /** Cells of the whole workbook. */
  maxCells: number;
};

export const IMPORT_XLSX_LIMITS: XlsxLimits = {
  maxUncompressedBytes: 120 * 1024 * 1024,
  maxEntryRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
  maxEntries: 2000,
  maxRows: 50_000,
  maxColumns: 200,
  maxCells: 1_500_000,
};

export type SheetFigures = { path: string; rows: number; cells: number; maxColumn: number };
export type XlsxInspection = { entries: number; compressedBytes: number; uncompressedBytes: number; sheets: SheetFigures[] };

const fileError = (message: string, detail = message) => new AppError('VALIDATION_FAILED', message, [{ path: 'file', message: detail }]);
const tooLarge = (message: string) => new AppError('PAYLOAD_TOO_LARGE', message, [{ path: 'file', message }]);
const notXlsx = () => fileError('文件不是有效的 Excel(.xlsx)文件');

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

type ZipEntry = { name: string; method: number; compressed: number; uncompressed: number; localOffset: number };

/** Reads the central directory; refuses ZIP64, encryption and methods other than stored/deflate. */
function readCentralDirectory(buffer: Buffer, limits: XlsxLimits): ZipEntry[] {
  const searchFrom = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= searchFrom; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw fileError('不支持 ZIP64 格式的 Excel 文件,请在 Excel 中另存为 .xlsx 后再导入');
  if (count > limits.maxEntries) throw tooLarge(`Excel 文件包含 ${count} 个内部文件,超过上限 ${limits.maxEntries},可能不是正常的表格`);
  if (offset + size > buffer.length) throw notXlsx();
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) throw notXlsx();
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const uncompressed = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 0x1) throw fileError('Excel 文件已加密,请取消密码保护后再导入');
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff) throw fileError('不支持 ZIP64 格式的 Excel 文件,请在 Excel 中另存为 .xlsx 后再导入');
    if (method !== 0 && method !== 8) throw notXlsx();
    entries.push({ name, method, compressed, uncompressed, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The names inside a zip (read from its central directory), or null when it is not a readable zip. */
export function zipEntryNames(buffer: Buffer): string[] | null {
  if (!(buffer.length > 30 && buffer.readUInt32LE(0) === LOCAL)) return null;
  try {
    return readCentralDirectory(buffer, { ...IMPORT_XLSX_LIMITS, maxEntries: 65_535 }).map((e) => e.name);
  } catch {
    return null;
  }
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) throw notXlsx();
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressed > buffer.length) throw notXlsx();
  return buffer.subarray(start, start + entry.compressed);
}

class EntryTooLarge extends Error {}

/** Inflates one entry chunk by chunk, stopping as soon as it yields more than `maxBytes`. */
async function inflateEntry(data: Buffer, method: number, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<number> {
  if (method === 0) {
    if (data.length > maxBytes) throw new EntryTooLarge();
    onChunk(data);
    return data.length;
  }
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  let total = 0;
  return new Promise<number>((resolve, reject) => {
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        inflater.destroy(new EntryTooLarge());
        return;
      }
      onChunk(chunk);
    });
    inflater.on('end', () => resolve(total));
    inflater.on('error', reject);
    inflater.end(data);
  });
}

const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const CELL_TAG = /<(?:\w+:)?c[\s>/]/g;
const CELL_REF = /<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d+"/g;
const CARRY = 256;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Counts rows, cells and the widest column of a worksheet's XML as it streams past. */
function sheetCounter(path: string): { figures: SheetFigures; feed(chunk: Buffer): void } {
  const figures: SheetFigures = { path, rows: 0, cells: 0, maxColumn: 0 };
  let carry = '';
  const countNew = (re: RegExp, text: string, from: number, each?: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index + m[0].length > from) {
        n++;
        each?.(m);
      }
    }
    return n;
  };
  return {
    figures,
    feed(chunk) {
      const text = carry + chunk.toString('latin1');
      const from = carry.length;
      figures.rows += countNew(ROW_TAG, text, from);
      figures.cells += countNew(CELL_TAG, text, from);
      countNew(CELL_REF, text, from, (m) => {
        const col = columnNumber(m[1]!);
        if (col > figures.maxColumn) figures.maxColumn = col;
      });
      carry = text.slice(-CARRY);
    },
  };
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const sheetLabel = (path: string) => path.replace(/^xl\/worksheets\//, '').replace(/\.xml$/, '');

const inspected = new WeakMap<Buffer, XlsxInspection>();

/**
 * Checks an .xlsx before it is parsed: a zip with [Content_Types].xml and a workbook, within
 * `limits`. Throws 413 (too big once inflated, too many rows/columns/cells) or 400 (not an .xlsx).
 * Memory stays at one 64 kB chunk per entry; the event loop keeps serving other requests.
 */
export async function inspectXlsx(buffer: Buffer, limits: XlsxLimits = IMPORT_XLSX_LIMITS): Promise<XlsxInspection> {
  const known = inspected.get(buffer);
  if (known) return known;
  const isOldXls = buffer.length > 8 && buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0;
  if (isOldXls) throw fileError('文件不是有效的 Excel(.xlsx)文件', '这是旧版 .xls 文件,请在 Excel 中另存为 .xlsx 后再导入');
  if (!(buffer.length > 30 && buffer.readUInt32LE(0) === LOCAL)) throw notXlsx();
  const entries = readCentralDirectory(buffer, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw notXlsx();

  const declared = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  const bombMessage = (bytes: number) =>
    `Excel 文件解压后约 ${MB(bytes)},超过上限 ${MB(limits.maxUncompressedBytes)}(文件可能被恶意构造),请删除多余的行、列和格式后再导入`;
  if (declared > limits.maxUncompressedBytes) throw tooLarge(bombMessage(declared));

  const sheets: SheetFigures[] = [];
  let actual = 0;
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const ratio = entry.uncompressed / Math.max(entry.compressed, 1);
    if (entry.uncompressed > limits.ratioCheckFromBytes && ratio > limits.maxEntryRatio) {
      throw tooLarge(`Excel 文件内部“${entry.name}”的压缩比为 ${Math.round(ratio)}:1,超过上限 ${limits.maxEntryRatio}:1(疑似压缩炸弹),已拒绝`);
    }
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const counter = isSheet ? sheetCounter(entry.name) : null;
    let size: number;
    try {
      // An entry may not yield more than its header declares: the header is what was checked.
      size = await inflateEntry(entryData(buffer, entry), entry.method, entry.uncompressed, (chunk) => counter?.feed(chunk));
    } catch (err) {
      if (err instanceof EntryTooLarge) throw tooLarge(`Excel 文件内部“${entry.name}”解压后比声明的更大(文件可能被恶意构造),已拒绝`);
      throw notXlsx();
    }
    actual += size;
    if (counter) {
      const f = counter.figures;
      const label = sheetLabel(entry.name);
      if (f.rows > limits.maxRows) {
        throw tooLarge(`工作表 ${label} 有 ${f.rows.toLocaleString('en-US')} 行,超过单次导入上限 ${limits.maxRows.toLocaleString('en-US')} 行,请分批导入`);
      }
      if (f.maxColumn > limits.maxColumns) throw tooLarge(`工作表 ${label} 用到第 ${f.maxColumn} 列,超过上限 ${limits.maxColumns} 列,请删除多余的列后再导入`);
      cells += f.cells;
      if (cells > limits.maxCells) throw tooLarge(`Excel 文件的单元格超过 ${limits.maxCells.toLocaleString('en-US')} 个,请分批导入`);
      sheets.push(f);
    }
  }
  if (actual > limits.maxUncompressedBytes) throw tooLarge(bombMessage(actual));
  const compressedBytes = entries.reduce((sum, e) => sum + e.compressed, 0);
  if (compressedBytes > 0 && actual > limits.ratioCheckFromBytes && actual / compressedBytes > limits.maxEntryRatio) {
    throw tooLarge(`Excel 文件整体压缩比为 ${Math.round(actual / compressedBytes)}:1,超过上限 ${limits.maxEntryRatio}:1(疑似压缩炸弹),已拒绝`);
  }
  const result = { entries: entries.length, compressedBytes, uncompressedBytes: actual, sheets };
  inspected.set(buffer, result);
  return result;
}

/** Inspects, then opens an uploaded .xlsx with exceljs; any failure is a 4xx naming the file. */
export async function loadXlsx(buffer: Buffer, limits: XlsxLimits = IMPORT_XLSX_LIMITS): Promise<ExcelJS.Workbook> {
  await inspectXlsx(buffer, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw notXlsx();
  }
  if (workbook.worksheets.length === 0) throw notXlsx();
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// Reading cells

/** A cell as the user sees it; `{ error }` carries the Chinese reason the cell cannot be read. */
export type CellReading = string | number | boolean | Date | null | { error: string };

export const isCellProblem = (v: CellReading): v is { error: string } => typeof v === 'object' && v !== null && !(v instanceof Date);

/** Characters that make a spreadsheet treat text as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Every imported cell goes through here: formula results, rich text and hyperlinks reduced to
 * what the user sees; blank text is null; error cells and formulas without a cached result are
 * `{ error }`. Text we exported with a protective apostrophe (see `safeCellText`) reads back as
 * the original. Rules for what text a cell may hold belong here, once, for every import.
 */
export function readCell(value: ExcelJS.CellValue | undefined): CellReading {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return readText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value) return readText(value.richText.map((run) => run.text ?? '').join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return { error: '公式没有计算结果,请在Excel中重新计算并保存后再导入' };
    return readCell(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return readCell((value as { text?: ExcelJS.CellValue }).text ?? value.hyperlink);
  if ('error' in value) return { error: `单元格是错误值 ${String(value.error)}` };
  return null;
}

function readText(text: string): CellReading {
  // The platform's one text rule (contract `cleanText`): control characters are refused, so the row
  // is reported with the column; line breaks stay here and are folded later by field, as in forms.
  const checked = cleanText(text, 'note');
  if (!checked.ok) return { error: checked.reason };
  if (text.trim() === '') return null;
  if (text.startsWith("'") && FORMULA_START.test(text.slice(1))) return text.slice(1);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Text that a spreadsheet could run as a formula (=HYPERLINK(…), +cmd|…, @SUM(…), a leading tab
 * or CR) gets a leading apostrophe, so Excel and WPS show it as text even after the cell is
 * edited. A signed number or phone number ("-5", "+86 138…") is left as it is.
 */
export function safeCellText(text: string): string {
  if (!FORMULA_START.test(text)) return text;
  if (/^[+-][\d\s().-]*$/.test(text)) return text;
  return `'${text}`;
}

/**
 * Writes a workbook to a buffer after making every text cell safe (`safeCellText`). All exports
 * write through here, so a firm named `=HYPERLINK("http://x","y")` is a string, never a formula.
 */
export async function writeXlsx(workbook: ExcelJS.Workbook): Promise<Buffer> {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const safe = safeCellText(v);
          if (safe !== v) cell.value = safe;
        } else if (v && typeof v === 'object' && 'richText' in v) {
          const runs = v.richText;
          const first = runs[0];
          if (first && typeof first.text === 'string') {
            const safe = safeCellText(first.text);
            if (safe !== first.text) cell.value = { richText: [{ ...first, text: safe }, ...runs.slice(1)] };
          }
        }
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
