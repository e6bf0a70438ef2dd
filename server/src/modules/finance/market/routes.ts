import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZFileNeedRequest, ZListNeedsQuery, ZListOffersQuery, ZNeedActionRequest, ZOfferActionRequest, ZRevokeConsentRequest, ZSetConsentRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { ZIdParams, route } from '../../../platform/http.js';
import { requireFinanceAccess } from '../routes.js';
import { bankFirmView, listConsents, revokeConsent, setConsent } from './consents.js';
import { bankWorkbench, fileNeed, getNeed, getOffer, listNeeds, listOffers, needAction, offerAction } from './service.js';
import { escalateOverdueOffers, registerOfferEscalationSweep } from './sweep.js';

const ZEnterpriseParams = z.object({ enterpriseId: z.uuid() });
const ZListConsentsQuery = z.object({ enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(), live: z.enum(['true', 'false']).optional() });

/** 融资对接: needs, each institution's answer, data consents, the bank's workbench and firm view. */
export function registerMarketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  registerOfferEscalationSweep();

  route(app, { method: 'GET', url: '/api/finance/needs', summary: '融资需求列表(企业只见本企业;专员见所联系企业;金融服务中心见全部)', tags, query: ZListNeedsQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return listNeeds(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/needs', summary: '提交融资需求(推送所选或全部金融机构,逐家授权数据)', tags, permission: 'finance:apply', body: ZFileNeedRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return fileNeed(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/finance/needs/:id', summary: '融资需求详情(各机构答复并列;金融机构只见推送给本机构的需求和本机构的答复)', tags, params: ZIdParams }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return getNeed(ctx, actor, params.id);
  });
  route(app, { method: 'POST', url: '/api/finance/needs/:id/actions', summary: '企业选择方案或撤回需求', tags, params: ZIdParams, body: ZNeedActionRequest }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    return needAction(ctx, actor, params.id, body);
  });

  route(app, { method: 'GET', url: '/api/finance/offers', summary: '机构答复列表(金融机构:本机构待办,按答复期限;金融服务中心:全部,可按机构、逾期筛选)', tags, query: ZListOffersQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return listOffers(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/offers/escalate', summary: '立即检查逾期答复(逾期未答复的升级并通知金融服务中心;与定时任务相同,可重复执行)', tags, permission: 'finance:manage' }, () =>
    escalateOverdueOffers(ctx),
  );
  route(app, { method: 'GET', url: '/api/finance/offers/:id', summary: '机构答复详情(含企业授权范围和时间线)', tags, params: ZIdParams }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return getOffer(ctx, actor, params.id);
  });
  route(app, { method: 'POST', url: '/api/finance/offers/:id/actions', summary: '金融机构答复:有意向、要求补充材料、批准、拒绝、放款', tags, params: ZIdParams, body: ZOfferActionRequest }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    return offerAction(ctx, actor, params.id, body);
  });
  route(app, { method: 'GET', url: '/api/finance/bank/workbench', summary: '金融机构工作台(待答复、今日到期、已逾期、本月放款、收件箱)', tags, permission: 'finance:bank' }, ({ actor }) => bankWorkbench(ctx, actor));
  route(app, { method: 'GET', url: '/api/finance/firms/:enterpriseId', summary: '金融机构查看企业(仅限向本机构提交过需求或授权的企业,按授权范围显示)', tags, params: ZEnterpriseParams }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return bankFirmView(ctx, actor, params.enterpriseId);
  });

  route(app, { method: 'GET', url: '/api/finance/consents', summary: '数据授权记录(企业:本企业的授权与撤销记录;金融机构:授权给本机构的)', tags, query: ZListConsentsQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return listConsents(ctx, actor, { enterpriseId: query.enterpriseId, live: query.live === 'true' });
  });
  route(app, { method: 'POST', url: '/api/finance/consents', summary: '授权或变更授权范围(原授权撤销并保留记录)', tags, body: ZSetConsentRequest }, ({ actor, body }) => {
    requireFinanceAccess(actor);
    return setConsent(ctx, actor, body);
  });
  route(app, { method: 'POST', url: '/api/finance/consents/:id/revoke', summary: '撤销数据授权(须填写原因)', tags, params: ZIdParams, body: ZRevokeConsentRequest }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    if (!body) throw notFound();
    return revokeConsent(ctx, actor, params.id, body.reason);
  });
}
