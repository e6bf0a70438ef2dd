import ExcelJS from 'exceljs';
import { PREMISES_UNIT_STATUSES, PREMISES_UNIT_STATUS_LABELS, fenToYuanCell, type PremisesUnitImportReport, type PremisesUnitStatus } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { isCellProblem, loadXlsx, readCell, writeXlsx, type CellReading } from '../../../platform/xlsx.js';
import { requireAnyLandPermission } from '../access.js';
import { reliefReportOf } from './service.js';

const HEADERS = { code: ['房号', '单元编号', '编号'], floor: ['楼层'], area: ['面积(㎡)', '面积', '建筑面积(㎡)', '建筑面积'], layout: ['户型'], status: ['状态'], note: ['备注', '说明'] } as const;
const norm = (s: string) => s.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '(' : ')')).replace(/m2|平方米|平米/g, '㎡');
const statusByLabel = new Map<string, PremisesUnitStatus>(PREMISES_UNIT_STATUSES.flatMap((s) => [[PREMISES_UNIT_STATUS_LABELS[s], s] as [string, PremisesUnitStatus], [s, s] as [string, PremisesUnitStatus]]));

async function building(ctx: AppContext, actor: Actor, id: string) {
  const b = await ctx.db.selectFrom('premises_buildings').select(['id', 'code', 'name', 'kind', 'floors']).where('park_id', '=', actor.parkId).where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound('楼宇');
  return b;
}

/** The units template of a building, with its units already entered (edit and re-import). */
export async function unitsTemplate(ctx: AppContext, actor: Actor, buildingId: string): Promise<{ buffer: Buffer; filename: string }> {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage');
  const b = await building(ctx, actor, buildingId);
  const units = await ctx.db.selectFrom('premises_units').select(['code', 'floor', 'area_m2', 'layout', 'status', 'note']).where('park_id', '=', actor.parkId).where('building_id', '=', buildingId).orderBy('floor').orderBy('code').execute();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房源');
  ws.columns = [
    { header: '房号', key: 'code', width: 12 },
    { header: '楼层', key: 'floor', width: 8 },
    { header: '面积(㎡)', key: 'area', width: 12 },
    { header: '户型', key: 'layout', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '备注', key: 'note', width: 30 },
  ];
  for (const u of units) ws.addRow({ code: u.code, floor: u.floor, area: Number(u.area_m2), layout: u.layout, status: PREMISES_UNIT_STATUS_LABELS[u.status as PremisesUnitStatus], note: u.note });
  ws.getRow(1).font = { bold: true };
  return { buffer: await writeXlsx(wb), filename: `${b.name}-房源.xlsx` };
}

const text = (v: CellReading) => (v === null || isCellProblem(v) ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/**
 * Imports a building's units (房号, 楼层, 面积(㎡), optional 户型, 状态, 备注): a known 房号 is updated,
 * a new one added; bad rows are reported with their row and column and not written; the good rows
 * in one transaction.
 */
export async function importUnits(ctx: AppContext, actor: Actor, buildingId: string, buffer: Buffer): Promise<PremisesUnitImportReport> {
  requireAnyLandPermission(actor, 'premises:manage');
  const b = await building(ctx, actor, buildingId);
  const wb = await loadXlsx(buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', 'Excel 文件没有工作表', [{ path: 'file', message: '没有工作表' }]);
  const cols: Partial<Record<keyof typeof HEADERS, number>> = {};
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      const t = norm(text(readCell(cell.value)));
      for (const [key, names] of Object.entries(HEADERS)) if ((names as readonly string[]).map(norm).includes(t)) cols[key as keyof typeof HEADERS] ??= col;
    });
    if (cols.code && cols.floor && cols.area) headerRow = r;
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '没有找到表头:需要“房号”“楼层”“面积(㎡)”三列', [{ path: 'file', message: '需要“房号”“楼层”“面积(㎡)”三列' }]);
  const rejected: PremisesUnitImportReport['rejected'] = [];
  const rows: { code: string; floor: number; area: number; layout: string | null; status: PremisesUnitStatus; note: string | null }[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const get = (k: keyof typeof HEADERS) => (cols[k] ? readCell(row.getCell(cols[k]!).value) : null);
    const code = text(get('code'));
    const floorCell = get('floor');
    const areaCell = get('area');
    if (!code && floorCell === null && areaCell === null) continue;
    if (!code || !/^[A-Za-z0-9\-_#]{1,30}$/.test(code)) {
      rejected.push({ row: r, column: '房号', message: code ? `房号“${code}”只能包含字母、数字、-、_、#,最多30个字符` : '房号为空' });
      continue;
    }
    const floor = typeof floorCell === 'number' ? floorCell : Number(text(floorCell).replace(/[层F]/gi, ''));
    if (!Number.isInteger(floor) || floor === 0 || floor > b.floors || floor < -5) {
      rejected.push({ row: r, column: '楼层', message: `楼层“${text(floorCell)}”应为1—${b.floors}之间的整数` });
      continue;
    }
    const area = typeof areaCell === 'number' ? areaCell : Number(text(areaCell).replace(/[㎡,，]/g, ''));
    if (!Number.isFinite(area) || area <= 0 || area > 1_000_000) {
      rejected.push({ row: r, column: '面积(㎡)', message: `面积“${text(areaCell)}”应为大于0的数字` });
      continue;
    }
    const statusText = text(get('status'));
    const status = statusText ? statusByLabel.get(statusText) : 'available';
    if (!status) {
      rejected.push({ row: r, column: '状态', message: `状态“${statusText}”应为可租、维修中或停用` });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      rejected.push({ row: r, column: '房号', message: `房号${code}与第${first}行重复,只导入第${first}行` });
      continue;
    }
    seen.set(code, r);
    rows.push({ code, floor, area: Math.round(area * 100) / 100, layout: text(get('layout')).slice(0, 30) || null, status, note: text(get('note')).slice(0, 200) || null });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom('premises_units').select(['id', 'code', 'floor', 'area_m2', 'layout', 'status', 'note']).where('park_id', '=', actor.parkId).where('building_id', '=', buildingId).execute()).map((u) => [u.code, u]));
    let imported = 0;
    let updated = 0;
    let unchanged = 0;
    const fresh = [];
    for (const r of rows) {
      const e = existing.get(r.code);
      if (!e) {
        fresh.push({ park_id: actor.parkId, building_id: buildingId, code: r.code, floor: r.floor, area_m2: r.area, layout: r.layout, status: r.status, note: r.note, created_at: now, updated_at: now });
        imported++;
      } else if (e.floor !== r.floor || Number(e.area_m2) !== r.area || (e.layout ?? null) !== r.layout || e.status !== r.status || (e.note ?? null) !== r.note) {
        await trx.updateTable('premises_units').set({ floor: r.floor, area_m2: r.area, layout: r.layout, status: r.status, note: r.note, updated_at: now }).where('id', '=', e.id).execute();
        updated++;
      } else unchanged++;
    }
    for (let i = 0; i < fresh.length; i += 500) await trx.insertInto('premises_units').values(fresh.slice(i, i + 500)).execute();
    if (imported + updated > 0) await recordAudit(trx, actor, actor.parkId, [{ action: 'import', entity: 'premises_building', entityId: buildingId, after: { imported, updated, unchanged, rejected: rejected.length } }], now);
    return { imported, updated, unchanged, rejected };
  });
}

/** The relief report of a measure as .xlsx: one row per firm, the total last. */
export async function reliefReportXlsx(ctx: AppContext, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage');
  const report = await reliefReportOf(ctx.db, actor.parkId, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('减免明细');
  ws.addRow([`${report.name}(${report.code})`]);
  ws.addRow([`减免期:${report.periodFrom} 至 ${report.periodTo};规则:${report.ruleText}`]);
  ws.addRow([]);
  const header = ws.addRow(['序号', '企业', '租赁合同数', '减免账单数', '租赁面积(㎡)', '减免金额(元)']);
  header.font = { bold: true };
  report.rows.forEach((r, i) => ws.addRow([i + 1, r.enterpriseName, r.leases, r.bills, r.areaM2, fenToYuanCell(r.amountFen)]));
  const total = ws.addRow(['合计', `${report.rows.length}家企业`, report.rows.reduce((a, r) => a + r.leases, 0), report.bills, Math.round(report.rows.reduce((a, r) => a + r.areaM2, 0) * 100) / 100, fenToYuanCell(report.totalFen)]);
  total.font = { bold: true };
  ws.getColumn(2).width = 36;
  for (const c of [3, 4, 5, 6]) ws.getColumn(c).width = 14;
  ws.getColumn(5).numFmt = '#,##0.00';
  ws.getColumn(6).numFmt = '#,##0.00';
  return { buffer: await writeXlsx(wb), filename: `${report.name}-减免明细.xlsx` };
}
