import { rentAddMonths, rentMonthlyFen, rentMonthOf, type ReliefRule } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { billStatusOf, generateBills } from '../premises/bills.js';
import type { LandSeedOptions } from './index.js';

/** The demo factory space: 1,000,000 ㎡ in 60 buildings (the report's "100万平米定制厂房、标准厂房"). */
export const DEMO_FACTORY_AREA_M2 = 1_000_000;
/**
 * The class of the demo relief measure (科技型企业 renting 标准厂房 since before the measure, three
 * months free) rents exactly this much: 37,000 ㎡ × 10 元 × 3 months = ¥1,110,000 ("减免企业房租111万元").
 */
export const DEMO_RELIEF_CLASS_AREA_M2 = 37_000;
export const DEMO_RELIEF_CODE = 'JM-ZXW-2026';
const RATE_FEN = 1_000;
const ELIGIBLE_TAGS = ['high_tech', 'tech_sme'];

const dayNum = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const dayStr = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const addYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;

type UnitDraft = { building: number; code: string; floor: number; area: number; status: 'available' | 'maintenance' | 'disabled'; eligible: boolean };

/**
 * The demo park's 厂房 and 人才公寓 buildings: 24 定制厂房 and 36 标准厂房 (units summing to 100万 ㎡,
 * ~80 % let to demo firms at 10 元/㎡/月 from 2023 on), 8 talent-apartment buildings × 18 floors × 8
 * units (1,152; the apartments seed allocates them), the rent parameters (12 元 until 2022, 10 元
 * from 2023), the relief measure 中小微/科技型企业房租减免 (three months free) active before the
 * bills of the last 12 months are issued by the billing code itself (so each bill's relief is
 * computed, and the measure's total comes out of the leases), payments for most bills and some
 * arrears. The demo enterprise rents a 标准厂房 unit in the relief class.
 */
export async function seedLandPremises(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rng = mulberry32(20261208);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const today = shanghaiDate(now);
  const current = rentMonthOf(today);
  const firstBilled = rentAddMonths(current, -11);
  // the measure: three months free, nine to seven months ago
  const reliefFrom = rentAddMonths(current, -9);
  const reliefTo = dayStr(dayNum(rentAddMonths(reliefFrom, 3)) - 1);
  const officer = await trx.selectFrom('users').select('id').where('park_id', '=', parkId).where('username', '=', 'dispatcher').executeTakeFirst();
  const createdBy = officer?.id ?? null;

  // ---- parameters: 12 元 until 2022, 10 元 from 2023 ("每月仅收10元/平米")
  await trx
    .insertInto('land_parameters')
    .values([
      { park_id: parkId, key: 'rent.custom_factory', valid_from: '2020-01-01', value: 1_200, note: '《园区厂房租赁管理办法》', created_by: createdBy, created_at: now },
      { park_id: parkId, key: 'rent.standard_factory', valid_from: '2020-01-01', value: 1_200, note: '《园区厂房租赁管理办法》', created_by: createdBy, created_at: now },
      { park_id: parkId, key: 'rent.custom_factory', valid_from: '2023-01-01', value: RATE_FEN, note: '降低要素成本:厂房租金每月仅收10元/平米', created_by: createdBy, created_at: now },
      { park_id: parkId, key: 'rent.standard_factory', valid_from: '2023-01-01', value: RATE_FEN, note: '降低要素成本:厂房租金每月仅收10元/平米', created_by: createdBy, created_at: now },
      { park_id: parkId, key: 'rent.apartment', valid_from: '2021-01-01', value: 800, note: '人才公寓租金', created_by: createdBy, created_at: now },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();

  // ---- buildings and units
  const buildings: { code: string; name: string; kind: 'custom_factory' | 'standard_factory'; floors: number; completed: string }[] = [];
  for (let i = 1; i <= 24; i++) buildings.push({ code: `DZ-${String(i).padStart(2, '0')}`, name: `定制厂房${i}号`, kind: 'custom_factory', floors: 1 + (i % 3), completed: `${2016 + (i % 7)}-0${1 + (i % 9)}-15` });
  for (let i = 1; i <= 36; i++) buildings.push({ code: `BZ-${String(i).padStart(2, '0')}`, name: `标准厂房${i}号`, kind: 'standard_factory', floors: 4 + (i % 2), completed: `${2015 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-20` });
  const drafts: UnitDraft[] = [];
  buildings.forEach((b, index) => {
    const perFloor = b.kind === 'custom_factory' ? 6 - b.floors : 4;
    for (let f = 1; f <= b.floors; f++) {
      for (let n = 1; n <= perFloor; n++) {
        const area = b.kind === 'custom_factory' ? 3_000 + rng() * 4_000 : 500 + rng() * 500;
        drafts.push({ building: index, code: `${f}${String(n).padStart(2, '0')}`, floor: f, area, status: 'available', eligible: false });
      }
    }
  });
  // 41 标准厂房 units (spread over the buildings) make the relief class: 40 of 850–950 ㎡, the last the rest of 37,000
  const standard = drafts.filter((d) => buildings[d.building]!.kind === 'standard_factory');
  const classUnits = standard.filter((_, i) => i % 15 === 3).slice(0, 41);
  let classSum = 0;
  classUnits.forEach((u, i) => {
    u.eligible = true;
    if (i < classUnits.length - 1) {
      u.area = Math.round((850 + rng() * 100) * 100) / 100;
      classSum += Math.round(u.area * 100);
    } else u.area = (DEMO_RELIEF_CLASS_AREA_M2 * 100 - classSum) / 100;
  });
  // the rest scaled so that the whole factory space is 1,000,000 ㎡ (two decimals; the last unit takes the cents)
  const others = drafts.filter((d) => !d.eligible);
  const restTarget = (DEMO_FACTORY_AREA_M2 - DEMO_RELIEF_CLASS_AREA_M2) * 100;
  const raw = others.reduce((a, d) => a + d.area, 0);
  let restSum = 0;
  others.forEach((d, i) => {
    if (i < others.length - 1) {
      d.area = Math.round((d.area * restTarget) / raw) / 100;
      restSum += Math.round(d.area * 100);
    } else d.area = (restTarget - restSum) / 100;
  });

  const buildingIds = await trx
    .insertInto('premises_buildings')
    .values([
      ...buildings.map((b) => ({ park_id: parkId, code: b.code, name: b.name, kind: b.kind, floors: b.floors, completed_on: b.completed, address: b.kind === 'custom_factory' ? '园区智能制造产业园' : '园区双创产业园', created_by: createdBy, created_at: now, updated_at: now })),
    ])
    .returning(['id', 'code'])
    .execute();
  const idOfBuilding = new Map(buildingIds.map((b) => [b.code, b.id]));

  // ---- who rents what: ~80 % let; the class units to 科技型 firms (the demo firm first), the other 标准厂房 units to the rest
  const firms = await trx.selectFrom('enterprises').select(['id', 'tags', 'is_above_scale']).where('park_id', '=', parkId).orderBy('uscc').execute();
  // the demo log-in 'enterprise', else the park's first enterprise user (usernames are unique across parks)
  const demoUser = await trx
    .selectFrom('users')
    .select('enterprise_id')
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'is not', null)
    .orderBy(sql`username = 'enterprise'`, 'desc')
    .orderBy('username')
    .executeTakeFirst();
  const demoFirmId = demoUser?.enterprise_id ?? null;
  const tech = firms.filter((f) => f.tags.some((t) => ELIGIBLE_TAGS.includes(t)) && f.id !== demoFirmId).map((f) => f.id);
  const plain = firms.filter((f) => !f.tags.some((t) => ELIGIBLE_TAGS.includes(t)) && f.id !== demoFirmId).map((f) => f.id);
  if (tech.length === 0 || plain.length === 0) throw new Error('premises seed: the demo park needs firms with and without 高新/科技型 tags');
  let techNext = 0;
  let plainNext = 0;
  const nextTech = () => tech[techNext++ % tech.length]!;
  const nextPlain = () => plain[plainNext++ % plain.length]!;
  const nextAny = () => (rng() < 0.5 ? nextTech() : nextPlain());

  type LeaseDraft = { unit: UnitDraft; enterpriseId: string; startsOn: string; endsOn: string };
  const leases: LeaseDraft[] = [];
  const earliest = dayNum('2023-01-01');
  const beforeRelief = dayNum(reliefFrom) - 1;
  for (const u of drafts) {
    const kind = buildings[u.building]!.kind;
    if (u.eligible) {
      // in the class: started before the measure, running through it
      const tenant = demoFirmId && !leases.some((l) => l.enterpriseId === demoFirmId) ? demoFirmId : nextTech();
      const start = dayStr(earliest + Math.floor(rng() * (beforeRelief - earliest)));
      leases.push({ unit: u, enterpriseId: tenant, startsOn: start, endsOn: dayStr(dayNum(addYears(start, 5)) - 1) });
      continue;
    }
    if (rng() < 0.2) {
      // vacant; a few under maintenance or disabled
      const r = rng();
      u.status = r < 0.12 ? 'maintenance' : r < 0.16 ? 'disabled' : 'available';
      continue;
    }
    // not in the class: a 标准厂房 unit goes to a firm outside the class, or to anyone starting after the measure began
    let tenant: string;
    let start: string;
    if (kind === 'standard_factory') {
      const late = rng() < 0.15;
      tenant = late ? nextAny() : nextPlain();
      start = late ? dayStr(dayNum(reliefFrom) + 1 + Math.floor(rng() * (dayNum(today) - dayNum(reliefFrom) - 1))) : dayStr(earliest + Math.floor(rng() * (dayNum(today) - earliest)));
    } else {
      tenant = nextAny();
      start = dayStr(earliest + Math.floor(rng() * (dayNum(today) - earliest)));
    }
    if (start > today) start = today;
    leases.push({ unit: u, enterpriseId: tenant, startsOn: start, endsOn: dayStr(dayNum(addYears(start, kind === 'custom_factory' ? 10 : 5)) - 1) });
  }

  const unitRows = await insertChunks(
    trx,
    drafts.map((d) => ({ park_id: parkId, building_id: idOfBuilding.get(buildings[d.building]!.code)!, code: d.code, floor: d.floor, area_m2: d.area, status: d.status, created_at: now, updated_at: now })),
    (chunk) => trx.insertInto('premises_units').values(chunk).returning(['id', 'building_id', 'code']).execute(),
  );
  const unitId = new Map(unitRows.map((u) => [`${u.building_id}|${u.code}`, u.id]));
  const idOfUnit = (d: UnitDraft) => unitId.get(`${idOfBuilding.get(buildings[d.building]!.code)!}|${d.code}`)!;

  // ---- leases (contract numbers by signing day, the day counters continued below)
  leases.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const perDay = new Map<string, number>();
  const leaseRows = leases.map((l) => {
    const signed = dayStr(dayNum(l.startsOn) - 10 - Math.floor(rng() * 20));
    const seq = (perDay.get(signed) ?? 0) + 1;
    perDay.set(signed, seq);
    const monthly = rentMonthlyFen(l.unit.area, RATE_FEN);
    const at = new Date(`${signed}T02:00:00Z`);
    return {
      park_id: parkId,
      contract_no: `ZL${signed.replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
      enterprise_id: l.enterpriseId,
      unit_id: idOfUnit(l.unit),
      starts_on: l.startsOn,
      ends_on: l.endsOn,
      rent_fen_per_m2_month: RATE_FEN,
      monthly_rent_fen: monthly,
      deposit_fen: monthly * 2,
      status: 'active',
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    };
  });
  await insertChunks(trx, leaseRows, (chunk) => trx.insertInto('premises_leases').values(chunk).execute().then(() => []));
  const counters = [...perDay.entries()].map(([day, last]) => ({ park_id: parkId, day, last }));
  await insertChunks(trx, counters, (chunk) =>
    trx
      .insertInto('premises_lease_number_sequences')
      .values(chunk)
      .onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet((eb) => ({ last: sql`greatest(${eb.ref('premises_lease_number_sequences.last')}, ${eb.ref('excluded.last')})` })))
      .execute()
      .then(() => []),
  );

  // ---- the relief measure, active before the bills are issued: the billing code applies it
  const rule: ReliefRule = { kind: 'free_months', months: 3, eligibility: { buildingKinds: ['standard_factory'], tags: ELIGIBLE_TAGS, leaseStartedBefore: reliefFrom } };
  const measureAt = new Date(`${dayStr(dayNum(reliefFrom) - 20)}T02:00:00Z`);
  await trx
    .insertInto('premises_relief_measures')
    .values({
      park_id: parkId,
      code: DEMO_RELIEF_CODE,
      name: '科技型中小企业房租减免',
      period_from: reliefFrom,
      period_to: reliefTo,
      rule: JSON.stringify(rule),
      status: 'active',
      basis: '园区惠企纾困措施:高新技术企业、科技型中小企业租用标准厂房的,免收三个月房租',
      note: '减免期内自动在租金账单中抵扣',
      created_by: createdBy,
      created_at: measureAt,
      updated_at: measureAt,
    })
    .execute();

  // ---- twelve months of bills, issued by the billing code on the 1st of each month
  const billIds: string[] = [];
  for (let p = firstBilled; p <= current; p = rentAddMonths(p, 1)) {
    const out = await generateBills(trx, parkId, p, new Date(`${p}T00:30:00Z`));
    billIds.push(...out.billIds);
  }

  // ---- payments: most bills paid within the month, a few firms behind (arrears), this month's mostly open
  const bills = await trx.selectFrom('premises_bills').select(['id', 'enterprise_id', 'period', 'due_fen', 'due_on']).where('park_id', '=', parkId).where('due_fen', '>', 0).execute();
  const firmsBehind = new Set([...new Set(bills.map((b) => b.enterprise_id))].filter((id) => id !== demoFirmId && rng() < 0.06));
  const payments: { park_id: string; bill_id: string; enterprise_id: string; amount_fen: number; paid_on: string; method: string; reference: string; status: string; created_by: string | null; created_at: Date }[] = [];
  const paid: { id: string; paid: number; status: string }[] = [];
  for (const b of bills) {
    const monthsAgo = (Number(current.slice(0, 4)) - Number(b.period.slice(0, 4))) * 12 + Number(current.slice(5, 7)) - Number(b.period.slice(5, 7));
    let amount = 0;
    if (b.enterprise_id === demoFirmId) amount = monthsAgo >= 1 ? Number(b.due_fen) : 0;
    else if (firmsBehind.has(b.enterprise_id)) amount = monthsAgo >= 4 ? Number(b.due_fen) : monthsAgo === 3 ? Math.floor(Number(b.due_fen) / 2) : 0;
    else if (monthsAgo >= 2) amount = rng() < 0.99 ? Number(b.due_fen) : 0;
    else if (monthsAgo === 1) amount = rng() < 0.9 ? Number(b.due_fen) : 0;
    else amount = dayNum(today) >= dayNum(b.due_on) - 10 && rng() < 0.35 ? Number(b.due_fen) : 0;
    if (amount <= 0) continue;
    const paidOn = dayStr(Math.min(dayNum(today), dayNum(b.due_on) - 8 + Math.floor(rng() * 12)));
    payments.push({ park_id: parkId, bill_id: b.id, enterprise_id: b.enterprise_id, amount_fen: amount, paid_on: paidOn, method: rng() < 0.93 ? 'transfer' : 'other', reference: `YH${paidOn.replace(/-/g, '')}${String(payments.length).padStart(5, '0')}`, status: 'active', created_by: createdBy, created_at: new Date(`${paidOn}T03:00:00Z`) });
    paid.push({ id: b.id, paid: amount, status: billStatusOf(Number(b.due_fen), amount) });
  }
  await insertChunks(trx, payments, (chunk) => trx.insertInto('premises_payments').values(chunk).execute().then(() => []));
  for (let i = 0; i < paid.length; i += 1000) {
    const chunk = JSON.stringify(paid.slice(i, i + 1000));
    await sql`update premises_bills b set paid_fen = x.paid, status = x.status from jsonb_to_recordset(${chunk}::jsonb) as x(id uuid, paid bigint, status text) where b.id = x.id and b.park_id = ${parkId}`.execute(trx);
  }

  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'premises_building', entityId: null, after: { buildings: buildings.length, units: drafts.length, leases: leases.length, bills: billIds.length, payments: payments.length } }], now);

  // ---- talent apartments: 8 buildings × 18 floors × 8 units (1,152), allocated by the apartments seed
  const layouts = [
    { layout: '一室一厅', min: 45, max: 55 },
    { layout: '两室一厅', min: 65, max: 78 },
    { layout: '一室一厅', min: 48, max: 56 },
    { layout: '两室一厅', min: 68, max: 80 },
    { layout: '三室两厅', min: 85, max: 90 },
    { layout: '两室一厅', min: 66, max: 76 },
    { layout: '一室一厅', min: 45, max: 52 },
    { layout: '三室两厅', min: 86, max: 90 },
  ];
  const apartments = await trx
    .insertInto('premises_buildings')
    .values(Array.from({ length: 8 }, (_, i) => ({ park_id: parkId, code: `GY-${String(i + 1).padStart(2, '0')}`, name: `人才公寓${i + 1}号楼`, kind: 'apartment', floors: 18, completed_on: `${2019 + Math.floor(i / 2)}-0${3 + (i % 6)}-30`, address: '园区人才社区', created_by: createdBy, created_at: now, updated_at: now })))
    .returning(['id'])
    .execute();
  const aptUnits = [];
  for (const b of apartments) {
    for (let f = 1; f <= 18; f++) {
      for (let n = 1; n <= 8; n++) {
        const l = layouts[n - 1]!;
        const area = Math.round((l.min + ((f * 7 + n * 3) % 10) / 10 * (l.max - l.min)) * 100) / 100;
        aptUnits.push({ park_id: parkId, building_id: b.id, code: `${f}${String(n).padStart(2, '0')}`, floor: f, area_m2: area, layout: l.layout, status: rng() < 0.01 ? 'maintenance' : 'available', created_at: now, updated_at: now });
      }
    }
  }
  await insertChunks(trx, aptUnits, (chunk) => trx.insertInto('premises_units').values(chunk).execute().then(() => []));
  void pick;
}

async function insertChunks<T, R>(_trx: Transaction<DB>, rows: T[], insert: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(...(await insert(rows.slice(i, i + 1000))));
  return out;
}
