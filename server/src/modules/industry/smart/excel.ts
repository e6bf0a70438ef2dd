import ExcelJS from 'exceljs';
import { addMonths, fenToYuanCell, monthOf, parseYuanToFen, type SmartCostImportReport } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { isCellProblem, loadXlsx, readCell, writeXlsx, type CellReading } from '../../../platform/xlsx.js';
import * as repo from './repository.js';
import { checkCostMonth, getSmartProject } from './service.js';

const MONTH_HEADERS = ['月份', '月度', '年月'];
const COST_HEADERS = ['运行成本(元)', '运行成本', '月度成本(元)', '成本(元)', '成本'];
const NOTE_HEADERS = ['备注', '说明'];
const norm = (s: string) => s.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '(' : ')'));
const MAX_COST_FEN = 100_000_000_000;

/** '2025-03', '2025/3', '2025年3月', an Excel date or serial day → '2025-03-01'. */
function readMonth(value: CellReading): string | null {
  if (value instanceof Date) return monthOf(value.toISOString().slice(0, 10));
  if (typeof value === 'number' && value > 20_000 && value < 80_000) {
    return monthOf(new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10));
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*0?1日?)?$/.exec(value.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-01`;
}

export type ParsedCostRow = { row: number; month: string; costFen: number; note: string | null };

/**
 * Reads a cost sheet (columns 月份, 运行成本(元), optional 备注; header within the first 10 rows):
 * every bad row reported with its row number and why; blank rows skipped.
 */
export async function parseCostWorkbook(ctx: AppContext, buffer: Buffer): Promise<{ rows: ParsedCostRow[]; rejected: SmartCostImportReport['rejected']; total: number }> {
  const workbook = await loadXlsx(buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION_FAILED', 'Excel 文件没有工作表', [{ path: 'file', message: '没有工作表' }]);
  let headerRow = 0;
  let monthCol = 0;
  let costCol = 0;
  let noteCol = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    monthCol = costCol = noteCol = 0;
    sheet.getRow(r).eachCell((cell, col) => {
      const text = norm(String(readCell(cell.value) ?? ''));
      if (MONTH_HEADERS.map(norm).includes(text)) monthCol = col;
      if (COST_HEADERS.map(norm).includes(text)) costCol = col;
      if (NOTE_HEADERS.map(norm).includes(text)) noteCol = col;
    });
    if (monthCol && costCol) headerRow = r;
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '没有找到表头:需要“月份”和“运行成本(元)”两列', [{ path: 'file', message: '需要“月份”和“运行成本(元)”两列' }]);
  const rows: ParsedCostRow[] = [];
  const rejected: SmartCostImportReport['rejected'] = [];
  const firstRowOf = new Map<string, number>();
  let total = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const monthCell = readCell(row.getCell(monthCol).value);
    const costCell = readCell(row.getCell(costCol).value);
    const noteCell = noteCol ? readCell(row.getCell(noteCol).value) : null;
    // a template month left without a cost is not a row to import
    if (costCell === null) continue;
    total++;
    if (isCellProblem(monthCell)) {
      rejected.push({ row: r, column: '月份', message: monthCell.error });
      continue;
    }
    const month = readMonth(monthCell);
    if (!month) {
      rejected.push({ row: r, column: '月份', message: monthCell === null ? '月份为空' : `月份“${String(monthCell)}”无法识别,请写成 2025-03` });
      continue;
    }
    const monthProblem = checkCostMonth(ctx, month);
    if (monthProblem) {
      rejected.push({ row: r, column: '月份', message: monthProblem });
      continue;
    }
    if (isCellProblem(costCell)) {
      rejected.push({ row: r, column: '运行成本(元)', message: costCell.error });
      continue;
    }
    const fen = typeof costCell === 'boolean' || costCell instanceof Date ? null : parseYuanToFen(costCell);
    if (fen === null) {
      rejected.push({ row: r, column: '运行成本(元)', message: `运行成本“${String(costCell)}”不是数字` });
      continue;
    }
    if (fen < 0) {
      rejected.push({ row: r, column: '运行成本(元)', message: '运行成本不能为负数' });
      continue;
    }
    if (fen > MAX_COST_FEN) {
      rejected.push({ row: r, column: '运行成本(元)', message: '运行成本应小于10亿元' });
      continue;
    }
    const note = noteCell === null || isCellProblem(noteCell) ? null : String(noteCell).trim().slice(0, 200) || null;
    const first = firstRowOf.get(month);
    if (first !== undefined) {
      rejected.push({ row: r, column: '月份', message: `${month.slice(0, 7)} 在文件中重复(与第 ${first} 行相同),只导入第 ${first} 行` });
      continue;
    }
    firstRowOf.set(month, r);
    rows.push({ row: r, month, costFen: fen, note });
  }
  return { rows, rejected, total };
}

/**
 * Imports a project's monthly costs: the good rows in one transaction (a month already entered
 * takes the file's cost), the bad rows reported and not written; the project's version moves on.
 */
export async function importSmartCosts(ctx: AppContext, actor: Actor, projectId: string, buffer: Buffer, progress?: (done: number, total: number, phase?: string) => void): Promise<SmartCostImportReport> {
  const project = await getSmartProject(ctx, actor, projectId);
  if (!project.canEdit) throw new AppError('FORBIDDEN', '没有执行此操作的权限');
  progress?.(0, 1, 'parse');
  const parsed = await parseCostWorkbook(ctx, buffer);
  progress?.(0, parsed.rows.length, 'write');
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await repo.findSmartCosts(trx, actor.parkId, [projectId])).map((c) => [c.month, c]));
    const changed = parsed.rows.filter((r) => {
      const e = existing.get(r.month);
      return !e || e.cost_fen !== r.costFen || (e.note ?? null) !== r.note;
    });
    if (changed.length > 0) {
      if (!(await repo.updateSmartProject(trx, actor.parkId, projectId, project.version, {}, now))) throw conflict('项目已被他人修改,请刷新后再导入');
      await repo.upsertSmartCosts(trx, actor.parkId, projectId, changed);
    }
    const updated = changed.filter((r) => existing.has(r.month)).length;
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [
        {
          action: 'import_costs',
          entity: 'smart_project',
          entityId: projectId,
          before: { project: project.name, costs: changed.filter((r) => existing.has(r.month)).map((r) => ({ month: r.month, cost_fen: existing.get(r.month)!.cost_fen })) },
          after: { project: project.name, rows: parsed.total, costs: changed.map((r) => ({ month: r.month, cost_fen: r.costFen })), rejected: parsed.rejected.length },
        },
      ],
      now,
    );
    progress?.(changed.length, changed.length, 'write');
    return { created: changed.length - updated, updated, unchanged: parsed.rows.length - changed.length };
  });
  return { total: parsed.total, imported: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, rejected: parsed.rejected };
}

/**
 * The template of one project: 月份 from 12 months before go-live (or the last 24 months when not
 * live) to this month, with the costs already entered, and a note sheet.
 */
export async function buildCostTemplate(ctx: AppContext, actor: Actor, projectId: string): Promise<{ buffer: Buffer; filename: string }> {
  const project = await getSmartProject(ctx, actor, projectId);
  const current = monthOf(shanghaiDate(ctx.clock.now()));
  const liveMonth = project.liveOn ? monthOf(project.liveOn) : null;
  const entered = project.costs.map((c) => c.month);
  let first = liveMonth && liveMonth <= current ? addMonths(liveMonth, -12) : addMonths(current, -23);
  if (entered.length && entered[0]! < first) first = entered[0]!;
  const byMonth = new Map(project.costs.map((c) => [c.month, c]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = workbook.addWorksheet('月度成本');
  sheet.columns = [
    { header: '月份', key: 'month', width: 12 },
    { header: '运行成本(元)', key: 'cost', width: 18, style: { numFmt: '#,##0.00' } },
    { header: '备注', key: 'note', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (let m = first; m <= current; m = addMonths(m, 1)) {
    const c = byMonth.get(m);
    sheet.addRow({ month: m.slice(0, 7), cost: c ? fenToYuanCell(c.costFen) : null, note: c?.note ?? (m === liveMonth ? '上线当月(不计入节约测算)' : null) });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 100 }];
  for (const text of [
    `项目:${project.enterpriseName} · ${project.name}${project.liveOn ? `,上线日期 ${project.liveOn}` : ''}`,
    '1. 每行一个月:月份写成 2025-03,运行成本为改造产线当月的运行成本(能耗、人工、维护、物料损耗等),单位元,最多两位小数。',
    '2. 运行成本留空的行不导入;表中已有的月份以文件中的金额更新,导入结果列出更新数。',
    '3. 节约测算:上线前最近12个月的月均成本减去上线后各月的月均成本,乘以12为年节约;上线当月不计入;上线后不足3个月为“数据不足”。',
    '4. 月份无法识别、未来月份、金额不是数字或为负数、文件中重复的月份,这些行不会导入,逐行列出原因。',
  ]) help.addRow({ text });
  return { buffer: await writeXlsx(workbook), filename: `${project.name}-月度成本.xlsx` };
}
