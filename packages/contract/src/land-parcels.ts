/**
 * 要素保障 — 地块 parcels: list/detail/create/update, status actions, GeoJSON and .xlsx import, the
 * map's layers. Shared names (states, actions, colours, planned uses, the polygon area) in land.ts.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize, type Paged } from './common.js';
import { zStatusList, type CaseEventView } from './cases.js';
import {
  LAND_PARCEL_STATUSES,
  LAND_PLANNED_USES,
  geometryAreaMu,
  ringAreaM2,
  type LandParcelAction,
  type LandParcelStatus,
  type LandPlannedUse,
  type LngLat,
  type ParcelGeometry,
} from './land.js';

const PARCEL_FIELD_LABELS: Record<string, string> = {
  boundary: '地块边界',
  plannedUse: '规划用途',
  declaredAreaMu: '证载面积(亩)',
  zone: '片区',
  floorAreaM2: '建筑面积(㎡)',
  landPriceFen: '出让价款',
  on: '日期',
};
for (const [key, label] of Object.entries(PARCEL_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

/** A parcel's computed area and its declared (certificate) area may differ by this share before it is flagged. */
export const PARCEL_AREA_TOLERANCE = 0.02;
/** Upper bounds that keep one boundary a parcel, not a country. */
export const PARCEL_MAX_VERTICES = 5_000;
export const PARCEL_MAX_POLYGONS = 50;
export const PARCEL_MAX_AREA_MU = 100_000;

// ------------------------------------------------------------------ geometry validation

export type GeometryProblem = { path: string; message: string };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function segmentsCross(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const orient = (p: LngLat, q: LngLat, r: LngLat) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** A ring crosses itself (two non-adjacent edges cross properly); rings of many vertices are not checked. */
export function ringSelfIntersects(ring: readonly LngLat[]): boolean {
  const n = ring.length - 1;
  if (n < 4 || n > 1_000) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the first and last edges share the closing point
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

/**
 * Checks a parcel boundary: a GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946) whose rings are
 * closed, have at least 4 positions (3 distinct points), lie within lng −180…180 / lat −90…90, do
 * not cross themselves, and enclose an area. Each problem names where it is, in Chinese
 * (地块边界第2个环…), with `path` under `field`.
 */
export function validateParcelGeometry(value: unknown, field = 'boundary'): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path: path ? `${field}.${path}` : field, message: `地块边界${message}` });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fail('', '应为 GeoJSON 几何对象(Polygon 或 MultiPolygon)');
    return problems;
  }
  const g = value as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    fail('type', `类型应为 Polygon 或 MultiPolygon,实为“${String(g.type ?? '空')}”`);
    return problems;
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    fail('coordinates', '缺少坐标(coordinates)');
    return problems;
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  if (polygons.length > PARCEL_MAX_POLYGONS) {
    fail('coordinates', `最多 ${PARCEL_MAX_POLYGONS} 个多边形`);
    return problems;
  }
  let vertices = 0;
  polygons.forEach((rings, pi) => {
    const pPath = g.type === 'Polygon' ? 'coordinates' : `coordinates.${pi}`;
    const pName = g.type === 'Polygon' ? '' : `第${pi + 1}个多边形`;
    if (!Array.isArray(rings) || rings.length === 0) {
      fail(pPath, `${pName}缺少坐标环`);
      return;
    }
    rings.forEach((ring, ri) => {
      const rPath = `${pPath}.${ri}`;
      const rName = `${pName}${ri === 0 ? '外环' : `第${ri}个内环`}`;
      if (!Array.isArray(ring)) {
        fail(rPath, `${rName}应为坐标数组`);
        return;
      }
      vertices += ring.length;
      if (ring.length < 4) {
        fail(rPath, `${rName}至少需要4个坐标点(首尾相同),实为${ring.length}个`);
        return;
      }
      for (let k = 0; k < ring.length; k++) {
        const p = ring[k] as unknown;
        if (!Array.isArray(p) || p.length < 2 || !isNum(p[0]) || !isNum(p[1])) {
          fail(`${rPath}.${k}`, `${rName}第${k + 1}个坐标应为 [经度, 纬度] 两个数字`);
          return;
        }
        if (p[0] < -180 || p[0] > 180) {
          fail(`${rPath}.${k}`, `${rName}第${k + 1}个坐标的经度 ${p[0]} 超出 −180 至 180`);
          return;
        }
        if (p[1] < -90 || p[1] > 90) {
          fail(`${rPath}.${k}`, `${rName}第${k + 1}个坐标的纬度 ${p[1]} 超出 −90 至 90`);
          return;
        }
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        fail(rPath, `${rName}未闭合:首个坐标与最后一个坐标应相同`);
        return;
      }
      const distinct = new Set((ring as number[][]).slice(0, -1).map((p) => `${p[0]},${p[1]}`));
      if (distinct.size < 3) {
        fail(rPath, `${rName}至少需要3个不同的点`);
        return;
      }
      if (ringSelfIntersects(ring as LngLat[])) {
        fail(rPath, `${rName}自相交(边与边交叉),请检查坐标顺序`);
        return;
      }
      if (ringAreaM2(ring as LngLat[]) < 1) fail(rPath, `${rName}面积为0(各点共线)`);
    });
  });
  if (vertices > PARCEL_MAX_VERTICES) fail('coordinates', `坐标点过多(${vertices}个),最多 ${PARCEL_MAX_VERTICES} 个`);
  if (problems.length === 0) {
    const mu = geometryAreaMu(value as ParcelGeometry);
    if (!(mu > 0)) fail('', '面积为0(内环不能大于外环)');
    else if (mu > PARCEL_MAX_AREA_MU) fail('', `面积 ${mu} 亩过大(最大 ${PARCEL_MAX_AREA_MU} 亩),请确认坐标为 WGS84 经纬度`);
  }
  return problems;
}

/** A geometry with only [lng, lat] kept in each position (a third coordinate dropped). */
export function normalizeParcelGeometry(g: ParcelGeometry): ParcelGeometry {
  const ring = (r: LngLat[]) => r.map((p) => [p[0], p[1]] as LngLat);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** The boundary as the API takes it: validated (400 naming 地块边界 and where), extra coordinates dropped. */
export const ZParcelGeometry = z.unknown().transform((value, ctx) => {
  const problems = validateParcelGeometry(value, '');
  // the issue stays on the field itself (details path `boundary`); the message says where in it
  for (const p of problems.slice(0, 5)) ctx.addIssue({ code: 'custom', message: p.message });
  if (problems.length > 0) return z.NEVER;
  return normalizeParcelGeometry(value as ParcelGeometry);
});

const num = (s: string) => {
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};
const closeRing = (points: LngLat[]): LngLat[] => {
  if (points.length === 0) return points;
  const [f, l] = [points[0]!, points[points.length - 1]!];
  return f[0] === l[0] && f[1] === l[1] ? points : [...points, [f[0], f[1]]];
};

/**
 * Reads a boundary written as text (an .xlsx cell, a pasted value): GeoJSON (a geometry, a Feature),
 * WKT `POLYGON((lng lat, …))` / `MULTIPOLYGON(((…)))`, or `lng,lat;lng,lat;…` (one outer ring; an
 * unclosed ring is closed). Answers the geometry (still to validate) or a Chinese reason.
 */
export function parseBoundaryText(text: string): { geometry: unknown } | { error: string } {
  const s = text.trim();
  if (!s) return { error: '坐标为空' };
  if (s.startsWith('{')) {
    try {
      const parsed = JSON.parse(s) as { type?: string; geometry?: unknown };
      return { geometry: parsed && parsed.type === 'Feature' ? parsed.geometry : parsed };
    } catch {
      return { error: 'GeoJSON 格式有误,无法解析' };
    }
  }
  const wkt = /^(MULTI)?POLYGON\s*\(([\s\S]*)\)$/i.exec(s);
  if (wkt) {
    const body = wkt[2]!.trim();
    const ringTexts = (inner: string) => [...inner.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!);
    const ringOf = (rt: string): LngLat[] | null => {
      const pts: LngLat[] = [];
      for (const pair of rt.split(',')) {
        const parts = pair.trim().split(/\s+/);
        const lng = num(parts[0] ?? '');
        const lat = num(parts[1] ?? '');
        if (parts.length < 2 || lng === null || lat === null) return null;
        pts.push([lng, lat]);
      }
      return pts;
    };
    if (wkt[1]) {
      const polys: LngLat[][][] = [];
      for (const m of body.matchAll(/\(\s*(\([^()]*\)(?:\s*,\s*\([^()]*\))*)\s*\)/g)) {
        const rings = ringTexts(m[1]!).map(ringOf);
        if (rings.some((r) => r === null)) return { error: 'WKT 坐标应为“经度 纬度”成对的数字' };
        polys.push(rings as LngLat[][]);
      }
      if (polys.length === 0) return { error: 'WKT MULTIPOLYGON 格式有误' };
      return { geometry: { type: 'MultiPolygon', coordinates: polys } };
    }
    const rings = ringTexts(body).map(ringOf);
    if (rings.length === 0 || rings.some((r) => r === null)) return { error: 'WKT 坐标应为“经度 纬度”成对的数字' };
    return { geometry: { type: 'Polygon', coordinates: rings as LngLat[][] } };
  }
  if (/^[A-Za-z]/.test(s)) return { error: '坐标格式无法识别:请用 WKT POLYGON、GeoJSON 或“经度,纬度;经度,纬度;…”' };
  const pts: LngLat[] = [];
  for (const pair of s.split(/[;;\n]+/).map((x) => x.trim()).filter(Boolean)) {
    const parts = pair.split(/[,,\s]+/).filter(Boolean);
    const lng = num(parts[0] ?? '');
    const lat = num(parts[1] ?? '');
    if (parts.length !== 2 || lng === null || lat === null) return { error: `坐标“${pair.slice(0, 40)}”应为“经度,纬度”` };
    pts.push([lng, lat]);
  }
  return { geometry: { type: 'Polygon', coordinates: [closeRing(pts)] } };
}

/** Whether the computed and declared areas differ by more than the tolerance (2 %). */
export function parcelAreaDiffers(areaMu: number, declaredAreaMu: number | null | undefined): boolean {
  if (!declaredAreaMu || declaredAreaMu <= 0) return false;
  return Math.abs(areaMu - declaredAreaMu) / declaredAreaMu > PARCEL_AREA_TOLERANCE;
}

// ------------------------------------------------------------------ requests

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}最多${max}个字` })
    .transform((v) => v || null)
    .optional()
    .nullable();
const optionalPositive = (label: string, max: number, digits: number) =>
  z
    .number({ error: `${label}应为数字` })
    .positive({ error: `${label}应大于0` })
    .max(max, { error: `${label}不能超过${max}` })
    .transform((v) => Math.round(v * 10 ** digits) / 10 ** digits)
    .optional()
    .nullable();

/** 地块编号: letters, digits, - and _ (GX-2019-001). */
export const ZParcelCode = z
  .string({ error: '地块编号应为文字' })
  .trim()
  .min(1, { error: '地块编号不能为空' })
  .max(40, { error: '地块编号最多40个字符' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9\-_.]*$/, { error: '地块编号只能包含字母、数字、-、_ 和 .(如 GX-2019-001)' });

export const ZParcelPlannedUse = z.enum(LAND_PLANNED_USES, { error: '规划用途不正确' });

export const ZParcelRequest = z.object({
  code: ZParcelCode,
  name: optionalText('地块名称', 80),
  boundary: ZParcelGeometry,
  declaredAreaMu: optionalPositive('证载面积(亩)', PARCEL_MAX_AREA_MU, 4),
  zone: optionalText('片区', 40),
  plannedUse: ZParcelPlannedUse,
  floorAreaM2: optionalPositive('建筑面积(㎡)', 100_000_000, 2),
  note: optionalText('备注', 500),
});
export type ParcelRequest = z.input<typeof ZParcelRequest>;

/** One step of the parcel workflow: the date it took effect, and for 出让 / 再出让 the new holder. */
export const ZParcelStepRequest = z.object({
  on: ZDate.optional(),
  note: optionalText('说明', 500),
  enterpriseId: ZId.optional().nullable(),
  projectId: ZId.optional().nullable(),
  landPriceFen: ZFen.optional().nullable(),
});
export type ParcelStepRequest = z.input<typeof ZParcelStepRequest>;

export const ZParcelListQuery = z.object({
  page: ZPage,
  pageSize: ZPageSize,
  status: zStatusList(LAND_PARCEL_STATUSES),
  zone: z.string().trim().max(40, { error: '片区最多40个字' }).optional(),
  plannedUse: ZParcelPlannedUse.optional(),
  enterpriseId: ZId.optional(),
  q: z.string().trim().max(60, { error: '关键词最多60个字' }).optional(),
  areaFlag: z.enum(['differs'], { error: '面积核对筛选不正确' }).optional(),
});
export type ParcelListQuery = z.input<typeof ZParcelListQuery>;

export const ZParcelExportQuery = ZParcelListQuery.omit({ page: true, pageSize: true });

export const ZParcelImportGeoJsonRequest = z.object({
  /** The file's text, read by the browser (a FeatureCollection). */
  content: z.string({ error: '文件内容应为文字' }).min(1, { error: '文件内容为空' }).max(1_900_000, { error: '文件过大(最大约 1.9 MB),请拆分后导入' }),
  dryRun: z.boolean({ error: '试导入标记应为 true 或 false' }).optional().default(false),
});
export const ZParcelImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 应为 true 或 false' }).optional(),
  async: z.enum(['true', 'false'], { error: 'async 应为 true 或 false' }).optional(),
});

// ------------------------------------------------------------------ views

export type ParcelHolder = { enterpriseId: string | null; enterpriseName: string | null; projectId: string | null; projectName: string | null };

export type ParcelListItem = ParcelHolder & {
  id: string;
  code: string;
  name: string | null;
  zone: string | null;
  plannedUse: LandPlannedUse;
  status: LandParcelStatus;
  statusSince: string;
  areaMu: number;
  declaredAreaMu: number | null;
  areaDiffers: boolean;
  transferredOn: string | null;
  constructionOn: string | null;
  producingOn: string | null;
  floorAreaM2: number | null;
};

export type ParcelFigures = {
  year: number;
  grade: 'A' | 'B' | 'C' | 'D';
  taxPerMuFen: number | null;
  revenuePerMuFen: number | null;
  investmentPerMuFen: number | null;
  plotRatio: number | null;
};

export type ParcelBuildingView = { id: string; code: string; name: string; kind: string; floors: number };

export type ParcelDetailView = ParcelListItem & {
  boundary: ParcelGeometry;
  centroid: LngLat;
  areaDiffPercent: number | null;
  landPriceFen: number | null;
  plotRatio: number | null;
  note: string | null;
  figures: ParcelFigures | null;
  buildings: ParcelBuildingView[];
  actions: LandParcelAction[];
  timeline: CaseEventView<LandParcelAction | 'create' | 'import' | 'update', LandParcelStatus>[];
  createdAt: string;
  updatedAt: string;
};

export type ParcelPage = Paged<ParcelListItem>;

export type ParcelFacets = { zones: string[]; statusCounts: Record<LandParcelStatus, number>; totalMu: number };

/** The map: the base layer and every parcel, light. */
export type MapFeatureView = { id: string; kind: 'town' | 'starter' | 'zone' | 'road' | 'river' | 'landmark'; name: string | null; geometry: unknown };
export type MapParcelView = {
  id: string;
  code: string;
  name: string | null;
  status: LandParcelStatus;
  areaMu: number;
  plannedUse: LandPlannedUse;
  zone: string | null;
  enterpriseName: string | null;
  projectName: string | null;
  boundary: ParcelGeometry;
  taxPerMuFen: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
};
export type ParcelMapView = {
  features: MapFeatureView[];
  parcels: MapParcelView[];
  /** The latest evaluated year whose 亩均 figures the parcels carry (null: none evaluated yet). */
  year: number | null;
  /** [[south, west], [north, east]] of everything drawn. */
  bounds: [[number, number], [number, number]] | null;
};

/** The 亩均税收 colour ramp of the map (万元/亩 breaks, low → high). */
export const MUJUN_TAX_BREAKS_WAN = [5, 10, 20, 30] as const;
export const MUJUN_TAX_COLORS = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] as const;
export const MUJUN_NO_DATA_COLOR = '#d9d9d9';
/** The ramp's colour for a 亩均税收 in fen per 亩 (null: not evaluated). */
export function mujunTaxColor(taxPerMuFen: number | null): string {
  if (taxPerMuFen === null || taxPerMuFen === undefined) return MUJUN_NO_DATA_COLOR;
  const wan = taxPerMuFen / 1_000_000;
  const i = MUJUN_TAX_BREAKS_WAN.findIndex((b) => wan < b);
  return MUJUN_TAX_COLORS[i === -1 ? MUJUN_TAX_COLORS.length - 1 : i]!;
}
/** The ramp's legend lines: 低于5万元/亩, 5–10万元/亩 … */
export function mujunTaxLegend(): { color: string; label: string }[] {
  const b = MUJUN_TAX_BREAKS_WAN;
  return MUJUN_TAX_COLORS.map((color, i) => ({
    color,
    label: i === 0 ? `低于${b[0]}万元/亩` : i === b.length ? `${b[b.length - 1]}万元/亩及以上` : `${b[i - 1]}–${b[i]}万元/亩`,
  }));
}

/** The import's columns (xlsx) in template order. */
export const PARCEL_IMPORT_COLUMNS = ['地块编号', '名称', '用途', '面积(亩)', '坐标', '状态', '企业统一社会信用代码', '项目编号', '片区', '出让日期', '开工日期', '投产日期', '建筑面积(㎡)', '备注'] as const;

export type ParcelImportRowError = { row: number; column: string; message: string };
export type ParcelImportPreviewRow = { row: number; code: string; name: string | null; status: LandParcelStatus; areaMu: number; declaredAreaMu: number | null; areaDiffers: boolean; enterpriseName: string | null; exists: boolean };
/** An import's answer: with errors nothing was written; a dry run writes nothing either. */
export type ParcelImportReport = {
  total: number;
  valid: number;
  created: number;
  updated: number;
  dryRun: boolean;
  written: boolean;
  errors: ParcelImportRowError[];
  preview: ParcelImportPreviewRow[];
};
