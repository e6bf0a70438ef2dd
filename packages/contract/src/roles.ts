/** Roles exactly as SPEC §1. A user may hold several. */
export const ROLES = [
  'enterprise',
  'liaison',
  'dispatcher',
  'approver',
  'policy_officer',
  'finance_officer',
  'bank',
  'leader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '企业用户',
  liaison: '驻企专员',
  dispatcher: '调度专班',
  approver: '审批局',
  policy_officer: '政策兑现窗口',
  finance_officer: '金融服务中心',
  bank: '金融机构',
  leader: '领导',
  admin: '系统管理员',
};

/** Permission names; the server checks them, the web uses them to shape menus. */
export const PERMISSIONS = [
  'enterprise:read',
  'enterprise:write',
  'enterprise:import',
  'enterprise:export',
  'enterprise:assign',
  'enterprise:view-contacts',
  'user:manage',
  'calendar:manage',
  'audit:read',
  'dictionary:manage',
  // 系统管理: 角色与权限, 部门, 登录日志, 在线用户(强制下线), 定时任务, 参数设置, 系统监控
  'role:manage',
  'department:manage',
  'login-log:read',
  'session:manage',
  'job:manage',
  'parameter:read',
  'monitor:read',
  // demands 诉求 and visits 走访
  'demand:create',
  'demand:read',
  'demand:handle',
  'demand:dispatch',
  'visit:read',
  'visit:write',
  'stats:read',
  // ratings 好差评
  'rating:read',
  'rating:rectify',
  'rating:review',
  // 政务服务: the catalogue 办事指南, applications 办件, construction projects 工程建设项目
  'service:read',
  'service:manage',
  'service:apply',
  'service:handle',
  'application:read',
  'service:stats',
  'project:read',
  'project:manage',
  // 政策兑现: policies, applications 申报, funds 专项资金, vouchers 创新券, commitments 招商承诺
  'policy:read',
  'policy:manage',
  'policy:apply',
  'policy:review',
  'policy-application:read',
  'payout:execute',
  'fund:read',
  'fund:manage',
  'voucher:read',
  'voucher:manage',
  'commitment:read',
  'commitment:manage',
  // 金融服务: products and needs 融资对接, 融资对接会, 应急转贷, 存铜融, 信用画像
  'finance:read',
  'finance:manage',
  'finance:apply',
  'finance:bank',
  'finance:leader-approve',
  // 产业云: monthly reports 经济运行月报, devices 物联网设备, alarms, 智能化改造
  'industry:read',
  'industry:report',
  'industry:review',
  'industry:manage',
  'industry:stats',
  // 要素保障: parcels 地块, 亩均, clean-up 专项行动, leads 招商线索, premises 厂房/人才公寓, 征地拆迁
  'land:read',
  'land:manage',
  'investment:read',
  'investment:manage',
  'investment:approve',
  'premises:read',
  'premises:manage',
  'premises:apply',
  'acquisition:read',
  'acquisition:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which roles grant which permissions. Row scope (own enterprise, assigned enterprises, own bank)
 * is applied on top of these by the server's scope mechanism.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  enterprise: [
    'enterprise:read', 'enterprise:write', 'enterprise:view-contacts', 'demand:create', 'demand:read',
    'service:read', 'service:apply', 'application:read', 'project:read',
    'policy:read', 'policy:apply', 'policy-application:read', 'voucher:read', 'finance:apply',
    'industry:read', 'industry:report', 'premises:apply',
  ],
  liaison: [
    'enterprise:read', 'enterprise:write', 'enterprise:export', 'enterprise:view-contacts',
    'demand:create', 'demand:read', 'demand:handle', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify',
    'service:read', 'service:apply', 'application:read', 'project:read',
    'policy:read', 'policy:apply', 'policy-application:read', 'finance:apply',
    'industry:read', 'industry:report', 'land:read',
  ],
  dispatcher: [
    'enterprise:read', 'enterprise:write', 'enterprise:import', 'enterprise:export',
    'enterprise:assign', 'enterprise:view-contacts',
    'demand:create', 'demand:read', 'demand:handle', 'demand:dispatch', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify', 'rating:review',
    'service:read', 'application:read', 'service:stats', 'project:read', 'policy:read', 'policy-application:read', 'commitment:read',
    'finance:read',
    'industry:read', 'industry:review', 'industry:manage', 'industry:stats',
    'land:read', 'land:manage', 'investment:read', 'investment:manage', 'premises:read', 'premises:manage', 'acquisition:read', 'acquisition:manage',
  ],
  approver: [
    'enterprise:read', 'demand:read', 'rating:rectify',
    'service:read', 'service:manage', 'service:handle', 'application:read', 'service:stats', 'project:read', 'project:manage',
  ],
  policy_officer: [
    'enterprise:read', 'enterprise:export', 'demand:read',
    'service:read', 'policy:read', 'policy:manage', 'policy:review', 'policy-application:read', 'payout:execute',
    'fund:read', 'fund:manage', 'voucher:read', 'voucher:manage', 'commitment:read', 'commitment:manage',
  ],
  finance_officer: ['enterprise:read', 'demand:read', 'service:read', 'policy:read', 'fund:read', 'finance:read', 'finance:manage', 'industry:read', 'industry:stats', 'premises:read'],
  bank: ['finance:bank'],
  leader: [
    'enterprise:read', 'enterprise:export', 'audit:read', 'demand:read', 'visit:read', 'stats:read', 'rating:read',
    'service:read', 'application:read', 'service:stats', 'project:read',
    'policy:read', 'policy-application:read', 'fund:read', 'voucher:read', 'commitment:read',
    'finance:read', 'finance:leader-approve',
    'industry:read', 'industry:stats',
    'land:read', 'investment:read', 'investment:approve', 'premises:read', 'acquisition:read',
  ],
  admin: [
    'enterprise:read', 'enterprise:write', 'enterprise:import', 'enterprise:export',
    'enterprise:assign', 'enterprise:view-contacts', 'user:manage', 'calendar:manage',
    'audit:read', 'dictionary:manage',
    'role:manage', 'department:manage', 'login-log:read', 'session:manage', 'job:manage', 'parameter:read', 'monitor:read',
    'demand:create', 'demand:read', 'demand:handle', 'demand:dispatch', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify', 'rating:review',
    'service:read', 'service:manage', 'service:handle', 'application:read', 'service:stats', 'project:read', 'project:manage',
    'policy:read', 'policy:manage', 'policy:review', 'policy-application:read', 'payout:execute',
    'fund:read', 'fund:manage', 'voucher:read', 'voucher:manage', 'commitment:read', 'commitment:manage',
    'finance:read', 'finance:manage', 'finance:leader-approve',
    'industry:read', 'industry:review', 'industry:manage', 'industry:stats',
    'land:read', 'land:manage', 'investment:read', 'investment:manage', 'investment:approve',
    'premises:read', 'premises:manage', 'acquisition:read', 'acquisition:manage',
  ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return set;
}

/**
 * Which enterprises' rows a role sees (数据权限), widest first. `assigned` = the firms the user is
 * the liaison of; `enterprise` / `bank` = the one firm or bank the account is bound to.
 */
export const DATA_SCOPES = ['park', 'assigned', 'enterprise', 'bank', 'none'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];
export const DATA_SCOPE_LABELS: Record<DataScope, string> = {
  park: '全园区',
  assigned: '分管企业(本人驻企服务的企业)',
  enterprise: '本企业(账号绑定的企业)',
  bank: '本机构(账号绑定的银行)',
  none: '无企业数据',
};

/** The built-in roles' data scope. */
export const ROLE_DATA_SCOPES: Record<Role, DataScope> = {
  enterprise: 'enterprise',
  liaison: 'assigned',
  dispatcher: 'park',
  approver: 'park',
  policy_officer: 'park',
  finance_officer: 'park',
  bank: 'bank',
  leader: 'park',
  admin: 'park',
};

/** The widest of several scopes (a user with several roles sees what the widest lets them). */
export function widestDataScope(scopes: Iterable<DataScope>): DataScope {
  let best: DataScope = 'none';
  for (const s of scopes) if (DATA_SCOPES.indexOf(s) < DATA_SCOPES.indexOf(best)) best = s;
  return best;
}

/**
 * What a built-in role keeps whatever an admin edits: the product needs it to function (an admin
 * who could take 角色管理 from the admin role would lock the park out).
 */
export const ROLE_REQUIRED_PERMISSIONS: Record<Role, readonly Permission[]> = {
  enterprise: ['enterprise:read'],
  liaison: ['demand:read', 'demand:handle'],
  dispatcher: ['demand:read', 'demand:dispatch'],
  approver: ['service:handle'],
  policy_officer: ['policy:manage'],
  finance_officer: ['finance:manage'],
  bank: ['finance:bank'],
  leader: [],
  admin: ['user:manage', 'role:manage'],
};

/**
 * Roles held by outside accounts (a firm's or a bank's staff) never gain staff permissions: an
 * admin may only take permissions away from them, and their data scope is their own firm or bank.
 */
export const OUTSIDE_ROLES: readonly Role[] = ['enterprise', 'bank'];

/** Permissions in the role editor: Chinese names, grouped as the menu groups them. */
export const PERMISSION_GROUPS: readonly { label: string; items: readonly { permission: Permission; label: string }[] }[] = [
  { label: '企业库', items: [
    { permission: 'enterprise:read', label: '查看企业' }, { permission: 'enterprise:write', label: '编辑企业' },
    { permission: 'enterprise:import', label: '导入企业' }, { permission: 'enterprise:export', label: '导出企业' },
    { permission: 'enterprise:assign', label: '分配驻企专员' }, { permission: 'enterprise:view-contacts', label: '查看联系电话' },
  ] },
  { label: '诉求与走访', items: [
    { permission: 'demand:create', label: '提出诉求' }, { permission: 'demand:read', label: '查看诉求' },
    { permission: 'demand:handle', label: '办理诉求' }, { permission: 'demand:dispatch', label: '调度督办' },
    { permission: 'visit:read', label: '查看走访' }, { permission: 'visit:write', label: '记录走访' }, { permission: 'stats:read', label: '统计与月战图' },
  ] },
  { label: '好差评', items: [
    { permission: 'rating:read', label: '查看评价' }, { permission: 'rating:rectify', label: '差评整改' }, { permission: 'rating:review', label: '申诉审核' },
  ] },
  { label: '政务服务', items: [
    { permission: 'service:read', label: '查看办事指南' }, { permission: 'service:manage', label: '维护事项' },
    { permission: 'service:apply', label: '申请办件' }, { permission: 'service:handle', label: '受理审批办件' },
    { permission: 'application:read', label: '查看办件' }, { permission: 'service:stats', label: '事项统计' },
    { permission: 'project:read', label: '查看工程项目' }, { permission: 'project:manage', label: '管理工程项目' },
  ] },
  { label: '政策兑现', items: [
    { permission: 'policy:read', label: '查看政策' }, { permission: 'policy:manage', label: '维护政策与规则' },
    { permission: 'policy:apply', label: '申报政策' }, { permission: 'policy:review', label: '审核申报' },
    { permission: 'policy-application:read', label: '查看申报' }, { permission: 'payout:execute', label: '拨付' },
    { permission: 'fund:read', label: '查看资金' }, { permission: 'fund:manage', label: '管理资金' },
    { permission: 'voucher:read', label: '查看创新券' }, { permission: 'voucher:manage', label: '管理创新券' },
    { permission: 'commitment:read', label: '查看招商承诺' }, { permission: 'commitment:manage', label: '管理招商承诺' },
  ] },
  { label: '金融服务', items: [
    { permission: 'finance:read', label: '查看金融服务' }, { permission: 'finance:manage', label: '金融服务管理(转贷审批、资金池、铜价、对接会)' },
    { permission: 'finance:apply', label: '提出融资需求与转贷申请' }, { permission: 'finance:bank', label: '金融机构工作台' },
    { permission: 'finance:leader-approve', label: '大额转贷领导审批' },
  ] },
  { label: '产业云', items: [
    { permission: 'industry:read', label: '查看月报与设备' }, { permission: 'industry:report', label: '填报月报、登记设备' },
    { permission: 'industry:review', label: '审核月报' }, { permission: 'industry:manage', label: '产业云管理(指标、设备、告警规则、智能化改造)' },
    { permission: 'industry:stats', label: '经济运行统计与导出' },
  ] },
  { label: '要素保障', items: [
    { permission: 'land:read', label: '查看地块、亩均评价与清理专项' }, { permission: 'land:manage', label: '地块维护、亩均评价、闲置用地清理' },
    { permission: 'investment:read', label: '查看招商线索' }, { permission: 'investment:manage', label: '招商线索、洽谈与签约' },
    { permission: 'investment:approve', label: '招商委员会审议' },
    { permission: 'premises:read', label: '查看厂房、租赁与人才公寓' }, { permission: 'premises:manage', label: '租赁合同、账单、减免、收款与公寓分配' },
    { permission: 'premises:apply', label: '企业:我的租赁与人才公寓申请' },
    { permission: 'acquisition:read', label: '查看征地拆迁台账(个人信息脱敏)' }, { permission: 'acquisition:manage', label: '维护征地拆迁台账' },
  ] },
  { label: '系统管理', items: [
    { permission: 'user:manage', label: '用户管理' }, { permission: 'role:manage', label: '角色与权限' },
    { permission: 'department:manage', label: '部门管理' }, { permission: 'calendar:manage', label: '工作日历' },
    { permission: 'dictionary:manage', label: '数据字典' }, { permission: 'parameter:read', label: '参数设置' },
    { permission: 'audit:read', label: '审计日志' }, { permission: 'login-log:read', label: '登录日志' },
    { permission: 'session:manage', label: '在线用户(强制下线)' }, { permission: 'job:manage', label: '定时任务' },
    { permission: 'monitor:read', label: '系统监控' },
  ] },
];

export const PERMISSION_LABELS: Record<Permission, string> = Object.fromEntries(
  PERMISSION_GROUPS.flatMap((g) => g.items.map((i) => [i.permission, i.label])),
) as Record<Permission, string>;
