import type { FastifyInstance } from 'fastify';
import {
  ZCreateRoleRequest,
  ZDepartmentRequest,
  ZLoginLogQuery,
  ZPage,
  ZPageSize,
  ZUpdateDepartmentRequest,
  ZUpdateRoleRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import { can } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import * as departments from './departments.js';
import * as jobs from './jobs.js';
import * as loginLog from './login-log.js';
import { monitor } from './monitor.js';
import * as online from './online.js';
import { listParameters } from './parameters.js';
import * as roles from './roles.js';

const ZRoleParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });
const ZSessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
const ZJobParams = z.object({ name: z.string().regex(/^[a-z0-9-]{2,60}$/) });
const ZRunsQuery = z.object({ page: ZPage, pageSize: ZPageSize });

/** 系统管理: the admin console's endpoints (contract: packages/contract/src/admin.ts). */
export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['admin'];
  // 角色与权限 — the user page reads the list too, to offer the custom roles
  route(app, { method: 'GET', url: '/api/admin/roles', summary: '角色列表(权限、数据权限、用户数)', tags }, ({ actor }) => {
    if (!can(actor, 'role:manage') && !can(actor, 'user:manage')) throw forbidden();
    return roles.listRoles(ctx, actor);
  });
  route(app, { method: 'POST', url: '/api/admin/roles', summary: '新增自定义角色', tags, permission: 'role:manage', body: ZCreateRoleRequest }, async ({ actor, body, reply }) => {
    const role = await roles.createRole(ctx, actor, body);
    reply.status(201);
    return role;
  });
  route(app, { method: 'PUT', url: '/api/admin/roles/:code', summary: '修改角色的权限与数据权限(下一次请求起生效)', tags, permission: 'role:manage', params: ZRoleParams, body: ZUpdateRoleRequest }, ({ actor, params, body }) =>
    roles.updateRole(ctx, actor, params.code, body),
  );
  route(app, { method: 'DELETE', url: '/api/admin/roles/:code', summary: '删除自定义角色(内置角色不可删除)', tags, permission: 'role:manage', params: ZRoleParams }, async ({ actor, params, reply }) => {
    await roles.deleteRole(ctx, actor, params.code);
    reply.status(204);
    return null;
  });

  // 部门 / 承办单位
  route(app, { method: 'GET', url: '/api/departments', summary: '部门与承办单位(组织树)', tags }, ({ actor }) => departments.listDepartments(ctx, actor));
  route(app, { method: 'POST', url: '/api/admin/departments', summary: '新增部门', tags, permission: 'department:manage', body: ZDepartmentRequest }, async ({ actor, body, reply }) => {
    const dept = await departments.createDepartment(ctx, actor, body);
    reply.status(201);
    return dept;
  });
  route(app, { method: 'PATCH', url: '/api/admin/departments/:id', summary: '修改部门', tags, permission: 'department:manage', params: ZIdParams, body: ZUpdateDepartmentRequest }, ({ actor, params, body }) =>
    departments.updateDepartment(ctx, actor, params.id, body),
  );
  route(app, { method: 'DELETE', url: '/api/admin/departments/:id', summary: '删除部门(无下级部门时)', tags, permission: 'department:manage', params: ZIdParams }, async ({ actor, params, reply }) => {
    await departments.deleteDepartment(ctx, actor, params.id);
    reply.status(204);
    return null;
  });

  // 登录日志
  route(app, { method: 'GET', url: '/api/admin/login-log', summary: '登录日志(format=xlsx 导出)', tags, permission: 'login-log:read', query: ZLoginLogQuery }, async ({ actor, query, reply }) => {
    if (query.format === 'xlsx') {
      const buffer = await loginLog.exportLoginLog(ctx, actor, query);
      reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('登录日志.xlsx'));
      return reply.send(buffer);
    }
    return loginLog.listLoginLog(ctx, actor, query);
  });

  // 在线用户
  route(app, { method: 'GET', url: '/api/admin/sessions', summary: '在线用户', tags, permission: 'session:manage' }, ({ actor }) => online.listOnlineSessions(ctx, actor));
  route(app, { method: 'DELETE', url: '/api/admin/sessions/:id', summary: '强制下线', tags, permission: 'session:manage', params: ZSessionParams }, async ({ actor, params, reply }) => {
    await online.endSession(ctx, actor, params.id);
    reply.status(204);
    return null;
  });

  // 定时任务
  route(app, { method: 'GET', url: '/api/admin/jobs', summary: '定时任务', tags, permission: 'job:manage' }, () => jobs.listJobs(ctx));
  route(app, { method: 'GET', url: '/api/admin/jobs/:name/runs', summary: '定时任务运行记录', tags, permission: 'job:manage', params: ZJobParams, query: ZRunsQuery }, ({ params, query }) =>
    jobs.listRuns(ctx, params.name, query.page, query.pageSize),
  );
  route(app, { method: 'POST', url: '/api/admin/jobs/:name/run', summary: '立即执行一次', tags, permission: 'job:manage', params: ZJobParams }, ({ actor, params }) => jobs.runNow(ctx, actor, params.name));

  // 参数设置, 系统监控
  route(app, { method: 'GET', url: '/api/admin/parameters', summary: '参数设置(期限、阈值、费率)', tags, permission: 'parameter:read' }, ({ actor }) => listParameters(ctx, actor));
  route(app, { method: 'GET', url: '/api/admin/monitor', summary: '系统监控(进程、数据库、队列)', tags, permission: 'monitor:read' }, ({ actor }) => monitor(ctx, actor));
}
