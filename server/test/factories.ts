import { randomUUID } from 'node:crypto';
import { USCC_CHARSET, orgCodeCheckChar, usccCheckChar, type Role } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB, EnterpriseRow, NewEnterpriseRow, UserRow } from '../src/db/schema.js';
import { hashPassword } from '../src/platform/passwords.js';

export const TEST_PASSWORD = 'Test@2026pw';
let passwordHash: Promise<string> | null = null;
/** One argon2id hash shared by factory users: hashing costs ~100 ms each. */
function sharedHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

const usedUscc = new Set<string>();

/** A valid, unique USCC (both check characters right). */
export function buildUscc(): string {
  for (;;) {
    const org = Array.from({ length: 8 }, () => '0123456789'[Math.floor(Math.random() * 10)]).join('');
    const first17 = `91360600${org}${orgCodeCheckChar(org)}`;
    if (!first17.split('').every((c) => USCC_CHARSET.includes(c))) continue;
    const uscc = first17 + usccCheckChar(first17);
    if (usedUscc.has(uscc)) continue;
    usedUscc.add(uscc);
    return uscc;
  }
}

export type TestPark = { id: string; code: string };

/** A fresh park with the chain and tag dictionaries, isolated from every other test. */
export async function buildPark(db: Kysely<DB>, name = '测试园区'): Promise<TestPark> {
  const code = `t-${randomUUID().slice(0, 8)}`;
  const park = await db.insertInto('parks').values({ code, name, region: '测试' }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('dictionaries')
    .values([
      { park_id: park.id, kind: 'chain', code: 'iot', label: '物联网', sort: 1, extra: null },
      { park_id: park.id, kind: 'chain', code: 'copper', label: '铜基新材料', sort: 2, extra: null },
      { park_id: park.id, kind: 'chain', code: 'health', label: '大健康', sort: 3, extra: null },
      { park_id: park.id, kind: 'tag', code: 'high_tech', label: '高新技术企业', sort: 1, extra: null },
      { park_id: park.id, kind: 'tag', code: 'specialized', label: '专精特新', sort: 2, extra: null },
    ])
    .execute();
  return { id: park.id, code };
}

export async function buildBank(db: Kysely<DB>, park: TestPark, name = '测试银行鹰潭分行') {
  return db.insertInto('banks').values({ park_id: park.id, code: `b-${randomUUID().slice(0, 8)}`, name, short_name: name }).returningAll().executeTakeFirstOrThrow();
}

export async function buildUser(
  db: Kysely<DB>,
  park: TestPark,
  overrides: { roles: Role[]; username?: string; displayName?: string; enterpriseId?: string | null; bankId?: string | null; phone?: string | null },
): Promise<UserRow> {
  const username = overrides.username ?? `${overrides.roles[0]}-${randomUUID().slice(0, 8)}`;
  return db
    .insertInto('users')
    .values({
      park_id: park.id,
      username,
      display_name: overrides.displayName ?? `测试${overrides.roles[0]}${username.slice(-4)}`,
      password_hash: await sharedHash(),
      roles: overrides.roles,
      phone: overrides.phone ?? null,
      enterprise_id: overrides.enterpriseId ?? null,
      bank_id: overrides.bankId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let nameCounter = 0;
export async function buildEnterprise(db: Kysely<DB>, park: TestPark, overrides: Partial<NewEnterpriseRow> = {}): Promise<EnterpriseRow> {
  nameCounter += 1;
  return db
    .insertInto('enterprises')
    .values({
      park_id: park.id,
      uscc: buildUscc(),
      name: `测试企业${nameCounter}号${randomUUID().slice(0, 4)}有限公司`,
      legal_representative: '张三',
      chain: 'iot',
      is_above_scale: false,
      annual_revenue_fen: 500_000_000,
      headcount: 50,
      contact_name: '李四',
      contact_phone: '13812345678',
      tags: [],
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
