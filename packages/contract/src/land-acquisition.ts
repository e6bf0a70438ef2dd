/** 要素保障 — 征地拆迁 register: areas and their officers, households/units, agreements, compensation payments, incidents, the computed statement. Shared names in land.ts. */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';

const ACQUISITION_FIELD_LABELS: Record<string, string> = {
  plannedMu: '规划面积',
  startedOn: '启动日期',
  finishedOn: '完成日期',
  officerIds: '负责干部',
  idNumber: '身份证号',
  buildingAreaM2: '房屋面积',
  landAreaM2: '占地面积',
  members: '人口数',
  agreementOn: '签约日期',
  compensationAgreedFen: '协议补偿金额',
  movedOutOn: '搬迁日期',
  amountFen: '金额',
  paidOn: '支付日期',
  reference: '凭证号',
  voidReason: '作废原因',
  occurredOn: '发生日期',
  summary: '情况',
  resolution: '处理结果',
  resolvedOn: '办结日期',
  householdId: '住户',
};
for (const [key, label] of Object.entries(ACQUISITION_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}最多${max}个字` }).optional().nullable();

export const ACQUISITION_KINDS = ['household', 'unit'] as const;
export type AcquisitionKind = (typeof ACQUISITION_KINDS)[number];
export const ACQUISITION_KIND_LABELS: Record<AcquisitionKind, string> = { household: '住户', unit: '单位' };

export const ACQUISITION_INCIDENT_KINDS = ['accident', 'dispute', 'petition'] as const;
export type AcquisitionIncidentKind = (typeof ACQUISITION_INCIDENT_KINDS)[number];
export const ACQUISITION_INCIDENT_KIND_LABELS: Record<AcquisitionIncidentKind, string> = { accident: '事故', dispute: '纠纷', petition: '上访' };

/** A household's stage, derived from its dates: 未签约 → 已签约 → 已搬迁. */
export const ACQUISITION_STAGES = ['unsigned', 'signed', 'moved_out'] as const;
export type AcquisitionStage = (typeof ACQUISITION_STAGES)[number];
export const ACQUISITION_STAGE_LABELS: Record<AcquisitionStage, string> = { unsigned: '未签约', signed: '已签约', moved_out: '已搬迁' };
export const ACQUISITION_STAGE_COLORS: Record<AcquisitionStage, string> = { unsigned: 'default', signed: 'blue', moved_out: 'green' };

// ------------------------------------------------------------------ masking (the server masks; the web only shows)

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明. */
export function maskPersonName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** An address keeps its first characters (up to 6, at most half) and hides the rest: 智联小镇东村12号 → 智联小镇****. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  const chars = Array.from(address.trim());
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}****`;
}

// ------------------------------------------------------------------ the statement

export type AcquisitionIncidentCounts = Record<AcquisitionIncidentKind, { total: number; open: number; resolved: number }>;

export type AcquisitionStatement = {
  households: number;
  units: number;
  /** households + units: 户数 as the report counts it. */
  total: number;
  buildingAreaM2: number;
  signed: number;
  movedOut: number;
  compensationAgreedFen: number;
  compensationPaidFen: number;
  incidents: AcquisitionIncidentCounts;
  /** The sentence built from the counts: "1076户25万平方米,全部签约、全部搬迁,零事故、零纠纷、零上访". */
  sentence: string;
};

/** ㎡ → "25" / "3.2" 万平方米 (one decimal, trailing zero dropped). */
export function formatAcquisitionWanM2(m2: number): string {
  const v = Math.round(m2 / 1_000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}万平方米`;
}

/**
 * The statement's sentence, built from counts only: 户数 and 面积, how many signed and moved out
 * ("全部" when all did), and per kind either 零事故 / 零纠纷 / 零上访 or how many there were and
 * how many are still open.
 */
export function acquisitionSentence(s: Omit<AcquisitionStatement, 'sentence'>): string {
  const head = `${s.total}户${s.units > 0 ? `(含单位${s.units}家)` : ''}${formatAcquisitionWanM2(s.buildingAreaM2)}`;
  const stage = (n: number, word: string) => (s.total > 0 && n === s.total ? `全部${word}` : `${word}${n}户`);
  const incidentWords = ACQUISITION_INCIDENT_KINDS.map((k) => {
    const c = s.incidents[k];
    const label = ACQUISITION_INCIDENT_KIND_LABELS[k];
    if (c.total === 0) return `零${label}`;
    return `${label}${c.total}起(${c.open === 0 ? '均已处理' : `${c.open}起未结`})`;
  });
  return `${head},${stage(s.signed, '签约')}、${stage(s.movedOut, '搬迁')},${incidentWords.join('、')}`;
}

// ------------------------------------------------------------------ areas

export type AcquisitionOfficer = { userId: string; name: string };

export type AcquisitionAreaView = {
  id: string;
  code: string;
  name: string;
  plannedMu: number | null;
  startedOn: string;
  finishedOn: string | null;
  status: 'active' | 'finished';
  note: string | null;
  officers: AcquisitionOfficer[];
  /** The actor is one of the officers in charge: personal data is shown in full. */
  isOfficer: boolean;
  statement: AcquisitionStatement;
};
export type AcquisitionAreaList = { items: AcquisitionAreaView[]; overall: AcquisitionStatement };

export const ZSaveAcquisitionAreaRequest = z.object({
  code: text('编号', 40),
  name: text('名称', 100),
  plannedMu: z.number({ error: '规划面积应为数字' }).positive({ error: '规划面积应大于0' }).max(1e8, { error: '规划面积过大' }).optional().nullable(),
  startedOn: ZDate,
  finishedOn: ZDate.optional().nullable(),
  note: optionalText('说明', 500),
  officerIds: z.array(ZId, { error: '负责干部应为列表' }).max(20, { error: '负责干部最多20人' }).default([]),
});
export type SaveAcquisitionAreaRequest = z.input<typeof ZSaveAcquisitionAreaRequest>;

// ------------------------------------------------------------------ households

export const ZAcquisitionHouseholdQuery = z.object({
  q: optionalText('关键字', 60),
  kind: z.enum(ACQUISITION_KINDS, { error: '类型应为住户或单位' }).optional(),
  stage: z.enum(ACQUISITION_STAGES, { error: '状态应为未签约、已签约或已搬迁' }).optional(),
  unpaid: z.enum(['true', 'false']).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type AcquisitionHouseholdQuery = z.input<typeof ZAcquisitionHouseholdQuery>;

export type AcquisitionHouseholdRow = {
  id: string;
  areaId: string;
  code: string;
  kind: AcquisitionKind;
  /** Masked unless the actor is an officer in charge of the area. */
  name: string;
  idNumberMasked: string | null;
  phone: string | null;
  address: string | null;
  masked: boolean;
  members: number | null;
  buildingAreaM2: number;
  landAreaM2: number | null;
  stage: AcquisitionStage;
  agreementOn: string | null;
  compensationAgreedFen: number | null;
  compensationPaidFen: number;
  movedOutOn: string | null;
  incidents: number;
  openIncidents: number;
};
export type AcquisitionHouseholdPage = { items: AcquisitionHouseholdRow[]; total: number; page: number; pageSize: number };

export type AcquisitionPaymentView = {
  id: string;
  amountFen: number;
  paidOn: string;
  reference: string | null;
  note: string | null;
  status: 'active' | 'void';
  voidReason: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type AcquisitionIncidentView = {
  id: string;
  areaId: string;
  areaName: string;
  householdId: string | null;
  householdCode: string | null;
  householdName: string | null;
  kind: AcquisitionIncidentKind;
  occurredOn: string;
  summary: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedOn: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type AcquisitionHouseholdView = AcquisitionHouseholdRow & {
  areaName: string;
  note: string | null;
  payments: AcquisitionPaymentView[];
  incidentList: AcquisitionIncidentView[];
  /** agreed − paid (null without an agreed amount). */
  outstandingFen: number | null;
};

const area2 = (label: string) => z.number({ error: `${label}应为数字` }).min(0, { error: `${label}不能为负数` }).max(1e9, { error: `${label}过大` });

export const ZSaveAcquisitionHouseholdRequest = z
  .object({
    code: text('编号', 40),
    kind: z.enum(ACQUISITION_KINDS, { error: '类型应为住户或单位' }),
    name: text('姓名或名称', 100),
    /** Write-only: hashed and masked by the server. Omitted on an update = unchanged. */
    idNumber: z.string({ error: '身份证号应为文字' }).trim().max(30, { error: '身份证号格式不正确' }).optional().nullable(),
    phone: optionalText('电话', 30),
    address: optionalText('地址', 200),
    members: z.number({ error: '人口数应为数字' }).int({ error: '人口数应为整数' }).min(0, { error: '人口数不能为负数' }).max(1000, { error: '人口数过大' }).optional().nullable(),
    buildingAreaM2: area2('房屋面积'),
    landAreaM2: area2('占地面积').optional().nullable(),
    agreementOn: ZDate.optional().nullable(),
    compensationAgreedFen: ZFen.optional().nullable(),
    movedOutOn: ZDate.optional().nullable(),
    note: optionalText('说明', 500),
  })
  .superRefine((v, ctx) => {
    if (v.movedOutOn && !v.agreementOn) ctx.addIssue({ code: 'custom', path: ['movedOutOn'], message: '未签约的住户不能登记搬迁' });
    if (v.movedOutOn && v.agreementOn && v.movedOutOn < v.agreementOn) ctx.addIssue({ code: 'custom', path: ['movedOutOn'], message: '搬迁日期不能早于签约日期' });
    if (v.agreementOn && (v.compensationAgreedFen === null || v.compensationAgreedFen === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['compensationAgreedFen'], message: '签约时应填写协议补偿金额' });
    }
  });
export type SaveAcquisitionHouseholdRequest = z.input<typeof ZSaveAcquisitionHouseholdRequest>;

export const ZAcquisitionPaymentRequest = z.object({
  amountFen: ZFen.refine((v) => v > 0, { error: '金额应大于0' }),
  paidOn: ZDate,
  reference: optionalText('凭证号', 60),
  note: optionalText('说明', 500),
});
export type AcquisitionPaymentRequest = z.input<typeof ZAcquisitionPaymentRequest>;

export const ZVoidAcquisitionPaymentRequest = z.object({ voidReason: text('作废原因', 200) });

export const ZCreateAcquisitionIncidentRequest = z.object({
  householdId: ZId.optional().nullable(),
  kind: z.enum(ACQUISITION_INCIDENT_KINDS, { error: '类别应为事故、纠纷或上访' }),
  occurredOn: ZDate,
  summary: text('情况', 1000),
});
export type CreateAcquisitionIncidentRequest = z.input<typeof ZCreateAcquisitionIncidentRequest>;

export const ZResolveAcquisitionIncidentRequest = z.object({
  resolution: text('处理结果', 1000),
  resolvedOn: ZDate,
});
export type ResolveAcquisitionIncidentRequest = z.input<typeof ZResolveAcquisitionIncidentRequest>;

export const ZAcquisitionIncidentQuery = z.object({
  kind: z.enum(ACQUISITION_INCIDENT_KINDS, { error: '类别应为事故、纠纷或上访' }).optional(),
  status: z.enum(['open', 'resolved'], { error: '状态应为未结或已处理' }).optional(),
});

export type AcquisitionImportReport = { imported: number; updated: number; unchanged: number; rejected: { row: number; column: string; message: string }[] };
