import type { FastifyInstance } from 'fastify';
import {
  ZAddCleanupCasesRequest,
  ZCleanupCampaignListQuery,
  ZCleanupCandidatesQuery,
  ZCleanupCaseActionRequest,
  ZCleanupCaseListQuery,
  ZCleanupProjectOptionsQuery,
  ZCreateCleanupCampaignRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { attachment, DOCX_TYPE, route, XLSX_TYPE, ZIdParams } from '../../../platform/http.js';
import * as service from './service.js';
import { registerCleanupSweep } from './sweep.js';

const tags = ['要素保障·闲置用地清理'];

/** 要素保障 — 闲置用地清理专项行动: campaigns, candidates, cases, the notice (contract land-cleanup.ts lists them). */
export function registerLandCleanupRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerCleanupSweep();

  route(app, { method: 'GET', url: '/api/land/cleanup/campaigns', summary: '清理专项行动列表', tags, permission: 'land:read', query: ZCleanupCampaignListQuery }, ({ actor, query }) =>
    service.listCampaigns(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/land/cleanup/campaigns', summary: '新建清理专项行动', tags, permission: 'land:manage', body: ZCreateCleanupCampaignRequest }, ({ actor, body }) =>
    service.createCampaign(ctx, actor, body),
  );
  route(app, { method: 'GET', url: '/api/land/cleanup/campaigns/:id', summary: '专项行动详情与统计', tags, permission: 'land:read', params: ZIdParams }, ({ actor, params }) =>
    service.getCampaign(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/land/cleanup/campaigns/:id/export.xlsx', summary: '导出专项行动统计与案件 .xlsx', tags, permission: 'land:read', params: ZIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const { buffer, filename } = await service.campaignExport(ctx, actor, params.id);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', attachment(filename)).send(buffer);
  });
  route(app, { method: 'GET', url: '/api/land/cleanup/campaigns/:id/candidates', summary: '候选地块(出让后闲置满N年、亩均D类)', tags, permission: 'land:read', params: ZIdParams, query: ZCleanupCandidatesQuery }, ({ actor, params, query }) =>
    service.listCandidates(ctx, actor, params.id, query.asOf),
  );
  route(app, { method: 'GET', url: '/api/land/cleanup/campaigns/:id/cases', summary: '专项行动的清理案件', tags, permission: 'land:read', params: ZIdParams, query: ZCleanupCaseListQuery }, ({ actor, params, query }) =>
    service.listCases(ctx, actor, params.id, query),
  );
  route(app, { method: 'POST', url: '/api/land/cleanup/campaigns/:id/cases', summary: '地块列入清理(认定)', tags, permission: 'land:manage', params: ZIdParams, body: ZAddCleanupCasesRequest }, ({ actor, params, body }) =>
    service.addCases(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/land/cleanup/cases/:id', summary: '清理案件详情', tags, permission: 'land:read', params: ZIdParams }, ({ actor, params }) => service.getCase(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/land/cleanup/cases/:id/actions', summary: '告知、约谈、处置、收回、再出让或撤销', tags, permission: 'land:manage', params: ZIdParams, body: ZCleanupCaseActionRequest }, ({ actor, params, body }) =>
    service.actOnCase(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/land/cleanup/cases/:id/notice.docx', summary: '闲置土地认定及处置告知书 .docx', tags, permission: 'land:read', params: ZIdParams, produces: DOCX_TYPE }, async ({ actor, params, reply }) => {
    const { buffer, filename } = await service.noticeDocx(ctx, actor, params.id);
    return reply.header('Content-Type', DOCX_TYPE).header('Content-Disposition', attachment(filename)).send(buffer);
  });
  route(app, { method: 'GET', url: '/api/land/cleanup/project-options', summary: '可再出让的招商项目', tags, permission: 'land:manage', query: ZCleanupProjectOptionsQuery }, ({ actor, query }) =>
    service.listProjectOptions(ctx, actor, query.q),
  );
}
