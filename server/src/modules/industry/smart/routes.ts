import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZCreateSmartProjectRequest, ZSaveSmartCostsRequest, ZSmartProjectListQuery, ZUpdateSmartProjectRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { startJob } from '../../jobs/service.js';
import { buildCostTemplate, importSmartCosts } from './excel.js';
import * as service from './service.js';

const ZImportQuery = z.object({ async: z.enum(['true', 'false']).optional() });
const ZDeleteQuery = z.object({ version: z.coerce.number({ error: '版本号应为数字' }).int().min(1, { error: '版本号应为正整数' }) });

/**
 * 产业云 — 智能化改造: projects, their monthly costs (grid and .xlsx import) and the saving
 * computed from them, with the check of the claim 个企每年可节约成本200至400万元.
 */
export function registerIndustrySmartRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['产业云·智能化改造'];
  route(app, { method: 'GET', url: '/api/industry/smart/projects', summary: '智能化改造项目与节约测算汇总(企业只看本企业,联络员看所服务企业)', tags, query: ZSmartProjectListQuery }, ({ actor, query }) =>
    service.listSmartProjects(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/industry/smart/projects', summary: '新建智能化改造项目', tags, body: ZCreateSmartProjectRequest }, async ({ actor, body, reply }) => {
    const created = await service.createSmartProject(ctx, actor, body);
    reply.status(201);
    return created;
  });
  route(app, { method: 'GET', url: '/api/industry/smart/projects/:id', summary: '项目详情、月度成本与节约测算', tags, params: ZIdParams }, ({ actor, params }) => service.getSmartProject(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/industry/smart/projects/:id', summary: '修改项目(带版本号,过期返回409)', tags, params: ZIdParams, body: ZUpdateSmartProjectRequest }, ({ actor, params, body }) =>
    service.updateSmartProject(ctx, actor, params.id, body),
  );
  route(app, { method: 'DELETE', url: '/api/industry/smart/projects/:id', summary: '删除项目及其月度成本', tags, params: ZIdParams, query: ZDeleteQuery }, async ({ actor, params, query, reply }) => {
    await service.deleteSmartProject(ctx, actor, params.id, query.version);
    reply.status(204);
    return null;
  });
  route(app, { method: 'PUT', url: '/api/industry/smart/projects/:id/costs', summary: '保存月度运行成本(所给月份写入,金额为空则删除该月)', tags, params: ZIdParams, body: ZSaveSmartCostsRequest }, ({ actor, params, body }) =>
    service.saveSmartCosts(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/industry/smart/projects/:id/costs/template', summary: '下载月度成本导入模板(含已填月份)', tags, params: ZIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const { buffer, filename } = await buildCostTemplate(ctx, actor, params.id);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(filename));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/industry/smart/projects/:id/costs/import', summary: '从 Excel 导入月度成本(async=true 时返回任务编号以查询进度)', tags, params: ZIdParams, query: ZImportQuery }, async ({ actor, params, query, request, reply }) => {
    // scope and permission first: a file for someone else's project is not read
    await service.getSmartProject(ctx, actor, params.id);
    const { buffer } = await readSingleFile(request, 'xlsx');
    if (query.async === 'true') {
      const jobId = await startJob(ctx, actor, 'smart-cost-import', (progress) => importSmartCosts(ctx, actor, params.id, buffer, (done, total, phase) => progress(done, total, phase)));
      reply.status(202);
      return { jobId };
    }
    return importSmartCosts(ctx, actor, params.id, buffer);
  });
}
