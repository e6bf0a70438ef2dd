import { randomUUID } from 'node:crypto';
import { ZCreateServiceItemRequest, type CreateServiceItemRequest, type ItemStatus } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { ServiceItemRow } from '../src/db/schema-service-items.js';
import { assignMaterialKeys, itemColumns } from '../src/modules/services/catalogue/service.js';
import { findSynonymEntries } from '../src/modules/services/catalogue/repository.js';
import type { TestPark } from './factories.js';

let itemCounter = 0;

/** A valid item input (企业开办-like promised item with three materials); override any field. */
export function serviceItemInput(overrides: Partial<CreateServiceItemRequest> = {}): CreateServiceItemRequest {
  itemCounter += 1;
  return {
    code: `T${Date.now().toString(36)}${itemCounter}${randomUUID().slice(0, 4)}`.toUpperCase(),
    name: `测试事项${itemCounter}`,
    itemType: 'license',
    department: '行政审批局',
    target: 'enterprise',
    caseKind: 'promised',
    legalDays: 20,
    committedDays: 5,
    visits: 0,
    online: true,
    materials: [
      { name: '申请书', form: '原件', copies: 1, required: true, isKey: true, rongqueAllowed: false, chengnuoReplaceable: false },
      { name: '营业执照', form: '复印件', copies: 1, required: true, isKey: false, rongqueAllowed: true, chengnuoReplaceable: false },
      { name: '场地使用证明', form: '原件或复印件', copies: 1, required: true, isKey: false, rongqueAllowed: true, chengnuoReplaceable: true },
    ],
    chengnuoAllowed: true,
    chengnuoText: '本单位承诺所填报信息真实有效,如有虚假愿承担相应法律责任。',
    steps: ['申请', '受理', '审查', '决定', '送达'],
    ...overrides,
  };
}

/**
 * An item inserted directly (search terms computed with the park's synonyms, material keys m1…).
 * `approverIds` and `status` go straight into the row.
 */
export async function buildServiceItem(
  db: Kysely<DB>,
  park: TestPark | { id: string },
  overrides: Partial<CreateServiceItemRequest> & { status?: ItemStatus } = {},
): Promise<ServiceItemRow> {
  const { status, ...rest } = overrides;
  const input = ZCreateServiceItemRequest.parse(serviceItemInput(rest));
  const synonyms = await findSynonymEntries(db, park.id);
  const materials = assignMaterialKeys(input.materials, []);
  return db
    .insertInto('service_items')
    .values({ ...itemColumns(input, materials, synonyms), park_id: park.id, approver_ids: input.approverIds ?? [], status: status ?? 'active' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let caseCounter = 0;

/** One finished or open case row for statistics tests (the 办件 module's own factories drive the workflow). */
export type ServiceCaseRow = {
  itemId: string;
  enterpriseId: string;
  submittedAt: Date;
  acceptedAt?: Date | null;
  finishedAt?: Date | null;
  outcome?: 'approved' | 'refused' | 'not_accepted' | 'terminated' | 'withdrawn' | 'revoked' | null;
  committedDays: number;
  legalDays?: number;
  workingDaysUsed?: number | null;
  withinLimit?: boolean | null;
  visits?: number;
  dueAt?: Date | null;
  caseKind?: 'instant' | 'promised';
};

/** Inserts case rows into service_applications directly, as a finished history would leave them. */
export async function insertServiceCases(db: Kysely<DB>, park: TestPark | { id: string }, rows: ServiceCaseRow[]): Promise<void> {
  const values = rows.map((r) => {
    caseCounter += 1;
    const finished = r.finishedAt ?? null;
    const status = finished ? (r.outcome === 'approved' || r.outcome === 'refused' ? 'finished' : (r.outcome ?? 'finished')) : 'accepted';
    return {
      park_id: park.id,
      number: `TS${caseCounter}-${randomUUID().slice(0, 8)}`,
      item_id: r.itemId,
      enterprise_id: r.enterpriseId,
      applicant_name: '测试申请人',
      case_kind: r.caseKind ?? 'promised',
      status: status as 'finished',
      submitted_at: r.submittedAt,
      accepted_at: r.acceptedAt === undefined ? r.submittedAt : r.acceptedAt,
      finished_at: finished,
      outcome: finished ? (r.outcome ?? 'approved') : null,
      committed_days: r.committedDays,
      legal_days: r.legalDays ?? Math.max(r.committedDays, 20),
      working_days_used: r.workingDaysUsed ?? null,
      within_limit: r.withinLimit ?? null,
      visits: r.visits ?? 0,
      due_at: finished ? null : (r.dueAt ?? null),
    };
  });
  for (let i = 0; i < values.length; i += 500) await db.insertInto('service_applications').values(values.slice(i, i + 500)).execute();
}
