import ExcelJS from 'exceljs';
import { loadXlsx, readCell, writeXlsx, type CellReading } from '../../../platform/xlsx.js';
import {
  CASE_KIND_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_TYPE_LABELS,
  ITEM_TYPES,
  MATERIALS_CELL_HELP,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  SERVICE_TARGET_LABELS,
  formatMaterialsCell,
  parseMaterialsCell,
  parseYuanToFen,
  toHalfWidth,
  type ItemImportRejection,
  type ItemStatus,
  type ServiceItemView,
} from '@yuanqi/contract';
import { AppError } from '../../../platform/errors.js';

/**
 * The catalogue as a spreadsheet: one row per item, Chinese headers in any order (title rows
 * above the header are skipped), materials in one cell (see MATERIALS_CELL_HELP), special
 * procedures as `公示:5;专家评审:10`, steps separated by `→` or new lines. The export writes the
 * same headers, so an exported file re-imports as "unchanged".
 */

/** Fields of a row; a column the sheet lacks is left out (an update keeps the stored value). */
export type ItemRowInput = Record<string, unknown> & { approverNames?: string[]; status?: ItemStatus };
export type ParsedItemRow = { row: number; data: ItemRowInput };
export type ParsedItemWorkbook = { rows: ParsedItemRow[]; rejected: ItemImportRejection[]; totalRows: number; columnOf: (key: string) => string };

type Kind = 'text' | 'code' | 'itemType' | 'target' | 'caseKind' | 'days' | 'visits' | 'bool' | 'fee' | 'list' | 'steps' | 'procedures' | 'materials' | 'stage' | 'status' | 'approvers';

type Column = { key: string; header: string; kind: Kind; exact: string[]; required?: boolean; width: number; help: string; example: string | number };

const COLUMNS: Column[] = [
  { key: 'code', header: '实施编码', kind: 'code', required: true, width: 30, exact: ['实施编码', '事项编码', '编码', '业务办理项编码'], help: '本园区唯一;已存在的编码按此更新,不会重复导入。字母、数字、点、横线。', example: '11360600MB1798412X4000117001' },
  { key: 'basicCode', header: '基本编码', kind: 'code', width: 22, exact: ['基本编码', '事项基本编码'], help: '省级基本目录编码,选填。', example: '000117001000' },
  { key: 'name', header: '事项名称', kind: 'text', required: true, width: 30, exact: ['事项名称', '业务办理项名称', '办理项名称', '名称'], help: '办事群众看到的名称,2–100个字。', example: '企业开办' },
  { key: 'mainItem', header: '主项名称', kind: 'text', width: 20, exact: ['主项名称', '主项'], help: '选填。', example: '企业登记' },
  { key: 'subItem', header: '子项名称', kind: 'text', width: 20, exact: ['子项名称', '子项'], help: '选填。', example: '有限责任公司设立登记' },
  { key: 'itemType', header: '事项类型', kind: 'itemType', required: true, width: 12, exact: ['事项类型', '事项类别', '权力类型'], help: `可填:${ITEM_TYPES.map((t) => ITEM_TYPE_LABELS[t]).join('、')}。`, example: '行政许可' },
  { key: 'department', header: '实施主体', kind: 'text', width: 16, exact: ['实施主体', '实施机构', '承办科室', '办理部门'], help: '不填为“行政审批局”。', example: '行政审批局' },
  { key: 'legalBasis', header: '设定依据', kind: 'text', width: 30, exact: ['设定依据', '法律依据', '实施依据'], help: '选填,最多2000个字。', example: '《中华人民共和国市场主体登记管理条例》' },
  { key: 'target', header: '服务对象', kind: 'target', width: 14, exact: ['服务对象', '办理对象'], help: '企业法人 / 自然人 / 企业法人、自然人;不填为企业法人。', example: '企业法人' },
  { key: 'caseKind', header: '办件类型', kind: 'caseKind', required: true, width: 10, exact: ['办件类型'], help: '即办件 或 承诺件。即办件的承诺时限填0。', example: '承诺件' },
  { key: 'legalDays', header: '法定办结时限(工作日)', kind: 'days', required: true, width: 12, exact: ['法定办结时限', '法定时限', '法定期限'], help: '整数,单位工作日;可写“20个工作日”。', example: 15 },
  { key: 'committedDays', header: '承诺办结时限(工作日)', kind: 'days', required: true, width: 12, exact: ['承诺办结时限', '承诺时限', '承诺期限'], help: '整数,不得超过法定时限;“即办”写0。', example: 1 },
  { key: 'specialProcedures', header: '特别程序', kind: 'procedures', width: 18, exact: ['特别程序', '特殊环节', '特别程序及时限'], help: '“名称:工作日”,多个用分号分隔,如 公示:5;专家评审:10。', example: '' },
  { key: 'visits', header: '到现场次数', kind: 'visits', required: true, width: 10, exact: ['到现场次数', '到办事现场次数', '跑动次数'], help: '整数;0 = 一次不跑,1 = 只跑一次。', example: 0 },
  { key: 'online', header: '是否网办', kind: 'bool', width: 9, exact: ['是否网办', '网上办理', '是否全程网办', '是否支持网上办理'], help: '是/否。', example: '是' },
  { key: 'appointment', header: '是否支持预约', kind: 'bool', width: 9, exact: ['是否支持预约', '预约办理', '是否预约'], help: '是/否。', example: '是' },
  { key: 'delivery', header: '是否支持物流快递', kind: 'bool', width: 9, exact: ['是否支持物流快递', '物流快递', '是否支持快递', '是否快递送达'], help: '是/否。', example: '是' },
  { key: 'chengnuoAllowed', header: '是否适用告知承诺制', kind: 'bool', width: 10, exact: ['是否适用告知承诺制', '告知承诺制', '是否告知承诺'], help: '是/否;为“是”时须填写告知承诺书内容。', example: '否' },
  { key: 'chengnuoText', header: '告知承诺书内容', kind: 'text', width: 30, exact: ['告知承诺书内容', '告知承诺书', '承诺书内容'], help: '申请人签署的承诺内容。', example: '' },
  { key: 'feeCharged', header: '是否收费', kind: 'bool', width: 9, exact: ['是否收费', '收费'], help: '是/否(“不收费”视为否)。', example: '否' },
  { key: 'feeBasis', header: '收费依据', kind: 'text', width: 20, exact: ['收费依据'], help: '收费事项必填。', example: '' },
  { key: 'feeAmountFen', header: '收费标准(元)', kind: 'fee', width: 12, exact: ['收费标准', '收费金额'], help: '单位元,可带两位小数;标准不固定可不填。', example: '' },
  { key: 'steps', header: '办理流程', kind: 'steps', width: 30, exact: ['办理流程', '办理环节', '流程'], help: '环节之间用“→”、分号或换行分隔,如 申请→受理→审查→决定→送达。', example: '网上申请→受理审查→核准发照→刻章→申领发票' },
  { key: 'consultPhone', header: '咨询电话', kind: 'text', width: 14, exact: ['咨询电话', '咨询方式'], help: '选填。', example: '0701-6212345' },
  { key: 'complaintPhone', header: '投诉电话', kind: 'text', width: 14, exact: ['投诉电话', '监督投诉电话', '投诉方式'], help: '选填。', example: '0701-12345' },
  { key: 'jointDepartments', header: '联办部门', kind: 'list', width: 20, exact: ['联办部门', '联办单位', '协办部门'], help: '多个用顿号分隔。', example: '市场监管局、税务局' },
  { key: 'materials', header: '申请材料', kind: 'materials', width: 60, exact: ['申请材料', '材料清单', '所需材料'], help: MATERIALS_CELL_HELP, example: '企业设立登记申请书(原件,关键);公司章程(原件,关键);住所使用证明(承诺);法定代表人身份证明(复印件,容缺)' },
  { key: 'projectStage', header: '工程建设阶段', kind: 'stage', width: 16, exact: ['工程建设阶段', '审批阶段', '所属阶段'], help: `工程建设项目事项填写:${PROJECT_STAGES.map((s) => PROJECT_STAGE_LABELS[s]).join('、')};其他事项留空。`, example: '' },
  { key: 'keywords', header: '关键词', kind: 'list', width: 20, exact: ['关键词', '搜索关键词', '别名'], help: '办事人常用的说法,多个用顿号分隔,有助于搜索。', example: '开公司、营业执照、注册公司' },
  { key: 'approverNames', header: '审批人员', kind: 'approvers', width: 16, exact: ['审批人员', '审批人', '承办人'], help: '系统中审批局账号的姓名,多个用顿号分隔;该列不存在时不改变已有分配。', example: '' },
  { key: 'status', header: '状态', kind: 'status', width: 8, exact: ['状态', '事项状态'], help: '在用 / 已停用;不填为在用。', example: '在用' },
];

const HEADER_SEARCH_ROWS = 30;
const PROGRESS_EVERY = 200;

function textOf(v: CellReading): string {
  if (v === null || (typeof v === 'object' && !(v instanceof Date))) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v).trim();
}

const flatHeader = (text: string) =>
  toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[*※]/g, '')
    .replace(/\([^)]*\)?/g, '')
    .replace(/[:：]$/, '');

type Converted = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (message: string): Converted => ({ ok: false, message });

const TRUE_WORDS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '支持', '收费', '适用']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', 'X', '不支持', '不收费', '免费', '不适用', '无']);

const byLabel = <K extends string>(labels: Record<K, string>, text: string): K | undefined =>
  (Object.keys(labels) as K[]).find((k) => labels[k] === text || k === text);

function splitList(text: string): string[] {
  return [...new Set(text.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean))];
}

function toInt(text: string, what: string): Converted {
  const t = toHalfWidth(text).replace(/\s/g, '').replace(/(个)?工作日$|天$|次$/, '');
  if (t === '即办' || t === '当场办结' || t === '即时办结') return ok(0);
  if (!/^\d+$/.test(t)) return fail(`“${text}”不是有效的${what},应填写整数`);
  return ok(Number(t));
}

function convert(col: Column, v: CellReading): Converted {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return fail(v.error);
  const text = textOf(v);
  if (text === '') {
    switch (col.kind) {
      case 'bool':
        return ok(false);
      case 'list':
      case 'steps':
      case 'procedures':
      case 'materials':
      case 'approvers':
        return ok([]);
      case 'status':
        return ok('active');
      case 'text':
      case 'code':
        return ok(col.required ? undefined : null);
      case 'stage':
      case 'fee':
        return ok(null);
      default:
        return ok(undefined);
    }
  }
  switch (col.kind) {
    case 'text':
      return ok(text);
    case 'code':
      return ok(toHalfWidth(text).replace(/\s/g, ''));
    case 'itemType': {
      const t = byLabel(ITEM_TYPE_LABELS, text);
      return t ? ok(t) : fail(`“${text}”不是有效的事项类型,可填:${Object.values(ITEM_TYPE_LABELS).join('、')}`);
    }
    case 'target': {
      const t = text.replace(/\s/g, '');
      if (['企业', '法人', '企业法人', 'enterprise'].includes(t)) return ok('enterprise');
      if (['个人', '自然人', 'person'].includes(t)) return ok('person');
      if (/^(企业|法人|企业法人)[、,，和及与/]?(个人|自然人)$/.test(t) || ['两者', 'both', '全部'].includes(t) || t === SERVICE_TARGET_LABELS.both) return ok('both');
      return fail(`“${text}”不是有效的服务对象,可填:企业法人、自然人、企业法人、自然人`);
    }
    case 'caseKind': {
      const t = byLabel(CASE_KIND_LABELS, text.replace(/\s/g, '')) ?? (text === '即办' ? 'instant' : text === '承诺' ? 'promised' : undefined);
      return t ? ok(t) : fail(`“${text}”不是有效的办件类型,可填:即办件、承诺件`);
    }
    case 'days':
      return toInt(text, '工作日数');
    case 'visits': {
      if (text === '一次不跑' || text === '零跑动') return ok(0);
      if (text === '只跑一次' || text === '最多跑一次') return ok(1);
      return toInt(text, '到现场次数');
    }
    case 'bool': {
      const t = toHalfWidth(text).replace(/\s/g, '').toUpperCase();
      if (TRUE_WORDS.has(t)) return ok(true);
      if (FALSE_WORDS.has(t)) return ok(false);
      return fail(`“${text}”应填写“是”或“否”`);
    }
    case 'fee': {
      const t = toHalfWidth(text).replace(/[\s,¥￥]/g, '').replace(/元$/, '');
      const fen = parseYuanToFen(t);
      return fen === null ? fail(`“${text}”不是有效的金额(单位:元)`) : ok(fen);
    }
    case 'list':
    case 'approvers':
      return ok(splitList(text));
    case 'steps':
      return ok(text.split(/\s*(?:→|->|=>|;|；|\n)\s*/).map((s) => s.replace(/^\d+[.、.]\s*/, '').trim()).filter(Boolean));
    case 'procedures': {
      const out: { name: string; maxDays: number }[] = [];
      for (const part of text.split(/[;；\n]+/).map((s) => s.trim()).filter(Boolean)) {
        const m = /^(.+?)\s*[:：]\s*(\d+)\s*(?:个)?(?:工作日|天)?$/.exec(toHalfWidth(part));
        if (!m) return fail(`特别程序“${part}”应写成“名称:工作日”,如 公示:5`);
        out.push({ name: m[1]!.trim(), maxDays: Number(m[2]) });
      }
      return ok(out);
    }
    case 'materials': {
      const parsed = parseMaterialsCell(text);
      return parsed.ok ? ok(parsed.materials) : fail(parsed.message);
    }
    case 'stage': {
      const t = byLabel(PROJECT_STAGE_LABELS, text.replace(/\s/g, '')) ?? (PROJECT_STAGES as readonly string[]).find((s) => PROJECT_STAGE_LABELS[s as keyof typeof PROJECT_STAGE_LABELS].startsWith(text));
      return t ? ok(t) : fail(`“${text}”不是工程建设阶段,可填:${Object.values(PROJECT_STAGE_LABELS).join('、')}`);
    }
    case 'status': {
      if (text === '在用' || text === '启用' || text === 'active') return ok('active');
      if (text === '已停用' || text === '停用' || text === 'inactive') return ok('inactive');
      return fail(`“${text}”不是有效的状态,可填:在用、已停用`);
    }
  }
}

function findHeader(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; headerRow: number; columns: Map<string, { col: number; written: string }> } {
  for (const sheet of workbook.worksheets) {
    if (/说明/.test(sheet.name)) continue;
    for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); r++) {
      const row = sheet.findRow(r);
      if (!row) continue;
      const cells: { col: number; written: string; flat: string }[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const written = textOf(readCell(cell.value)).replace(/\s*[\r\n]+\s*/g, '');
        if (written) cells.push({ col, written, flat: flatHeader(written) });
      });
      const columns = new Map<string, { col: number; written: string }>();
      const used = new Set<number>();
      for (const c of COLUMNS) {
        const found = cells.find((cell) => !used.has(cell.col) && c.exact.includes(cell.flat));
        if (found) {
          columns.set(c.key, { col: found.col, written: found.written });
          used.add(found.col);
        }
      }
      if (columns.has('code') && columns.has('name')) return { sheet, headerRow: r, columns };
    }
  }
  const message = '表格缺少必需的列:“实施编码”和“事项名称”。请下载导入模板对照表头';
  throw new AppError('VALIDATION_FAILED', message, [{ path: 'file', message }]);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads items from a sheet. Cell-level problems (a word that is not a type, a bad materials
 * cell, a duplicate code) are reported here; the caller validates each row as a whole once it is
 * merged with the stored item.
 */
export async function parseItemWorkbook(buffer: Buffer, onProgress?: (done: number, total: number) => void): Promise<ParsedItemWorkbook> {
  const workbook = await loadXlsx(buffer);
  const { sheet, headerRow, columns } = findHeader(workbook);
  const mapped = COLUMNS.filter((c) => columns.has(c.key)).map((c) => ({ column: c, at: columns.get(c.key)! }));
  const columnOf = (key: string) => columns.get(key)?.written ?? COLUMNS.find((c) => c.key === key)?.header ?? key;
  const rows: ParsedItemRow[] = [];
  const rejected: ItemImportRejection[] = [];
  const firstRowOfCode = new Map<string, number>();
  const total = Math.max(0, sheet.rowCount - headerRow);
  let totalRows = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    if ((r - headerRow) % PROGRESS_EVERY === 0) {
      onProgress?.(r - headerRow, total);
      await yieldToEventLoop();
    }
    const row = sheet.findRow(r);
    if (!row) continue;
    const values = mapped.map(({ at }) => readCell(row.getCell(at.col).value));
    if (values.every((v) => v === null)) continue;
    totalRows++;
    const data: ItemRowInput = {};
    const problems: ItemImportRejection[] = [];
    mapped.forEach(({ column, at }, i) => {
      const converted = convert(column, values[i]!);
      if (converted.ok) {
        if (converted.value !== undefined) data[column.key] = converted.value;
      } else problems.push({ row: r, column: at.written, message: converted.message });
    });
    if (typeof data.code === 'string') {
      const first = firstRowOfCode.get(data.code);
      if (first !== undefined) problems.push({ row: r, column: columnOf('code'), message: `实施编码与第${first}行重复` });
      else firstRowOfCode.set(data.code, r);
      if (data.code === COLUMNS[0]!.example) problems.push({ row: r, column: columnOf('code'), message: '这是导入模板的示例行,请删除或改成真实事项后再导入' });
    }
    if (problems.length > 0) rejected.push(...problems);
    else rows.push({ row: r, data });
  }
  onProgress?.(total, total);
  return { rows, rejected, totalRows, columnOf };
}

// ---------------------------------------------------------------------------------------------
// Writing

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };


function addItemSheet(workbook: ExcelJS.Workbook, name: string, required: boolean): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width, style: c.kind === 'code' || c.key.endsWith('Phone') ? { numFmt: '@' } : {} }));
  const header = sheet.getRow(1);
  header.values = COLUMNS.map((c) => (required && c.required ? `*${c.header}` : c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    if (required && c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];
  return sheet;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** One item as a row of the sheet (the inverse of the parser). */
function rowOf(item: ServiceItemView): Record<string, unknown> {
  return {
    code: item.code,
    basicCode: item.basicCode,
    name: item.name,
    mainItem: item.mainItem,
    subItem: item.subItem,
    itemType: ITEM_TYPE_LABELS[item.itemType],
    department: item.department,
    legalBasis: item.legalBasis,
    target: SERVICE_TARGET_LABELS[item.target],
    caseKind: CASE_KIND_LABELS[item.caseKind],
    legalDays: item.legalDays,
    committedDays: item.committedDays,
    specialProcedures: item.specialProcedures.map((p) => `${p.name}:${p.maxDays}`).join(';'),
    visits: item.visits,
    online: yesNo(item.online),
    appointment: yesNo(item.appointment),
    delivery: yesNo(item.delivery),
    chengnuoAllowed: yesNo(item.chengnuoAllowed),
    chengnuoText: item.chengnuoText,
    feeCharged: yesNo(item.feeCharged),
    feeBasis: item.feeBasis,
    feeAmountFen: item.feeAmountFen === null ? null : item.feeAmountFen / 100,
    steps: item.steps.join('→'),
    consultPhone: item.consultPhone,
    complaintPhone: item.complaintPhone,
    jointDepartments: item.jointDepartments.join('、'),
    materials: formatMaterialsCell(item.materials),
    projectStage: item.projectStage ? PROJECT_STAGE_LABELS[item.projectStage] : null,
    keywords: item.keywords.join('、'),
    approverNames: item.approvers.map((a) => a.displayName).join('、'),
    status: ITEM_STATUS_LABELS[item.status],
  };
}

export async function buildItemWorkbook(items: ServiceItemView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = addItemSheet(workbook, '事项清单', false);
  for (const item of items) sheet.addRow(rowOf(item));
  sheet.getColumn('materials').alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return writeXlsx(workbook);
}

/** Template: the header, one example row and a 填写说明 sheet (the materials format among it). */
export async function buildItemTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = addItemSheet(workbook, '事项清单', true);
  const example = sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.example === '' ? null : c.example])));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 24 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'help', width: 90 },
    { header: '示例', key: 'example', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  help.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const c of COLUMNS) help.addRow({ header: c.header, required: c.required ? '必填' : '选填', help: c.help, example: String(c.example) });
  help.addRow({});
  for (const note of [
    '1. 第2行是示例,导入前请删除或改成真实事项;带 * 的列新增事项时必须填写。',
    '2. 列的顺序可以调整,不需要的列可以删除;已有事项(实施编码相同)只更新表中出现的列。',
    `3. 申请材料写在一个单元格里:${MATERIALS_CELL_HELP}`,
    '4. 关键材料不能标“容缺”;标“承诺”的材料要求事项“是否适用告知承诺制”为是,并填写告知承诺书内容。',
    '5. 有错误的行不会导入,系统逐行列出错误的单元格和原因;改正后重新导入即可,已导入的事项不会重复。',
  ]) help.addRow({ header: note });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return writeXlsx(workbook);
}

export const ITEM_COLUMN_HEADERS = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header]));
