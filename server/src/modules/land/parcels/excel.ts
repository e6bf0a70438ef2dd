import ExcelJS from 'exceljs';
import {
  LAND_PARCEL_STATUS_LABELS,
  LAND_PARCEL_STATUSES,
  LAND_PLANNED_USE_LABELS,
  LAND_PLANNED_USES,
  PARCEL_IMPORT_COLUMNS,
  ZParcelCode,
  geometryAreaMu,
  parcelAreaDiffers,
  parseBoundaryText,
  validateParcelGeometry,
  normalizeParcelGeometry,
  type LandParcelStatus,
  type LandPlannedUse,
  type ParcelGeometry,
  type ParcelImportPreviewRow,
  type ParcelImportReport,
  type ParcelImportRowError,
} from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { isCellProblem, loadXlsx, readCell, writeXlsx, type CellReading } from '../../../platform/xlsx.js';
import type { CaseEventEntry } from '../../../platform/workflow/index.js';
import { requireAnyLandPermission } from '../access.js';
import * as repo from './repository.js';
import { geometryColumns, presentListItem } from './service.js';
import { parcelEventLog, parcelSnapshot, type ParcelRow } from './workflow.js';

type Column = (typeof PARCEL_IMPORT_COLUMNS)[number];
/** One row of a file before checking: its cells by column, or (GeoJSON) its geometry. */
export type RawParcelRow = { row: number; cells: Partial<Record<Column, CellReading>>; geometry?: unknown };
type Progress = (done: number, total: number, phase?: string) => void;

const MAX_ROWS = 5_000;
const norm = (s: string) => s.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '(' : ')')).replace(/²/g, '2');
const HEADER_OF = new Map<string, Column>(PARCEL_IMPORT_COLUMNS.map((c) => [norm(c), c]));
for (const [alias, col] of [
  ['编号', '地块编号'],
  ['地块名称', '名称'],
  ['规划用途', '用途'],
  ['面积', '面积(亩)'],
  ['证载面积(亩)', '面积(亩)'],
  ['边界', '坐标'],
  ['统一社会信用代码', '企业统一社会信用代码'],
  ['建筑面积(m2)', '建筑面积(㎡)'],
] as const) HEADER_OF.set(norm(alias), col);

/** GeoJSON feature properties: the template's Chinese column names or these English keys. */
const PROPERTY_KEYS: Record<string, Column> = {
  code: '地块编号',
  name: '名称',
  plannedUse: '用途',
  use: '用途',
  declaredAreaMu: '面积(亩)',
  areaMu: '面积(亩)',
  status: '状态',
  uscc: '企业统一社会信用代码',
  projectCode: '项目编号',
  zone: '片区',
  transferredOn: '出让日期',
  constructionOn: '开工日期',
  producingOn: '投产日期',
  floorAreaM2: '建筑面积(㎡)',
  note: '备注',
};

// ------------------------------------------------------------------ reading files

/** The rows of the template-shaped sheet (header in the first 10 rows; blank rows skipped). */
export async function readParcelWorkbook(buffer: Buffer): Promise<RawParcelRow[]> {
  const workbook = await loadXlsx(buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION_FAILED', 'Excel 文件没有工作表', [{ path: 'file', message: '没有工作表' }]);
  let headerRow = 0;
  let columns = new Map<number, Column>();
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headerRow; r++) {
    const found = new Map<number, Column>();
    sheet.getRow(r).eachCell((cell, col) => {
      const v = readCell(cell.value);
      const c = typeof v === 'string' ? HEADER_OF.get(norm(v)) : undefined;
      if (c) found.set(col, c);
    });
    const names = new Set(found.values());
    if (names.has('地块编号') && names.has('坐标')) {
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) throw new AppError('VALIDATION_FAILED', '没有找到表头:至少需要“地块编号”和“坐标”两列(请使用导入模板)', [{ path: 'file', message: '需要“地块编号”和“坐标”两列' }]);
  const rows: RawParcelRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const cells: RawParcelRow['cells'] = {};
    let any = false;
    for (const [col, name] of columns) {
      const v = readCell(row.getCell(col).value);
      if (v !== null) any = true;
      cells[name] = v;
    }
    if (!any) continue;
    rows.push({ row: r, cells });
    if (rows.length > MAX_ROWS) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROWS} 个地块,请拆分文件`, [{ path: 'file', message: `最多 ${MAX_ROWS} 行` }]);
  }
  return rows;
}

/** The features of a GeoJSON FeatureCollection as rows (row = the feature's number, from 1). */
export function readParcelGeoJson(content: string): RawParcelRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'GeoJSON 文件格式有误,无法解析', [{ path: 'content', message: '不是有效的 JSON' }]);
  }
  const fc = parsed as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new AppError('VALIDATION_FAILED', 'GeoJSON 文件应为 FeatureCollection(含 features 数组)', [{ path: 'content', message: '应为 FeatureCollection' }]);
  }
  if (fc.features.length > MAX_ROWS) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROWS} 个地块,请拆分文件`, [{ path: 'content', message: `最多 ${MAX_ROWS} 个要素` }]);
  return fc.features.map((f, i) => {
    const feature = (f ?? {}) as { properties?: Record<string, unknown> | null; geometry?: unknown };
    const cells: RawParcelRow['cells'] = {};
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      const col = PROPERTY_KEYS[key] ?? HEADER_OF.get(norm(key));
      if (!col || value === null || value === undefined || value === '') continue;
      cells[col] = typeof value === 'number' || typeof value === 'string' ? readCell(value) : String(value);
    }
    return { row: i + 1, cells, geometry: feature.geometry ?? null };
  });
}

// ------------------------------------------------------------------ checking rows

type CheckedRow = {
  row: number;
  code: string;
  name: string | null;
  plannedUse: LandPlannedUse;
  declaredAreaMu: number | null;
  boundary: ParcelGeometry | null;
  status: LandParcelStatus;
  enterpriseId: string | null;
  enterpriseName: string | null;
  projectId: string | null;
  zone: string | null;
  transferredOn: string | null;
  constructionOn: string | null;
  producingOn: string | null;
  floorAreaM2: number | null;
  note: string | null;
  existing: ParcelRow | null;
};

const asText = (v: CellReading | undefined): string | null => {
  if (v === null || v === undefined || isCellProblem(v)) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === '' ? null : s;
};

function readDate(value: CellReading | undefined): string | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && value > 20_000 && value < 80_000) return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  if (typeof value !== 'string') return 'bad';
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!m) return 'bad';
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : 'bad';
}

function readNumber(value: CellReading | undefined): number | null | 'bad' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'bad';
  if (typeof value === 'string') {
    const v = Number(value.replace(/[,,\s]/g, ''));
    return value.trim() !== '' && Number.isFinite(v) ? v : 'bad';
  }
  return 'bad';
}

const STATUS_BY_TEXT = new Map<string, LandParcelStatus>();
for (const s of LAND_PARCEL_STATUSES) {
  STATUS_BY_TEXT.set(s, s);
  STATUS_BY_TEXT.set(LAND_PARCEL_STATUS_LABELS[s], s);
}
for (const [t, s] of [['出让', 'transferred'], ['投产', 'producing'], ['收回', 'recovered'], ['再出让', 'reallocated'], ['建设中', 'construction']] as const) STATUS_BY_TEXT.set(t, s);
const USE_BY_TEXT = new Map<string, LandPlannedUse>();
for (const u of LAND_PLANNED_USES) {
  USE_BY_TEXT.set(u, u);
  USE_BY_TEXT.set(LAND_PLANNED_USE_LABELS[u], u);
  USE_BY_TEXT.set(LAND_PLANNED_USE_LABELS[u].replace(/用地$/, ''), u);
}

const HELD: readonly LandParcelStatus[] = ['transferred', 'construction', 'producing', 'idle', 'inefficient', 'reallocated'];

/**
 * Checks every row against the file and the park: a Chinese message per row and column; a row
 * with any problem is not written, and neither is any other (the import is all-or-nothing).
 */
export async function checkParcelRows(ctx: AppContext, parkId: string, raw: RawParcelRow[], today: string, progress?: Progress): Promise<{ rows: CheckedRow[]; errors: ParcelImportRowError[] }> {
  const errors: ParcelImportRowError[] = [];
  const codes = [...new Set(raw.map((r) => asText(r.cells['地块编号'])?.toUpperCase()).filter((c): c is string => !!c))];
  const usccs = [...new Set(raw.map((r) => asText(r.cells['企业统一社会信用代码'])?.toUpperCase()).filter((c): c is string => !!c))];
  const projectCodes = [...new Set(raw.map((r) => asText(r.cells['项目编号'])).filter((c): c is string => !!c))];
  const existing = new Map<string, ParcelRow>();
  const firms = new Map<string, { id: string; name: string }>();
  const projects = new Map<string, { id: string; enterprise_id: string | null }>();
  for (let i = 0; i < codes.length; i += 1000) {
    const found = (await ctx.db.selectFrom('land_parcels').selectAll().where('park_id', '=', parkId).where(({ fn, eb }) => eb(fn('upper', ['code']), 'in', codes.slice(i, i + 1000))).execute()) as ParcelRow[];
    for (const f of found) existing.set(f.code.toUpperCase(), f);
  }
  for (let i = 0; i < usccs.length; i += 1000) {
    for (const f of await ctx.db.selectFrom('enterprises').select(['id', 'name', 'uscc']).where('park_id', '=', parkId).where('uscc', 'in', usccs.slice(i, i + 1000)).execute()) firms.set(f.uscc.toUpperCase(), f);
  }
  for (let i = 0; i < projectCodes.length; i += 1000) {
    for (const p of await ctx.db.selectFrom('investment_projects').select(['id', 'code', 'enterprise_id']).where('park_id', '=', parkId).where('code', 'in', projectCodes.slice(i, i + 1000)).execute()) projects.set(p.code, p);
  }

  const firstRowOf = new Map<string, number>();
  const rows: CheckedRow[] = [];
  raw.forEach((r, index) => {
    if (index % 200 === 0) progress?.(index, raw.length, 'check');
    const before = errors.length;
    const err = (column: string, message: string) => errors.push({ row: r.row, column, message });
    for (const [col, v] of Object.entries(r.cells)) if (v !== undefined && isCellProblem(v)) err(col, v.error);
    if (errors.length > before) return;

    const codeText = asText(r.cells['地块编号']);
    const codeParsed = ZParcelCode.safeParse(codeText ?? '');
    if (!codeParsed.success) err('地块编号', codeText ? codeParsed.error.issues[0]!.message : '地块编号为空');
    const code = codeParsed.success ? codeParsed.data : '';
    if (code) {
      const first = firstRowOf.get(code.toUpperCase());
      if (first !== undefined) err('地块编号', `地块编号“${code}”在文件中重复(与第 ${first} 行相同)`);
      else firstRowOf.set(code.toUpperCase(), r.row);
    }
    const current = code ? (existing.get(code.toUpperCase()) ?? null) : null;

    const useText = asText(r.cells['用途']);
    const plannedUse = useText ? USE_BY_TEXT.get(useText) : current ? (current.planned_use as LandPlannedUse) : undefined;
    if (!plannedUse) err('用途', useText ? `用途“${useText}”不正确,应为${LAND_PLANNED_USES.map((u) => LAND_PLANNED_USE_LABELS[u]).join('、')}之一` : '用途为空');

    const declared = readNumber(r.cells['面积(亩)']);
    if (declared === 'bad') err('面积(亩)', `面积“${asText(r.cells['面积(亩)'])}”不是数字`);
    else if (declared !== null && !(declared > 0 && declared <= 100_000)) err('面积(亩)', '面积应大于0且不超过100000亩');

    let boundary: ParcelGeometry | null = null;
    let geometry: unknown = r.geometry;
    const coordText = asText(r.cells['坐标']);
    if (geometry === undefined || geometry === null) {
      if (coordText) {
        const parsed = parseBoundaryText(coordText);
        if ('error' in parsed) err('坐标', parsed.error);
        else geometry = parsed.geometry;
      } else if (!current) err('坐标', '坐标为空:新地块须填写边界坐标');
    }
    if (geometry !== undefined && geometry !== null) {
      const problems = validateParcelGeometry(geometry);
      if (problems.length > 0) err('坐标', problems[0]!.message);
      else boundary = normalizeParcelGeometry(geometry as ParcelGeometry);
    }

    const statusText = asText(r.cells['状态']);
    const status = statusText ? STATUS_BY_TEXT.get(statusText) : current ? (current.status as LandParcelStatus) : 'reserve';
    if (!status) err('状态', `状态“${statusText}”不正确,应为${LAND_PARCEL_STATUSES.map((s) => LAND_PARCEL_STATUS_LABELS[s]).join('、')}之一`);

    const uscc = asText(r.cells['企业统一社会信用代码'])?.toUpperCase() ?? null;
    const firm = uscc ? firms.get(uscc) : undefined;
    if (uscc && !firm) err('企业统一社会信用代码', `统一社会信用代码 ${uscc} 不在本园区企业库中`);
    const projectCode = asText(r.cells['项目编号']);
    const project = projectCode ? projects.get(projectCode) : undefined;
    if (projectCode && !project) err('项目编号', `招商项目编号 ${projectCode} 不存在`);
    let enterpriseId = firm?.id ?? project?.enterprise_id ?? null;
    const projectId = project?.id ?? null;

    const dates: Record<'出让日期' | '开工日期' | '投产日期', string | null> = { 出让日期: null, 开工日期: null, 投产日期: null };
    for (const col of ['出让日期', '开工日期', '投产日期'] as const) {
      const d = readDate(r.cells[col]);
      if (d === 'bad') err(col, `${col}“${asText(r.cells[col])}”无法识别,请写成 2024-03-15`);
      else if (d && d > today) err(col, `${col} ${d} 晚于今天`);
      else dates[col] = d;
    }
    const floor = readNumber(r.cells['建筑面积(㎡)']);
    if (floor === 'bad') err('建筑面积(㎡)', `建筑面积“${asText(r.cells['建筑面积(㎡)'])}”不是数字`);
    else if (floor !== null && !(floor >= 0 && floor <= 100_000_000)) err('建筑面积(㎡)', '建筑面积应在0至1亿㎡之间');
    const name = asText(r.cells['名称']);
    if (name && name.length > 80) err('名称', '名称最多80个字');
    const zone = asText(r.cells['片区']);
    if (zone && zone.length > 40) err('片区', '片区最多40个字');
    const note = asText(r.cells['备注']);
    if (note && note.length > 500) err('备注', '备注最多500个字');

    if (status && current) {
      // an existing parcel: its state and holder move through the workflow, not through a file
      if (statusText && status !== current.status) err('状态', `地块 ${code} 已登记为“${LAND_PARCEL_STATUS_LABELS[current.status as LandParcelStatus]}”,状态变化请在地块页逐步办理`);
      if ((uscc || projectCode) && enterpriseId !== current.enterprise_id) err('企业统一社会信用代码', `地块 ${code} 已登记,受让企业的变化请通过出让/再出让办理`);
      enterpriseId = current.enterprise_id;
    } else if (status) {
      if (HELD.includes(status) && !enterpriseId && !projectId) err('企业统一社会信用代码', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块须填写受让企业的统一社会信用代码或项目编号`);
      if ((status === 'reserve' || status === 'recovered') && (uscc || projectCode)) err('企业统一社会信用代码', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块不应有受让企业`);
      const t = dates['出让日期'];
      const c = dates['开工日期'];
      const p = dates['投产日期'];
      if (HELD.includes(status) && !t) err('出让日期', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块须填写出让日期`);
      if (['construction', 'producing', 'inefficient'].includes(status) && !c) err('开工日期', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块须填写开工日期`);
      if (['producing', 'inefficient'].includes(status) && !p) err('投产日期', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块须填写投产日期`);
      if (t && c && c < t) err('开工日期', `开工日期 ${c} 早于出让日期 ${t}`);
      if (c && p && p < c) err('投产日期', `投产日期 ${p} 早于开工日期 ${c}`);
      if (['reserve', 'transferred', 'reallocated'].includes(status) && c) err('开工日期', `状态为“${LAND_PARCEL_STATUS_LABELS[status]}”的地块不应有开工日期`);
    }
    if (errors.length > before || !status || !plannedUse) return;
    rows.push({
      row: r.row,
      code,
      name,
      plannedUse,
      declaredAreaMu: declared === null ? null : Math.round((declared as number) * 10_000) / 10_000,
      boundary,
      status,
      enterpriseId,
      enterpriseName: firm?.name ?? null,
      projectId: current ? current.project_id : projectId,
      zone,
      transferredOn: dates['出让日期'],
      constructionOn: dates['开工日期'],
      producingOn: dates['投产日期'],
      floorAreaM2: floor === null ? null : Math.round((floor as number) * 100) / 100,
      note,
      existing: current,
    });
  });
  return { rows, errors };
}

// ------------------------------------------------------------------ writing

/**
 * Imports parcels: reads, checks every row (dry run: stops there and answers the preview), then
 * writes all of them in one transaction — new parcels in their state with an `import` event,
 * existing ones (same code) updated with an `update` event — or nothing when any row is wrong.
 */
export async function importParcels(ctx: AppContext, actor: Actor, raw: RawParcelRow[], options: { dryRun: boolean; source: 'xlsx' | 'geojson' }, progress?: Progress): Promise<ParcelImportReport> {
  requireAnyLandPermission(actor, 'land:manage');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  progress?.(0, raw.length, 'check');
  const { rows, errors } = await checkParcelRows(ctx, actor.parkId, raw, today, progress);
  const preview: ParcelImportPreviewRow[] = rows.slice(0, 500).map((r) => {
    const areaMu = r.boundary ? geometryAreaMu(r.boundary) : Number(r.existing?.area_mu ?? 0);
    return { row: r.row, code: r.code, name: r.name, status: r.status, areaMu, declaredAreaMu: r.declaredAreaMu, areaDiffers: parcelAreaDiffers(areaMu, r.declaredAreaMu), enterpriseName: r.enterpriseName, exists: !!r.existing };
  });
  const report: ParcelImportReport = { total: raw.length, valid: rows.length, created: rows.filter((r) => !r.existing).length, updated: rows.filter((r) => r.existing).length, dryRun: options.dryRun, written: false, errors, preview };
  if (raw.length === 0) {
    report.errors = [{ row: 0, column: '文件', message: '文件中没有地块' }];
    return report;
  }
  if (options.dryRun || errors.length > 0) return report;

  await ctx.db.transaction().execute(async (trx) => {
    const fresh = rows.filter((r) => !r.existing);
    const audits: AuditEntry[] = [];
    const events: CaseEventEntry[] = [];
    const actorFields = { actor_id: actor.userId, actor_name: actor.displayName, actor_role: 'office' };
    for (let i = 0; i < fresh.length; i += 500) {
      const chunk = fresh.slice(i, i + 500);
      const inserted = (await trx
        .insertInto('land_parcels')
        .values(
          chunk.map((r) => ({
            park_id: actor.parkId,
            code: r.code,
            name: r.name,
            ...geometryColumns(r.boundary!),
            declared_area_mu: r.declaredAreaMu,
            zone: r.zone,
            planned_use: r.plannedUse,
            enterprise_id: r.enterpriseId,
            project_id: r.projectId,
            status: r.status,
            status_since: [r.transferredOn, r.constructionOn, r.producingOn].filter((d): d is string => !!d).sort().pop() ?? today,
            transferred_on: r.transferredOn,
            construction_on: r.constructionOn,
            producing_on: r.producingOn,
            floor_area_m2: r.floorAreaM2,
            note: r.note,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })),
        )
        .returningAll()
        .execute()) as ParcelRow[];
      for (const row of inserted) {
        audits.push({ action: 'parcel.import', entity: 'land_parcel', entityId: row.id, before: null, after: parcelSnapshot(row) });
        events.push({ caseId: row.id, event: { action: 'import', from_status: null, to_status: row.status, ...actorFields, note: null, data: { source: options.source, areaMu: Number(row.area_mu) }, at: now } });
      }
      progress?.(i + chunk.length, rows.length, 'write');
    }
    for (const r of rows.filter((x) => x.existing)) {
      const before = r.existing!;
      const after = (await trx
        .updateTable('land_parcels')
        .set({
          name: r.name ?? before.name,
          ...(r.boundary ? geometryColumns(r.boundary) : {}),
          declared_area_mu: r.declaredAreaMu ?? before.declared_area_mu,
          zone: r.zone ?? before.zone,
          planned_use: r.plannedUse,
          floor_area_m2: r.floorAreaM2 ?? before.floor_area_m2,
          note: r.note ?? before.note,
          updated_at: now,
        })
        .where('park_id', '=', actor.parkId)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()) as ParcelRow;
      audits.push({ action: 'parcel.import_update', entity: 'land_parcel', entityId: before.id, before: parcelSnapshot(before), after: parcelSnapshot(after) });
      events.push({
        caseId: before.id,
        event: { action: 'update', from_status: before.status, to_status: before.status, ...actorFields, note: `由${options.source === 'xlsx' ? ' Excel ' : ' GeoJSON '}导入更新`, data: { areaMuBefore: Number(before.area_mu), areaMuAfter: Number(after.area_mu) }, at: now },
      });
    }
    await parcelEventLog.writeMany!(trx, actor.parkId, events);
    await recordAudit(trx, actor, actor.parkId, audits, now);
  });
  progress?.(rows.length, rows.length, 'write');
  report.written = true;
  return report;
}

// ------------------------------------------------------------------ template and export

const ringText = (ring: [number, number][]) => `(${ring.map((p) => `${p[0]} ${p[1]}`).join(', ')})`;
/** A boundary as WKT (what the template's 坐标 column takes back). */
export function toWkt(g: ParcelGeometry): string {
  if (g.type === 'Polygon') return `POLYGON(${g.coordinates.map(ringText).join(', ')})`;
  return `MULTIPOLYGON(${g.coordinates.map((poly) => `(${poly.map(ringText).join(', ')})`).join(', ')})`;
}

function sheetWithColumns(workbook: ExcelJS.Workbook, extra: { header: string; width: number }[] = []) {
  const sheet = workbook.addWorksheet('地块');
  const widths: Record<string, number> = { 地块编号: 16, 名称: 22, 坐标: 60, 企业统一社会信用代码: 22, 备注: 24 };
  sheet.columns = [...PARCEL_IMPORT_COLUMNS.map((h) => ({ header: h, key: h, width: widths[h] ?? 12 })), ...extra.map((e) => ({ header: e.header, key: e.header, width: e.width }))];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

export async function buildParcelTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = sheetWithColumns(workbook);
  sheet.addRow({ 地块编号: 'GX-2026-901', 名称: '示例储备地块', 用途: '工业用地', '面积(亩)': 45, 坐标: 'POLYGON((117.001 28.221, 117.004 28.221, 117.004 28.2236, 117.001 28.2236, 117.001 28.221))', 状态: '储备', 片区: '起步区' });
  sheet.addRow({
    地块编号: 'GX-2026-902',
    名称: '示例出让地块',
    用途: '工业用地',
    '面积(亩)': 60,
    坐标: '117.006,28.221;117.010,28.221;117.010,28.2236;117.006,28.2236',
    状态: '已出让',
    企业统一社会信用代码: '(本园区企业的代码)',
    出让日期: '2026-03-15',
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 110 }];
  for (const text of [
    '1. 每行一个地块。地块编号必填且不能重复(如 GX-2019-001);已登记的编号会更新名称、边界、面积等信息,状态与受让企业须在地块页逐步办理。',
    '2. 坐标为 WGS84 经纬度,三种写法任选:WKT “POLYGON((经度 纬度, 经度 纬度, …))”(可为 MULTIPOLYGON),“经度,纬度;经度,纬度;…”(首尾可不重复),或 GeoJSON 几何。',
    '3. 面积(亩)填写权证上的面积;系统按边界计算面积,两者相差超过2%的会标出,请核对。',
    `4. 用途:${LAND_PLANNED_USES.map((u) => LAND_PLANNED_USE_LABELS[u]).join('、')}。状态:${LAND_PARCEL_STATUSES.map((s) => LAND_PARCEL_STATUS_LABELS[s]).join('、')}(不填为储备)。`,
    '5. 已出让、在建、已投产、闲置、低效、再出让的地块须填写受让企业的统一社会信用代码(本园区企业库中的企业)或招商项目编号,以及出让日期;在建、已投产须填写开工日期,已投产须填写投产日期。',
    '6. 先“试导入”检查:任何一行有错误,整个文件都不会写入;逐行列出错误的列和原因。',
    '7. 示例行为演示数据,导入前请删除。',
  ]) help.addRow({ text });
  return writeXlsx(workbook);
}

export async function exportParcels(ctx: AppContext, actor: Actor, filters: Parameters<typeof repo.allParcels>[2]): Promise<{ buffer: Buffer; count: number }> {
  requireAnyLandPermission(actor, 'land:read');
  const rows = await repo.allParcels(ctx.db, actor.parkId, filters);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '园企通';
  const sheet = sheetWithColumns(workbook, [
    { header: '计算面积(亩)', width: 14 },
    { header: '面积差异', width: 12 },
    { header: '受让企业', width: 28 },
    { header: '招商项目', width: 28 },
    { header: '状态日期', width: 12 },
  ]);
  for (const r of rows) {
    const item = presentListItem(r);
    sheet.addRow({
      地块编号: r.code,
      名称: r.name,
      用途: LAND_PLANNED_USE_LABELS[item.plannedUse],
      '面积(亩)': item.declaredAreaMu,
      坐标: toWkt(r.boundary as ParcelGeometry),
      状态: LAND_PARCEL_STATUS_LABELS[item.status],
      企业统一社会信用代码: r.uscc,
      项目编号: r.project_code,
      片区: r.zone,
      出让日期: r.transferred_on,
      开工日期: r.construction_on,
      投产日期: r.producing_on,
      '建筑面积(㎡)': item.floorAreaM2,
      备注: r.note,
      '计算面积(亩)': item.areaMu,
      面积差异: item.declaredAreaMu ? `${(((item.areaMu - item.declaredAreaMu) / item.declaredAreaMu) * 100).toFixed(2)}%${item.areaDiffers ? '(超2%)' : ''}` : null,
      受让企业: r.enterprise_name,
      招商项目: r.project_name,
      状态日期: r.status_since,
    });
  }
  return { buffer: await writeXlsx(workbook), count: rows.length };
}
