import type { FastifyInstance } from 'fastify';
import {
  ZCreatePublicityRequest,
  ZHandleObjectionRequest,
  ZListPublicityQuery,
  ZPublicPublicityQuery,
  ZSubmitObjectionRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ZIdParams, route } from '../../../platform/http.js';
import * as publicity from './service.js';

/** 公示: batches, objections, and the public list anyone may read and object to. */
export function registerPublicityRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  route(app, { method: 'POST', url: '/api/policy-publicity', summary: '发起公示(5个工作日)', tags, permission: 'policy:review', body: ZCreatePublicityRequest }, async ({ actor, body, reply }) => {
    const out = await publicity.createPublicity(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-publicity', summary: '公示批次', tags, permission: 'policy-application:read', query: ZListPublicityQuery }, ({ actor, query }) => publicity.listPublicity(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/policy-publicity/:id', summary: '公示批次详情(含异议)', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) =>
    publicity.getPublicity(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/policy-objections/:id/handle', summary: '处理公示异议', tags, permission: 'policy:review', params: ZIdParams, body: ZHandleObjectionRequest }, ({ actor, params, body }) =>
    publicity.handleObjection(ctx, actor, params.id, body),
  );
  const ZPublicListQuery = ZPublicPublicityQuery.extend({ park: z.string().trim().max(40).optional() });
  route(app, { method: 'GET', url: '/api/public/policy-publicity', summary: '公示名单(公开,无需登录)', tags, public: true, query: ZPublicListQuery }, ({ query }) => publicity.publicList(ctx, query));
  route(app, { method: 'GET', url: '/api/public/policy-publicity/:id', summary: '公示名单详情(公开,无需登录)', tags, public: true, params: ZIdParams }, ({ params }) => publicity.publicDetail(ctx, params.id));
  route(app, { method: 'POST', url: '/api/public/policy-publicity/:id/objections', summary: '对公示提出异议(公开,无需登录)', tags, public: true, params: ZIdParams, body: ZSubmitObjectionRequest }, async ({ params, body, request, reply }) => {
    const out = await publicity.submitObjection(ctx, params.id, body, { ip: request.ip ?? null });
    reply.status(201);
    return out;
  });
}
