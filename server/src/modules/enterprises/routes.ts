import type { FastifyInstance } from 'fastify';
import {
  ZAssignLiaisonRequest,
  ZCreateEnterpriseRequest,
  ZListEnterprisesQuery,
  ZUpdateEnterpriseRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import { readSingleFile } from '../../platform/uploads.js';
import { startJob } from '../jobs/service.js';
import { buildEnterpriseTemplate } from './excel.js';
import * as service from './service.js';
import { enterpriseSearchProvider } from './search-provider.js';

const ZImportQuery = z.object({ async: z.enum(['true', 'false']).optional() });

export function registerEnterpriseRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(enterpriseSearchProvider);
  const tags = ['enterprises'];

  route(app, { method: 'GET', url: '/api/enterprises', summary: '企业列表(搜索、筛选、分页)', tags, query: ZListEnterprisesQuery }, ({ actor, query }) =>
    service.listEnterprises(ctx, actor, query),
  );

  route(app, { method: 'POST', url: '/api/enterprises', summary: '新增企业', tags, body: ZCreateEnterpriseRequest }, async ({ actor, body, reply }) => {
    const created = await service.createEnterprise(ctx, actor, body);
    reply.status(201);
    return created;
  });

  route(app, { method: 'GET', url: '/api/enterprises/export', summary: '按当前筛选导出 Excel', tags, permission: 'enterprise:export', query: ZListEnterprisesQuery.omit({ page: true, pageSize: true }), produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const buffer = await service.exportEnterprises(ctx, actor, query);
    const date = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`企业库-${date}.xlsx`));
    return reply.send(buffer);
  });

  route(app, { method: 'GET', url: '/api/enterprises/import/template', summary: '下载导入模板', tags, permission: 'enterprise:import', produces: XLSX_TYPE }, async ({ reply }) => {
    const buffer = await buildEnterpriseTemplate();
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('企业导入模板.xlsx'));
    return reply.send(buffer);
  });

  route(app, { method: 'POST', url: '/api/enterprises/import', summary: '从 Excel 导入企业(async=true 时返回任务编号以查询进度)', tags, permission: 'enterprise:import', query: ZImportQuery }, async ({ actor, query, request, reply }) => {
    const { buffer } = await readSingleFile(request, 'xlsx');
    if (query.async === 'true') {
      const jobId = await startJob(ctx, actor, 'enterprise-import', (progress) =>
        service.importEnterprises(ctx, actor, buffer, (done, total, phase) => progress(done, total, phase)),
      );
      reply.status(202);
      return { jobId };
    }
    return service.importEnterprises(ctx, actor, buffer);
  });

  route(app, { method: 'GET', url: '/api/enterprises/:id', summary: '企业详情', tags, params: ZIdParams }, ({ actor, params }) =>
    service.getEnterprise(ctx, actor, params.id),
  );

  route(app, { method: 'PATCH', url: '/api/enterprises/:id', summary: '修改企业信息', tags, params: ZIdParams, body: ZUpdateEnterpriseRequest }, ({ actor, params, body }) =>
    service.updateEnterprise(ctx, actor, params.id, body),
  );

  // No route-level permission: the row is looked up in the actor's scope first (another park's
  // firm is 404 for everyone), then the service refuses actors without enterprise:assign (403).
  route(app, { method: 'PUT', url: '/api/enterprises/:id/liaison', summary: '分配驻企专员', tags, params: ZIdParams, body: ZAssignLiaisonRequest }, ({ actor, params, body }) =>
    service.updateEnterprise(ctx, actor, params.id, { liaisonId: body.liaisonId }),
  );

  route(app, { method: 'GET', url: '/api/enterprises/:id/history', summary: '企业变更历史', tags, params: ZIdParams }, ({ actor, params }) =>
    service.enterpriseHistory(ctx, actor, params.id),
  );

  route(app, { method: 'GET', url: '/api/staff/liaisons', summary: '驻企专员列表', tags, permission: 'enterprise:read' }, ({ actor }) => service.listLiaisons(ctx, actor));
}
