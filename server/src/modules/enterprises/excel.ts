import ExcelJS from 'exceljs';
import { isCellProblem, loadXlsx, readCell, writeXlsx, type CellReading } from '../../platform/xlsx.js';
import {
  ABOVE_SCALE_REVENUE_FEN,
  FIELD_LABELS,
  parseYuanToFen,
  toHalfWidth,
  usccCheckChar,
  validateUscc,
  ZCreateEnterpriseRequest,
  type CreateEnterpriseRequest,
  type Enterprise,
  type ImportRejection,
  cleanInput,
} from '@yuanqi/contract';
import { AppError, labelOf } from '../../platform/errors.js';

/**
 * One enterprise as read from a sheet, before the caller resolves `liaisonName` to a user.
 * A recognised column left blank gives `null` (tags: `[]`), a column the sheet does not have leaves
 * the field out, so an upsert can tell "cleared" from "not provided".
 */
export type CreateEnterpriseInput = Omit<CreateEnterpriseRequest, 'liaisonId'> & { liaisonName?: string };

/** `row` is the 1-based Excel row number, as the user sees it. */
export type ParsedEnterpriseRow = { row: number; data: CreateEnterpriseInput };

export type ParsedEnterpriseWorkbook = { rows: ParsedEnterpriseRow[]; rejected: ImportRejection[]; totalRows: number };

export type ParseEnterpriseWorkbookOptions = {
  onProgress?: (done: number, total: number) => void;
  /**
   * The park's chain dictionary (code → label). When given, a 产业链 cell may hold a label or a code
   * and is turned into the code; anything else is rejected. Without it the text is kept as written.
   */
  chainLabels?: Record<string, string>;
};

type FieldKey = keyof Omit<CreateEnterpriseInput, 'liaisonName'> | 'liaisonName';
type FieldKind = 'uscc' | 'text' | 'money' | 'date' | 'industry' | 'chain' | 'bool' | 'int' | 'phone' | 'tags';

type FieldSpec = {
  key: FieldKey;
  kind: FieldKind;
  /** Header written by the export and the template; the parser recognises it. */
  header: string;
  /** Header names after normalisation (half-width, no spaces, asterisks or bracketed notes). */
  exact: string[];
  /** Fallback when no exact header is found; checked in field order. */
  contains?: string[];
  /** Headers that contain one of `contains` but belong to another field. */
  excludes?: string[];
  width: number;
  help: string;
  example: string | number;
  required?: boolean;
};

/** Decimal places between 元 and the unit an amount is written in. */
type MoneyUnit = { label: string; places: number };
const UNIT_YUAN: MoneyUnit = { label: '元', places: 0 };
const UNIT_QIAN: MoneyUnit = { label: '千元', places: 3 };
const UNIT_WAN: MoneyUnit = { label: '万元', places: 4 };
const UNIT_YI: MoneyUnit = { label: '亿元', places: 8 };

/** Used only in the template's example row; importing it unchanged is refused. */
const EXAMPLE_USCC = `91360600MA35F2XK8${usccCheckChar('91360600MA35F2XK8')}`;

const FIELDS: FieldSpec[] = [
  {
    key: 'uscc', kind: 'uscc', header: '统一社会信用代码', required: true, width: 22,
    exact: ['统一社会信用代码', '社会信用代码', '信用代码', 'USCC', '统一代码', '企业统一社会信用代码', '统一社会信用代码证号'],
    contains: ['信用代码'],
    help: '18位,营业执照上的代码;不区分大小写,全角字符与空格会自动去除;同一文件内不可重复。已在系统中的企业按此代码更新。',
    example: EXAMPLE_USCC,
  },
  {
    key: 'name', kind: 'text', header: '企业名称', required: true, width: 34,
    exact: ['企业名称', '单位名称', '名称', '企业全称', '公司名称', '企业名', '市场主体名称', '纳税人名称'],
    contains: ['企业名称', '单位名称', '公司名称'],
    help: '与营业执照一致,2–100个字。',
    example: '鹰潭示例铜业有限公司',
  },
  {
    key: 'legalRepresentative', kind: 'text', header: '法定代表人', width: 12,
    exact: ['法定代表人', '法人', '法人代表', '法定代表人姓名', '法人姓名', '法定代表人/负责人', '负责人'],
    contains: ['法定代表人', '法人代表'],
    help: '最多50个字。',
    example: '张三',
  },
  {
    key: 'registeredCapitalFen', kind: 'money', header: '注册资本(万元)', width: 16,
    exact: ['注册资本', '注册资金', '注册资本金'],
    contains: ['注册资本', '注册资金'],
    help: '数字,单位万元(表头写“注册资本(元)”则按元);也可在单元格里写明单位,如“500万”“5000000元”。',
    example: 5000,
  },
  {
    key: 'foundedOn', kind: 'date', header: '成立日期', width: 12,
    exact: ['成立日期', '成立时间', '注册日期', '注册时间', '成立年月日', '设立日期'],
    contains: ['成立日期', '成立时间'],
    help: '日期,如 2019-03-05;也可写 2019/3/5、2019年3月5日、20190305 或Excel日期。',
    example: '2019-03-05',
  },
  {
    key: 'industryCode', kind: 'industry', header: '行业代码', width: 12,
    exact: ['所属行业', '行业代码', '国民经济行业', '国民经济行业代码', '国民经济行业分类', '所属行业代码', '行业', '行业分类', '行业类别'],
    contains: ['行业代码', '国民经济行业', '所属行业'],
    help: '国民经济行业分类(GB/T 4754)代码,如 C3831;写成“C3831 电线、电缆制造”也可以,只保留代码。',
    example: 'C3831',
  },
  {
    key: 'chain', kind: 'chain', header: '产业链', width: 14,
    exact: ['产业链', '所属产业链', '主导产业', '所属产业', '产业'],
    contains: ['产业链'],
    help: '园区产业链名称,如 铜基新材料、物联网、大健康。',
    example: '铜基新材料',
  },
  {
    key: 'isAboveScale', kind: 'bool', header: '是否规上', width: 10,
    exact: ['是否规上', '规上企业', '是否规上企业', '规上', '是否规模以上', '是否规模以上企业', '规模以上企业'],
    contains: ['规上', '规模以上'],
    help: '是/否(也可写 Y/N、√/×);不填时按年主营业务收入是否达到2000万元判断。',
    example: '是',
  },
  {
    key: 'annualRevenueFen', kind: 'money', header: '年主营业务收入(万元)', width: 20,
    exact: ['年主营业务收入', '主营业务收入', '营业收入', '年营业收入', '上年度营业收入', '上年主营业务收入', '年营收', '营收'],
    contains: ['主营业务收入', '营业收入'],
    help: '上一年度主营业务收入,单位万元(表头可写明元或千元)。',
    example: 25000,
  },
  {
    key: 'headcount', kind: 'int', header: '从业人数', width: 10,
    exact: ['从业人数', '职工人数', '员工人数', '从业人员', '从业人员数', '员工数', '用工人数', '从业人员期末人数'],
    contains: ['从业人', '职工人数', '员工人数'],
    help: '整数。',
    example: 120,
  },
  {
    key: 'address', kind: 'text', header: '地址', width: 36,
    exact: ['地址', '注册地址', '经营地址', '企业地址', '详细地址', '住所', '通讯地址', '生产经营地址', '办公地址'],
    contains: ['地址'],
    help: '最多200个字。',
    example: '江西省鹰潭市月湖区示例路1号',
  },
  {
    key: 'plot', kind: 'text', header: '地块', width: 12,
    exact: ['地块', '地块编号', '所在地块', '地块号', '宗地编号', '宗地号'],
    contains: ['地块'],
    help: '园区内地块或厂房编号。',
    example: 'A-01',
  },
  {
    key: 'contactName', kind: 'text', header: '联系人', width: 10,
    exact: ['联系人', '联系人姓名', '企业联系人', '联络人'],
    contains: ['联系人'],
    // "联系人电话" is the phone, not the name
    excludes: ['电话', '手机', '方式'],
    help: '最多50个字。',
    example: '李四',
  },
  {
    key: 'contactPhone', kind: 'phone', header: '联系电话', width: 15,
    exact: ['联系电话', '手机', '手机号', '手机号码', '联系手机', '电话', '联系方式', '联系人电话', '联系人手机', '联系人手机号', '移动电话'],
    contains: ['电话', '手机'],
    help: '11位手机号,或带区号的座机号(如 0701-6212345)。',
    example: '13800000000',
  },
  {
    key: 'tags', kind: 'tags', header: '标签', width: 24,
    exact: ['标签', '企业标签', '资质', '企业资质', '资质标签', '荣誉资质'],
    contains: ['标签'],
    help: '多个标签用顿号、逗号、分号或空格分隔,如 高新技术企业、专精特新。',
    example: '高新技术企业、专精特新',
  },
  {
    key: 'liaisonName', kind: 'text', header: '驻企专员', width: 10,
    exact: ['驻企专员', '专员', '服务专员', '驻企服务专员', '挂点专员', '包联专员'],
    contains: ['专员'],
    help: '系统中专员的姓名;不填则不指派。',
    example: '王五',
  },
];

const PROGRESS_EVERY = 500;
/** Header rows are looked for this far down; title and note rows above the header are skipped. */
const HEADER_SEARCH_ROWS = 30;

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell that could be read (not an error cell). */
type Readable = Exclude<CellReading, { error: string }>;

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1800 || y > 2999) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** exceljs returns Excel dates as UTC midnight of the calendar day. */
const dateToIso = (d: Date) => d.toISOString().slice(0, 10);

/** Numbers without exponent notation, so decimal parsing stays exact. */
function numberText(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}

/** Text as shown; numbers keep their digits, dates become YYYY-MM-DD. */
function textOf(v: Readable): string {
  if (v === null) return '';
  if (v instanceof Date) return dateToIso(v);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v.trim();
}

function quote(v: Readable): string {
  const s = textOf(v);
  return `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;
}

// ---------------------------------------------------------------------------------------------
// Headers

type HeaderCell = { col: number; written: string; base: string; baseWithoutUnit: string; unit: MoneyUnit | null };
type Column = { col: number; written: string; unit: MoneyUnit | null };

function unitOf(text: string | undefined): MoneyUnit | null {
  if (!text) return null;
  if (text.startsWith('亿')) return UNIT_YI;
  if (text.startsWith('万')) return UNIT_WAN;
  if (text === '千元') return UNIT_QIAN;
  return UNIT_YUAN;
}

/** "* 注册资本（万元）" → base 注册资本, unit 万元; also "注册资本/元", "注册资本万元". */
function parseHeader(col: number, written: string): HeaderCell {
  const flat = toHalfWidth(written)
    .replace(/\s+/g, '')
    .replace(/[*※]/g, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(/[:：]$/, '')
    .toUpperCase();
  const notes = [...flat.matchAll(/\(([^)]*)\)?/g)].map((m) => m[1]).join('|');
  const base = flat.replace(/\([^)]*\)?/g, '');
  const tail = /(?:\/|单位:)?(?:人民币)?(亿元|万元|千元|元)$/.exec(base);
  const unit = unitOf(/(亿元?|万元?|千元|元)/.exec(notes)?.[1] ?? tail?.[1]);
  return { col, written, base, baseWithoutUnit: tail ? base.slice(0, tail.index) : base, unit };
}

/** Matches a header row: exact names first, then the "contains" fallbacks in field order. */
function mapHeaders(cells: HeaderCell[]): Map<FieldKey, Column> {
  const mapped = new Map<FieldKey, Column>();
  const used = new Set<number>();
  const take = (field: FieldSpec, cell: HeaderCell) => {
    mapped.set(field.key, { col: cell.col, written: cell.written, unit: cell.unit });
    used.add(cell.col);
  };
  for (const field of FIELDS) {
    for (const name of field.exact) {
      const cell = cells.find((c) => !used.has(c.col) && (c.base === name || c.baseWithoutUnit === name));
      if (cell) {
        take(field, cell);
        break;
      }
    }
  }
  for (const field of FIELDS) {
    if (mapped.has(field.key)) continue;
    for (const part of field.contains ?? []) {
      // long cells are titles or notes, not headers
      const cell = cells.find(
        (c) => !used.has(c.col) && c.base.length <= 20 && c.base.includes(part) && !field.excludes?.some((x) => c.base.includes(x)),
      );
      if (cell) {
        take(field, cell);
        break;
      }
    }
  }
  return mapped;
}

function headerCells(row: ExcelJS.Row): HeaderCell[] {
  const cells: HeaderCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const v = readCell(cell.value);
    if (v === null || isCellProblem(v)) return;
    const written = textOf(v).replace(/\s*[\r\n]+\s*/g, '');
    if (written) cells.push(parseHeader(col, written));
  });
  return cells;
}

type HeaderMatch = { sheet: ExcelJS.Worksheet; headerRow: number; columns: Map<FieldKey, Column> };

function findHeader(workbook: ExcelJS.Workbook): HeaderMatch {
  let best: Map<FieldKey, Column> | null = null;
  for (const sheet of workbook.worksheets) {
    if (/说明/.test(sheet.name)) continue;
    const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const row = sheet.findRow(r);
      if (!row) continue;
      const columns = mapHeaders(headerCells(row));
      if (columns.has('uscc') && columns.has('name')) return { sheet, headerRow: r, columns };
      if (columns.has('uscc') || columns.has('name')) {
        if (!best || columns.size > best.size) best = columns;
      }
    }
  }
  const missing = ['uscc', 'name']
    .filter((key) => !best?.has(key as FieldKey))
    .map((key) => (key === 'uscc' ? '“统一社会信用代码”' : '“企业名称”'));
  const message = `表格缺少必需的列:${missing.join('、')}。请确认表头行含有统一社会信用代码和企业名称两列(可下载导入模板对照)`;
  throw new AppError('VALIDATION_FAILED', message, [{ path: 'file', message }]);
}

// ---------------------------------------------------------------------------------------------
// Values

type Converted = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (message: string): Converted => ({ ok: false, message });

const UNIT_SUFFIX = /(亿元|亿|万元|万|千元|元)$/;

/** Moves the decimal point `places` to the right in a plain decimal string. */
function shiftDecimal(text: string, places: number): string | null {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const whole = m[2] ?? '';
  const frac = (m[3] ?? '').padEnd(places, '0');
  return `${m[1]}${whole}${frac.slice(0, places)}${frac.length > places ? `.${frac.slice(places)}` : ''}` || '0';
}

function toFen(v: Readable, headerUnit: MoneyUnit): Converted {
  let text = (typeof v === 'number' ? numberText(v) : toHalfWidth(textOf(v))).replace(/[\s,¥￥]/g, '');
  let unit = headerUnit;
  const suffix = UNIT_SUFFIX.exec(text)?.[1];
  if (suffix) {
    unit = unitOf(suffix)!;
    text = text.slice(0, -suffix.length);
  }
  const yuan = shiftDecimal(text, unit.places);
  const fen = yuan === null || typeof v === 'boolean' || v instanceof Date ? null : parseYuanToFen(yuan);
  if (fen === null) return fail(`${quote(v)}不是有效的金额,应填写数字(单位:${headerUnit.label})`);
  return ok(fen);
}

function toDate(v: Readable, date1904: boolean): Converted {
  if (v instanceof Date) return ok(dateToIso(v));
  let iso: string | null = null;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 18000101 && v <= 29991231) {
      iso = isoDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    } else if (v >= 1 && v < 2958466) {
      // a date serial in a cell not formatted as a date
      const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
      iso = dateToIso(new Date(epoch + Math.floor(v) * 86_400_000));
    }
  } else if (typeof v === 'string') {
    const text = toHalfWidth(v).trim();
    const m =
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ??
      /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (m) iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return iso ? ok(iso) : fail(`${quote(v)}不是有效的日期,请填写如 2019-03-05`);
}

function toIndustryCode(v: Readable): Converted {
  const text = toHalfWidth(textOf(v)).trim();
  // section letter A–T and/or 2–4 digit division/group/class, optionally followed by the name
  const m = /^([A-Ta-t](?:\s?\d{2,4})?|\d{2,4})(?![0-9A-Za-z])/.exec(text);
  if (!m) return fail(`${quote(v)}不是国民经济行业代码,请填写如 C3831(GB/T 4754)`);
  return ok(m[1]!.replace(/\s/g, '').toUpperCase());
}

const TRUE_WORDS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '规上', '是规上']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✕', 'X', '规下', '非规上', '不是']);

function toBool(v: Readable): Converted {
  if (typeof v === 'boolean') return ok(v);
  const word = toHalfWidth(textOf(v)).replace(/\s/g, '').toUpperCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`${quote(v)}应填写“是”或“否”`);
}

function toCount(v: Readable): Converted {
  if (typeof v === 'number') return ok(v);
  const text = toHalfWidth(textOf(v)).replace(/[\s,]/g, '').replace(/人$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail(`${quote(v)}不是有效的人数,应填写整数`);
  return ok(Number(text));
}

function toTags(v: Readable): Converted {
  const tags = toHalfWidth(textOf(v))
    .split(/[、,;\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  return ok([...new Set(tags)]);
}

function toChain(v: Readable, labels: Record<string, string> | undefined): Converted {
  const text = textOf(v);
  if (!labels) return ok(text);
  if (Object.hasOwn(labels, text)) return ok(text);
  const code = Object.keys(labels).find((k) => labels[k] === text);
  if (code !== undefined) return ok(code);
  return fail(`${quote(v)}不是已登记的产业链,可选:${Object.values(labels).join('、')}`);
}

function convert(field: FieldSpec, column: Column, v: CellReading, ctx: { date1904: boolean; chainLabels?: Record<string, string> }): Converted {
  if (isCellProblem(v)) return fail(v.error);
  if (v === null) {
    // blank: required fields go to zod as missing; optional ones are cleared
    if (field.key === 'uscc' || field.key === 'name' || field.key === 'isAboveScale' || field.key === 'liaisonName') return ok(undefined);
    return ok(field.kind === 'tags' ? [] : null);
  }
  switch (field.kind) {
    case 'uscc':
      if (typeof v === 'number') return fail('统一社会信用代码被Excel存成了数字,后几位已丢失,请把该列设为“文本”格式后重新填写');
      return ok(textOf(v));
    case 'money':
      return toFen(v, column.unit ?? UNIT_WAN);
    case 'date':
      return toDate(v, ctx.date1904);
    case 'industry':
      return toIndustryCode(v);
    case 'chain':
      return toChain(v, ctx.chainLabels);
    case 'bool':
      return toBool(v);
    case 'int':
      return toCount(v);
    case 'tags':
      return toTags(v);
    case 'phone': {
      const text = textOf(v);
      // a masked number from our own export means "keep what is on file"
      return ok(text.includes('*') ? undefined : text);
    }
    default:
      return ok(textOf(v));
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads an enterprise list from a user's own .xlsx: finds the header row below any title rows,
 * recognises the usual Chinese headers in any order, validates every row with
 * ZCreateEnterpriseRequest and reports every bad cell with its Excel row and header as written.
 * A row with any bad cell is not returned in `rows`. Blank rows are skipped and not counted.
 */
export async function parseEnterpriseWorkbook(
  buffer: Buffer,
  opts: ParseEnterpriseWorkbookOptions = {},
): Promise<ParsedEnterpriseWorkbook> {
  const workbook = await loadXlsx(buffer);
  const { sheet, headerRow, columns } = findHeader(workbook);
  const ctx = { date1904: Boolean(workbook.properties?.date1904), chainLabels: opts.chainLabels };
  const mapped = FIELDS.filter((f) => columns.has(f.key)).map((f) => ({ field: f, column: columns.get(f.key)! }));
  const columnLabel = (key: string) => columns.get(key as FieldKey)?.written ?? FIELD_LABELS[key] ?? key;
  const columnIndex = (key: string) => columns.get(key as FieldKey)?.col ?? Number.MAX_SAFE_INTEGER;

  const rows: ParsedEnterpriseRow[] = [];
  const rejected: ImportRejection[] = [];
  const firstRowOfUscc = new Map<string, number>();
  const lastRow = sheet.rowCount;
  const total = Math.max(0, lastRow - headerRow);
  let totalRows = 0;

  for (let r = headerRow + 1; r <= lastRow; r++) {
    const done = r - headerRow;
    if (done % PROGRESS_EVERY === 0) {
      opts.onProgress?.(done, total);
      await yieldToEventLoop();
    }
    const row = sheet.findRow(r);
    if (!row) continue;
    const values = mapped.map(({ column }) => readCell(row.getCell(column.col).value));
    if (values.every((v) => v === null)) continue;
    totalRows++;

    const input: Record<string, unknown> = {};
    const problems: { key: string; message: string }[] = [];
    mapped.forEach(({ field, column }, i) => {
      const converted = convert(field, column, values[i]!, ctx);
      if (converted.ok) {
        if (converted.value !== undefined) input[field.key] = converted.value;
      } else {
        problems.push({ key: field.key, message: converted.message });
      }
    });

    if (input.isAboveScale === undefined && typeof input.annualRevenueFen === 'number' && !problems.some((p) => p.key === 'isAboveScale')) {
      input.isAboveScale = input.annualRevenueFen >= ABOVE_SCALE_REVENUE_FEN;
    }
    if (typeof input.uscc === 'string') {
      const uscc = validateUscc(input.uscc);
      if (uscc.ok) {
        const first = firstRowOfUscc.get(uscc.value);
        if (first !== undefined) problems.push({ key: 'uscc', message: `统一社会信用代码与第${first}行重复` });
        else firstRowOfUscc.set(uscc.value, r);
        if (uscc.value === EXAMPLE_USCC) problems.push({ key: 'uscc', message: '这是导入模板的示例行,请删除或改成真实企业后再导入' });
      }
    }

    const failedKeys = new Set(problems.map((p) => p.key));
    // Line breaks in single-line fields fold into a space, as in forms (the contract's one text rule).
    const parsed = ZCreateEnterpriseRequest.safeParse(cleanInput(input, labelOf).value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'name');
        if (failedKeys.has(key)) continue;
        const tagIndex = key === 'tags' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
        const tags = input.tags as string[] | undefined;
        const message = tagIndex !== null && tags?.[tagIndex] ? `标签“${tags[tagIndex]}”:${issue.message}` : issue.message;
        problems.push({ key, message });
      }
    }

    if (problems.length > 0) {
      problems
        .map((p, order) => ({ ...p, order }))
        .sort((a, b) => columnIndex(a.key) - columnIndex(b.key) || a.order - b.order)
        .forEach((p) => rejected.push({ row: r, column: columnLabel(p.key), message: p.message }));
      continue;
    }
    const data = { ...(parsed.data as CreateEnterpriseRequest) } as CreateEnterpriseInput & { liaisonId?: unknown };
    delete data.liaisonId;
    if (typeof input.liaisonName === 'string' && input.liaisonName) data.liaisonName = input.liaisonName;
    rows.push({ row: r, data });
  }
  opts.onProgress?.(total, total);
  return { rows, rejected, totalRows };
}

// ---------------------------------------------------------------------------------------------
// Writing

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const MONEY_FORMAT = '#,##0.00';

function writeHeader(sheet: ExcelJS.Worksheet, headers: string[]): void {
  const row = sheet.getRow(1);
  row.values = headers;
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.height = 22;
  headers.forEach((_, i) => {
    row.getCell(i + 1).fill = HEADER_FILL;
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

function setupColumns(sheet: ExcelJS.Worksheet): void {
  sheet.columns = FIELDS.map((f) => ({
    key: f.key,
    width: f.width,
    style:
      f.kind === 'money' ? { numFmt: MONEY_FORMAT }
      // kept as text so Excel does not turn codes, phones and dates into numbers
      : f.kind === 'uscc' || f.kind === 'phone' || f.kind === 'date' || f.kind === 'industry' ? { numFmt: '@' }
      : {},
  }));
}


/** 万元 as a number: exact in the cell (so a re-import gives the same fen), shown with 2 decimals. */
const fenToWan = (fen: number | null) => (fen === null ? null : fen / 1_000_000);

/**
 * Exports enterprises with the headers the parser recognises, so an export re-imports cleanly.
 * Chains are written as labels when `chainLabels` (code → label) is given.
 */
export async function buildEnterpriseWorkbook(
  rows: Enterprise[],
  opts: { chainLabels?: Record<string, string> } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('企业名录');
  setupColumns(sheet);
  writeHeader(sheet, FIELDS.map((f) => f.header));
  for (const e of rows) {
    sheet.addRow({
      uscc: e.uscc,
      name: e.name,
      legalRepresentative: e.legalRepresentative,
      registeredCapitalFen: fenToWan(e.registeredCapitalFen),
      foundedOn: e.foundedOn,
      industryCode: e.industryCode,
      chain: e.chain === null ? null : (opts.chainLabels?.[e.chain] ?? e.chain),
      isAboveScale: e.isAboveScale ? '是' : '否',
      annualRevenueFen: fenToWan(e.annualRevenueFen),
      headcount: e.headcount,
      address: e.address,
      plot: e.plot,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
      tags: e.tags.join('、'),
      liaisonName: e.liaisonName,
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FIELDS.length } };
  return writeXlsx(workbook);
}

/** The import template: header row, one example row, and a 填写说明 sheet describing each column. */
export async function buildEnterpriseTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = workbook.addWorksheet('企业信息');
  setupColumns(sheet);
  writeHeader(sheet, FIELDS.map((f) => (f.required ? `*${f.header}` : f.header)));
  FIELDS.forEach((f, i) => {
    if (f.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const example = sheet.addRow(Object.fromEntries(FIELDS.map((f) => [f.key, f.example])));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  const boolColumn = FIELDS.findIndex((f) => f.key === 'isAboveScale') + 1;
  const boolLetter = sheet.getColumn(boolColumn).letter;
  // exceljs types leave out the sheet-level data validations; ranges keep the file small
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${boolLetter}2:${boolLetter}10001`,
    { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '是否规上', error: '请选择“是”或“否”' },
  );

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 22 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'help', width: 70 },
    { header: '示例', key: 'example', width: 26 },
  ];
  help.getRow(1).font = { bold: true };
  help.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const f of FIELDS) {
    help.addRow({ header: f.header, required: f.required ? '必填' : '选填', help: f.help, example: String(f.example) });
  }
  help.addRow({});
  const notes = [
    '1. 第2行是示例,导入前请删除或改成真实企业;带 * 的列必须填写。',
    '2. 列的顺序可以调整,不需要的列可以删除;表头上方可以有标题行。',
    '3. 常见的列名写法都能识别,如“信用代码”“单位名称”“法人”“注册资本(元)”“职工人数”。',
    '4. 有错误的行不会导入,系统会逐行列出错误的单元格和原因;改正后重新导入即可,已有企业按统一社会信用代码更新,不会重复。',
  ];
  for (const note of notes) help.addRow({ header: note });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  help.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  return writeXlsx(workbook);
}
