import * as C from '@yuanqi/contract';
import { FIELD_LABELS, formatYuan } from '@yuanqi/contract';

/**
 * How the audit log reads to an officer (issue 11, item 5): every entity type and action in
 * Chinese, values through the contract's own label tables (满意, not `very_satisfied`), field
 * names through FIELD_LABELS. The log keeps the raw codes (it is hash-chained); only the view is
 * translated.
 */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  enterprise: '企业', user: '用户', role: '角色', department: '部门', session: '登录会话', park: '园区', bank: '银行',
  calendar: '工作日历', calendar_year: '工作日历', dictionary: '数据字典', scheduled_job: '定时任务',
  demand: '诉求', demand_history: '诉求(历史导入)', visit: '走访', daiban: '代办', dispatch_meeting: '周调度会议',
  dispatch_item: '周调度事项', officer_target: '月战图目标',
  rating: '评价', ratings: '好差评', rating_rectification: '差评整改', rating_appeal: '差评申诉', rating_reminder: '评价提醒',
  service_item: '服务事项', service_catalogue: '办事指南', service_synonym: '搜索同义词', service_application: '办件',
  service_applications: '办件', service_postcheck: '事后核查', service_project: '工程建设项目', service_setting: '办件设置',
  policy: '政策', policies: '政策', policy_version: '政策版本', policy_application: '政策申报', policy_publicity: '公示',
  policy_objection: '公示异议', policy_exemption_run: '免申即享批次', policy_grant: '免申即享兑现', fact_definition: '企业数据指标',
  fund: '专项资金', fund_reservation: '资金预留', payout: '拨付', voucher: '创新券', voucher_redemption: '创新券兑付',
  voucher_provider: '服务机构', investment_project: '招商项目', commitment_item: '招商承诺事项', commitment_fulfilment: '承诺兑现',
  finance_institution: '金融机构', finance_product: '金融产品',
  finance_need: '融资需求', finance_offer: '机构答复', finance_consent: '数据授权',
  finance_event: '融资对接会', finance_event_signup: '对接会报名', finance_event_intention: '对接会意向', finance_event_outcome: '对接会签约结果',
  finance_credit_formula: '信用画像公式',
  bridge_loan: '应急转贷', bridge_pool: '转贷资金池',
  warehouse_receipt: '仓单', copper_price: '铜价', copper_pledge: '存铜融质押', margin_call: '补仓通知',
  thing: '其他',
};

const DICTIONARY_KIND_LABELS: Record<string, string> = {
  chain: '产业链', tag: '企业标签', industry: '行业', department: '承办单位', demand_category: '诉求类别', rating_setting: '好差评设置',
};

export function entityLabel(entity: string): string {
  if (entity.startsWith('dictionary:')) {
    const kind = entity.slice('dictionary:'.length);
    return `数据字典·${DICTIONARY_KIND_LABELS[kind] ?? kind}`;
  }
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

/** Actions that mean the same on every entity. */
const GENERIC_ACTIONS: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', remove: '移除', import: '导入', export: '导出', seed: '演示数据初始化',
  bootstrap: '系统初始化', 'assign-liaison': '分配驻企专员', 'assign-approvers': '分配审批人', login: '登录', logout: '退出',
  'login-failed': '登录失败', lock: '锁定', unlock: '解锁', 'change-password': '修改密码', 'reset-password': '重置密码',
  'update+reset-password': '修改并重置密码', 'update+unlock': '修改并解锁', 'user.change-password': '修改本人密码',
  'user.end-other-sessions': '退出其他设备', 'force-logout': '强制下线', 'run-now': '立即执行', 'calendar.put-year': '设置全年日历',
  settings: '修改设置', submit: '提交', accept: '受理', approve: '批准', reject: '退回', return: '退回', withdraw: '撤回',
  close: '办结', cancel: '取消', confirm: '确认', publish: '发布', revoke: '撤销', void: '作废', expire: '到期',
  overdue: '逾期', escalate: '逾期升级', remind: '提醒', warn: '预警', attach: '上传附件', detach: '删除附件', transfer: '转办',
  reassign: '改派', answer: '答复', pass: '审核通过', decide: '作出决定', start: '开始', run: '执行', run_done: '执行完成',
  reserve: '预留资金', release: '释放资金', payout: '拨付', payout_reversed: '拨付冲回', reverse: '冲回', reimburse: '兑付',
  retire: '停用', redeem: '使用', refuse: '拒绝', uphold: '维持', terminate: '终止', resume: '恢复', test: '试算', objection: '异议',
  publicize: '公示', rate: '评价', record_visit: '记录走访', dispatch: '调度', version_in_force: '版本生效',
  start_review: '开始审核', 'rating.remove': '移除评价', 'rating.remind': '评价提醒',
  'rectification.verdict': '整改评价', 'rectification.return-visit': '整改回访', 'rectification.record-fix': '录入整改措施',
  'rectification.overdue': '整改逾期', 'rectification.reopened': '整改重新打开', 'rectification.opened': '开启整改',
  'rectification.open': '开启整改', 'rectification.close': '整改办结', 'rectification.cancelled': '整改取消',
  'record-fix': '录入整改措施', 'return-visit': '登记回访', verdict: '评价整改结果',
};

/** The workflows' own action words, per entity (签收 for a demand, 受理 for an 办件 …). */
const ENTITY_ACTIONS: Record<string, Record<string, string>> = {
  demand: C.DEMAND_ACTION_LABELS,
  service_application: C.APPLICATION_ACTION_LABELS,
  policy_application: C.POLICY_APPLICATION_EVENT_LABELS,
  policy: C.POLICY_ACTION_LABELS,
  rating_rectification: C.RECTIFICATION_ACTION_LABELS,
  copper_pledge: { ...C.PLEDGE_ACTION_LABELS, overdue: '补仓逾期' },
  margin_call: { resolve: '补仓解除', margin_sweep: '补仓检查' },
  finance_need: { 'need.file': '提交融资需求', 'need.choose': '选择方案', 'need.withdraw': '撤回融资需求', 'need.disbursed': '放款完成' },
  finance_offer: {
    'offer.send': '推送至金融机构', 'offer.interest': '有意向', 'offer.request-materials': '要求补充材料', 'offer.approve': '批准',
    'offer.decline': '拒绝', 'offer.disburse': '放款', 'offer.superseded': '未选用', 'offer.escalate': '逾期升级',
  },
  finance_consent: { 'consent.grant': '授权', 'consent.revoke': '撤销授权' },
  bridge_loan: {
    'bridge.filed': '申请应急转贷', 'bridge.bank_confirmed': '银行确认续贷承诺', 'bridge.bank_declined': '银行拒绝续贷承诺', 'bridge.approved': '审批通过',
    'bridge.leader_approved': '领导审批通过', 'bridge.rejected': '退回', 'bridge.withdrawn': '撤回', 'bridge.disbursed': '放款', 'bridge.repaid': '归还', 'bridge.overdue': '逾期',
  },
  bridge_pool: { capital_in: '注资', capital_out: '减资' },
};

export function actionLabel(entity: string, action: string): string {
  return ENTITY_ACTIONS[entity]?.[action] ?? GENERIC_ACTIONS[action] ?? action;
}

/** The value tables a field's codes read through, per entity and then for every entity. */
const ENTITY_VALUES: Record<string, Record<string, string>> = {
  demand: { ...C.DEMAND_STATUS_LABELS, ...C.DEMAND_SOURCE_LABELS, accept: '签收', answer: '答复' },
  service_application: { ...C.APPLICATION_STATUS_LABELS, ...C.APPLICATION_OUTCOME_LABELS, ...C.APPLICATION_MODE_LABELS },
  policy_application: C.POLICY_APPLICATION_STATUS_LABELS,
  policy: { ...C.POLICY_STATUS_LABELS, ...C.POLICY_MODE_LABELS },
  policy_version: C.POLICY_VERSION_STATUS_LABELS,
  policy_grant: C.GRANT_STATUS_LABELS,
  policy_exemption_run: C.EXEMPTION_RUN_STATUS_LABELS,
  policy_objection: C.OBJECTION_STATUS_LABELS,
  fund: { ...C.FUND_STATUS_LABELS, ...C.FUND_SOURCE_LABELS },
  payout: { ...C.PAYOUT_STATUS_LABELS, ...C.PAYOUT_SOURCE_LABELS },
  voucher: C.VOUCHER_STATUS_LABELS,
  voucher_redemption: C.REDEMPTION_STATUS_LABELS,
  voucher_provider: C.PROVIDER_STATUS_LABELS,
  commitment_item: { ...C.COMMITMENT_STATUS_LABELS, ...C.COMMITMENT_KIND_LABELS },
  investment_project: C.INVESTMENT_STAGE_LABELS,
  rating: { ...C.RATING_LEVEL_LABELS, ...C.RATING_SUBJECT_TYPE_LABELS, ...C.RATING_CHANNEL_LABELS },
  rating_rectification: { ...C.RECTIFICATION_STATUS_LABELS, ...C.FIX_VERDICT_LABELS, ...C.RETURN_VISIT_METHOD_LABELS },
  rating_appeal: C.APPEAL_STATUS_LABELS,
  service_item: { ...C.ITEM_STATUS_LABELS, ...C.ITEM_TYPE_LABELS },
  service_project: C.SERVICE_PROJECT_STATUS_LABELS,
  service_postcheck: C.POSTCHECK_STATUS_LABELS,
};

/** A code that means one thing wherever it appears (very_satisfied → 非常满意) reads the same in any entity. */
const ANY_VALUE: Record<string, string> = (() => {
  const seen = new Map<string, Set<string>>();
  const tables = [...Object.values(ENTITY_VALUES), C.ROLE_LABELS, C.DATA_SCOPE_LABELS, C.MATCH_STATUS_LABELS, C.MONEY_ROUNDING_LABELS, C.DAIBAN_KIND_LABELS];
  for (const table of tables) for (const [k, v] of Object.entries(table)) (seen.get(k) ?? seen.set(k, new Set()).get(k)!).add(v);
  return Object.fromEntries([...seen].filter(([, v]) => v.size === 1).map(([k, v]) => [k, [...v][0]!]));
})();

const PERMISSION_LABELS = C.PERMISSION_LABELS as Record<string, string>;

function snakeToCamel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? FIELD_LABELS[snakeToCamel(field)] ?? EXTRA_FIELD_LABELS[field] ?? EXTRA_FIELD_LABELS[snakeToCamel(field)] ?? field;
}

const EXTRA_FIELD_LABELS: Record<string, string> = {
  number: '编号', isActive: '是否启用', active: '是否启用', assigneeId: '负责人', dueAt: '期限', acceptDueAt: '签收期限',
  answerDueAt: '答复期限', escalatedAt: '升级时间', resolvedAt: '答复时间', closedAt: '办结时间', createdAt: '创建时间',
  updatedAt: '修改时间', answer: '答复内容', customRoles: '自定义角色', removed: '已取消的权限', endedAt: '下线时间',
  loggedInAt: '登录时间', durationMs: '耗时(毫秒)', ok: '是否成功', error: '错误', endedOtherSessions: '结束的其他设备数',
  loggedOut: '同时退出本设备', extra: '附加设置', balanceFen: '余额', budgetFen: '预算', rating: '评价',
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function shanghai(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** One value as an officer reads it. */
export function valueText(entity: string, field: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '(空)';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return /fen$/i.test(field) ? formatYuan(value) : String(value);
  if (typeof value === 'string') {
    if (ISO.test(value)) return shanghai(value);
    if (field === 'roles' || field === 'role') return ROLE_TEXT(value);
    if (field === 'permissions' || field === 'removed') return PERMISSION_LABELS[value] ?? value;
    return ENTITY_VALUES[entity]?.[value] ?? ANY_VALUE[value] ?? value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(entity, field, v)).join('、') : '(空)';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)}:${valueText(entity, k, v)}`)
      .join(';');
  }
  return String(value);
}

function ROLE_TEXT(code: string): string {
  return (C.ROLE_LABELS as Record<string, string>)[code] ?? code;
}

export type AuditChange = { field: string; label: string; before: string; after: string; changed: boolean };

/** The labelled fields of an entry: every field of before/after, changed ones flagged. */
export function changesOf(entity: string, before: unknown, after: unknown): AuditChange[] | null {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(before) && !isObj(after)) return null;
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => ({
    field,
    label: fieldLabel(field),
    before: isObj(before) ? valueText(entity, field, b[field]) : '',
    after: isObj(after) ? valueText(entity, field, a[field]) : '',
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}
