import type { FastifyInstance } from 'fastify';
import {
  ZAppealRequest,
  ZAppealReviewRequest,
  ZListAppealsQuery,
  ZListRatingsQuery,
  ZListRectificationsQuery,
  ZRatingSettingsRequest,
  ZRatingStatsQuery,
  ZRectificationActionRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../platform/http.js';
import { buildRatingStatsWorkbook } from './excel.js';
import * as appeals from './appeals/service.js';
import * as rectifications from './rectifications/service.js';
import * as service from './service.js';
import { registerRatingJobs } from './sweep.js';

/**
 * 好差评 HTTP API. Rating a case is the subject domain's route (POST /api/demands/:id/rating),
 * which calls service.rateSubject in its own transaction.
 */
export function registerRatingRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRatingJobs();
  const tags = ['ratings'];

  route(app, { method: 'GET', url: '/api/ratings', summary: '好差评台账(按角色限定范围;经办人看不到评价人)', tags, query: ZListRatingsQuery }, ({ actor, query }) =>
    service.listRatings(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/ratings/stats', summary: '好评率、差评整改率、未评率(按经办人/类别/部门分组)', tags, permission: 'rating:read', query: ZRatingStatsQuery }, ({ actor, query }) =>
    service.ratingStatsReport(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/ratings/stats.xlsx', summary: '导出好差评统计 Excel', tags, permission: 'rating:read', query: ZRatingStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const report = await service.ratingStatsReport(ctx, actor, query);
    const buffer = await buildRatingStatsWorkbook(report);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`好差评统计-${query.from}至${query.to}.xlsx`));
    return reply.send(buffer);
  });

  route(app, { method: 'GET', url: '/api/ratings/pending', summary: '本企业待评价的已办结事项', tags }, ({ actor }) => service.listRateableCases(ctx, actor));

  route(app, { method: 'GET', url: '/api/ratings/settings', summary: '好差评设置(整改期限等)', tags, permission: 'rating:read' }, ({ actor }) => service.getRatingSettings(ctx, actor));

  route(app, { method: 'PUT', url: '/api/ratings/settings', summary: '修改差评整改期限(工作日)', tags, permission: 'dictionary:manage', body: ZRatingSettingsRequest }, ({ actor, body }) =>
    service.putRatingSettings(ctx, actor, body),
  );

  route(app, { method: 'GET', url: '/api/ratings/:id', summary: '评价详情及时间线', tags, params: ZIdParams }, ({ actor, params }) => service.getRating(ctx, actor, params.id));

  route(app, { method: 'POST', url: '/api/ratings/:id/appeal', summary: '被评价经办人对差评提出申诉(每条一次)', tags, params: ZIdParams, body: ZAppealRequest }, async ({ actor, params, body, reply }) => {
    const appeal = await appeals.appealRating(ctx, actor, params.id, body);
    reply.status(201);
    return appeal;
  });

  route(app, { method: 'GET', url: '/api/rectifications', summary: '差评整改列表(mine=true 为我负责的)', tags, query: ZListRectificationsQuery }, ({ actor, query }) =>
    rectifications.listRectifications(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/rectifications/:id', summary: '整改详情(回访记录、时间线)', tags, params: ZIdParams }, ({ actor, params }) =>
    rectifications.getRectification(ctx, actor, params.id),
  );

  route(
    app,
    { method: 'POST', url: '/api/rectifications/:id/actions', summary: '整改操作:录入整改措施、登记回访、评价整改结果、办结', tags, params: ZIdParams, body: ZRectificationActionRequest },
    ({ actor, params, body }) => rectifications.actOnRectification(ctx, actor, params.id, body),
  );

  route(app, { method: 'GET', url: '/api/appeals', summary: '差评申诉列表', tags, query: ZListAppealsQuery }, ({ actor, query }) => appeals.listAppeals(ctx, actor, query));

  route(app, { method: 'POST', url: '/api/appeals/:id/review', summary: '审核差评申诉(维持或移除)', tags, permission: 'rating:review', params: ZIdParams, body: ZAppealReviewRequest }, ({ actor, params, body }) =>
    appeals.reviewAppeal(ctx, actor, params.id, body),
  );
}
