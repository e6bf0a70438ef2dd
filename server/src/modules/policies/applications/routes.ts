import type { FastifyInstance } from 'fastify';
import {
  ZCreatePolicyApplicationRequest,
  ZListPolicyApplicationsQuery,
  ZPolicyApplicationPayoutRequest,
  ZPolicyApplicationTransitionRequest,
  ZPolicyFileParams,
  ZUpdatePolicyApplicationRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { registerPayoutReversalHandler } from '../../funds/service.js';
import { readMultipart } from '../../../platform/uploads.js';
import * as applications from './service.js';
import { buildApplicationsWorkbook } from '../xlsx.js';

/** 申报: list and export, create, edit, materials, transitions (初审/复审), 拨付. */
export function registerApplicationRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  registerPayoutReversalHandler('policy_application', (trx, _ctx, actor, payout) => applications.onApplicationPayoutReversed(trx, actor, payout));
  route(app, { method: 'GET', url: '/api/policy-applications', summary: '政策申报列表(审核队列、企业本企业)', tags, permission: 'policy-application:read', query: ZListPolicyApplicationsQuery }, ({ actor, query }) =>
    applications.listApplications(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/policy-applications.xlsx', summary: '导出政策申报 Excel', tags, permission: 'policy-application:read', query: ZListPolicyApplicationsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const rows = await applications.exportApplicationRows(ctx, actor, query);
    const buffer = await buildApplicationsWorkbook(rows);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('政策申报.xlsx'));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/policy-applications', summary: '发起申报(按企业数据预填)', tags, permission: 'policy:apply', body: ZCreatePolicyApplicationRequest }, async ({ actor, body, reply }) => {
    const out = await applications.createApplication(ctx, actor, body);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-applications/:id', summary: '申报详情(进度、材料、审核记录)', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) =>
    applications.getApplication(ctx, actor, params.id),
  );
  route(app, { method: 'PATCH', url: '/api/policy-applications/:id', summary: '修改申报(草稿或退回补正时)', tags, permission: 'policy:apply', params: ZIdParams, body: ZUpdatePolicyApplicationRequest }, ({ actor, params, body }) =>
    applications.updateApplication(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-applications/:id/files', summary: '上传申报材料', tags, permission: 'policy:apply', params: ZIdParams }, async ({ actor, params, request, reply }) => {
    const { files, fields } = await readMultipart(request, { kind: 'attachment' });
    const out = await applications.addFiles(ctx, actor, params.id, files, fields.material?.trim() || null);
    reply.status(201);
    return out;
  });
  route(app, { method: 'GET', url: '/api/policy-applications/:id/files/:fileId', summary: '下载申报材料', tags, permission: 'policy-application:read', params: ZPolicyFileParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const file = await applications.readFile(ctx, actor, params.id, params.fileId);
    reply.header('content-type', file.content_type).header('content-disposition', attachment(file.filename));
    return reply.send(file.data);
  });
  route(app, { method: 'DELETE', url: '/api/policy-applications/:id/files/:fileId', summary: '删除申报材料', tags, permission: 'policy:apply', params: ZPolicyFileParams }, async ({ actor, params, reply }) => {
    await applications.deleteFile(ctx, actor, params.id, params.fileId);
    return reply.status(204).send();
  });
  route(app, { method: 'POST', url: '/api/policy-applications/:id/transitions', summary: '申报流转(提交、撤回、初审/复审通过、退回补正、不予通过)', tags, permission: 'policy-application:read', params: ZIdParams, body: ZPolicyApplicationTransitionRequest }, ({ actor, params, body }) =>
    applications.transitionApplication(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-applications/:id/payout', summary: '资金拨付(公示期满)', tags, permission: 'payout:execute', params: ZIdParams, body: ZPolicyApplicationPayoutRequest }, ({ actor, params, body }) =>
    applications.payApplication(ctx, actor, params.id, body),
  );
}
