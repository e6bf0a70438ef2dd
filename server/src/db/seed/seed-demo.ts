import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { generateDemoPark } from './demo-data.js';
import { seedRatingHistory } from '../../modules/ratings/seed/history.js';
import { seedDemandHistory } from '../../modules/demands/seed/history.js';
import { seedServiceCatalogue } from '../../modules/services/seed/catalogue.js';
import { seedServiceApplications } from '../../modules/services/seed/applications.js';
import { seedFunds } from '../../modules/funds/seed.js';
import { seedPolicies } from '../../modules/policies/seed/seed.js';
import { seedIndustry } from '../../modules/industry/seed/index.js';
import { seedFinance } from '../../modules/finance/seed/index.js';
import { seedLand } from '../../modules/land/seed/index.js';

export const DEMO_PASSWORD = 'Demo@2026';

/** One demo log-in per role, named after the role. */
export const DEMO_LOGINS = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'liaison', displayName: '', roles: ['liaison'] },
  { username: 'dispatcher', displayName: '营商办 周调度', roles: ['dispatcher'] },
  { username: 'approver', displayName: '审批局 王审批', roles: ['approver'] },
  { username: 'policy_officer', displayName: '政策兑现窗口 李政策', roles: ['policy_officer'] },
  { username: 'finance_officer', displayName: '金融服务中心 赵金融', roles: ['finance_officer'] },
  { username: 'bank', displayName: '', roles: ['bank'] },
  { username: 'leader', displayName: '管委会 刘主任', roles: ['leader'] },
  { username: 'enterprise', displayName: '', roles: ['enterprise'] },
] as const;

export type SeedResult = { parkId: string; enterprises: number; users: number };

/**
 * Seeds the demo park in one transaction: dictionaries, 13 banks, liaisons, about 1,000 firms and
 * (unless `withDemoUsers` is false) one log-in per role. Deterministic: the same data every time.
 */
export async function seedDemoPark(db: Kysely<DB>, options: { withDemoUsers: boolean; now?: Date }): Promise<SeedResult> {
  const demo = generateDemoPark();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const park = await trx.insertInto('parks').values({ code: demo.park.code, name: demo.park.name, region: demo.park.region }).returning('id').executeTakeFirstOrThrow();
    const parkId = park.id;
    const dict = [
      ...demo.chains.map((c, i) => ({ park_id: parkId, kind: 'chain', code: c.code, label: c.label, sort: i, extra: null })),
      ...demo.tags.map((t, i) => ({ park_id: parkId, kind: 'tag', code: t.code, label: t.label, sort: i, extra: null })),
      ...demo.industries.map((t, i) => ({ park_id: parkId, kind: 'industry', code: t.code, label: t.label, sort: i, extra: null })),
    ];
    await trx.insertInto('dictionaries').values(dict).execute();
    const banks = await trx
      .insertInto('banks')
      .values(demo.banks.map((b) => ({ park_id: parkId, code: b.code, name: b.name, short_name: b.shortName })))
      .returning(['id', 'code'])
      .execute();

    let users = 0;
    const liaisonIds = new Map<string, string>();
    if (options.withDemoUsers) {
      const liaisonRows = await trx
        .insertInto('users')
        .values(demo.liaisons.map((l) => ({ park_id: parkId, username: l.username, display_name: l.displayName, password_hash: passwordHash, roles: ['liaison'], phone: l.phone })))
        .returning(['id', 'username'])
        .execute();
      for (const r of liaisonRows) liaisonIds.set(r.username, r.id);
      users += liaisonRows.length;
    }

    const rows = demo.enterprises.map((e) => ({
      park_id: parkId,
      uscc: e.uscc,
      name: e.name,
      legal_representative: e.legalRepresentative,
      registered_capital_fen: e.registeredCapitalFen,
      founded_on: e.foundedOn,
      industry_code: e.industryCode,
      chain: e.chain,
      is_above_scale: e.isAboveScale,
      annual_revenue_fen: e.annualRevenueFen,
      headcount: e.headcount,
      address: e.address,
      plot: e.plot,
      contact_name: e.contactName,
      contact_phone: e.contactPhone,
      tags: e.tags,
      liaison_id: e.liaisonUsername ? (liaisonIds.get(e.liaisonUsername) ?? null) : null,
      created_at: now,
      updated_at: now,
    }));
    const inserted: { id: string; uscc: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      inserted.push(...(await trx.insertInto('enterprises').values(rows.slice(i, i + 500)).returning(['id', 'uscc']).execute()));
    }

    if (options.withDemoUsers) {
      const demoFirm = inserted.find((e) => e.uscc === demo.demoEnterpriseUscc)!;
      const demoFirmRow = demo.enterprises.find((e) => e.uscc === demo.demoEnterpriseUscc)!;
      const bank = banks[0]!;
      const bankName = demo.banks.find((b) => b.code === bank.code)!.shortName;
      const others = DEMO_LOGINS.filter((l) => l.username !== 'liaison').map((l) => ({
        park_id: parkId,
        username: l.username,
        display_name:
          l.username === 'enterprise' ? `${demoFirmRow.contactName}(${demoFirmRow.name})` : l.username === 'bank' ? `${bankName} 客户经理` : l.displayName,
        password_hash: passwordHash,
        roles: [...l.roles],
        phone: null,
        enterprise_id: l.username === 'enterprise' ? demoFirm.id : null,
        bank_id: l.username === 'bank' ? bank.id : null,
      }));
      await trx.insertInto('users').values(others).execute();
      users += others.length;
    }
    await recordAudit(trx, null, parkId, [
      { action: 'seed', entity: 'park', entityId: parkId, before: null, after: { park: demo.park, enterprises: inserted.length, banks: banks.length, users } },
    ], now);
    // A year of demands, visits, 代办, dispatch meetings and targets (needs the demo log-ins).
    if (options.withDemoUsers) await seedDemandHistory(trx, { parkId, now });
    // 政务服务: the catalogue (items, synonyms, approvers), then a year of applications and projects.
    await seedServiceCatalogue(trx, { parkId, now });
    if (options.withDemoUsers) await seedServiceApplications(trx, { parkId, now });
    // 产业云: monthly reports (their accepted figures become policy facts and credit data), devices, 智能化改造.
    if (options.withDemoUsers) await seedIndustry(trx, { parkId, now });
    // 政策兑现: funds first (policies draw on them), then policies, applications, payouts and runs.
    await seedFunds(trx, { parkId, now });
    if (options.withDemoUsers) await seedPolicies(trx, { parkId, now });
    // 金融服务: institutions, products, needs and answers, 对接会, bridge loans, 存铜融, credit.
    if (options.withDemoUsers) await seedFinance(trx, { parkId, now });
    // 要素保障: parcels and the map, 亩均, leads (signing creates projects), the clean-up campaign, premises, apartments, 征地拆迁.
    if (options.withDemoUsers) await seedLand(trx, { parkId, now });
    // Last: rates the closed demands and applications seeded above (keep any history seed before this line).
    await seedRatingHistory(trx, { parkId, now });
    return { parkId, enterprises: inserted.length, users };
  });
}
