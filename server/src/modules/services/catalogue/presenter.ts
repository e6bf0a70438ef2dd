import type { ServiceItemSummary, ServiceItemView, ServiceMaterial, ServiceSynonym, SpecialProcedure } from '@yuanqi/contract';
import type { ServiceItemRow, ServiceSynonymRow } from '../../../db/schema-service-items.js';

/** jsonb comes back parsed from both drivers; a string only if someone stored one by hand. */
function jsonArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string') {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  }
  return [];
}

export const materialsOf = (row: Pick<ServiceItemRow, 'materials'>): ServiceMaterial[] => jsonArray<ServiceMaterial>(row.materials);

/** The columns a summary needs (lists and search read only these). */
export type ItemSummaryRow = Pick<
  ServiceItemRow,
  | 'id' | 'code' | 'name' | 'main_item' | 'sub_item' | 'item_type' | 'department' | 'target' | 'case_kind' | 'legal_days'
  | 'committed_days' | 'visits' | 'online' | 'chengnuo_allowed' | 'fee_charged' | 'project_stage' | 'status' | 'version' | 'updated_at'
> & { material_count: number; approver_count: number };

export function presentItemSummary(row: ItemSummaryRow): ServiceItemSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    mainItem: row.main_item,
    subItem: row.sub_item,
    itemType: row.item_type,
    department: row.department,
    target: row.target,
    caseKind: row.case_kind,
    legalDays: row.legal_days,
    committedDays: row.committed_days,
    visits: row.visits,
    online: row.online,
    chengnuoAllowed: row.chengnuo_allowed,
    feeCharged: row.fee_charged,
    projectStage: row.project_stage,
    status: row.status,
    materialCount: Number(row.material_count),
    approverCount: Number(row.approver_count),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function presentItem(row: ServiceItemRow, approvers: { id: string; displayName: string }[] | null): ServiceItemView {
  const materials = materialsOf(row);
  return {
    ...presentItemSummary({ ...row, material_count: materials.length, approver_count: row.approver_ids.length }),
    parkId: row.park_id,
    basicCode: row.basic_code,
    legalBasis: row.legal_basis,
    specialProcedures: jsonArray<SpecialProcedure>(row.special_procedures),
    appointment: row.appointment,
    delivery: row.delivery,
    chengnuoText: row.chengnuo_text,
    feeBasis: row.fee_basis,
    feeAmountFen: row.fee_amount_fen === null ? null : Number(row.fee_amount_fen),
    steps: jsonArray<string>(row.steps),
    consultPhone: row.consult_phone,
    complaintPhone: row.complaint_phone,
    jointDepartments: row.joint_departments,
    materials,
    keywords: row.keywords,
    approverIds: approvers === null ? [] : row.approver_ids,
    approvers: approvers ?? [],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** What the audit log keeps of an item: every field a person edits, none of the derived search terms. */
export function itemSnapshot(row: ServiceItemRow): Record<string, unknown> {
  return {
    code: row.code,
    basicCode: row.basic_code,
    name: row.name,
    mainItem: row.main_item,
    subItem: row.sub_item,
    itemType: row.item_type,
    department: row.department,
    legalBasis: row.legal_basis,
    target: row.target,
    caseKind: row.case_kind,
    legalDays: row.legal_days,
    committedDays: row.committed_days,
    specialProcedures: jsonArray(row.special_procedures),
    visits: row.visits,
    online: row.online,
    appointment: row.appointment,
    delivery: row.delivery,
    chengnuoAllowed: row.chengnuo_allowed,
    chengnuoText: row.chengnuo_text,
    feeCharged: row.fee_charged,
    feeBasis: row.fee_basis,
    feeAmountFen: row.fee_amount_fen === null ? null : Number(row.fee_amount_fen),
    steps: jsonArray(row.steps),
    consultPhone: row.consult_phone,
    complaintPhone: row.complaint_phone,
    jointDepartments: row.joint_departments,
    materials: materialsOf(row),
    approverIds: row.approver_ids,
    projectStage: row.project_stage,
    keywords: row.keywords,
    status: row.status,
    version: row.version,
  };
}

export function presentSynonym(row: ServiceSynonymRow): ServiceSynonym {
  return { id: row.id, term: row.term, expandsTo: row.expands_to, updatedAt: new Date(row.updated_at).toISOString() };
}
