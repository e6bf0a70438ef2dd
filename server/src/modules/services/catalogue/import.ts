import { ZCreateServiceItemRequest, cleanInput, type ItemImportRejection, type ItemImportResult } from '@yuanqi/contract';
import { labelOf } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/actor.js';
import { canonicalJson, recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import type { ServiceItemRow } from '../../../db/schema-service-items.js';
import type { JobProgress } from '../../jobs/service.js';
import * as repo from './repository.js';
import { buildItemTemplate, buildItemWorkbook, parseItemWorkbook } from './excel.js';
import { itemSnapshot, materialsOf, presentItem } from './presenter.js';
import { assignMaterialKeys, itemColumns, type ServiceItemInput } from './service.js';

/** An item's stored values in the shape of the create request (what an import row is merged onto). */
function inputOf(row: ServiceItemRow): Record<string, unknown> {
  const v = presentItem(row, null);
  return {
    code: v.code,
    basicCode: v.basicCode,
    name: v.name,
    mainItem: v.mainItem,
    subItem: v.subItem,
    itemType: v.itemType,
    department: v.department,
    legalBasis: v.legalBasis,
    target: v.target,
    caseKind: v.caseKind,
    legalDays: v.legalDays,
    committedDays: v.committedDays,
    specialProcedures: v.specialProcedures,
    visits: v.visits,
    online: v.online,
    appointment: v.appointment,
    delivery: v.delivery,
    chengnuoAllowed: v.chengnuoAllowed,
    chengnuoText: v.chengnuoText,
    feeCharged: v.feeCharged,
    feeBasis: v.feeBasis,
    feeAmountFen: v.feeAmountFen,
    steps: v.steps,
    consultPhone: v.consultPhone,
    complaintPhone: v.complaintPhone,
    jointDepartments: v.jointDepartments,
    materials: materialsOf(row).map(({ key: _k, ...m }) => m),
    projectStage: v.projectStage,
    keywords: v.keywords,
  };
}

/**
 * Imports the catalogue from .xlsx: every good row in one transaction, every bad cell reported
 * with its row and column as written. Idempotent on 实施编码: an existing item is updated only
 * in the columns the sheet has, and counted `unchanged` when nothing differs.
 */
export async function importItems(ctx: AppContext, actor: Actor, file: Buffer, onProgress?: JobProgress): Promise<ItemImportResult> {
  const parsed = await parseItemWorkbook(file, (done, total) => void onProgress?.(done, total, 'parse'));
  const rejected: ItemImportRejection[] = [...parsed.rejected];
  const approvers = (await repo.findApproverUsers(ctx.db, actor.parkId)).filter((u) => u.is_active);
  await onProgress?.(0, parsed.rows.length, 'write');
  const now = ctx.clock.now();
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map<string, ServiceItemRow>();
    const codes = parsed.rows.map((r) => r.data.code).filter((c): c is string => typeof c === 'string');
    for (let i = 0; i < codes.length; i += 1000) {
      for (const row of await repo.findItemsByCodes(trx, actor.parkId, codes.slice(i, i + 1000))) existing.set(row.code, row);
    }
    const synonyms = await repo.findSynonymEntries(trx, actor.parkId);
    const inserts: repo.NewServiceItemRow[] = [];
    const audits: AuditEntry[] = [];
    for (const { row, data } of parsed.rows) {
      const { approverNames, status, ...fields } = data;
      const current = typeof fields.code === 'string' ? existing.get(fields.code) : undefined;
      const problems: ItemImportRejection[] = [];
      let approverIds: string[] | undefined;
      if (approverNames !== undefined) {
        approverIds = [];
        for (const name of approverNames) {
          const matches = approvers.filter((a) => a.display_name === name || a.username === name);
          if (matches.length === 1) approverIds.push(matches[0]!.id);
          else problems.push({ row, column: parsed.columnOf('approverNames'), message: matches.length === 0 ? `审批人员“${name}”不存在或不是审批局账号` : `审批人员“${name}”重名,请在系统中分配` });
        }
      }
      const merged = { ...(current ? inputOf(current) : {}), ...fields };
      const checked = ZCreateServiceItemRequest.safeParse(cleanInput(merged, labelOf).value);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const key = String(issue.path[0] ?? 'name');
          let message = issue.message;
          if (key === 'materials' && typeof issue.path[1] === 'number') {
            const m = (merged.materials as { name?: string }[] | undefined)?.[issue.path[1]];
            if (m?.name) message = `材料“${m.name}”:${message}`;
          }
          problems.push({ row, column: parsed.columnOf(key), message });
        }
      }
      if (problems.length > 0 || !checked.success) {
        rejected.push(...problems);
        continue;
      }
      const input: ServiceItemInput = checked.data;
      const materials = assignMaterialKeys(input.materials, current ? materialsOf(current) : []);
      const columns = itemColumns(input, materials, synonyms);
      if (!current) {
        inserts.push({ ...columns, park_id: actor.parkId, approver_ids: approverIds ?? [], status: status ?? 'active', created_at: now, updated_at: now });
        continue;
      }
      const next = { ...current, ...columns, approver_ids: approverIds ?? current.approver_ids, status: status ?? current.status } as unknown as ServiceItemRow;
      const before = itemSnapshot(current);
      const after = itemSnapshot(next);
      if (canonicalJson(before) === canonicalJson(after)) {
        unchanged += 1;
        continue;
      }
      const saved = await repo.updateItem(trx, actor.parkId, current.id, current.version, {
        ...columns,
        approver_ids: next.approver_ids,
        status: next.status,
        updated_at: now,
      });
      audits.push({ action: 'import', entity: 'service_item', entityId: current.id, before, after: itemSnapshot(saved!) });
      updated += 1;
    }
    const created = await repo.insertItems(trx, inserts);
    imported = created.length;
    for (const row of created) audits.push({ action: 'import', entity: 'service_item', entityId: row.id, before: null, after: itemSnapshot(row) });
    await recordAudit(trx, actor, actor.parkId, audits, now);
  });
  await onProgress?.(parsed.rows.length, parsed.rows.length, 'write');
  rejected.sort((a, b) => a.row - b.row);
  return { imported, updated, unchanged, rejected };
}

/** The park's whole catalogue (both statuses) in the import format. */
export async function exportItems(ctx: AppContext, actor: Actor): Promise<Buffer> {
  const rows = await repo.findAllItems(ctx.db, actor.parkId, 'all');
  const names = await repo.findUserNames(ctx.db, actor.parkId, [...new Set(rows.flatMap((r) => r.approver_ids))]);
  return buildItemWorkbook(rows.map((r) => presentItem(r, r.approver_ids.map((id) => ({ id, displayName: names.get(id) ?? '' })).filter((a) => a.displayName))));
}

export { buildItemTemplate };
