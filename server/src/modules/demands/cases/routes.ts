import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZCreateDemandRequest, ZDemandTransitionRequest, ZListDemandsQuery, ZRateRequest } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { ZIdParams, attachment, route } from '../../../platform/http.js';
import { readMultipart } from '../../../platform/uploads.js';
import { MAX_ATTACHMENTS_PER_DEMAND } from './attachments.js';
import { loadCategories } from './categories.js';
import { demandSearchProvider } from './search-provider.js';
import * as service from './service.js';
import { registerDemandSweep } from './sweep.js';

const ZAttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

async function readFiles(request: FastifyRequest): Promise<service.Upload[]> {
  const { files } = await readMultipart(request, { kind: 'attachment', maxFiles: MAX_ATTACHMENTS_PER_DEMAND });
  return files.map((f) => ({ filename: f.filename, buffer: f.buffer }));
}

export function registerDemandCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(demandSearchProvider);
  registerDemandSweep();
  const tags = ['demands'];

  route(app, { method: 'GET', url: '/api/demands/categories', summary: '诉求类别及签收、答复期限(工作日)', tags, permission: 'demand:read' }, async ({ actor }) => ({
    items: [...(await loadCategories(ctx.db, actor.parkId)).values()],
  }));

  route(app, { method: 'GET', url: '/api/demands/board', summary: '诉求看板计数(按状态、逾期、升级、待分派)', tags, permission: 'demand:read' }, ({ actor }) => service.demandBoard(ctx, actor));

  route(app, { method: 'GET', url: '/api/demands', summary: '诉求列表(按数据范围;筛选、分页、倒计时)', tags, permission: 'demand:read', query: ZListDemandsQuery }, ({ actor, query }) =>
    service.listDemands(ctx, actor, query),
  );

  route(app, { method: 'POST', url: '/api/demands', summary: '提交诉求(企业自提;专员、工作人员须指定企业)', tags, permission: 'demand:create', body: ZCreateDemandRequest }, async ({ actor, body, reply }) => {
    const created = await service.createDemand(ctx, actor, body);
    reply.status(201);
    return created;
  });

  route(app, { method: 'GET', url: '/api/demands/:id', summary: '诉求详情(时间线、可执行操作、附件、评价)', tags, permission: 'demand:read', params: ZIdParams }, ({ actor, params }) =>
    service.getDemand(ctx, actor, params.id),
  );

  route(app, { method: 'POST', url: '/api/demands/:id/transitions', summary: '办理诉求:签收、转办、答复、确认、退回、撤回、改派', tags, permission: 'demand:read', params: ZIdParams, body: ZDemandTransitionRequest }, ({ actor, params, body }) =>
    service.transitionDemand(ctx, actor, params.id, body),
  );

  route(app, { method: 'POST', url: '/api/demands/:id/attachments', summary: '上传附件(multipart,字段 file,每个≤20MB;jpg/png/pdf/doc(x)/xls(x))', tags, permission: 'demand:read', params: ZIdParams }, async ({ actor, params, request, reply }) => {
    const files = await readFiles(request);
    const demand = await service.addAttachments(ctx, actor, params.id, files);
    reply.status(201);
    return demand;
  });

  route(app, { method: 'GET', url: '/api/demands/:id/attachments/:attachmentId', summary: '下载附件', tags, permission: 'demand:read', params: ZAttachmentParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const file = await service.readAttachment(ctx, actor, params.id, params.attachmentId);
    reply.header('content-type', file.content_type).header('content-disposition', attachment(file.filename));
    return reply.send(file.data);
  });

  route(app, { method: 'POST', url: '/api/demands/:id/rating', summary: '评价已办结的诉求(一事一评)', tags, permission: 'demand:read', params: ZIdParams, body: ZRateRequest }, async ({ actor, params, body, reply }) => {
    const rating = await service.rateDemandById(ctx, actor, params.id, body);
    reply.status(201);
    return rating;
  });
}
