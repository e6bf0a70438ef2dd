import type { FastifyInstance } from 'fastify';
import {
  ZCreateFactDefinitionRequest,
  ZFactKeyParams,
  ZFactsQuery,
  ZPutFactsRequest,
  ZUpdateFactDefinitionRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readMultipart } from '../../../platform/uploads.js';
import * as facts from './service.js';

/** 企业数据: fact definitions, a firm's facts by year, the Excel template and import. */
export function registerFactRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  route(app, { method: 'GET', url: '/api/fact-definitions', summary: '企业数据指标(内置与本园区自定义)', tags, permission: 'policy:read' }, async ({ actor }) => ({ items: await facts.listFactDefinitions(ctx, actor) }));
  route(app, { method: 'POST', url: '/api/fact-definitions', summary: '新增企业数据指标', tags, permission: 'policy:manage', body: ZCreateFactDefinitionRequest }, async ({ actor, body, reply }) => {
    const out = await facts.createFactDefinition(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'PATCH', url: '/api/fact-definitions/:key', summary: '修改企业数据指标', tags, permission: 'policy:manage', params: ZFactKeyParams, body: ZUpdateFactDefinitionRequest }, ({ actor, params, body }) =>
    facts.updateFactDefinition(ctx, actor, params.key, body),
  );
  route(app, { method: 'GET', url: '/api/enterprises/:id/facts', summary: '企业政策数据(按年度)', tags, permission: 'enterprise:read', params: ZIdParams, query: ZFactsQuery }, ({ actor, params, query }) =>
    facts.getEnterpriseFacts(ctx, actor, params.id, query.year),
  );
  route(app, { method: 'PUT', url: '/api/enterprises/:id/facts', summary: '填报/核定企业政策数据(更新匹配结果)', tags, permission: 'enterprise:read', params: ZIdParams, body: ZPutFactsRequest }, ({ actor, params, body }) =>
    facts.putEnterpriseFacts(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/facts/template.xlsx', summary: '企业数据导入模板', tags, permission: 'policy:manage', produces: XLSX_TYPE }, async ({ actor, reply }) => {
    const buffer = await facts.factsTemplate(ctx, actor);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('企业政策数据导入模板.xlsx'));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/facts/import', summary: '批量导入企业政策数据(逐行报告)', tags, permission: 'policy:manage' }, async ({ actor, request }) => {
    const { files } = await readMultipart(request, { kind: 'xlsx' });
    const file = files[0];
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要导入的 Excel 文件', [{ path: 'file', message: '请选择文件' }]);
    return facts.importFacts(ctx, actor, file.buffer);
  });
}
