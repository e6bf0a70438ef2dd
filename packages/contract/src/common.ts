import { z } from 'zod';

z.config(z.locales.zhCN());

/** Chinese labels for field names, used to name the field in every validation message. */
export const FIELD_LABELS: Record<string, string> = {
  uscc: '统一社会信用代码',
  name: '名称',
  legalRepresentative: '法定代表人',
  registeredCapitalFen: '注册资本',
  foundedOn: '成立日期',
  industryCode: '所属行业',
  chain: '产业链',
  isAboveScale: '是否规上',
  annualRevenueFen: '年主营业务收入',
  headcount: '从业人数',
  address: '地址',
  plot: '地块',
  contactName: '联系人',
  contactPhone: '联系电话',
  tags: '标签',
  liaisonId: '驻企专员',
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  phone: '手机号',
  roles: '角色',
  enterpriseId: '企业',
  bankId: '银行',
  page: '页码',
  pageSize: '每页条数',
  date: '日期',
  days: '工作日天数',
  year: '年份',
  q: '关键词',
  version: '版本',
  file: '文件',
};

export const ZDate = z
  .string({ error: '应为日期,格式 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: '不是有效的日期' });

export const ZId = z.uuid({ error: '编号格式不正确' });

/** Integer fen, never negative, within JavaScript's safe range. */
export const ZFen = z
  .number({ error: '金额应为数字(单位:分)' })
  .int({ error: '金额应为整数(单位:分)' })
  .min(0, { error: '金额不能为负数' })
  .max(Number.MAX_SAFE_INTEGER, { error: '金额过大' });

export const ZPage = z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码最小为1' }).default(1);
export const ZPageSize = z.coerce
  .number({ error: '每页条数应为数字' })
  .int()
  .min(1, { error: '每页条数最小为1' })
  .max(200, { error: '每页条数最大为200' })
  .default(20);

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
