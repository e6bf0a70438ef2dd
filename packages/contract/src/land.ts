/**
 * 要素保障 land and premises (SPEC §2.8): what the sub-domains share — parcel states and actions,
 * building kinds, the dated parameters, the area units and the polygon area. Each sub-domain has
 * its own file: land-parcels.ts (地块, map, import), land-evaluation.ts (亩均论英雄),
 * land-cleanup.ts (闲置用地清理专项行动), land-leads.ts (招商线索 before signing),
 * land-premises.ts (buildings, units, leases, bills, rent relief, payments),
 * land-apartments.ts (人才公寓 applications and allocation), land-acquisition.ts (征地拆迁 register).
 */

/** 1 亩 = 10000/15 ㎡ (666.67 ㎡). */
export const SQUARE_METRES_PER_MU = 10_000 / 15;

// ------------------------------------------------------------------ parcels 地块

/**
 * A parcel's states. The main line 储备 → 出让 → 在建 → 投产; a parcel found idle 闲置 (出让 or 在建
 * without progress) or inefficient 低效 (投产, graded D) may be put right or recovered 收回, and a
 * recovered parcel re-allocated 再出让 to a new project (then 在建 → 投产 again).
 */
export const LAND_PARCEL_STATUSES = ['reserve', 'transferred', 'construction', 'producing', 'idle', 'inefficient', 'recovered', 'reallocated'] as const;
export type LandParcelStatus = (typeof LAND_PARCEL_STATUSES)[number];
export const LAND_PARCEL_STATUS_LABELS: Record<LandParcelStatus, string> = {
  reserve: '储备',
  transferred: '已出让',
  construction: '在建',
  producing: '已投产',
  idle: '闲置',
  inefficient: '低效',
  recovered: '已收回',
  reallocated: '再出让',
};
/** Map colours of the states (the map legend and the parcel tags use the same). */
export const LAND_PARCEL_STATUS_COLORS: Record<LandParcelStatus, string> = {
  reserve: '#bfbfbf',
  transferred: '#69b1ff',
  construction: '#faad14',
  producing: '#52c41a',
  idle: '#ff4d4f',
  inefficient: '#fa8c16',
  recovered: '#722ed1',
  reallocated: '#13c2c2',
};

/**
 * The actions that move a parcel (the parcel workflow's transition table lives on the server, in
 * modules/land/parcels/workflow.ts; a step that skips the line is refused there).
 */
export const LAND_PARCEL_ACTIONS = ['transfer', 'start_construction', 'start_production', 'mark_idle', 'mark_inefficient', 'rectify', 'recover', 'reallocate', 'return_to_reserve'] as const;
export type LandParcelAction = (typeof LAND_PARCEL_ACTIONS)[number];
export const LAND_PARCEL_ACTION_LABELS: Record<LandParcelAction, string> = {
  transfer: '出让',
  start_construction: '开工',
  start_production: '投产',
  mark_idle: '认定闲置',
  mark_inefficient: '认定低效',
  rectify: '整改到位',
  recover: '收回',
  reallocate: '再出让',
  return_to_reserve: '纳入储备',
};

export const LAND_PLANNED_USES = ['industrial', 'warehouse', 'commercial', 'residential', 'public', 'other'] as const;
export type LandPlannedUse = (typeof LAND_PLANNED_USES)[number];
export const LAND_PLANNED_USE_LABELS: Record<LandPlannedUse, string> = {
  industrial: '工业用地',
  warehouse: '仓储用地',
  commercial: '商服用地',
  residential: '住宅用地',
  public: '公共设施用地',
  other: '其他',
};

// ------------------------------------------------------------------ premises 厂房与人才公寓

export const BUILDING_KINDS = ['custom_factory', 'standard_factory', 'apartment'] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];
export const BUILDING_KIND_LABELS: Record<BuildingKind, string> = {
  custom_factory: '定制厂房',
  standard_factory: '标准厂房',
  apartment: '人才公寓',
};

// ------------------------------------------------------------------ dated parameters 要素参数

/**
 * Values valid from a date (table land_parameters; the latest `valid_from <= day` applies, else the
 * default). Rents are integer fen per ㎡ per month: the report's "每月仅收10元/平米".
 */
export const LAND_PARAMETERS = {
  'rent.custom_factory': { label: '定制厂房租金', unit: 'fen_per_m2_month', defaultValue: 1_000 },
  'rent.standard_factory': { label: '标准厂房租金', unit: 'fen_per_m2_month', defaultValue: 1_000 },
  'rent.apartment': { label: '人才公寓租金', unit: 'fen_per_m2_month', defaultValue: 800 },
  deposit_months: { label: '押金月数', unit: 'months', defaultValue: 2 },
  bill_due_day: { label: '租金缴纳截止日(每月几日)', unit: 'day', defaultValue: 15 },
  idle_years: { label: '出让后未开工认定闲置(年)', unit: 'years', defaultValue: 2 },
} as const satisfies Record<string, { label: string; unit: 'fen_per_m2_month' | 'months' | 'day' | 'years'; defaultValue: number }>;
export type LandParameterKey = keyof typeof LAND_PARAMETERS;
export const LAND_PARAMETER_KEYS = Object.keys(LAND_PARAMETERS) as LandParameterKey[];

// ------------------------------------------------------------------ geometry

/** A GeoJSON position [lng, lat] in WGS84, a linear ring (closed: first = last), a polygon, a multipolygon. */
export type LngLat = [number, number];
export type GeoPolygon = { type: 'Polygon'; coordinates: LngLat[][] };
export type GeoMultiPolygon = { type: 'MultiPolygon'; coordinates: LngLat[][][] };
export type ParcelGeometry = GeoPolygon | GeoMultiPolygon;

/** WGS84 semi-major axis: the sphere the ring-area formula below works on (as GeoJSON tools do). */
const EARTH_RADIUS_M = 6_378_137;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The area of a ring on the sphere, in ㎡, unsigned. The spherical ring-area formula
 * A = R²/2 · |Σ (λ₍ᵢ₊₁₎ − λ₍ᵢ₋₁₎) · sin φᵢ| (Chamberlain & Duquette, "Some algorithms for polygons on
 * a sphere", JPL 2007): exact enough for parcels (well under 0.5 % against a local projection).
 */
export function ringAreaM2(ring: readonly LngLat[]): number {
  const n = ring.length;
  if (n < 4) return 0;
  let sum = 0;
  // the ring is closed: its last point repeats the first, so walk the n-1 distinct points
  const m = n - 1;
  for (let i = 0; i < m; i++) {
    const prev = ring[(i - 1 + m) % m]!;
    const next = ring[(i + 1) % m]!;
    sum += (rad(next[0]) - rad(prev[0])) * Math.sin(rad(ring[i]![1]));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** A polygon's or multipolygon's area in ㎡: outer rings minus holes. */
export function geometryAreaM2(geometry: ParcelGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const area = ringAreaM2(ring);
      total += index === 0 ? area : -area;
    });
  }
  return Math.max(0, total);
}

/** ㎡ → 亩, four decimals (what land_parcels.area_mu stores). */
export function squareMetresToMu(m2: number): number {
  return Math.round((m2 / SQUARE_METRES_PER_MU) * 10_000) / 10_000;
}

/** A polygon's or multipolygon's area in 亩, four decimals. */
export function geometryAreaMu(geometry: ParcelGeometry): number {
  return squareMetresToMu(geometryAreaM2(geometry));
}

/** The mean of a geometry's outer-ring vertices: where the map puts a parcel's label. */
export function geometryCentroid(geometry: ParcelGeometry): LngLat {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let lng = 0;
  let lat = 0;
  let count = 0;
  for (const rings of polygons) {
    const ring = rings[0] ?? [];
    for (let i = 0; i < ring.length - 1; i++) {
      lng += ring[i]![0];
      lat += ring[i]![1];
      count += 1;
    }
  }
  return count === 0 ? [0, 0] : [lng / count, lat / count];
}
