import type { Transaction } from 'kysely';
import { evaluateApartmentRules, maskIdCard, type ApartmentFacts, type ApartmentRule } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { CaseEvent, CaseEventEntry } from '../../../platform/workflow/index.js';
import { hashIdNumber } from '../../policies/applications/persons.js';
import { apt } from '../apartments/repository.js';
import { apartmentEvents } from '../apartments/service.js';
import type { LandSeedOptions } from './index.js';

// ------------------------------------------------------------------ the rules

/** 2024: 大专及以上, no house in the city, 6 months' social insurance; points for degree, title, firm. */
export function demoRules2024(): ApartmentRule[] {
  return [
    { id: 'edu', label: '大专及以上学历', field: 'education', op: 'in', value: ['college', 'bachelor', 'master', 'doctor'], effect: 'require', points: 0 },
    { id: 'house', label: '本人在本市无自有住房', field: 'hasHouseInCity', op: 'eq', value: false, effect: 'require', points: 0 },
    { id: 'si', label: '在园区缴纳社保满6个月', field: 'socialInsuranceMonths', op: 'gte', value: 6, effect: 'require', points: 0 },
    { id: 'bachelor', label: '本科学历加分', field: 'education', op: 'eq', value: 'bachelor', effect: 'score', points: 10 },
    { id: 'master', label: '硕士研究生加分', field: 'education', op: 'eq', value: 'master', effect: 'score', points: 20 },
    { id: 'doctor', label: '博士研究生加分', field: 'education', op: 'eq', value: 'doctor', effect: 'score', points: 30 },
    { id: 'mid', label: '中级职称加分', field: 'title', op: 'eq', value: 'intermediate', effect: 'score', points: 10 },
    { id: 'senior', label: '高级职称加分', field: 'title', op: 'eq', value: 'senior', effect: 'score', points: 20 },
    { id: 'scale', label: '规上企业员工加分', field: 'firmAboveScale', op: 'eq', value: true, effect: 'score', points: 10 },
  ];
}

/** The 2026 revision: 本科及以上 (大专 only with a title), longer service counts, 高新 and the leading chains score. */
export function demoRules2026(chains: string[]): ApartmentRule[] {
  return [
    { id: 'edu', label: '本科及以上学历', field: 'education', op: 'in', value: ['bachelor', 'master', 'doctor'], effect: 'require', points: 0 },
    { id: 'house', label: '本人在本市无自有住房', field: 'hasHouseInCity', op: 'eq', value: false, effect: 'require', points: 0 },
    { id: 'si', label: '在园区缴纳社保满6个月', field: 'socialInsuranceMonths', op: 'gte', value: 6, effect: 'require', points: 0 },
    { id: 'master', label: '硕士研究生加分', field: 'education', op: 'eq', value: 'master', effect: 'score', points: 20 },
    { id: 'doctor', label: '博士研究生加分', field: 'education', op: 'eq', value: 'doctor', effect: 'score', points: 35 },
    { id: 'mid', label: '中级职称加分', field: 'title', op: 'eq', value: 'intermediate', effect: 'score', points: 10 },
    { id: 'senior', label: '高级职称加分', field: 'title', op: 'eq', value: 'senior', effect: 'score', points: 20 },
    { id: 'tenure', label: '在本企业工作满24个月加分', field: 'employedMonths', op: 'gte', value: 24, effect: 'score', points: 10 },
    { id: 'scale', label: '规上企业员工加分', field: 'firmAboveScale', op: 'eq', value: true, effect: 'score', points: 5 },
    { id: 'hightech', label: '高新技术企业员工加分', field: 'firmHighTech', op: 'eq', value: true, effect: 'score', points: 10 },
    ...(chains.length ? [{ id: 'chain', label: '首位产业链企业员工加分', field: 'firmChain' as const, op: 'in' as const, value: chains, effect: 'score' as const, points: 10 }] : []),
  ];
}

export const DEMO_RULES_REVISED_ON = '2026-03-01';

// ------------------------------------------------------------------ helpers

const DAY_MS = 86_400_000;
const dayNum = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayStr = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** A moment on a Shanghai working-hours clock of `day`: 09:00 + minutes. */
const at = (day: number, minutes: number) => new Date(day * DAY_MS - 8 * 3_600_000 + (9 * 60 + minutes) * 60_000);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞建国晨阳思远子涵浩然欣怡梓轩雨桐宇航佳琪博文晓东海燕志强文静俊杰婷婷亚楠家豪一鸣诗雨天宇梦琪'.split('');
const POSITIONS = ['研发工程师', '工艺工程师', '质量工程师', '设备工程师', '软件工程师', '硬件工程师', '技术总监', '生产主管', '产品经理', '测试工程师', '销售经理', '财务主管', '铜材料研究员', '自动化工程师', '检测员', '数据分析师'];

function idCardOf(body17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * W[i]!;
  return body17 + '10X98765432'[sum % 11];
}

type Unit = { id: string; layout: string | null; status: string; from: number };
type Firm = { id: string; is_above_scale: boolean; tags: string[]; chain: string | null };
type Plan = {
  firm: Firm;
  submitted: number;
  status: 'waitlisted' | 'allocated' | 'moved_in' | 'moved_out' | 'rejected' | 'withdrawn';
  unit?: Unit;
  allocated?: number;
  movedIn?: number;
  movedOut?: number;
  withdrawn?: number;
  preferredLayout?: string | null;
  fail?: boolean;
};

/**
 * The demo park's 人才公寓: the rule set of 2024 and its 2026 revision; three years of applications
 * from many firms so that about 87 % of the apartments are lived in today (each occupant allocated,
 * moved in, with its occupancy and timeline; a third of the rooms had an earlier tenant who moved
 * out before the room was allocated again), a few rooms allocated and not yet moved into, a live
 * waitlist of 40 in score order, some rejected by the rules and some withdrawn; the demo
 * `enterprise` firm has a few: one waitlisted, one moved in, one moved out, one refused. Uses the apartment units of
 * the premises seed (if a park has none, builds two apartment buildings so the figures exist).
 */
export async function seedLandApartments(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rnd = mulberry32(20261208);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const today = dayNum(shanghaiDate(now));
  const start = today - 3 * 365;

  // ---- rule sets
  const chainRows = await trx.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', 'chain').orderBy('sort').limit(2).execute();
  const dispatcher = await trx.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', parkId).where('username', '=', 'dispatcher').executeTakeFirst();
  const rules2024 = demoRules2024();
  const rules2026 = demoRules2026(chainRows.map((c) => c.code));
  const [set2024, set2026] = await trx
    .insertInto('apartment_rule_sets')
    .values([
      { park_id: parkId, valid_from: '2024-01-01', rules: JSON.stringify(rules2024), note: '《园区人才公寓管理办法(试行)》', created_by: dispatcher?.id ?? null, created_at: at(dayNum('2023-12-20'), 60) },
      { park_id: parkId, valid_from: DEMO_RULES_REVISED_ON, rules: JSON.stringify(rules2026), note: '2026年修订:本科及以上,向高新技术企业和首位产业倾斜', created_by: dispatcher?.id ?? null, created_at: at(dayNum('2026-02-15'), 90) },
    ])
    .returning(['id', 'valid_from'])
    .execute()
    .then((rows) => rows.sort((a, b) => a.valid_from.localeCompare(b.valid_from)));
  const revised = dayNum(DEMO_RULES_REVISED_ON);
  const ruleSetFor = (day: number) => (day >= revised ? { id: set2026!.id, rules: rules2026 } : { id: set2024!.id, rules: rules2024 });

  // ---- the apartments (the premises seed's; built here only if there are none)
  let unitRows = await trx
    .selectFrom('premises_units as u')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.layout', 'u.status', 'b.completed_on'])
    .where('u.park_id', '=', parkId)
    .where('b.kind', '=', 'apartment')
    .orderBy('b.code')
    .orderBy('u.code')
    .execute();
  if (unitRows.length === 0) {
    await buildFallbackApartments(trx, parkId, now);
    unitRows = await trx
      .selectFrom('premises_units as u')
      .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.layout', 'u.status', 'b.completed_on'])
      .where('u.park_id', '=', parkId)
      .where('b.kind', '=', 'apartment')
      .orderBy('b.code')
      .orderBy('u.code')
      .execute();
  }
  const units: Unit[] = unitRows.map((u) => ({ id: u.id, layout: u.layout, status: u.status, from: Math.max(start - 200, u.completed_on ? dayNum(u.completed_on) : start - 200) }));
  const layouts = [...new Set(units.map((u) => u.layout).filter((l): l is string => !!l))];

  // ---- firms: many firms, larger ones more often; the demo firm among them
  const firms = (await trx
    .selectFrom('enterprises')
    .select(['id', 'is_above_scale', 'tags', 'chain', 'headcount'])
    .where('park_id', '=', parkId)
    .orderBy('headcount', 'desc')
    .orderBy('id')
    .limit(220)
    .execute()) as (Firm & { headcount: number | null })[];
  if (firms.length === 0) return;
  const demoUser = await trx.selectFrom('users').select(['enterprise_id']).where('park_id', '=', parkId).where('username', '=', 'enterprise').executeTakeFirst();
  const demoFirm = demoUser?.enterprise_id ? await trx.selectFrom('enterprises').select(['id', 'is_above_scale', 'tags', 'chain']).where('id', '=', demoUser.enterprise_id).executeTakeFirst() : undefined;
  // the demo firm gets its own few applications below, not random ones
  const weighted: Firm[] = firms.filter((f) => f.id !== demoFirm?.id).flatMap((f, i) => Array.from({ length: i < 40 ? 4 : i < 100 ? 2 : 1 }, () => f));
  const firmUsers = new Map<string, { id: string; name: string }>();
  for (const u of await trx.selectFrom('users').select(['id', 'display_name', 'enterprise_id']).where('park_id', '=', parkId).where('enterprise_id', 'is not', null).orderBy('username').execute()) {
    if (u.enterprise_id && !firmUsers.has(u.enterprise_id)) firmUsers.set(u.enterprise_id, { id: u.id, name: u.display_name });
  }

  // ---- plans: who lived where, when
  const plans: Plan[] = [];
  const shuffled = [...units].sort(() => rnd() - 0.5);
  const available = shuffled.filter((u) => u.status === 'available');
  const occupiedTarget = Math.round(units.length * 0.875);
  const allocatedTarget = Math.max(2, Math.round(units.length * 0.008));
  available.forEach((unit, i) => {
    const earliest = Math.max(start + 30, unit.from + 10);
    let free = earliest; // the day the room is free for a (next) allocation
    // a third of the rooms had an earlier tenant who moved out
    if (rnd() < 0.34) {
      const allocated = free + int(0, 120);
      const movedIn = allocated + int(2, 14);
      const movedOut = movedIn + int(150, 600);
      if (movedOut < today - 30) {
        plans.push({ firm: pick(weighted), submitted: Math.max(start, allocated - int(20, 200)), status: 'moved_out', unit, allocated, movedIn, movedOut });
        free = movedOut + int(3, 45);
      }
    }
    if (i < occupiedTarget) {
      const latest = today - 3;
      if (free > latest) return;
      const allocated = int(free, Math.max(free, Math.min(latest - 5, free + 500)));
      const movedIn = Math.min(latest, allocated + int(2, 14));
      plans.push({ firm: pick(weighted), submitted: Math.max(start, allocated - int(15, 240)), status: 'moved_in', unit, allocated, movedIn });
    } else if (i < occupiedTarget + allocatedTarget) {
      const allocated = Math.max(free, today - int(1, 8));
      if (allocated > today) return;
      plans.push({ firm: pick(weighted), submitted: Math.max(start, allocated - int(30, 200)), status: 'allocated', unit, allocated });
    }
  });
  // the live waitlist, the rejected, the withdrawn
  for (let i = 0; i < 40; i++) plans.push({ firm: pick(weighted), submitted: today - int(1, 200), status: 'waitlisted', preferredLayout: layouts.length && rnd() < 0.45 ? pick(layouts) : null });
  for (let i = 0; i < 36; i++) plans.push({ firm: pick(weighted), submitted: int(start, today - 1), status: 'rejected', fail: true });
  for (let i = 0; i < 12; i++) {
    const submitted = int(start, today - 20);
    plans.push({ firm: pick(weighted), submitted, status: 'withdrawn', withdrawn: Math.min(today - 1, submitted + int(5, 120)) });
  }
  // the demo firm: one waitlisted (recent), one moved in, one moved out earlier, one refused by the rules
  if (demoFirm) {
    const waiting = plans.find((p) => p.status === 'waitlisted');
    if (waiting) Object.assign(waiting, { firm: demoFirm, submitted: today - 12, preferredLayout: null });
    for (const status of ['moved_in', 'moved_out', 'rejected'] as const) {
      const plan = plans.find((p) => p.status === status);
      if (plan) plan.firm = demoFirm;
    }
  }

  // ---- applicants, facts and evaluation
  const chainLabels = Object.fromEntries((await trx.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').execute()).map((c) => [c.code, c.label]));
  const seenIds = new Set<string>();
  const perDay = new Map<number, number>();
  plans.sort((a, b) => a.submitted - b.submitted);
  const rows = plans.map((p, index) => {
    let idNumber: string;
    do {
      const birth = dayStr(dayNum('1972-01-01') + int(0, 30 * 365)).replace(/-/g, '');
      idNumber = idCardOf(`${pick(['360602', '360603', '360681', '360622', '360102', '361002'])}${birth}${String(int(0, 999)).padStart(3, '0')}`);
    } while (seenIds.has(idNumber));
    seenIds.add(idNumber);
    const ruleSet = ruleSetFor(p.submitted);
    const firmFacts = { firmAboveScale: p.firm.is_above_scale, firmHighTech: p.firm.tags.includes('高新技术企业'), firmChain: p.firm.chain };
    const r = rnd();
    let facts: ApartmentFacts = {
      education: r < 0.08 ? 'doctor' : r < 0.35 ? 'master' : r < 0.9 ? 'bachelor' : 'college',
      title: pick(['none', 'none', 'none', 'junior', 'junior', 'intermediate', 'intermediate', 'senior'] as const),
      employedMonths: int(6, 96),
      socialInsuranceMonths: int(6, 120),
      hasHouseInCity: false,
    };
    if (p.fail) facts = rnd() < 0.5 ? { ...facts, hasHouseInCity: true } : { ...facts, education: 'below_college', socialInsuranceMonths: int(0, 5) };
    let evaluation = evaluateApartmentRules(ruleSet.rules, { ...facts, ...firmFacts }, chainLabels);
    if (!p.fail && !evaluation.eligible) {
      facts = { ...facts, education: 'bachelor', hasHouseInCity: false, socialInsuranceMonths: Math.max(6, facts.socialInsuranceMonths) };
      evaluation = evaluateApartmentRules(ruleSet.rules, { ...facts, ...firmFacts }, chainLabels);
    }
    const seq = (perDay.get(p.submitted) ?? 0) + 1;
    perDay.set(p.submitted, seq);
    const submittedAt = at(p.submitted, int(0, 480));
    const name = `${pick(SURNAMES)}${pick(GIVEN)}${rnd() < 0.5 ? pick(GIVEN) : ''}`;
    return {
      plan: p,
      index,
      evaluation,
      ruleSetId: ruleSet.id,
      submittedAt,
      firmFacts,
      values: {
        park_id: parkId,
        code: `GY${dayStr(p.submitted).replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
        enterprise_id: p.firm.id,
        applicant_name: name,
        id_number_hash: hashIdNumber(parkId, idNumber),
        id_number_masked: maskIdCard(idNumber) ?? '',
        phone: `1${pick(['38', '39', '58', '59', '87', '88', '35', '36'])}${String(int(0, 99_999_999)).padStart(8, '0')}`,
        position: pick(POSITIONS),
        facts: JSON.stringify(facts) as never,
        status: p.status,
        eligible: evaluation.eligible,
        score: evaluation.score,
        rule_set_id: ruleSet.id,
        evaluation: JSON.stringify({ ...evaluation, firm: firmFacts }),
        unit_id: p.unit?.id ?? null,
        allocated_on: p.allocated !== undefined ? dayStr(p.allocated) : null,
        move_in_on: p.movedIn !== undefined ? dayStr(p.movedIn) : null,
        move_out_on: p.movedOut !== undefined ? dayStr(p.movedOut) : null,
        reject_reason: evaluation.eligible ? null : `不符合:${evaluation.failed.join('、')}`,
        preferred_layout: p.preferredLayout ?? null,
        withdrawn_at: p.withdrawn !== undefined ? at(p.withdrawn, int(0, 480)) : null,
        submitted_at: submittedAt,
        created_by: firmUsers.get(p.firm.id)?.id ?? null,
        created_at: submittedAt,
        updated_at: at(p.movedOut ?? p.movedIn ?? p.allocated ?? p.withdrawn ?? p.submitted, 500),
      },
    };
  });
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 250) {
    const inserted = await apt(trx)
      .insertInto('apartment_applications')
      .values(rows.slice(i, i + 250).map((r) => r.values))
      .returning('id')
      .execute();
    ids.push(...inserted.map((x) => x.id));
  }

  // ---- occupancies
  const occupancies = rows
    .map((r, i) => ({ r, id: ids[i]! }))
    .filter(({ r }) => r.plan.unit && r.plan.allocated !== undefined)
    .map(({ r, id }) => ({
      park_id: parkId,
      unit_id: r.plan.unit!.id,
      application_id: id,
      enterprise_id: r.plan.firm.id,
      starts_on: dayStr(r.plan.allocated!),
      ends_on: r.plan.movedOut !== undefined ? dayStr(r.plan.movedOut) : null,
      created_at: at(r.plan.allocated!, 60),
    }));
  for (let i = 0; i < occupancies.length; i += 1000) await trx.insertInto('apartment_occupancies').values(occupancies.slice(i, i + 1000)).execute();

  // ---- timelines
  const office = { actor_id: dispatcher?.id ?? null, actor_name: dispatcher?.display_name ?? '调度专班', actor_role: 'office' };
  const entries: CaseEventEntry[] = [];
  rows.forEach((r, i) => {
    const caseId = ids[i]!;
    const p = r.plan;
    const firmActor = firmUsers.get(p.firm.id);
    const ev = (e: Omit<CaseEvent, 'data' | 'note'> & { data?: Record<string, unknown> | null; note?: string | null }) => entries.push({ caseId, event: { note: null, data: null, ...e } });
    ev({ action: 'submit', from_status: null, to_status: 'submitted', actor_id: firmActor?.id ?? null, actor_name: firmActor?.name ?? '企业经办人', actor_role: 'firm', at: r.submittedAt, data: { position: r.values.position } });
    const verdict = r.evaluation.eligible ? 'waitlisted' : 'rejected';
    ev({
      action: 'evaluate',
      from_status: 'submitted',
      to_status: verdict,
      actor_id: null,
      actor_name: '系统',
      actor_role: 'system',
      at: r.submittedAt,
      note: r.values.reject_reason ?? `符合入住条件,积分 ${r.evaluation.score} 分`,
      data: { eligible: r.evaluation.eligible, score: r.evaluation.score, failed: r.evaluation.failed },
    });
    if (p.status === 'withdrawn') {
      ev({ action: 'withdraw', from_status: 'waitlisted', to_status: 'withdrawn', actor_id: firmActor?.id ?? null, actor_name: firmActor?.name ?? '企业经办人', actor_role: 'firm', at: r.values.withdrawn_at!, note: '员工已另行安排住房' });
    }
    if (p.allocated !== undefined) {
      ev({ ...office, action: 'allocate', from_status: 'waitlisted', to_status: 'allocated', at: at(p.allocated, 60), data: { unitId: p.unit!.id, layout: p.unit!.layout, date: dayStr(p.allocated) } });
    }
    if (p.movedIn !== undefined) ev({ ...office, action: 'move_in', from_status: 'allocated', to_status: 'moved_in', at: at(p.movedIn, 90), data: { date: dayStr(p.movedIn) } });
    if (p.movedOut !== undefined) ev({ ...office, action: 'move_out', from_status: 'moved_in', to_status: 'moved_out', at: at(p.movedOut, 120), data: { date: dayStr(p.movedOut) } });
  });
  await apartmentEvents.writeMany!(trx, parkId, entries);

  // ---- the day counters continue after the seeded codes
  const counters = [...perDay.entries()].map(([day, last]) => ({ park_id: parkId, day: dayStr(day), last }));
  for (let i = 0; i < counters.length; i += 1000) {
    await trx
      .insertInto('apartment_application_number_sequences')
      .values(counters.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet((eb) => ({ last: eb.ref('excluded.last') })))
      .execute();
  }
}

/** Two apartment buildings (1,080 rooms), only for a park whose premises seed built none. */
async function buildFallbackApartments(trx: Transaction<DB>, parkId: string, now: Date): Promise<void> {
  const specs = [
    { code: 'GY-A', name: '人才公寓A栋', floors: 18, perFloor: 30, completed: '2021-06-30' },
    { code: 'GY-B', name: '人才公寓B栋', floors: 18, perFloor: 30, completed: '2023-03-31' },
  ];
  for (const s of specs) {
    const b = await trx
      .insertInto('premises_buildings')
      .values({ park_id: parkId, code: s.code, name: s.name, kind: 'apartment', floors: s.floors, completed_on: s.completed, address: '园区人才社区', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const units = [];
    for (let f = 1; f <= s.floors; f++) {
      for (let n = 1; n <= s.perFloor; n++) {
        const layout = n % 5 === 0 ? '两室一厅' : n % 3 === 0 ? '一室一厅' : '单间';
        units.push({ park_id: parkId, building_id: b.id, code: `${f}${String(n).padStart(2, '0')}`, floor: f, area_m2: layout === '两室一厅' ? 78 : layout === '一室一厅' ? 52 : 36, layout, created_at: now, updated_at: now });
      }
    }
    await trx.insertInto('premises_units').values(units).execute();
  }
}
