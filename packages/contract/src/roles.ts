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
    'policy:read', 'policy:apply', 'policy-application:read', 'voucher:read',
  ],
  liaison: [
    'enterprise:read', 'enterprise:write', 'enterprise:export', 'enterprise:view-contacts',
    'demand:create', 'demand:read', 'demand:handle', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify',
    'service:read', 'service:apply', 'application:read', 'project:read',
    'policy:read', 'policy:apply', 'policy-application:read',
  ],
  dispatcher: [
    'enterprise:read', 'enterprise:write', 'enterprise:import', 'enterprise:export',
    'enterprise:assign', 'enterprise:view-contacts',
    'demand:create', 'demand:read', 'demand:handle', 'demand:dispatch', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify', 'rating:review',
    'service:read', 'application:read', 'service:stats', 'project:read', 'policy:read', 'policy-application:read', 'commitment:read',
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
  finance_officer: ['enterprise:read', 'demand:read', 'service:read', 'policy:read', 'fund:read'],
  bank: [],
  leader: [
    'enterprise:read', 'enterprise:export', 'audit:read', 'demand:read', 'visit:read', 'stats:read', 'rating:read',
    'service:read', 'application:read', 'service:stats', 'project:read',
    'policy:read', 'policy-application:read', 'fund:read', 'voucher:read', 'commitment:read',
  ],
  admin: [
    'enterprise:read', 'enterprise:write', 'enterprise:import', 'enterprise:export',
    'enterprise:assign', 'enterprise:view-contacts', 'user:manage', 'calendar:manage',
    'audit:read', 'dictionary:manage',
    'demand:create', 'demand:read', 'demand:handle', 'demand:dispatch', 'visit:read', 'visit:write', 'stats:read',
    'rating:read', 'rating:rectify', 'rating:review',
    'service:read', 'service:manage', 'service:handle', 'application:read', 'service:stats', 'project:read', 'project:manage',
    'policy:read', 'policy:manage', 'policy:review', 'policy-application:read', 'payout:execute',
    'fund:read', 'fund:manage', 'voucher:read', 'voucher:manage', 'commitment:read', 'commitment:manage',
  ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return set;
}
