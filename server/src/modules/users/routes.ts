import type { FastifyInstance } from 'fastify';
import { ZCreateUserRequest, ZPage, ZPageSize, ZRole, ZUpdateUserRequest } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZIdParams, route } from '../../platform/http.js';
import * as service from './service.js';

const ZListUsersQuery = z.object({ q: z.string().trim().max(64).optional(), role: ZRole.optional(), page: ZPage, pageSize: ZPageSize });

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['users'];
  route(app, { method: 'GET', url: '/api/users', summary: '用户列表', tags, permission: 'user:manage', query: ZListUsersQuery }, ({ actor, query }) => service.listUsers(ctx, actor, query));
  route(app, { method: 'POST', url: '/api/users', summary: '新增用户', tags, permission: 'user:manage', body: ZCreateUserRequest }, async ({ actor, body, reply }) => {
    const user = await service.createUser(ctx, actor, body);
    reply.status(201);
    return user;
  });
  route(app, { method: 'GET', url: '/api/users/:id', summary: '用户详情', tags, permission: 'user:manage', params: ZIdParams }, ({ actor, params }) => service.getUser(ctx, actor, params.id));
  route(app, { method: 'PATCH', url: '/api/users/:id', summary: '修改用户(角色、绑定、停用、重置密码、解锁)', tags, permission: 'user:manage', params: ZIdParams, body: ZUpdateUserRequest }, ({ actor, params, body }) =>
    service.updateUser(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/banks', summary: '合作银行', tags: ['banks'] }, ({ actor }) => service.listBanks(ctx, actor));
}
