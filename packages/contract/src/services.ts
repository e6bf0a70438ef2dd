/**
 * 政务服务 catalogue 办事指南: service items 事项 with the fields of an implementation list 实施清单,
 * their materials, Chinese search, synonyms, import, and the bureau's per-item statistics 事项效能.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';

// Field names of this domain in Chinese, so that every validation message names its field.
// Only keys no other domain uses yet are added (an existing label is never overwritten).
const SERVICE_FIELD_LABELS: Record<string, string> = {
  basicCode: '基本编码',
  mainItem: '主项名称',
  subItem: '子项名称',
  itemType: '事项类型',
  legalBasis: '设定依据',
  target: '服务对象',
  caseKind: '办件类型',
  legalDays: '法定办结时限',
  committedDays: '承诺办结时限',
  specialProcedures: '特别程序',
  maxDays: '特别程序时限',
  online: '是否网办',
  appointment: '是否支持预约',
  delivery: '是否支持物流快递',
  chengnuoAllowed: '告知承诺制',
  chengnuoText: '告知承诺书内容',
  feeCharged: '是否收费',
  feeBasis: '收费依据',
  feeAmountFen: '收费金额',
  steps: '办理流程',
  consultPhone: '咨询电话',
  complaintPhone: '投诉电话',
  jointDepartments: '联办部门',
  materials: '申请材料',
  form: '材料形式',
  copies: '份数',
  required: '必需',
  isKey: '关键材料',
  rongqueAllowed: '容缺',
  chengnuoReplaceable: '承诺替代',
  approverIds: '审批人员',
  projectStage: '工程建设阶段',
  keywords: '关键词',
  term: '搜索词',
  expandsTo: '同义扩展',
  itemIds: '事项',
  approverId: '审批人员',
  mode: '方式',
  key: '材料标识',
};
for (const [key, label] of Object.entries(SERVICE_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

// ---------------------------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------------------------

/** 事项类型 (the ten kinds of 行政权力 and public services in a 权责清单). */
export const ITEM_TYPES = [
  'license',
  'confirmation',
  'filing',
  'public_service',
  'payment',
  'reward',
  'adjudication',
  'inspection',
  'other',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  license: '行政许可',
  confirmation: '行政确认',
  filing: '行政备案',
  public_service: '公共服务',
  payment: '行政给付',
  reward: '行政奖励',
  adjudication: '行政裁决',
  inspection: '行政检查',
  other: '其他行政权力',
};

/** 办件类型: 即办件 is done on the spot, 承诺件 within the committed limit. */
export const CASE_KINDS = ['instant', 'promised'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { instant: '即办件', promised: '承诺件' };

/** 服务对象. */
export const SERVICE_TARGETS = ['enterprise', 'person', 'both'] as const;
export type ServiceTarget = (typeof SERVICE_TARGETS)[number];
export const SERVICE_TARGET_LABELS: Record<ServiceTarget, string> = { enterprise: '企业法人', person: '自然人', both: '企业法人、自然人' };

/** 工程建设项目审批 stages (国办发〔2019〕11号); items within a stage run in parallel. */
export const PROJECT_STAGES = ['planning', 'engineering', 'construction', 'acceptance'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  planning: '立项用地规划许可',
  engineering: '工程建设许可',
  construction: '施工许可',
  acceptance: '竣工验收',
};

export const ITEM_STATUSES = ['active', 'inactive'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { active: '在用', inactive: '已停用' };

/** 材料形式. */
export const MATERIAL_FORMS = ['原件', '复印件', '电子件', '原件或复印件'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

/** 到现场次数 in words: 0 = 一次不跑, 1 = 只跑一次. */
export function visitsLabel(visits: number): string {
  if (visits <= 0) return '一次不跑';
  if (visits === 1) return '只跑一次';
  return `跑${visits}次`;
}

// ---------------------------------------------------------------------------------------------
// Materials 申请材料
// ---------------------------------------------------------------------------------------------

/**
 * One application material. `isKey` 关键材料 may never be missing at acceptance, so it can never
 * be `rongqueAllowed` (容缺后补); `chengnuoReplaceable`: a signed 告知承诺 may stand in for it.
 */
export type ServiceMaterial = {
  /** Stable id within the item ('m1', 'm2', …): applications refer to materials by it. */
  key: string;
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  isKey: boolean;
  rongqueAllowed: boolean;
  chengnuoReplaceable: boolean;
  note?: string;
};

const materialShape = {
  key: z
    .string({ error: '材料标识应为文字' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, { error: '材料标识只能是1-20位字母、数字、-或_' }),
  name: z.string({ error: '请填写材料名称' }).trim().min(2, { error: '材料名称至少2个字' }).max(100, { error: '材料名称最多100个字' }),
  form: z.enum(MATERIAL_FORMS, { error: '材料形式应为 原件、复印件、电子件 或 原件或复印件' }),
  copies: z.number({ error: '份数应为数字' }).int({ error: '份数应为整数' }).min(0, { error: '份数不能为负数' }).max(20, { error: '份数最多20份' }),
  required: z.boolean({ error: '是否必需应为是/否' }),
  isKey: z.boolean({ error: '是否关键材料应为是/否' }),
  rongqueAllowed: z.boolean({ error: '是否可容缺应为是/否' }),
  chengnuoReplaceable: z.boolean({ error: '是否可承诺替代应为是/否' }),
  note: z.string({ error: '备注应为文字' }).trim().max(200, { error: '材料备注最多200个字' }).optional(),
};

function refineMaterial(m: { isKey: boolean; rongqueAllowed: boolean; required: boolean }, ctx: z.RefinementCtx): void {
  if (m.isKey && m.rongqueAllowed) {
    ctx.addIssue({ code: 'custom', path: ['rongqueAllowed'], message: '关键材料不能容缺后补' });
  }
  if (m.isKey && !m.required) {
    ctx.addIssue({ code: 'custom', path: ['required'], message: '关键材料必须为必需材料' });
  }
}

/** A stored material (key required). */
export const ZServiceMaterial = z.object(materialShape).superRefine(refineMaterial);

/** A material as an editor sends it: a new one has no key yet (the server assigns `m<n>`). */
export const ZServiceMaterialInput = z
  .object({
    ...materialShape,
    key: materialShape.key.optional(),
    copies: materialShape.copies.default(1),
    required: materialShape.required.default(true),
    isKey: materialShape.isKey.default(false),
    rongqueAllowed: materialShape.rongqueAllowed.default(false),
    chengnuoReplaceable: materialShape.chengnuoReplaceable.default(false),
  })
  .superRefine(refineMaterial);
export type ServiceMaterialInput = z.input<typeof ZServiceMaterialInput>;

/** 特别程序 (公示, 听证, 检测, 专家评审 …): its own limit, not counted in the legal limit. */
export type SpecialProcedure = { name: string; maxDays: number };
export const ZSpecialProcedure = z.object({
  name: z.string({ error: '请填写特别程序名称' }).trim().min(2, { error: '特别程序名称至少2个字' }).max(50, { error: '特别程序名称最多50个字' }),
  maxDays: z.number({ error: '特别程序时限应为数字' }).int({ error: '特别程序时限应为整数' }).min(1, { error: '特别程序时限最少1个工作日' }).max(365, { error: '特别程序时限最多365个工作日' }),
});

/**
 * Materials written in one spreadsheet cell, separated by `;` (or `；`, or new lines). Each is a
 * name with optional marks in brackets, separated by `,` `，` or `、`:
 * `营业执照(关键);法定代表人身份证明(复印件,2份,容缺);场地证明(承诺);其他材料(选填,备注:如有)`.
 * Marks: 关键, 容缺, 承诺, 选填 (not required), a form (原件/复印件/电子件/原件或复印件), `N份`,
 * `备注:…`. Without marks: 原件或复印件, 1份, required.
 */
export const MATERIALS_CELL_HELP =
  '多个材料用分号“;”分隔;每个材料写“名称(标记,标记…)”,标记可选:关键(关键材料,不可容缺)、容缺(可容缺后补)、承诺(可用告知承诺替代)、选填(非必需)、原件/复印件/电子件/原件或复印件、N份、备注:说明。例:营业执照(关键);法定代表人身份证明(复印件,2份,容缺);场地证明(承诺)';

export type MaterialsCellResult = { ok: true; materials: ServiceMaterialInput[] } | { ok: false; message: string };

/** What one bracket token means, or null when it is no mark. */
function materialMark(mark: string): ((m: ServiceMaterialInput) => void) | null {
  const copies = /^(\d+)\s*份$/.exec(mark);
  const note = /^备注[:：]\s*(.*)$/.exec(mark);
  if (mark === '关键') return (m) => void (m.isKey = true);
  if (mark === '容缺') return (m) => void (m.rongqueAllowed = true);
  if (mark === '承诺') return (m) => void (m.chengnuoReplaceable = true);
  if (mark === '选填' || mark === '非必需') return (m) => void (m.required = false);
  if (mark === '必需' || mark === '必填') return (m) => void (m.required = true);
  if ((MATERIAL_FORMS as readonly string[]).includes(mark)) return (m) => void (m.form = mark as MaterialForm);
  if (copies) return (m) => void (m.copies = Number(copies[1]));
  if (note) return (m) => void (m.note = note[1]);
  return null;
}

/** Splits "名称(标记,标记)" at its last bracket group; brackets inside the name stay with it. */
function splitMarks(part: string): { name: string; marks: string | null } | { error: string } {
  const close = part.at(-1);
  if (close !== ')' && close !== '）') return { name: part, marks: null };
  let depth = 0;
  for (let i = part.length - 1; i >= 0; i--) {
    const ch = part[i];
    if (ch === ')' || ch === '）') depth++;
    else if (ch === '(' || ch === '（') {
      depth--;
      if (depth === 0) return { name: part.slice(0, i).trim(), marks: part.slice(i + 1, -1) };
    }
  }
  return { error: `“${part}”的括号不配对` };
}

/** Parses a materials cell (format above). Keys are not assigned here. */
export function parseMaterialsCell(cell: string): MaterialsCellResult {
  const text = cell.replace(/\r/g, '').trim();
  if (text === '') return { ok: true, materials: [] };
  const parts = text.split(/[;；\n]+/).map((s) => s.trim()).filter(Boolean);
  const materials: ServiceMaterialInput[] = [];
  for (const [index, part] of parts.entries()) {
    const split = splitMarks(part);
    if ('error' in split) return { ok: false, message: `第${index + 1}个材料${split.error}` };
    let name = split.name;
    const material: ServiceMaterialInput = { name, form: '原件或复印件', copies: 1, required: true, isKey: false, rongqueAllowed: false, chengnuoReplaceable: false };
    if (split.marks !== null) {
      const marks = split.marks.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
      const known = marks.map(materialMark);
      if (marks.length === 0 || known.every((k) => k === null)) {
        // "(经公证认证)": a bracket that belongs to the name
        name = part;
      } else {
        const unknown = marks.filter((_, i) => known[i] === null);
        if (unknown.length > 0) {
          return { ok: false, message: `材料“${name}”的标记“${unknown.join('、')}”无法识别(可用:关键、容缺、承诺、选填、原件、复印件、电子件、原件或复印件、N份、备注:…)` };
        }
        for (const apply of known) apply!(material);
      }
    }
    material.name = name;
    if ([...name].length < 2) return { ok: false, message: `第${index + 1}个材料名称至少2个字` };
    if (material.isKey && material.rongqueAllowed) return { ok: false, message: `材料“${name}”是关键材料,不能容缺后补` };
    if (material.isKey && material.required === false) return { ok: false, message: `材料“${name}”是关键材料,不能为选填` };
    materials.push(material);
  }
  return { ok: true, materials };
}

/** The inverse of `parseMaterialsCell`: writes only the marks that differ from the defaults. */
export function formatMaterialsCell(materials: readonly Omit<ServiceMaterial, 'key'>[]): string {
  return materials
    .map((m) => {
      const marks: string[] = [];
      if (m.isKey) marks.push('关键');
      if (m.rongqueAllowed) marks.push('容缺');
      if (m.chengnuoReplaceable) marks.push('承诺');
      if (!m.required) marks.push('选填');
      if (m.form !== '原件或复印件') marks.push(m.form);
      if (m.copies !== 1) marks.push(`${m.copies}份`);
      if (m.note) marks.push(`备注:${m.note.replace(/[;；,，、()（）]/g, ' ')}`);
      return marks.length > 0 ? `${m.name}(${marks.join(',')})` : m.name;
    })
    .join(';');
}

// ---------------------------------------------------------------------------------------------
// Items: requests
// ---------------------------------------------------------------------------------------------

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}最多${max}个字` })
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

const ZDays = (label: string) =>
  z.number({ error: `${label}应为数字(工作日)` }).int({ error: `${label}应为整数(工作日)` }).min(0, { error: `${label}不能为负数` }).max(365, { error: `${label}最多365个工作日` });

const ZServicePhone = z
  .string({ error: '电话应为文字' })
  .trim()
  .max(40, { error: '电话最多40个字符' })
  .refine((s) => s === '' || /^[0-9()+\-\s、,，/转]{5,40}$/.test(s), { error: '电话格式不正确' })
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));

/** Fields an item is created or edited with (the implementation list's columns). */
export const serviceItemFields = {
  basicCode: optionalText('基本编码', 60),
  code: z
    .string({ error: '请填写实施编码' })
    .trim()
    .min(2, { error: '实施编码至少2位' })
    .max(60, { error: '实施编码最多60位' })
    .regex(/^[0-9A-Za-z_.\-]+$/, { error: '实施编码只能包含字母、数字、点、横线和下划线' }),
  name: z.string({ error: '请填写事项名称' }).trim().min(2, { error: '事项名称至少2个字' }).max(100, { error: '事项名称最多100个字' }),
  mainItem: optionalText('主项名称', 100),
  subItem: optionalText('子项名称', 100),
  itemType: z.enum(ITEM_TYPES, { error: '事项类型不存在' }),
  department: z.string({ error: '请填写实施主体' }).trim().min(2, { error: '实施主体至少2个字' }).max(100, { error: '实施主体最多100个字' }).default('行政审批局'),
  legalBasis: optionalText('设定依据', 2000),
  target: z.enum(SERVICE_TARGETS, { error: '服务对象应为 企业法人、自然人 或 两者' }).default('enterprise'),
  caseKind: z.enum(CASE_KINDS, { error: '办件类型应为 即办件 或 承诺件' }),
  legalDays: ZDays('法定办结时限'),
  committedDays: ZDays('承诺办结时限'),
  specialProcedures: z.array(ZSpecialProcedure, { error: '特别程序应为列表' }).max(10, { error: '特别程序最多10项' }).default([]),
  visits: z.number({ error: '到现场次数应为数字' }).int({ error: '到现场次数应为整数' }).min(0, { error: '到现场次数不能为负数' }).max(9, { error: '到现场次数最多9次' }),
  online: z.boolean({ error: '是否网办应为是/否' }).default(false),
  appointment: z.boolean({ error: '是否支持预约应为是/否' }).default(false),
  delivery: z.boolean({ error: '是否支持物流快递应为是/否' }).default(false),
  chengnuoAllowed: z.boolean({ error: '是否适用告知承诺制应为是/否' }).default(false),
  chengnuoText: optionalText('告知承诺书内容', 5000),
  feeCharged: z.boolean({ error: '是否收费应为是/否' }).default(false),
  feeBasis: optionalText('收费依据', 500),
  feeAmountFen: ZFen.nullable().optional(),
  steps: z
    .array(z.string({ error: '办理环节应为文字' }).trim().min(1, { error: '办理环节不能为空' }).max(200, { error: '每个办理环节最多200个字' }), { error: '办理流程应为列表' })
    .max(20, { error: '办理流程最多20个环节' })
    .default([]),
  consultPhone: ZServicePhone,
  complaintPhone: ZServicePhone,
  jointDepartments: z
    .array(z.string().trim().min(2, { error: '联办部门名称至少2个字' }).max(100, { error: '联办部门名称最多100个字' }), { error: '联办部门应为列表' })
    .max(20, { error: '联办部门最多20个' })
    .default([]),
  materials: z.array(ZServiceMaterialInput, { error: '申请材料应为列表' }).max(60, { error: '申请材料最多60项' }).default([]),
  projectStage: z.enum(PROJECT_STAGES, { error: '工程建设阶段不存在' }).nullable().optional(),
  keywords: z
    .array(z.string().trim().min(1, { error: '关键词不能为空' }).max(30, { error: '每个关键词最多30个字' }), { error: '关键词应为列表' })
    .max(30, { error: '关键词最多30个' })
    .default([]),
  approverIds: z.array(ZId, { error: '审批人员应为列表' }).max(100, { error: '审批人员最多100人' }).optional(),
};

type ItemRuleInput = {
  caseKind: CaseKind;
  legalDays: number;
  committedDays: number;
  chengnuoAllowed: boolean;
  chengnuoText?: string | null;
  feeCharged: boolean;
  feeBasis?: string | null;
  feeAmountFen?: number | null;
  materials: { name: string; chengnuoReplaceable?: boolean; key?: string }[];
};

/** Rules across fields, shared by the API and the Excel import. */
export function refineServiceItem(item: ItemRuleInput, ctx: z.RefinementCtx): void {
  if (item.committedDays > item.legalDays) {
    ctx.addIssue({ code: 'custom', path: ['committedDays'], message: '承诺办结时限不能超过法定办结时限' });
  }
  if (item.caseKind === 'promised' && item.committedDays < 1) {
    ctx.addIssue({ code: 'custom', path: ['committedDays'], message: '承诺件的承诺办结时限至少1个工作日' });
  }
  if (item.caseKind === 'instant' && item.committedDays !== 0) {
    ctx.addIssue({ code: 'custom', path: ['committedDays'], message: '即办件当场办结,承诺办结时限应为0' });
  }
  if (item.chengnuoAllowed && !item.chengnuoText) {
    ctx.addIssue({ code: 'custom', path: ['chengnuoText'], message: '适用告知承诺制的事项须填写告知承诺书内容' });
  }
  if (!item.chengnuoAllowed && item.materials.some((m) => m.chengnuoReplaceable)) {
    ctx.addIssue({ code: 'custom', path: ['chengnuoAllowed'], message: '有材料可用告知承诺替代时,事项须适用告知承诺制' });
  }
  if (item.feeCharged && !item.feeBasis) {
    ctx.addIssue({ code: 'custom', path: ['feeBasis'], message: '收费事项须填写收费依据' });
  }
  if (!item.feeCharged && item.feeAmountFen) {
    ctx.addIssue({ code: 'custom', path: ['feeAmountFen'], message: '不收费事项的收费金额应为空' });
  }
  const names = new Set<string>();
  const keys = new Set<string>();
  item.materials.forEach((m, i) => {
    if (names.has(m.name)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'name'], message: `申请材料“${m.name}”重复` });
    names.add(m.name);
    if (m.key) {
      if (keys.has(m.key)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'key'], message: `材料标识“${m.key}”重复` });
      keys.add(m.key);
    }
  });
}

/** `POST /api/service-items`. */
export const ZCreateServiceItemRequest = z.object(serviceItemFields).superRefine(refineServiceItem);
export type CreateServiceItemRequest = z.input<typeof ZCreateServiceItemRequest>;

/** `PUT /api/service-items/:id`: the whole item again, with the version it was read at (409 when stale). */
export const ZUpdateServiceItemRequest = z
  .object({ ...serviceItemFields, version: z.number({ error: '版本应为数字' }).int().min(1) })
  .superRefine(refineServiceItem);
export type UpdateServiceItemRequest = z.input<typeof ZUpdateServiceItemRequest>;

/** `POST /api/service-items/:id/activate|deactivate`. */
export const ZItemVersionRequest = z.object({ version: z.number({ error: '版本应为数字' }).int().min(1) });
export type ItemVersionRequest = z.infer<typeof ZItemVersionRequest>;

/** `PUT /api/service-items/:id/approvers`: the full list of approvers acting on the item. */
export const ZSetItemApproversRequest = z.object({
  approverIds: z.array(ZId, { error: '审批人员应为列表' }).max(100, { error: '审批人员最多100人' }),
  version: z.number({ error: '版本应为数字' }).int().min(1),
});
export type SetItemApproversRequest = z.infer<typeof ZSetItemApproversRequest>;

/** `POST /api/service-items/approvers`: add or remove one approver on many items at once. */
export const ZBulkItemApproverRequest = z.object({
  itemIds: z.array(ZId, { error: '事项应为列表' }).min(1, { error: '请至少选择一个事项' }).max(2000, { error: '一次最多2000个事项' }),
  approverId: ZId,
  mode: z.enum(['add', 'remove'], { error: '方式应为 add 或 remove' }),
});
export type BulkItemApproverRequest = z.infer<typeof ZBulkItemApproverRequest>;

export const ITEM_SORTS = ['relevance', 'code', 'name', '-updatedAt', 'committedDays'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

/** `GET /api/service-items`: a list and the search 办事指南 in one. */
export const ZListServiceItemsQuery = z.object({
  /** Words as users type them: "怎么开公司", "营业执照", "排污", or an item code. */
  q: z.string().trim().max(50, { error: '关键词最多50个字' }).optional(),
  itemType: z.enum(ITEM_TYPES, { error: '事项类型不存在' }).optional(),
  department: z.string().trim().max(100).optional(),
  /** Staff with service:manage may ask for inactive items or `all`; others always see active ones. */
  status: z.enum([...ITEM_STATUSES, 'all'], { error: '状态应为 active、inactive 或 all' }).optional(),
  /** One stage, or `any`: every 工程建设项目 item. */
  projectStage: z.enum([...PROJECT_STAGES, 'any'], { error: '工程建设阶段不存在' }).optional(),
  caseKind: z.enum(CASE_KINDS, { error: '办件类型不存在' }).optional(),
  target: z.enum(SERVICE_TARGETS, { error: '服务对象不存在' }).optional(),
  online: ZBoolQuery,
  chengnuoAllowed: ZBoolQuery,
  /** 到现场次数 exactly (0 = 一次不跑). */
  visits: z.coerce.number({ error: '到现场次数应为数字' }).int().min(0).max(9).optional(),
  approverId: ZId.optional(),
  sort: z.enum(ITEM_SORTS, { error: '排序方式不存在' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListServiceItemsQuery = z.infer<typeof ZListServiceItemsQuery>;

// ---------------------------------------------------------------------------------------------
// Items: views
// ---------------------------------------------------------------------------------------------

/** A row of a list or search result. */
export type ServiceItemSummary = {
  id: string;
  code: string;
  name: string;
  mainItem: string | null;
  subItem: string | null;
  itemType: ItemType;
  department: string;
  target: ServiceTarget;
  caseKind: CaseKind;
  legalDays: number;
  committedDays: number;
  visits: number;
  online: boolean;
  chengnuoAllowed: boolean;
  feeCharged: boolean;
  projectStage: ProjectStage | null;
  status: ItemStatus;
  materialCount: number;
  approverCount: number;
  version: number;
  updatedAt: string;
};

/** The whole guide of one item. */
export type ServiceItemView = ServiceItemSummary & {
  parkId: string;
  basicCode: string | null;
  legalBasis: string | null;
  specialProcedures: SpecialProcedure[];
  appointment: boolean;
  delivery: boolean;
  chengnuoText: string | null;
  feeBasis: string | null;
  feeAmountFen: number | null;
  steps: string[];
  consultPhone: string | null;
  complaintPhone: string | null;
  jointDepartments: string[];
  materials: ServiceMaterial[];
  keywords: string[];
  approverIds: string[];
  /** Names of the approvers; empty for readers who may not manage the catalogue. */
  approvers: { id: string; displayName: string }[];
  createdAt: string;
};

/** How the search read the query, so the page can say "按“企业开办”为您查找". */
export type ItemSearchInfo = {
  /** The query with filler words (怎么, 办理, 我要 …) removed. */
  normalized: string;
  /** Terms added from synonyms (开公司 → 企业开办 …). */
  expandedTerms: string[];
};

export type ServiceItemListResponse = {
  items: ServiceItemSummary[];
  total: number;
  page: number;
  pageSize: number;
  search: ItemSearchInfo | null;
};

/** Most-asked-for items, for the guide's landing page (by finished cases of the last year). */
export type HotServiceItem = Pick<ServiceItemSummary, 'id' | 'code' | 'name' | 'committedDays' | 'visits' | 'online' | 'itemType'>;

/** Approvers a catalogue admin can pick from. */
export type ApproverOption = { id: string; displayName: string; username: string; itemCount: number };

// ---------------------------------------------------------------------------------------------
// Synonyms 同义词
// ---------------------------------------------------------------------------------------------

export type ServiceSynonym = { id: string; term: string; expandsTo: string[]; updatedAt: string };

export const ZServiceSynonymRequest = z.object({
  term: z.string({ error: '请填写搜索词' }).trim().min(1, { error: '请填写搜索词' }).max(30, { error: '搜索词最多30个字' }),
  expandsTo: z
    .array(z.string().trim().min(1, { error: '同义扩展不能为空' }).max(30, { error: '每个同义扩展最多30个字' }), { error: '同义扩展应为列表' })
    .min(1, { error: '请至少填写一个同义扩展' })
    .max(20, { error: '同义扩展最多20个' }),
});
export type ServiceSynonymRequest = z.infer<typeof ZServiceSynonymRequest>;

/** Answer of a synonym write: the park's items were re-indexed in the same transaction. */
export type ServiceSynonymWriteResult = { synonym: ServiceSynonym | null; reindexed: number };

// ---------------------------------------------------------------------------------------------
// Import 导入
// ---------------------------------------------------------------------------------------------

export type ItemImportRejection = { row: number; column: string; message: string };
/** `unchanged`: rows whose item (same 实施编码) already held exactly these values. */
export type ItemImportResult = { imported: number; updated: number; unchanged: number; rejected: ItemImportRejection[] };

// ---------------------------------------------------------------------------------------------
// Per-item statistics 事项效能
// ---------------------------------------------------------------------------------------------

export const ITEM_STATS_SORTS = ['code', '-finished', '-avgWorkingDays', '-overRatio', 'withinLimitShare', '-backlog', '-overdueOpen', 'zeroVisitShare'] as const;
export type ItemStatsSort = (typeof ITEM_STATS_SORTS)[number];

/** `GET /api/service-stats/items`: cases finished between `from` and `to` (Shanghai dates). */
export const ZItemStatsQuery = z
  .object({
    from: ZDate,
    to: ZDate,
    department: z.string().trim().max(100).optional(),
    q: z.string().trim().max(50, { error: '关键词最多50个字' }).optional(),
    /** Only items whose average working days exceed the committed limit. */
    overOnly: ZBoolQuery,
    sort: z.enum(ITEM_STATS_SORTS, { error: '排序方式不存在' }).optional(),
    page: ZPage,
    pageSize: ZPageSize,
  })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { error: '统计区间最长3年', path: ['to'] });
export type ItemStatsQuery = z.infer<typeof ZItemStatsQuery>;

/** Figures of one item (or of the whole park, in `totals`). Shares are 0–1, null without finished cases. */
export type ItemStatsFigures = {
  /** 办结件: decided cases (准予, 不予, later 撤销) finished in the period. */
  finished: number;
  /** Average working days used (pauses excluded) of the finished cases. */
  avgWorkingDays: number | null;
  /** Share of finished cases decided within their committed limit. */
  withinLimitShare: number | null;
  /** 一次不跑: share of finished cases with no visit to the hall. */
  zeroVisitShare: number | null;
  /** 只跑一次: share with exactly one visit. */
  oneVisitShare: number | null;
  /** Open cases now (submitted, not finished). */
  backlog: number;
  /** Open cases past their committed deadline now. */
  overdueOpen: number;
};

export type ItemStatsRow = ItemStatsFigures & {
  itemId: string;
  code: string;
  name: string;
  department: string;
  caseKind: CaseKind;
  committedDays: number;
  legalDays: number;
  /** avgWorkingDays > committedDays: the page highlights it. */
  overCommitted: boolean;
};

export type ItemStatsResponse = {
  items: ItemStatsRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The park (within the department/q filter), weighted by cases, not an average of averages. */
  totals: ItemStatsFigures & { items: number };
  from: string;
  to: string;
};
