import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApartmentRule } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import type { TestPark } from '../../../../test/factories.js';

/**
 * Test rows for 人才公寓 (the premises slice owns buildings and units; these tests insert their own):
 * an apartment building with `units` rooms (layouts alternate through `layouts`), and a rule set.
 */
export async function buildApartmentBuilding(db: Kysely<DB>, park: TestPark, options: { units?: number; layouts?: string[]; name?: string; completedOn?: string | null } = {}) {
  const now = new Date();
  const code = `APT-${randomUUID().slice(0, 6)}`;
  const building = await db
    .insertInto('premises_buildings')
    .values({ park_id: park.id, code, name: options.name ?? `人才公寓${code.slice(-3)}栋`, kind: 'apartment', floors: 6, completed_on: options.completedOn ?? null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const layouts = options.layouts ?? ['一室一厅', '两室一厅'];
  const n = options.units ?? 4;
  const units = await db
    .insertInto('premises_units')
    .values(
      Array.from({ length: n }, (_, i) => ({
        park_id: park.id,
        building_id: building.id,
        code: `${Math.floor(i / 4) + 1}0${(i % 4) + 1}`,
        floor: Math.floor(i / 4) + 1,
        area_m2: 45 + (i % 2) * 20,
        layout: layouts[i % layouts.length]!,
        created_at: now,
        updated_at: now,
      })),
    )
    .returningAll()
    .execute();
  return { building, units: units.sort((a, b) => a.code.localeCompare(b.code)) };
}

export async function buildRuleSet(db: Kysely<DB>, park: TestPark, validFrom: string, rules: ApartmentRule[]) {
  return db
    .insertInto('apartment_rule_sets')
    .values({ park_id: park.id, valid_from: validFrom, rules: JSON.stringify(rules), note: null, created_by: null, created_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The rules of these tests: 本科及以上 and no house required; master/doctor +30, senior title +20, 规上 +10, 24 months' insurance +10. */
export const TEST_RULES: ApartmentRule[] = [
  { id: 'edu', label: '本科及以上学历', field: 'education', op: 'in', value: ['bachelor', 'master', 'doctor'], effect: 'require', points: 0 },
  { id: 'house', label: '本市无自有住房', field: 'hasHouseInCity', op: 'eq', value: false, effect: 'require', points: 0 },
  { id: 'pg', label: '研究生学历加分', field: 'education', op: 'in', value: ['master', 'doctor'], effect: 'score', points: 30 },
  { id: 'senior', label: '高级职称加分', field: 'title', op: 'eq', value: 'senior', effect: 'score', points: 20 },
  { id: 'scale', label: '规上企业加分', field: 'firmAboveScale', op: 'eq', value: true, effect: 'score', points: 10 },
  { id: 'si', label: '社保满24个月加分', field: 'socialInsuranceMonths', op: 'gte', value: 24, effect: 'score', points: 10 },
];

/** A valid 身份证号 (GB 11643 check character) from a 17-digit body. */
export function idCardFrom(body17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * W[i]!;
  return body17 + '10X98765432'[sum % 11];
}

let idCounter = 0;
/** A fresh valid ID number per call. */
export function freshIdCard(): string {
  idCounter += 1;
  const serial = String((Date.now() % 1000) * 1000 + idCounter).padStart(3, '0').slice(-3);
  const day = String((idCounter % 28) + 1).padStart(2, '0');
  const month = String(((idCounter >> 5) % 12) + 1).padStart(2, '0');
  return idCardFrom(`360602199${idCounter % 10}${month}${day}${serial}`);
}
