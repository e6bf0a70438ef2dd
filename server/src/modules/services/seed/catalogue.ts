import { ZCreateServiceItemRequest, parseMaterialsCell, type ItemType } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { recordAudit } from '../../../platform/audit.js';
import { SEED_ITEMS, SEED_SYNONYMS, type SeedItem } from './catalogue-data.js';
import { assignMaterialKeys, itemColumns, type ServiceItemInput } from '../catalogue/service.js';
import type { NewServiceItemRow } from '../catalogue/repository.js';

/** The bureau's 统一社会信用代码-like prefix of every 实施编码 (invented). */
const BUREAU_CODE = '11360600MB1798412X';
const TYPE_NUMBER: Record<ItemType, string> = {
  license: '01', confirmation: '07', filing: '10', public_service: '20', payment: '03', reward: '08', adjudication: '09', inspection: '05', other: '99',
};
const CONSULT_PHONES: Record<string, string> = {
  审批局市场准入科: '0701-6212301',
  审批局投资建设科: '0701-6212302',
  审批局社会事务科: '0701-6212303',
  不动产登记中心: '0701-6212388',
  审批局综合受理科: '0701-6212300',
};
const COMPLAINT_PHONE = '0701-12345';

function chengnuoTextOf(name: string): string {
  return (
    `本申请人申请办理“${name}”,已知晓行政审批机关告知的审批条件和所需材料。现郑重承诺:` +
    '一、所填写的信息和提交的材料真实、准确、完整,承诺替代的材料所证明的事项真实有效;' +
    '二、已具备审批机关告知的全部条件,并将在约定期限内接受事后核查;' +
    '三、如有虚假承诺或未履行承诺,自愿承担审批决定被撤销、失信记录和相应法律责任。'
  );
}

/** A seed entry as the API's create request (then validated with the API's own schema). */
export function seedItemInput(item: SeedItem, index: number): ServiceItemInput {
  const materials = parseMaterialsCell(item.materials);
  if (!materials.ok) throw new Error(`seed item ${item.name}: ${materials.message}`);
  const seq = String(index + 1).padStart(4, '0');
  return ZCreateServiceItemRequest.parse({
    code: `${BUREAU_CODE}${TYPE_NUMBER[item.type]}${seq}000`,
    basicCode: `0001${TYPE_NUMBER[item.type]}${seq}000`,
    name: item.name,
    mainItem: item.main ?? null,
    subItem: item.sub ?? null,
    itemType: item.type,
    department: item.dept,
    legalBasis: item.basis,
    target: item.target ?? 'enterprise',
    caseKind: item.instant ? 'instant' : 'promised',
    legalDays: item.legal,
    committedDays: item.committed,
    specialProcedures: item.special ?? [],
    visits: item.visits,
    online: item.online ?? true,
    appointment: item.appointment ?? item.visits > 0,
    delivery: item.delivery ?? item.visits === 0,
    chengnuoAllowed: item.chengnuo ?? false,
    chengnuoText: item.chengnuo ? chengnuoTextOf(item.name) : null,
    feeCharged: Boolean(item.fee),
    feeBasis: item.fee?.basis ?? null,
    feeAmountFen: item.fee?.fen ?? null,
    steps: item.steps ?? (item.instant ? ['提交材料', '当场审核', '当场办结'] : ['网上申请或窗口提交', '受理', '审查', '决定', '制证送达']),
    consultPhone: CONSULT_PHONES[item.dept] ?? '0701-6212300',
    complaintPhone: COMPLAINT_PHONE,
    jointDepartments: item.joint ?? [],
    materials: materials.materials,
    projectStage: item.stage ?? null,
    keywords: item.keywords ?? [],
  });
}

/**
 * Demo park: about 150 service items with limits and materials, synonyms, approvers assigned.
 * The demo `approver` acts on every item but the 不动产登记 ones, which belong to a second
 * approver, `approver2` (审批局 不动产登记窗口), created here with the same password, so the demo
 * shows that an approver acts only on its items. Without the demo users no approvers are set.
 */
export async function seedServiceCatalogue(trx: Kysely<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  const { parkId, now } = opts;
  const synonyms = await (trx as Transaction<DB>)
    .insertInto('service_synonyms')
    .values(SEED_SYNONYMS.map((s) => ({ park_id: parkId, term: s.term, expands_to: s.expandsTo, created_by: null, created_at: now, updated_at: now })))
    .returning(['term', 'expands_to'])
    .execute();
  const entries = synonyms.map((s) => ({ term: s.term, expandsTo: s.expands_to }));

  const approver = await trx
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('park_id', '=', parkId)
    .where('username', '=', 'approver')
    .executeTakeFirst();
  let estateApproverId: string | null = null;
  if (approver) {
    // log-in names are unique across parks: another park's approver2 is not ours to assign
    const existing = await trx.selectFrom('users').select(['id', 'park_id']).where('username', '=', 'approver2').executeTakeFirst();
    estateApproverId = existing ? (existing.park_id === parkId ? existing.id : approver.id) :
      (
        await trx
          .insertInto('users')
          .values({ park_id: parkId, username: 'approver2', display_name: '审批局 不动产登记窗口', password_hash: approver.password_hash, roles: ['approver'], phone: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  }

  const rows: NewServiceItemRow[] = SEED_ITEMS.map((item, index) => {
    const input = seedItemInput(item, index);
    const approverIds = !approver ? [] : item.realEstate ? [estateApproverId!] : [approver.id];
    return {
      ...itemColumns(input, assignMaterialKeys(input.materials, []), entries),
      park_id: parkId,
      approver_ids: approverIds,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('service_items').values(rows.slice(i, i + 500)).execute();
  await recordAudit(trx as Transaction<DB>, null, parkId, [
    { action: 'seed', entity: 'service_catalogue', entityId: parkId, before: null, after: { items: rows.length, synonyms: synonyms.length, estateApprover: estateApproverId !== null } },
  ], now);
}
