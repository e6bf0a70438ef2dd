import { z } from 'zod';
import { ZDate, ZPage, ZPageSize } from './common.js';
import { DATA_SCOPES, PERMISSIONS, type DataScope, type Permission } from './roles.js';

/**
 * The admin console 系统管理 (issue 11): roles and permissions, departments, log-in log, online
 * users, scheduled jobs, parameters, system monitor. Every endpoint is scoped by the actor's park
 * and every change is audited.
 *
 * | endpoint | body / query | answer | permission |
 * |---|---|---|---|
 * | `GET /api/admin/roles` | — | `{ items: RoleView[] }` | role:manage or user:manage |
 * | `POST /api/admin/roles` | `ZCreateRoleRequest` | 201 `RoleView` | role:manage |
 * | `PUT /api/admin/roles/:code` | `ZUpdateRoleRequest` | `RoleView` | role:manage |
 * | `DELETE /api/admin/roles/:code` | — | 204 (custom roles held by nobody) | role:manage |
 * | `GET /api/departments` | — | `{ items: DepartmentView[] }` (the tree as a flat list) | signed in |
 * | `POST /api/admin/departments` / `PATCH …/:id` / `DELETE …/:id` | `ZDepartmentRequest` | `DepartmentView` | department:manage |
 * | `GET /api/admin/login-log` (`.xlsx` with `format=xlsx`) | `ZLoginLogQuery` | `Paged<LoginLogEntry>` | login-log:read |
 * | `GET /api/admin/sessions` | — | `{ items: OnlineSession[] }` | session:manage |
 * | `DELETE /api/admin/sessions/:id` | — | 204 | session:manage |
 * | `GET /api/admin/jobs` / `GET …/:name/runs` / `POST …/:name/run` | — | `ScheduledJobView[]` / `Paged<JobRunView>` / `JobRunView` | job:manage |
 * | `GET /api/admin/parameters` | — | `{ groups: ParameterGroup[] }` | parameter:read |
 * | `GET /api/admin/monitor` | — | `MonitorView` | monitor:read |
 */

const ZRoleName = z.string({ error: '请填写角色名称' }).trim().min(2, { error: '角色名称至少2个字' }).max(30, { error: '角色名称最多30个字' });
export const ZPermissionList = z.array(z.enum(PERMISSIONS, { error: '权限不存在' }), { error: '请选择权限' }).max(PERMISSIONS.length);
export const ZDataScope = z.enum(DATA_SCOPES, { error: '数据权限不存在' });

export const ZCreateRoleRequest = z.object({
  code: z.string({ error: '请填写角色编码' }).trim().regex(/^[a-z][a-z0-9_]{2,39}$/, { error: '角色编码为3–40位小写字母、数字或下划线,以字母开头' }),
  name: ZRoleName,
  permissions: ZPermissionList,
  dataScope: ZDataScope,
  description: z.string().trim().max(200, { error: '说明最多200个字' }).nullable().optional(),
});
export type CreateRoleRequest = z.output<typeof ZCreateRoleRequest>;

export const ZUpdateRoleRequest = z.object({
  name: ZRoleName.optional(),
  permissions: ZPermissionList.optional(),
  dataScope: ZDataScope.optional(),
  description: z.string().trim().max(200, { error: '说明最多200个字' }).nullable().optional(),
});
export type UpdateRoleRequest = z.output<typeof ZUpdateRoleRequest>;

export type RoleView = {
  code: string;
  name: string;
  builtin: boolean;
  permissions: Permission[];
  /** Built-in roles: what they keep whatever is edited. */
  requiredPermissions: Permission[];
  /** Built-in roles of outside accounts may only lose permissions. */
  grantablePermissions: Permission[];
  dataScope: DataScope;
  dataScopeEditable: boolean;
  description: string | null;
  /** Differs from the product's defaults (built-in roles). */
  customised: boolean;
  userCount: number;
  updatedAt: string | null;
};

export const ZDepartmentRequest = z.object({
  name: z.string({ error: '请填写部门名称' }).trim().min(2, { error: '部门名称至少2个字' }).max(40, { error: '部门名称最多40个字' }),
  parentId: z.uuid({ error: '上级部门不存在' }).nullable().optional(),
  isHandler: z.boolean().optional(),
  leader: z.string().trim().max(30, { error: '负责人最多30个字' }).nullable().optional(),
  phone: z.string().trim().max(30, { error: '联系电话最多30个字' }).nullable().optional(),
  sort: z.number({ error: '排序应为数字' }).int({ error: '排序应为整数' }).min(0).max(9999).optional(),
  active: z.boolean().optional(),
});
export type DepartmentRequest = z.output<typeof ZDepartmentRequest>;
export const ZUpdateDepartmentRequest = ZDepartmentRequest.partial();
export type UpdateDepartmentRequest = z.output<typeof ZUpdateDepartmentRequest>;

export type DepartmentView = {
  id: string;
  parentId: string | null;
  name: string;
  /** 承办单位: demands can be transferred to it. */
  isHandler: boolean;
  leader: string | null;
  phone: string | null;
  sort: number;
  active: boolean;
  /** How many demands name it as their 承办单位. */
  demandCount: number;
};

export const LOGIN_FAILURE_REASONS = {
  bad_password: '密码错误',
  unknown_user: '用户名不存在',
  locked: '账号已锁定',
  inactive: '账号已停用',
  captcha: '验证码错误或过期',
} as const;
export type LoginFailureReason = keyof typeof LOGIN_FAILURE_REASONS;

export const ZLoginLogQuery = z.object({
  from: ZDate.optional(),
  to: ZDate.optional(),
  username: z.string().trim().max(64).optional(),
  ip: z.string().trim().max(64).optional(),
  result: z.enum(['ok', 'failed'], { error: '结果应为成功或失败' }).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
  page: ZPage,
  pageSize: ZPageSize,
});
export type LoginLogQuery = z.output<typeof ZLoginLogQuery>;

export type LoginLogEntry = {
  id: number;
  at: string;
  username: string;
  displayName: string | null;
  ip: string;
  userAgent: string | null;
  /** 浏览器 / 系统 read from the user agent. */
  client: string | null;
  ok: boolean;
  reason: string | null;
  reasonLabel: string | null;
};

export type OnlineSession = {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  ip: string | null;
  userAgent: string | null;
  client: string | null;
  loggedInAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The admin's own session (it cannot be ended here: 退出登录 does that). */
  current: boolean;
};

export type JobRunView = {
  id: number;
  job: string;
  trigger: 'schedule' | 'manual';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  ok: boolean | null;
  result: unknown;
  error: string | null;
  instance: string;
  triggeredBy: string | null;
};

export type ScheduledJobView = {
  name: string;
  label: string;
  description: string;
  everyMs: number;
  /** 每1分钟 / 每30分钟 / 每1小时 */
  schedule: string;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastOk: boolean | null;
  lastDurationMs: number | null;
  nextRunAt: string | null;
};

export type ParameterEntry = {
  key: string;
  label: string;
  value: string;
  unit: string | null;
  /** Where the value lives and how it is changed. */
  source: string;
  /** A page of the web app that edits it, if any. */
  editPath: string | null;
  /** Dated values: the value valid from each date. */
  dated?: { from: string; value: string }[];
};
export type ParameterGroup = { label: string; entries: ParameterEntry[] };

export type MonitorView = {
  process: { instance: string; pid: number; node: string; uptimeSeconds: number; rssBytes: number; heapUsedBytes: number; heapTotalBytes: number; platform: string; cpus: number; loadAverage: number[] };
  database: { engine: string; version: string; sizeBytes: number | null; migration: string | null; pool: { size: number | null; idle: number | null; waiting: number | null } | null; latencyMs: number };
  queues: { jobsRunning: number; jobsFailed24h: number; scheduledRunning: number; lastSweep: { job: string; at: string; ok: boolean | null } | null; onlineSessions: number; unreadNotifications: number };
  time: string;
};
