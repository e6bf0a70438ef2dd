import { maskIdCard } from '@yuanqi/contract';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { recordAudit } from '../../../platform/audit.js';
import { hashIdNumber } from '../../policies/applications/persons.js';
import type { LandSeedOptions } from './index.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国志强春华秀英桂兰明辉海燕永红金凤国平德胜玉梅小明晓东新民卫东丽华淑珍文斌宏伟红梅家福长生水根银花冬梅树林秋菊福生荣华月娥';
const UNIT_KINDS = ['五金加工厂', '竹木制品厂', '养殖场', '农机修理部', '建材经营部', '食品加工坊', '砖瓦厂', '物流堆场', '汽修厂', '米厂'];
const VILLAGES = ['东岭村', '西塘村', '南湾村', '北坪村', '中洲村', '石桥村'];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** A 身份证号 of 鹰潭市余江区 (360622) with its check character. */
function idNumber(rand: () => number, birthYear: number): string {
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const body = `360622${birthYear}${month}${day}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK[sum % 11]!;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Household = Insertable<DB['acquisition_households']>;
type Payment = Insertable<DB['acquisition_payments']>;

/**
 * The demo park's 征地拆迁 register: 智联小镇, finished — 1,076 households and units totalling 25万 ㎡
 * (the building areas are drawn, then scaled so their sum is 250,000 ± a few ㎡), every one signed,
 * paid in full (one or two installments) and moved out, with no incident, so its statement reads
 * "1076户…25万平方米,全部签约、全部搬迁,零事故、零纠纷、零上访"; and 高铁北片区, under way since
 * March 2026: some households not yet signed, payments outstanding, one dispute resolved and one
 * petition open. The demo dispatcher is the officer of 智联小镇 only, the admin of 高铁北片区, so the
 * dispatcher sees one area in full and the other masked.
 */
export async function seedLandAcquisition(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const rand = mulberry32(20_261_076);
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  // the park's demo dispatcher and admin: by their demo log-in, else the first user holding the role
  // (usernames are unique across parks, so a second park's users carry other names)
  const roleUser = async (role: 'dispatcher' | 'admin') =>
    (
      await trx
        .selectFrom('users')
        .select('id')
        .where('park_id', '=', parkId)
        .where(sql<boolean>`${role} = any(roles)`)
        .orderBy(sql`username = ${role}`, 'desc')
        .orderBy('username')
        .limit(1)
        .executeTakeFirst()
    )?.id;
  const users = new Map<string, string | undefined>([
    ['dispatcher', await roleUser('dispatcher')],
    ['admin', await roleUser('admin')],
  ]);

  const givenName = () => {
    const k = int(0, GIVEN.length / 2 - 1);
    return rand() < 0.75 ? GIVEN.slice(k * 2, k * 2 + 2) : GIVEN.slice(k * 2, k * 2 + 1);
  };
  const fullName = () => `${pick<string>(SURNAMES)}${givenName()}`;
  const phone = () => `1${pick(['38', '39', '58', '59', '36', '87', '80', '33'])}${String(int(0, 99_999_999)).padStart(8, '0')}`;

  const area = async (code: string, name: string, plannedMu: number, startedOn: string, finishedOn: string | null, note: string, officer: string | undefined) => {
    const row = await trx
      .insertInto('acquisition_areas')
      .values({ park_id: parkId, code, name, planned_mu: plannedMu, started_on: startedOn, finished_on: finishedOn, status: finishedOn ? 'finished' : 'active', note, created_by: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (officer) await trx.insertInto('acquisition_area_officers').values({ park_id: parkId, area_id: row.id, user_id: officer }).execute();
    return row.id;
  };

  // ---------------------------------------------------------------- 智联小镇: finished
  const zl = await area('ZLXZ', '智联小镇', 5_400, '2023-02-20', '2023-12-28', '智联小镇起步区征地拆迁,2023年完成', users.get('dispatcher'));
  const UNITS = 72;
  const TOTAL = 1_076;
  const drafts = Array.from({ length: TOTAL }, (_, k) => {
    const unit = k % 15 === 7 && k < UNITS * 15; // spread the 72 units through the list
    return { unit, area: unit ? 600 + rand() * 2_400 : 110 + rand() * 230 };
  });
  // exactly 72 units
  let units = drafts.filter((d) => d.unit).length;
  for (let k = 0; units < UNITS && k < drafts.length; k++) if (!drafts[k]!.unit) { drafts[k] = { unit: true, area: 600 + rand() * 2_400 }; units++; }
  const drawn = drafts.reduce((s, d) => s + d.area, 0);
  const scale = 250_000 / drawn;
  const zlRows: Household[] = [];
  const zlPayments: { code: string; agreementOn: string; agreed: number }[] = [];
  drafts.forEach((d, k) => {
    const area2 = Math.round(d.area * scale * 100) / 100;
    const agreementOn = addDays('2023-03-01', int(0, 150));
    const movedOutOn = addDays(agreementOn, int(10, 90));
    const rate = d.unit ? int(1_900, 2_600) : int(2_400, 3_200); // 元/㎡
    const agreed = Math.round(area2 * rate) * 100;
    const village = pick(VILLAGES);
    const code = `ZL${String(k + 1).padStart(4, '0')}`;
    const id = d.unit ? null : idNumber(rand, int(1945, 1995));
    zlRows.push({
      park_id: parkId,
      area_id: zl,
      code,
      kind: d.unit ? 'unit' : 'household',
      name: d.unit ? `余江区${village.replace('村', '')}${pick(UNIT_KINDS)}` : fullName(),
      id_number_hash: id ? hashIdNumber(parkId, id) : null,
      id_number_masked: id ? maskIdCard(id) : null,
      phone: phone(),
      address: `智联小镇${village}${int(1, 9)}组${int(1, 60)}号`,
      members: d.unit ? null : int(1, 7),
      building_area_m2: area2,
      land_area_m2: Math.round(area2 * (0.6 + rand() * 0.5) * 100) / 100,
      agreement_on: agreementOn,
      compensation_agreed_fen: agreed,
      moved_out_on: movedOutOn,
      note: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    zlPayments.push({ code, agreementOn, agreed });
  });
  const zlIds = new Map<string, string>();
  for (let i = 0; i < zlRows.length; i += 500) {
    for (const r of await trx.insertInto('acquisition_households').values(zlRows.slice(i, i + 500)).returning(['id', 'code']).execute()) zlIds.set(r.code, r.id);
  }
  const payments: Payment[] = [];
  for (const p of zlPayments) {
    const householdId = zlIds.get(p.code)!;
    if (rand() < 0.45) {
      const first = Math.round((p.agreed * 0.6) / 100) * 100;
      payments.push({ park_id: parkId, household_id: householdId, amount_fen: first, paid_on: addDays(p.agreementOn, int(3, 15)), reference: `ZLBC-${p.code}-1`, note: '首期补偿款', created_by: null, created_at: now });
      payments.push({ park_id: parkId, household_id: householdId, amount_fen: p.agreed - first, paid_on: addDays(p.agreementOn, int(30, 60)), reference: `ZLBC-${p.code}-2`, note: '搬迁验收后付清', created_by: null, created_at: now });
    } else {
      payments.push({ park_id: parkId, household_id: householdId, amount_fen: p.agreed, paid_on: addDays(p.agreementOn, int(3, 20)), reference: `ZLBC-${p.code}`, note: '一次性付清', created_by: null, created_at: now });
    }
  }

  // ---------------------------------------------------------------- 高铁北片区: under way
  const gt = await area('GTBP', '高铁北片区', 860, '2026-03-01', null, '高铁站北侧产业用地征迁,2026年启动', users.get('admin'));
  const gtRows: Household[] = [];
  const GT = 86;
  for (let k = 0; k < GT; k++) {
    const unit = k % 12 === 5;
    const a = Math.round((unit ? 500 + rand() * 1_500 : 120 + rand() * 200) * 100) / 100;
    const signed = k < 58;
    const moved = k < 34;
    const agreementOn = signed ? addDays('2026-04-10', int(0, 180)) : null;
    const id = unit ? null : idNumber(rand, int(1950, 1998));
    const village = pick(['高铁村', '北岭村']);
    gtRows.push({
      park_id: parkId,
      area_id: gt,
      code: `GT${String(k + 1).padStart(3, '0')}`,
      kind: unit ? 'unit' : 'household',
      name: unit ? `余江区${village.replace('村', '')}${pick(UNIT_KINDS)}` : fullName(),
      id_number_hash: id ? hashIdNumber(parkId, id) : null,
      id_number_masked: id ? maskIdCard(id) : null,
      phone: phone(),
      address: `${village}${int(1, 6)}组${int(1, 40)}号`,
      members: unit ? null : int(1, 6),
      building_area_m2: a,
      land_area_m2: Math.round(a * 0.8 * 100) / 100,
      agreement_on: agreementOn,
      compensation_agreed_fen: signed ? Math.round(a * int(2_600, 3_300)) * 100 : null,
      moved_out_on: moved && agreementOn ? addDays(agreementOn, int(5, 40)) : null,
      note: signed ? null : '正在协商补偿方案',
      created_by: null,
      created_at: now,
      updated_at: now,
    });
  }
  const gtInserted = await trx.insertInto('acquisition_households').values(gtRows).returning(['id', 'code', 'agreement_on', 'compensation_agreed_fen', 'moved_out_on']).execute();
  gtInserted.sort((a, b) => a.code.localeCompare(b.code));
  for (const h of gtInserted) {
    if (!h.agreement_on || h.compensation_agreed_fen === null) continue;
    const agreed = Number(h.compensation_agreed_fen);
    // the moved-out are paid in full; the others have their first 60 % (a few nothing yet)
    if (h.moved_out_on) {
      payments.push({ park_id: parkId, household_id: h.id, amount_fen: agreed, paid_on: addDays(h.agreement_on, 7), reference: `GTBC-${h.code}`, note: null, created_by: null, created_at: now });
    } else if (rand() < 0.7) {
      payments.push({ park_id: parkId, household_id: h.id, amount_fen: Math.round((agreed * 0.6) / 100) * 100, paid_on: addDays(h.agreement_on, 10), reference: `GTBC-${h.code}-1`, note: '首期补偿款', created_by: null, created_at: now });
    }
  }
  for (let i = 0; i < payments.length; i += 500) await trx.insertInto('acquisition_payments').values(payments.slice(i, i + 500)).execute();

  const disputed = gtInserted.find((h) => h.code === 'GT012')!;
  const petitioner = gtInserted.find((h) => h.code === 'GT071')!;
  await trx
    .insertInto('acquisition_incidents')
    .values([
      {
        park_id: parkId,
        area_id: gt,
        household_id: disputed.id,
        kind: 'dispute',
        occurred_on: '2026-05-18',
        summary: '对附属用房面积认定有异议,与相邻户就宅基地界址发生争执',
        status: 'resolved',
        resolution: '组织第三方重新测绘,村委会调解,双方签字确认界址和面积',
        resolved_on: '2026-06-02',
        created_by: null,
        created_at: now,
        updated_at: now,
      },
      {
        park_id: parkId,
        area_id: gt,
        household_id: petitioner.id,
        kind: 'petition',
        occurred_on: '2026-11-20',
        summary: '到区信访局反映安置房选房顺序问题',
        status: 'open',
        resolution: null,
        resolved_on: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();

  await recordAudit(trx, null, parkId, [
    { action: 'seed', entity: 'acquisition_area', entityId: zl, before: null, after: { areas: 2, households: zlRows.length + gtRows.length, payments: payments.length, incidents: 2 } },
  ], now);
}
