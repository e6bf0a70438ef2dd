import type { FastifyInstance } from 'fastify';
import {
  ZCreateLeadRequest,
  ZLeadApproveRequest,
  ZLeadCommitteeRequest,
  ZLeadDropRequest,
  ZLeadFunnelQuery,
  ZLeadListQuery,
  ZLeadRejectRequest,
  ZLeadSignRequest,
  ZNegotiationRequest,
  ZUpdateLeadRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { funnelWorkbook, leadFunnel } from './funnel.js';
import { createLead, getLead, leadOfProject, leadOptions, listLeads, takeLeadStep, updateLead } from './service.js';

const tags = ['要素保障·招商线索'];

/** 要素保障 — 招商线索: leads, negotiations, committee, signing, funnel (under /api/land/leads). */
export function registerLandLeadsRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/land/leads', summary: '招商线索列表(状态、产业链、来源、负责人筛选)', tags, permission: 'investment:read', query: ZLeadListQuery }, ({ actor, query }) =>
    listLeads(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/land/leads', summary: '登记招商线索', tags, permission: 'investment:manage', body: ZCreateLeadRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return createLead(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/land/leads/options', summary: '招商线索表单选项(产业链、负责人)', tags, permission: 'investment:read' }, ({ actor }) => leadOptions(ctx, actor));
  route(app, { method: 'GET', url: '/api/land/leads/funnel', summary: '招商漏斗(任意期间、按产业链、来源)', tags, permission: 'investment:read', query: ZLeadFunnelQuery }, ({ actor, query }) =>
    leadFunnel(ctx, actor, query),
  );
  route(
    app,
    { method: 'GET', url: '/api/land/leads/funnel/export', summary: '导出招商漏斗 Excel', tags, permission: 'investment:read', query: ZLeadFunnelQuery, produces: XLSX_TYPE },
    async ({ actor, query, reply }) => {
      const funnel = await leadFunnel(ctx, actor, query);
      const chainLabel = query.chain ? (funnel.byChain.find((c) => c.chain === query.chain)?.chainLabel ?? query.chain) : null;
      const buffer = await funnelWorkbook(funnel, chainLabel);
      reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`招商漏斗-${query.from}至${query.to}.xlsx`));
      return reply.send(buffer);
    },
  );
  route(app, { method: 'GET', url: '/api/land/leads/by-project/:id', summary: '招商项目来自哪条线索', tags, permission: 'investment:read', params: ZIdParams }, ({ actor, params }) =>
    leadOfProject(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/land/leads/:id', summary: '招商线索详情(洽谈记录、时间线、可执行操作)', tags, permission: 'investment:read', params: ZIdParams }, ({ actor, params }) =>
    getLead(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/land/leads/:id', summary: '修改招商线索', tags, permission: 'investment:manage', params: ZIdParams, body: ZUpdateLeadRequest }, ({ actor, params, body }) =>
    updateLead(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/negotiations', summary: '记录洽谈(屏对屏或当面)', tags, permission: 'investment:manage', params: ZIdParams, body: ZNegotiationRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'negotiate', body }),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/submit-committee', summary: '提交招商委员会', tags, permission: 'investment:manage', params: ZIdParams, body: ZLeadCommitteeRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'submit_committee', body }),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/approve', summary: '招商委员会通过', tags, permission: 'investment:approve', params: ZIdParams, body: ZLeadApproveRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'approve', body }),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/reject', summary: '招商委员会退回洽谈', tags, permission: 'investment:approve', params: ZIdParams, body: ZLeadRejectRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'reject', body }),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/sign', summary: '签约(同时创建招商项目)', tags, permission: 'investment:manage', params: ZIdParams, body: ZLeadSignRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'sign', body }),
  );
  route(app, { method: 'POST', url: '/api/land/leads/:id/drop', summary: '放弃线索', tags, permission: 'investment:manage', params: ZIdParams, body: ZLeadDropRequest }, ({ actor, params, body }) =>
    takeLeadStep(ctx, actor, params.id, { action: 'drop', body }),
  );
}
