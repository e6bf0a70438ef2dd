import type { Generated, Selectable } from 'kysely';
import type { CaseKind, ItemStatus, ItemType, ProjectStage, ServiceMaterial, ServiceTarget, SpecialProcedure } from '@yuanqi/contract';
import type { Json } from './schema.js';

type Timestamp = Date;

/** 事项: one 业务办理项 of the implementation list 实施清单. */
export type ServiceItemsTable = {
  id: Generated<string>;
  park_id: string;
  /** 基本编码 (the province's basic catalogue code). */
  basic_code: string | null;
  /** 实施编码: unique per park; the Excel import is idempotent on it. */
  code: string;
  name: string;
  /** 主项 / 子项 names (the hierarchy 主项 → 子项 → 业务办理项). */
  main_item: string | null;
  sub_item: string | null;
  item_type: ItemType;
  /** 实施主体 / 承办科室. */
  department: Generated<string>;
  legal_basis: string | null;
  target: Generated<ServiceTarget>;
  case_kind: CaseKind;
  /** Working days. committed_days <= legal_days (checked). */
  legal_days: number;
  committed_days: number;
  special_procedures: Json<SpecialProcedure[]>;
  /** 到现场次数: 0 一次不跑, 1 只跑一次. */
  visits: number;
  online: Generated<boolean>;
  appointment: Generated<boolean>;
  delivery: Generated<boolean>;
  chengnuo_allowed: Generated<boolean>;
  /** 告知承诺书: the text the applicant signs. */
  chengnuo_text: string | null;
  fee_charged: Generated<boolean>;
  fee_basis: string | null;
  fee_amount_fen: number | null;
  steps: Json<string[]>;
  consult_phone: string | null;
  complaint_phone: string | null;
  joint_departments: Generated<string[]>;
  materials: Json<ServiceMaterial[]>;
  /** The approvers who act on this item (an approver acts only on its items). */
  approver_ids: Generated<string[]>;
  project_stage: ProjectStage | null;
  keywords: Generated<string[]>;
  /** Unigrams/bigrams of name, 主项/子项, keywords, code and synonyms pointing here (search-terms.ts). */
  search_terms: Generated<string[]>;
  /** Unigrams/bigrams of the name alone. */
  name_terms: Generated<string[]>;
  status: Generated<ItemStatus>;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

/** 同义词: a word users type and the catalogue words it stands for (开公司 → 企业开办, 设立登记). */
export type ServiceSynonymsTable = {
  id: Generated<string>;
  park_id: string;
  term: string;
  expands_to: string[];
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

/** Tables of the 办事指南 catalogue. */
export type ServiceItemTables = {
  service_items: ServiceItemsTable;
  service_synonyms: ServiceSynonymsTable;
};

export type ServiceItemRow = Selectable<ServiceItemsTable>;
export type ServiceSynonymRow = Selectable<ServiceSynonymsTable>;
