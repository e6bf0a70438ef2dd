import type { FastifyInstance } from 'fastify';
import {
  ZApartmentActionRequest,
  ZApartmentApplicationListQuery,
  ZApartmentApplicationRequest,
  ZApartmentOnQuery,
  ZApartmentRuleSetRequest,
  ZApartmentVacantQuery,
  ZApartmentWaitlistQuery,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { route, ZIdParams } from '../../../platform/http.js';
import { occupancyOn } from './occupancy.js';
import * as service from './service.js';

const tags = ['要素保障·人才公寓'];
const ZLayoutQuery = z.object({ layout: z.string().trim().max(20).optional() });

/** 要素保障 — 人才公寓: rules, applications, allocation, occupancy (under /api/land/apartments/…). */
export function registerLandApartmentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  // ---- eligibility rules 入住条件 (dated versions)
  route(app, { method: 'GET', url: '/api/land/apartments/rule-sets', summary: '人才公寓入住条件(各版本)', tags }, ({ actor }) => service.listRuleSets(ctx, actor));
  route(app, { method: 'GET', url: '/api/land/apartments/rule-sets/current', summary: '某日有效的入住条件', tags, query: ZApartmentOnQuery }, async ({ actor, query }) => ({
    ruleSet: await service.currentRuleSet(ctx, actor, query.on),
  }));
  route(app, { method: 'POST', url: '/api/land/apartments/rule-sets', summary: '新增一版入住条件', tags, permission: 'premises:manage', body: ZApartmentRuleSetRequest }, ({ actor, body }) =>
    service.createRuleSet(ctx, actor, body),
  );

  // ---- applications 入住申请
  route(app, { method: 'GET', url: '/api/land/apartments/applications', summary: '人才公寓申请列表', tags, query: ZApartmentApplicationListQuery }, ({ actor, query }) =>
    service.listApplications(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/land/apartments/applications/summary', summary: '人才公寓申请各状态数量', tags }, ({ actor }) => service.summary(ctx, actor));
  route(app, { method: 'POST', url: '/api/land/apartments/applications', summary: '提交人才公寓申请', tags, body: ZApartmentApplicationRequest }, ({ actor, body }) =>
    service.createApplication(ctx, actor, body),
  );
  route(app, { method: 'GET', url: '/api/land/apartments/applications/:id', summary: '人才公寓申请详情', tags, params: ZIdParams }, ({ actor, params }) =>
    service.getApplication(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/land/apartments/applications/:id/vacant-units', summary: '可分配的空置公寓', tags, permission: 'premises:manage', params: ZIdParams, query: ZApartmentVacantQuery }, ({ actor, params, query }) =>
    service.vacantUnitsFor(ctx, actor, params.id, query),
  );
  route(app, { method: 'POST', url: '/api/land/apartments/applications/:id/actions', summary: '分配、入住、退房、撤销分配或撤回', tags, params: ZIdParams, body: ZApartmentActionRequest }, ({ actor, params, body }) =>
    service.actOnApplication(ctx, actor, params.id, body),
  );

  // ---- waitlist 轮候 and occupancy 入住情况
  route(app, { method: 'GET', url: '/api/land/apartments/waitlist', summary: '人才公寓轮候名单(积分高者在前,同分先申请在前)', tags, query: ZApartmentWaitlistQuery }, ({ actor, query }) =>
    service.waitlist(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/land/apartments/waitlist/next', summary: '下一位分配建议(轮候首位与空置房间)', tags, permission: 'premises:manage', query: ZLayoutQuery }, ({ actor, query }) =>
    service.nextAllocation(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/land/apartments/occupancy', summary: '某日公寓入住情况', tags, query: ZApartmentOnQuery }, ({ actor, query }) => occupancyOn(ctx, actor, query.on));
}
