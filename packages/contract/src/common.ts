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
  // demands 诉求, visits 走访, dispatch 周调度, targets 月战图
  category: '类别',
  docNumber: '文号', issuer: '发文单位', summary: '政策摘要', mode: '兑现方式', fundId: '资金来源',
  validFrom: '有效期起', validTo: '有效期止', contact: '联系方式', rule: '政策规则', effectiveFrom: '生效日期',
  changeNote: '修订说明', materials: '申报材料', enterpriseReportable: '企业可填报', unit: '单位', type: '类型',
  period: '取值方式', options: '选项', value: '数值', facts: '数据', requestedAmountFen: '申请金额',
  accountName: '开户名称', bankName: '开户银行', accountNo: '银行账号', persons: '人员名单', idNumber: '身份证号',
  form: '申报表', amountFen: '金额', overrideReason: '理由', memo: '备注', applicationIds: '申报',
  startsOn: '公示开始日期', submitterName: '异议人姓名', asOf: '基准日', periodKey: '兑现期间',
  material: '材料名称', policyId: '政策', key: '指标编码',
  title: '标题',
  content: '内容',
  source: '来源',
  action: '操作',
  note: '说明',
  department: '承办单位',
  assigneeId: '负责人',
  status: '状态',
  overdue: '是否逾期',
  escalated: '是否已升级',
  mine: '我负责的',
  sort: '排序',
  // dictionaries 数据字典
  code: '编码',
  label: '名称',
  from: '开始日期',
  to: '结束日期',
  acceptDays: '签收期限',
  answerDays: '答复期限',
  visitedOn: '走访日期',
  participants: '参加人员',
  findings: '走访情况',
  demands: '诉求',
  daiban: '代办',
  kind: '类型',
  description: '内容',
  caseNumber: '办件编号',
  doneOn: '办理日期',
  visitId: '走访记录',
  heldOn: '会议日期',
  attendees: '参会人员',
  decision: '调度决定',
  ownerId: '责任人',
  newDueDate: '新期限',
  done: '是否完成',
  month: '月份',
  items: '明细',
  userId: '用户',
  visits: '走访目标',
  demandsResolved: '办结诉求目标',
  // ratings 好差评, rectifications 整改, appeals 申诉
  level: '评价等级',
  scores: '分项评分',
  comment: '评价内容',
  serviceEfficiency: '服务效率',
  serviceLevel: '服务水平',
  serviceAttitude: '服务态度',
  efficiency: '办事效率',
  guideAccuracy: '办事指南精确度',
  convenience: '办事便捷度',
  usability: '平台操作性',
  verdict: '整改评价',
  visitedAt: '回访时间',
  method: '回访方式',
  reason: '理由',
  bad: '是否差评',
  removed: '是否已移除',
  officerId: '经办人',
  subjectType: '评价对象',
  groupBy: '分组',
  rectifyDays: '整改期限',
  // 系统管理: roles, departments, log-in log
  permissions: '权限', dataScope: '数据权限', customRoles: '自定义角色', parentId: '上级部门', isHandler: '承办单位',
  leader: '负责人', ip: 'IP地址', result: '结果',
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
