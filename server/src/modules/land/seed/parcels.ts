import { LAND_PARCEL_STATUSES, geometryAreaMu, geometryCentroid, type LandParcelStatus, type LandPlannedUse, type LngLat, type ParcelGeometry } from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { CaseEventEntry } from '../../../platform/workflow/index.js';
import { parcelEventLog } from '../parcels/workflow.js';
import type { LandSeedOptions } from './index.js';

// ------------------------------------------------------------------ the layout

/** The town's south-west corner (鹰潭高新区, by 龙虎山 and the 泸溪河). Metres east / north of it → lng/lat. */
const ORIGIN: LngLat = [116.985, 28.205];
const R = 6_378_137;
const mPerDegLat = (R * Math.PI) / 180;
const mPerDegLng = mPerDegLat * Math.cos((ORIGIN[1] * Math.PI) / 180);
const at = (x: number, y: number): LngLat => [Math.round((ORIGIN[0] + x / mPerDegLng) * 1e7) / 1e7, Math.round((ORIGIN[1] + y / mPerDegLat) * 1e7) / 1e7];
const ring = (points: [number, number][]): LngLat[] => [...points.map(([x, y]) => at(x, y)), at(points[0]![0], points[0]![1])];
const box = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

/** Roads every 500 m on a 3.5 km × 3.0 km grid; the town outline a chamfered 3.7 × 3.2 km (≈ 11 km²). */
const GRID_X = 3_500;
const GRID_Y = 3_000;
const STEP = 500;
const ROAD = 24; // road reserve, metres
/** The 起步区: the south-west 2.0 km × 1.8 km = 3.6 km². */
const STARTER = { x0: 0, y0: 0, x1: 2_000, y1: 1_800 };

function zoneOf(cx: number, cy: number): string {
  if (cx >= STARTER.x0 && cx <= STARTER.x1 && cy >= STARTER.y0 && cy <= STARTER.y1) return '起步区';
  if (cx >= 2_000 && cy < 1_500) return '铜基新材料产业园';
  if (cx >= 2_000) return '电子信息产业园';
  return '综合服务区';
}

type Plot = { geometry: ParcelGeometry; zone: string; use: LandPlannedUse; areaMu: number };

/** Blocks between the roads, cut into one to five parcels per half-block; the 综合服务区 keeps public and commercial land. */
function layout(rand: () => number): Plot[] {
  const plots: Plot[] = [];
  const inset = 6; // setback between neighbouring parcels
  for (let by = 0; by < GRID_Y; by += STEP) {
    for (let bx = 0; bx < GRID_X; bx += STEP) {
      const x0 = bx + ROAD / 2;
      const x1 = bx + STEP - ROAD / 2;
      const y0 = by + ROAD / 2;
      const y1 = by + STEP - ROAD / 2;
      const ym = (y0 + y1) / 2;
      const zone = zoneOf(bx + STEP / 2, by + STEP / 2);
      // the block by the river (north-west corner) stays green: a park, no parcels
      if (bx === 0 && by === GRID_Y - STEP) continue;
      for (const [ry0, ry1] of [[y0, ym], [ym, y1]] as const) {
        const roll = rand();
        const pieces = zone === '综合服务区' ? 3 + Math.floor(rand() * 2) : roll < 0.05 ? 1 : roll < 0.18 ? 2 : roll < 0.42 ? 3 : roll < 0.72 ? 4 : 5;
        // uneven widths that add up to the half-block
        const weights = Array.from({ length: pieces }, () => 0.85 + rand() * 0.3);
        const total = weights.reduce((a, b) => a + b, 0);
        let x = x0;
        weights.forEach((wgt, i) => {
          const xe = i === pieces - 1 ? x1 : x + ((x1 - x0) * wgt) / total;
          // a few parcels have a cut corner (a substation, a pond): an irregular pentagon
          const pts: [number, number][] =
            rand() < 0.12
              ? [[x + inset, ry0 + inset], [xe - inset, ry0 + inset], [xe - inset, ry1 - inset - 40], [xe - inset - 50, ry1 - inset], [x + inset, ry1 - inset]]
              : box(x + inset, ry0 + inset, xe - inset, ry1 - inset);
          const geometry: ParcelGeometry = { type: 'Polygon', coordinates: [ring(pts)] };
          let use: LandPlannedUse = 'industrial';
          if (zone === '综合服务区') use = (['commercial', 'public', 'residential', 'commercial'] as const)[Math.floor(rand() * 4)]!;
          else if (bx === GRID_X - STEP && rand() < 0.6) use = 'warehouse';
          plots.push({ geometry, zone, use, areaMu: geometryAreaMu(geometry) });
          x = xe;
        });
      }
    }
  }
  return plots;
}

function baseLayer(): { kind: string; name: string; geometry: unknown; sort_order: number }[] {
  const features: { kind: string; name: string; geometry: unknown; sort_order: number }[] = [];
  const m = 100;
  const c = 600; // chamfer
  features.push({
    kind: 'town',
    name: '鹰潭高新技术产业开发区(11平方公里)',
    geometry: { type: 'Polygon', coordinates: [ring([[-m + c, -m], [GRID_X + m - c, -m], [GRID_X + m, -m + c], [GRID_X + m, GRID_Y + m - c], [GRID_X + m - c, GRID_Y + m], [-m + c, GRID_Y + m], [-m, GRID_Y + m - c], [-m, -m + c]])] },
    sort_order: 0,
  });
  features.push({ kind: 'zone', name: '综合服务区', geometry: { type: 'Polygon', coordinates: [ring(box(0, STARTER.y1, 2_000, GRID_Y))] }, sort_order: 1 });
  features.push({ kind: 'zone', name: '铜基新材料产业园', geometry: { type: 'Polygon', coordinates: [ring(box(2_000, 0, GRID_X, 1_500))] }, sort_order: 1 });
  features.push({ kind: 'zone', name: '电子信息产业园', geometry: { type: 'Polygon', coordinates: [ring(box(2_000, 1_500, GRID_X, GRID_Y))] }, sort_order: 1 });
  features.push({ kind: 'starter', name: '起步区(3.6平方公里)', geometry: { type: 'Polygon', coordinates: [ring(box(STARTER.x0, STARTER.y0, STARTER.x1, STARTER.y1))] }, sort_order: 2 });
  // the 泸溪河 along the north edge, with a bend
  const river: LngLat[] = [];
  for (let x = -400; x <= GRID_X + 400; x += 100) river.push(at(x, GRID_Y + 60 + 45 * Math.sin(x / 420) - (x < 400 ? (400 - x) * 0.6 : 0)));
  features.push({ kind: 'river', name: '泸溪河', geometry: { type: 'LineString', coordinates: river }, sort_order: 3 });
  const roadNames = ['龙虎山大道', '信江路', '白露路', '铜都大道', '创新路', '智造路', '双凤路', '高新大道'];
  for (let x = 0; x <= GRID_X; x += STEP) {
    const main = x === 0 || x === 2_000 || x === GRID_X;
    features.push({ kind: 'road', name: `${roadNames[(x / STEP) % roadNames.length]}${main ? '' : '(支路)'}`, geometry: { type: 'LineString', coordinates: [at(x, -m), at(x, GRID_Y + m)] }, sort_order: main ? 5 : 4 });
  }
  const eastWest = ['园区南路', '工业一路', '工业二路', '工业三路', '工业四路', '工业五路', '园区北路'];
  for (let y = 0; y <= GRID_Y; y += STEP) {
    features.push({ kind: 'road', name: eastWest[y / STEP]!, geometry: { type: 'LineString', coordinates: [at(-m, y), at(GRID_X + m, y)] }, sort_order: y === 1_500 ? 5 : 4 });
  }
  features.push({ kind: 'landmark', name: '园区管委会', geometry: { type: 'Point', coordinates: at(600, 2_100) }, sort_order: 6 });
  features.push({ kind: 'landmark', name: '龙虎山方向', geometry: { type: 'Point', coordinates: at(-80, 150) }, sort_order: 6 });
  return features;
}

// ------------------------------------------------------------------ dates

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** 09:30 park time of a day, as the instant the timeline shows. */
const morning = (day: string) => new Date(Date.parse(`${day}T01:30:00Z`));

type Planned = {
  plot: Plot;
  status: LandParcelStatus;
  enterpriseId: string | null;
  projectId: string | null;
  transferredOn: string | null;
  constructionOn: string | null;
  producingOn: string | null;
  markedOn: string | null;
};

/**
 * The demo park's 地块: the base map (town outline ≈ 11 km², the 3.6 km² 起步区, three zones, roads,
 * the 泸溪河) and ~300 parcels on the road grid, held by the park's firms (the copper chain gets the
 * biggest) and by funds' investment projects in the 拿地 and later stages; most 已投产, some 在建 /
 * 已出让 / 储备, 24 闲置 (出让 two to six years ago and never started) and 9 低效; dates and the
 * timeline (land_parcel_events, set-based) agree with each status. Deterministic: the same park
 * every time, parcel codes GX-<出让年>-NNN stable.
 */
export async function seedLandParcels(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rand = mulberry32(20261208);
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const today = shanghaiDate(now);

  const features = baseLayer();
  await trx.insertInto('land_map_features').values(features.map((f) => ({ park_id: parkId, kind: f.kind, name: f.name, geometry: JSON.stringify(f.geometry), sort_order: f.sort_order, created_at: now }))).execute();

  const plots = layout(rand);
  const firms = await trx.selectFrom('enterprises').select(['id', 'chain', 'is_above_scale', 'annual_revenue_fen']).where('park_id', '=', parkId).orderBy('is_above_scale', 'desc').orderBy('annual_revenue_fen', 'desc').orderBy('id').execute();
  const projects = await trx
    .selectFrom('investment_projects')
    .select(['id', 'enterprise_id', 'stage', 'stage_dates', 'signed_on'])
    .where('park_id', '=', parkId)
    .where('stage', 'in', ['land', 'started', 'completed', 'producing'])
    .orderBy('signed_on')
    .orderBy('id')
    .execute();

  // Industrial parcels by size: the biggest go to the copper firms, then the others by revenue.
  const industrial = plots.map((p, i) => ({ p, i })).filter((x) => x.p.use === 'industrial' || x.p.use === 'warehouse' || x.p.use === 'commercial');
  const bySize = [...industrial].sort((a, b) => b.p.areaMu - a.p.areaMu || a.i - b.i);
  const copper = firms.filter((f) => f.chain === 'copper');
  const others = firms.filter((f) => f.chain !== 'copper');
  const planned: Planned[] = plots.map((plot) => ({ plot, status: 'reserve', enterpriseId: null, projectId: null, transferredOn: null, constructionOn: null, producingOn: null, markedOn: null }));

  // Status quotas over the industrial parcels (the rest of them stay 储备).
  const quota = { idle: 24, inefficient: 9, construction: 22, transferred: 14 };
  const held = bySize.slice(0, Math.max(0, bySize.length - 26)); // ~26 industrial parcels stay in reserve
  // projects first: their stage decides the parcel's state
  const projectStatus: Record<string, LandParcelStatus> = { land: 'transferred', started: 'construction', completed: 'construction', producing: 'producing' };
  const holders: { enterpriseId: string | null; projectId: string | null; status?: LandParcelStatus; landOn?: string | null }[] = [];
  for (const pr of projects) {
    const dates = (pr.stage_dates ?? {}) as Record<string, { actual?: string | null }>;
    holders.push({ enterpriseId: pr.enterprise_id, projectId: pr.id, status: projectStatus[pr.stage]!, landOn: dates.land?.actual ?? null });
  }
  const firmOrder = [...copper, ...others];
  let f = 0;
  while (holders.length < held.length && firmOrder.length > 0) {
    holders.push({ enterpriseId: firmOrder[f % firmOrder.length]!.id, projectId: null });
    f++;
  }
  // copper firms (first in firmOrder) get the biggest: put the project holders after the first copper round
  const copperRound = holders.filter((h) => !h.projectId).slice(0, copper.length);
  const rest = holders.filter((h) => !copperRound.includes(h));
  const ordered = [...copperRound, ...rest];

  // free statuses spread deterministically over the firm-held parcels
  const freeSlots: LandParcelStatus[] = [];
  for (const [s, n] of Object.entries(quota) as [LandParcelStatus, number][]) for (let k = 0; k < n; k++) freeSlots.push(s);
  const firmHeld = ordered.map((h, k) => ({ h, k })).filter((x) => !x.h.status && x.k >= copper.length); // the copper round stays producing
  // shuffle the firm-held slots
  for (let k = firmHeld.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [firmHeld[k], firmHeld[j]] = [firmHeld[j]!, firmHeld[k]!];
  }
  freeSlots.forEach((s, k) => {
    const slot = firmHeld[k];
    if (slot) slot.h.status = s;
  });

  held.forEach(({ i }, k) => {
    const h = ordered[k];
    if (!h) return;
    const plan = planned[i]!;
    plan.enterpriseId = h.enterpriseId;
    plan.projectId = h.projectId;
    plan.status = h.status ?? 'producing';
    const s = plan.status;
    if (s === 'producing' || s === 'inefficient') {
      plan.transferredOn = h.landOn ?? addDays(today, -int(4 * 365, 14 * 365));
      plan.constructionOn = addDays(plan.transferredOn, int(60, 200));
      plan.producingOn = addDays(plan.constructionOn, int(300, 700));
      if (plan.producingOn > addDays(today, -60)) plan.producingOn = addDays(today, -60);
      if (plan.constructionOn >= plan.producingOn) plan.constructionOn = addDays(plan.producingOn, -120);
      if (plan.transferredOn >= plan.constructionOn) plan.transferredOn = addDays(plan.constructionOn, -60);
      if (s === 'inefficient') plan.markedOn = addDays(today, -int(30, 300));
    } else if (s === 'construction') {
      plan.transferredOn = h.landOn ?? addDays(today, -int(200, 700));
      plan.constructionOn = addDays(plan.transferredOn, int(30, 150));
      if (plan.constructionOn > addDays(today, -20)) plan.constructionOn = addDays(today, -20);
      if (plan.transferredOn >= plan.constructionOn) plan.transferredOn = addDays(plan.constructionOn, -30);
    } else if (s === 'transferred') {
      plan.transferredOn = h.landOn ?? addDays(today, -int(30, 650));
    } else if (s === 'idle') {
      // 出让 two to six years ago, never started; found idle once the two years had passed
      plan.transferredOn = addDays(today, -int(2 * 365 + 40, 6 * 365));
      plan.markedOn = addDays(plan.transferredOn, 2 * 365 + int(10, 120));
      if (plan.markedOn > addDays(today, -10)) plan.markedOn = addDays(today, -10);
    }
  });

  // codes: GX-<year of 出让 (else 2019, when the ledger started)>-NNN in layout order
  const perYear = new Map<string, number>();
  const rows = planned.map((plan) => {
    const year = (plan.transferredOn ?? '2019').slice(0, 4);
    const nth = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, nth);
    const areaMu = plan.plot.areaMu;
    // the certificate's area: close to the drawn one, a few off by more than 2 % (to be checked)
    const off = rand() < 0.03 ? 1 + (rand() < 0.5 ? -1 : 1) * (0.03 + rand() * 0.04) : 1 + (rand() - 0.5) * 0.02;
    const statusSince = plan.markedOn ?? plan.producingOn ?? plan.constructionOn ?? plan.transferredOn ?? '2019-03-01';
    const built = plan.status === 'producing' || plan.status === 'inefficient';
    const plotRatio = plan.status === 'inefficient' ? 0.3 + rand() * 0.4 : 0.8 + rand() * 0.9;
    const [lng, lat] = geometryCentroid(plan.plot.geometry);
    return {
      park_id: parkId,
      code: `GX-${year}-${String(nth).padStart(3, '0')}`,
      name: plan.plot.use === 'industrial' ? null : `${plan.plot.zone}${plan.plot.use === 'public' ? '公共设施' : plan.plot.use === 'commercial' ? '商服' : plan.plot.use === 'residential' ? '配套住宅' : '仓储'}地块`,
      boundary: JSON.stringify(plan.plot.geometry),
      area_mu: areaMu,
      declared_area_mu: Math.round(areaMu * off * 100) / 100,
      centroid_lng: lng,
      centroid_lat: lat,
      zone: plan.plot.zone,
      planned_use: plan.plot.use,
      enterprise_id: plan.enterpriseId,
      project_id: plan.projectId,
      status: plan.status,
      status_since: statusSince,
      transferred_on: plan.transferredOn,
      construction_on: plan.constructionOn,
      producing_on: plan.producingOn,
      land_price_fen: plan.transferredOn ? Math.round(areaMu * int(15, 28)) * 1_000_000 : null,
      floor_area_m2: built || (plan.status === 'construction' && rand() < 0.5) ? Math.round(areaMu * (10_000 / 15) * plotRatio * 100) / 100 : null,
      note: null,
      created_by: null,
      created_at: morning('2019-03-01'),
      updated_at: morning(statusSince),
    };
  });
  const inserted = await trx.insertInto('land_parcels').values(rows).returning(['id', 'code']).execute();
  const idOf = new Map(inserted.map((r) => [r.code, r.id]));

  // the timeline each status implies, as the system recorded it
  const events: CaseEventEntry[] = [];
  const ev = (caseId: string, action: string, from: string | null, to: string, day: string, data: Record<string, unknown> | null = null, note: string | null = null) =>
    events.push({ caseId, event: { action, from_status: from, to_status: to, actor_id: null, actor_name: '系统', actor_role: 'system', note, data, at: morning(day) } });
  planned.forEach((plan, k) => {
    const id = idOf.get(rows[k]!.code)!;
    ev(id, 'create', null, 'reserve', '2019-03-01', { areaMu: rows[k]!.area_mu }, '地块台账初始登记');
    if (!plan.transferredOn) return;
    const registered = plan.transferredOn < '2019-03-01' ? plan.transferredOn : '2019-03-01';
    if (registered !== '2019-03-01') events[events.length - 1]!.event.at = morning(addDays(registered, -1));
    ev(id, 'transfer', 'reserve', 'transferred', plan.transferredOn, { on: plan.transferredOn, landPriceFen: rows[k]!.land_price_fen });
    if (plan.status === 'idle') {
      ev(id, 'mark_idle', 'transferred', 'idle', plan.markedOn!, { on: plan.markedOn }, '出让满两年未动工');
      return;
    }
    if (!plan.constructionOn) return;
    ev(id, 'start_construction', 'transferred', 'construction', plan.constructionOn, { on: plan.constructionOn });
    if (!plan.producingOn) return;
    ev(id, 'start_production', 'construction', 'producing', plan.producingOn, { on: plan.producingOn });
    if (plan.status === 'inefficient') ev(id, 'mark_inefficient', 'producing', 'inefficient', plan.markedOn!, { on: plan.markedOn }, '亩均效益评价偏低');
  });
  await parcelEventLog.writeMany!(trx, parkId, events);

  const counts = Object.fromEntries(LAND_PARCEL_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  await recordAudit(trx, null, parkId, [
    { action: 'seed', entity: 'land_parcel', entityId: parkId, before: null, after: { parcels: rows.length, mapFeatures: features.length, totalMu: Math.round(rows.reduce((a, r) => a + r.area_mu, 0)), ...counts } },
  ], now);
}
