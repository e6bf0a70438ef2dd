import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZCopperListQuery, ZCopperPriceQuery, ZCreatePledgeRequest, ZCreateReceiptRequest, ZDate, ZPledgeAmountRequest, ZSetCopperPriceRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { startJob } from '../../jobs/service.js';
import { requireFinanceAccess } from '../routes.js';
import { buildPriceTemplate, importPrices } from './excel.js';
import * as service from './service.js';

const ZImportQuery = z.object({ async: z.enum(['true', 'false']).optional() });
const ZQuoteQuery = z.object({ receiptId: z.uuid().optional(), warehouse: z.string().trim().max(80).optional(), receiptNo: z.string().trim().max(60).optional(), pricedOn: ZDate.optional() });

let swept = false;

/** 存铜融: warehouse receipts, the copper price table, pledges and margin calls. */
export function registerCopperRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['存铜融'];
  if (!swept) {
    swept = true;
    // 补仓检查: every 30 minutes; one call per receipt and day (unique index), pledges locked with SKIP LOCKED
    registerScheduledJob({ name: 'copper-margin-sweep', everyMs: 30 * 60_000, run: (c) => service.sweepAllParks(c) });
  }

  route(app, { method: 'GET', url: '/api/finance/copper/receipts', summary: '仓单列表(企业只看本企业,金融机构只看质押给本机构的)', tags, query: ZCopperListQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return service.listReceipts(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/receipts', summary: '登记仓单(企业为本企业,金融服务中心为企业)', tags, body: ZCreateReceiptRequest }, async ({ actor, body, reply }) => {
    requireFinanceAccess(actor);
    const created = await service.createReceipt(ctx, actor, body as never);
    reply.status(201);
    return created;
  });

  route(app, { method: 'GET', url: '/api/finance/copper/prices', summary: '铜价表(元/吨,每日一价)', tags, query: ZCopperPriceQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return service.listPrices(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/prices', summary: '录入某日铜价(已有则更新)', tags, permission: 'finance:manage', body: ZSetCopperPriceRequest }, ({ actor, body }) => service.setPrice(ctx, actor, body));
  route(app, { method: 'GET', url: '/api/finance/copper/prices/template', summary: '下载铜价导入模板', tags, permission: 'finance:manage', produces: XLSX_TYPE }, async ({ reply }) => {
    const buffer = await buildPriceTemplate();
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('铜价导入模板.xlsx'));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/prices/import', summary: '从 Excel 导入铜价(async=true 时返回任务编号以查询进度)', tags, permission: 'finance:manage', query: ZImportQuery }, async ({ actor, query, request, reply }) => {
    const { buffer } = await readSingleFile(request, 'xlsx');
    if (query.async === 'true') {
      const jobId = await startJob(ctx, actor, 'copper-price-import', (progress) => importPrices(ctx, actor, buffer, (done, total, phase) => progress(done, total, phase)));
      reply.status(202);
      return { jobId };
    }
    return importPrices(ctx, actor, buffer);
  });

  route(app, { method: 'GET', url: '/api/finance/copper/quote', summary: '质押定价:定价日铜价、质押率与额度', tags, query: ZQuoteQuery }, ({ actor, query }) => service.quotePledge(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/finance/copper/pledges', summary: '质押列表(当前额度与贷款余额)', tags, query: ZCopperListQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return service.listPledges(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/pledges', summary: '办理仓单质押(一张仓单解除前不能再次质押)', tags, body: ZCreatePledgeRequest }, async ({ actor, body, reply }) => {
    const created = await service.createPledge(ctx, actor, body);
    reply.status(201);
    return created;
  });
  route(app, { method: 'GET', url: '/api/finance/copper/pledges/:id', summary: '质押详情与时间线', tags, params: ZIdParams }, ({ actor, params }) => {
    requireFinanceAccess(actor);
    return service.getPledge(ctx, actor, params.id);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/pledges/:id/top-up', summary: '追加保证金', tags, params: ZIdParams, body: ZPledgeAmountRequest }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    return service.pledgeStep(ctx, actor, params.id, 'top_up', body);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/pledges/:id/repay', summary: '还款(部分还款;还清即解除质押)', tags, params: ZIdParams, body: ZPledgeAmountRequest }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    return service.pledgeStep(ctx, actor, params.id, 'repay', body);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/pledges/:id/release', summary: '结清并解除质押', tags, params: ZIdParams, body: ZPledgeAmountRequest.partial() }, ({ actor, params, body }) => {
    requireFinanceAccess(actor);
    return service.pledgeStep(ctx, actor, params.id, 'release', body);
  });

  route(app, { method: 'GET', url: '/api/finance/copper/margin-calls', summary: '补仓通知(追加保证金)列表,含逾期标记', tags, query: ZCopperListQuery }, ({ actor, query }) => {
    requireFinanceAccess(actor);
    return service.listMarginCalls(ctx, actor, query);
  });
  route(app, { method: 'POST', url: '/api/finance/copper/margin-sweep', summary: '立即检查补仓(按今日最新铜价)', tags, permission: 'finance:manage' }, ({ actor }) => service.runMarginSweepNow(ctx, actor));
}
