import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ZCreateDaibanRequest,
  ZCreateDemandRequest,
  ZCreateDispatchMeetingRequest,
  ZCreateVisitRequest,
  ZDemandStatsQuery,
  ZDemandTransitionRequest,
  ZListDaibanQuery,
  ZListDemandsQuery,
  ZListDispatchMeetingsQuery,
  ZListVisitsQuery,
  ZMonth,
  ZPutTargetsRequest,
  ZRateRequest,
  ZUpdateDispatchItemRequest,
  ZVisitCalendarQuery,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { DOCX_TYPE, XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import { enterpriseScopeOf } from '../../platform/scope.js';
import type { Actor } from '../../platform/actor.js';
import { loadCategories } from './categories.js';
import * as dispatch from './dispatch.js';
import { buildMinutesDocx } from './minutes-docx.js';
import * as service from './service.js';
import * as stats from './stats.js';
import { buildStatsWorkbook } from './stats-xlsx.js';
import { registerDemandSweep } from './sweep.js';
import * as visits from './visits.js';
import { demandSearchProvider } from './search-provider.js';

const ZAttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const ZItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const ZMonthParams = z.object({ month: ZMonth });

async function readFiles(request: FastifyRequest): Promise<service.Upload[]> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件,字段名为 file', [{ path: 'file', message: '请选择要上传的文件' }]);
  }
  const files: service.Upload[] = [];
  for await (const part of request.files()) {
    // toBuffer() fails with FST_REQ_FILE_TOO_LARGE (413) past the configured 20 MB.
    files.push({ filename: part.filename, buffer: await part.toBuffer() });
  }
  return files;
}

/** The meeting and target screens belong to the office and the leaders (park-wide readers). */
function assertParkWide(actor: Actor): void {
  if (enterpriseScopeOf(actor).kind !== 'park') throw forbidden('只有调度专班和领导可以查看周调度');
}

export function registerDemandRoutes(app: FastifyInstance, ctx: AppContext): void {
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

  route(app, { method: 'GET', url: '/api/demands/stats', summary: '诉求与走访统计(专员只看本人)', tags, permission: 'stats:read', query: ZDemandStatsQuery }, ({ actor, query }) =>
    stats.demandStats(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/demands/stats.xlsx', summary: '诉求与走访统计导出 Excel', tags, permission: 'stats:read', query: ZDemandStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const figures = await stats.demandStats(ctx, actor, query);
    const title = `诉求办理与走访统计(${query.from} 至 ${query.to})`;
    const buffer = await buildStatsWorkbook(figures, title);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`诉求统计-${query.from}至${query.to}.xlsx`));
    return reply.send(buffer);
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

  // Visits 走访 and 代办 ---------------------------------------------------------------------

  const visitTags = ['visits'];
  route(app, { method: 'POST', url: '/api/visits', summary: '登记走访(可同时登记代办事项和提出的诉求,一个事务)', tags: visitTags, permission: 'visit:write', body: ZCreateVisitRequest }, async ({ actor, body, reply }) => {
    const visit = await visits.createVisit(ctx, actor, body);
    reply.status(201);
    return visit;
  });
  route(app, { method: 'GET', url: '/api/visits', summary: '走访记录(专员只看本人)', tags: visitTags, permission: 'visit:read', query: ZListVisitsQuery }, ({ actor, query }) => visits.listVisits(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/visits/calendar', summary: '走访日历(按月,每日人次与明细)', tags: visitTags, permission: 'visit:read', query: ZVisitCalendarQuery }, ({ actor, query }) =>
    visits.visitCalendar(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/visits/:id', summary: '走访详情', tags: visitTags, permission: 'visit:read', params: ZIdParams }, ({ actor, params }) => visits.getVisit(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/daiban', summary: '登记代办事项', tags: visitTags, permission: 'visit:write', body: ZCreateDaibanRequest }, async ({ actor, body, reply }) => {
    const record = await visits.createDaiban(ctx, actor, body);
    reply.status(201);
    return record;
  });
  route(app, { method: 'GET', url: '/api/daiban', summary: '代办记录(专员只看本人)', tags: visitTags, permission: 'visit:read', query: ZListDaibanQuery }, ({ actor, query }) => visits.listDaiban(ctx, actor, query));

  // Weekly dispatch 周调度 ---------------------------------------------------------------------

  const dispatchTags = ['dispatch'];
  route(app, { method: 'POST', url: '/api/dispatch-meetings', summary: '召开周调度会议(自动生成议题:升级、逾期、差评)', tags: dispatchTags, permission: 'demand:dispatch', body: ZCreateDispatchMeetingRequest }, async ({ actor, body, reply }) => {
    const meeting = await dispatch.createMeeting(ctx, actor, body);
    reply.status(201);
    return meeting;
  });
  route(app, { method: 'GET', url: '/api/dispatch-meetings', summary: '周调度会议列表', tags: dispatchTags, permission: 'demand:read', query: ZListDispatchMeetingsQuery }, ({ actor, query }) => {
    assertParkWide(actor);
    return dispatch.listMeetings(ctx, actor, query);
  });
  route(app, { method: 'GET', url: '/api/dispatch-meetings/:id', summary: '周调度会议(议题与决定)', tags: dispatchTags, permission: 'demand:read', params: ZIdParams }, ({ actor, params }) => {
    assertParkWide(actor);
    return dispatch.getMeeting(ctx, actor, params.id);
  });
  route(app, { method: 'PATCH', url: '/api/dispatch-meetings/:id/items/:itemId', summary: '记录议题的调度决定、责任人和新期限', tags: dispatchTags, permission: 'demand:dispatch', params: ZItemParams, body: ZUpdateDispatchItemRequest }, ({ actor, params, body }) =>
    dispatch.decideItem(ctx, actor, params.id, params.itemId, body),
  );
  route(app, { method: 'POST', url: '/api/dispatch-meetings/:id/close', summary: '结束会议(决定不再修改)', tags: dispatchTags, permission: 'demand:dispatch', params: ZIdParams }, ({ actor, params }) =>
    dispatch.closeMeeting(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/dispatch-meetings/:id/minutes.docx', summary: '导出会议纪要 .docx', tags: dispatchTags, permission: 'demand:read', params: ZIdParams, produces: DOCX_TYPE }, async ({ actor, params, reply }) => {
    assertParkWide(actor);
    const meeting = await dispatch.getMeeting(ctx, actor, params.id);
    const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow();
    const buffer = await buildMinutesDocx(meeting, park.name);
    reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`周调度会议纪要-${meeting.heldOn}.docx`));
    return reply.send(buffer);
  });

  // Monthly targets 月战图 ----------------------------------------------------------------------

  route(app, { method: 'GET', url: '/api/targets/:month', summary: '月战图:专员目标与完成情况(专员只看本人)', tags: dispatchTags, permission: 'stats:read', params: ZMonthParams }, ({ actor, params }) =>
    stats.getTargets(ctx, actor, params.month),
  );
  route(app, { method: 'PUT', url: '/api/targets/:month', summary: '设置专员月度目标', tags: dispatchTags, permission: 'demand:dispatch', params: ZMonthParams, body: ZPutTargetsRequest }, ({ actor, params, body }) =>
    stats.putTargets(ctx, actor, params.month, body),
  );

}
