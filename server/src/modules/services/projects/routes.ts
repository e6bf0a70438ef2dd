import type { FastifyInstance } from 'fastify';
import { ZCreateServiceProjectRequest, ZListServiceProjectsQuery, ZUpdateServiceProjectRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { ZIdParams, route } from '../../../platform/http.js';
import * as projects from './service.js';

/** 工程建设项目: construction projects, their four stages, stage and total clocks, Gantt data. */
export function registerServiceProjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const projectTags = ['service-projects'];
  route(app, { method: 'GET', url: '/api/service-projects', summary: '工程建设项目列表(总用时对照60个工作日目标)', tags: projectTags, permission: 'project:read', query: ZListServiceProjectsQuery }, ({ actor, query }) =>
    projects.listProjects(ctx, actor, query),
  );

  route(app, { method: 'POST', url: '/api/service-projects', summary: '登记工程建设项目', tags: projectTags, permission: 'project:manage', body: ZCreateServiceProjectRequest }, async ({ actor, body, reply }) => {
    const created = await projects.createProject(ctx, actor, body);
    reply.status(201);
    return created;
  });

  route(app, { method: 'GET', url: '/api/service-projects/:id', summary: '工程建设项目详情(四个阶段、阶段与总用时、甘特图数据)', tags: projectTags, permission: 'project:read', params: ZIdParams }, ({ actor, params }) =>
    projects.getProject(ctx, actor, params.id),
  );

  route(app, { method: 'PATCH', url: '/api/service-projects/:id', summary: '修改工程建设项目(名称、地点、投资、目标、阶段计划、状态)', tags: projectTags, permission: 'project:manage', params: ZIdParams, body: ZUpdateServiceProjectRequest }, ({ actor, params, body }) =>
    projects.updateProject(ctx, actor, params.id, body),
  );
}
