import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ZBulkItemApproverRequest,
  ZCreateServiceItemRequest,
  ZItemVersionRequest,
  ZListServiceItemsQuery,
  ZServiceSynonymRequest,
  ZSetItemApproversRequest,
  ZUpdateServiceItemRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { startJob } from '../../jobs/service.js';
import { buildItemTemplate, exportItems, importItems } from './import.js';
import * as catalogue from './service.js';
import { itemSearchProvider } from './search-provider.js';

const ZImportQuery = z.object({ async: z.enum(['true', 'false']).optional() });

/** 办事指南: service items, Chinese search, synonyms, import. */
export function registerServiceCatalogueRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(itemSearchProvider);
  const tags = ['service-items'];
  const today = () => shanghaiDate(ctx.clock.now());

  route(app, { method: 'GET', url: '/api/service-items', summary: '事项列表与办事指南搜索(口语、两字词、同义词、编码)', tags, permission: 'service:read', query: ZListServiceItemsQuery }, ({ actor, query }) =>
    catalogue.listItems(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/service-items/hot', summary: '热门事项(近一年申办最多)', tags, permission: 'service:read' }, ({ actor }) => catalogue.hotItems(ctx, actor));

  route(app, { method: 'GET', url: '/api/service-items/departments', summary: '实施主体列表(筛选用)', tags, permission: 'service:read' }, ({ actor }) =>
    catalogue.listDepartments(ctx, actor),
  );

  route(app, { method: 'GET', url: '/api/service-items/approver-options', summary: '可分配的审批人员', tags, permission: 'service:manage' }, ({ actor }) =>
    catalogue.listApproverOptions(ctx, actor),
  );

  route(app, { method: 'GET', url: '/api/service-items/export', summary: '导出事项清单(.xlsx,可再导入)', tags, permission: 'service:manage', produces: XLSX_TYPE }, async ({ actor, reply }) => {
    const buffer = await exportItems(ctx, actor);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`事项清单-${today()}.xlsx`));
    return reply.send(buffer);
  });

  route(app, { method: 'GET', url: '/api/service-items/import/template', summary: '下载事项导入模板', tags, permission: 'service:manage', produces: XLSX_TYPE }, async ({ reply }) => {
    const buffer = await buildItemTemplate();
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('事项导入模板.xlsx'));
    return reply.send(buffer);
  });

  route(app, { method: 'POST', url: '/api/service-items/import', summary: '从 Excel 导入事项(async=true 时返回任务编号以查询进度)', tags, permission: 'service:manage', query: ZImportQuery }, async ({ actor, query, request, reply }) => {
    const { buffer } = await readSingleFile(request, 'xlsx');
    if (query.async === 'true') {
      const jobId = await startJob(ctx, actor, 'service-item-import', (progress) => importItems(ctx, actor, buffer, progress));
      reply.status(202);
      return { jobId };
    }
    return importItems(ctx, actor, buffer);
  });

  route(app, { method: 'POST', url: '/api/service-items/approvers', summary: '批量增减事项的审批人员', tags, permission: 'service:manage', body: ZBulkItemApproverRequest }, ({ actor, body }) =>
    catalogue.bulkSetApprover(ctx, actor, body),
  );

  route(app, { method: 'GET', url: '/api/service-items/:id', summary: '事项办事指南详情', tags, permission: 'service:read', params: ZIdParams }, ({ actor, params }) =>
    catalogue.getItem(ctx, actor, params.id),
  );

  route(app, { method: 'POST', url: '/api/service-items', summary: '新增事项', tags, permission: 'service:manage', body: ZCreateServiceItemRequest }, async ({ actor, body, reply }) => {
    const created = await catalogue.createItem(ctx, actor, body);
    reply.status(201);
    return created;
  });

  route(app, { method: 'PUT', url: '/api/service-items/:id', summary: '修改事项(需带版本号)', tags, permission: 'service:manage', params: ZIdParams, body: ZUpdateServiceItemRequest }, ({ actor, params, body }) =>
    catalogue.updateItem(ctx, actor, params.id, body),
  );

  route(app, { method: 'POST', url: '/api/service-items/:id/activate', summary: '启用事项', tags, permission: 'service:manage', params: ZIdParams, body: ZItemVersionRequest }, ({ actor, params, body }) =>
    catalogue.setItemStatus(ctx, actor, params.id, 'active', body),
  );

  route(app, { method: 'POST', url: '/api/service-items/:id/deactivate', summary: '停用事项', tags, permission: 'service:manage', params: ZIdParams, body: ZItemVersionRequest }, ({ actor, params, body }) =>
    catalogue.setItemStatus(ctx, actor, params.id, 'inactive', body),
  );

  route(app, { method: 'PUT', url: '/api/service-items/:id/approvers', summary: '设置事项的审批人员', tags, permission: 'service:manage', params: ZIdParams, body: ZSetItemApproversRequest }, ({ actor, params, body }) =>
    catalogue.setItemApprovers(ctx, actor, params.id, body),
  );

  // Synonyms 同义词 ------------------------------------------------------------------------------
  const synonymTags = ['service-synonyms'];
  route(app, { method: 'GET', url: '/api/service-synonyms', summary: '搜索同义词列表', tags: synonymTags, permission: 'service:manage' }, ({ actor }) => catalogue.listSynonyms(ctx, actor));

  route(app, { method: 'POST', url: '/api/service-synonyms', summary: '新增同义词(同时重建本园区事项索引)', tags: synonymTags, permission: 'service:manage', body: ZServiceSynonymRequest }, async ({ actor, body, reply }) => {
    const result = await catalogue.createSynonym(ctx, actor, body);
    reply.status(201);
    return result;
  });

  route(app, { method: 'PUT', url: '/api/service-synonyms/:id', summary: '修改同义词', tags: synonymTags, permission: 'service:manage', params: ZIdParams, body: ZServiceSynonymRequest }, ({ actor, params, body }) =>
    catalogue.updateSynonym(ctx, actor, params.id, body),
  );

  route(app, { method: 'DELETE', url: '/api/service-synonyms/:id', summary: '删除同义词', tags: synonymTags, permission: 'service:manage', params: ZIdParams }, ({ actor, params }) =>
    catalogue.deleteSynonym(ctx, actor, params.id),
  );
}
