import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MATERIAL_FILE_FIELD_PREFIX,
  ZCreateServiceApplicationRequest,
  ZItemStatsQuery,
  ZListPostchecksQuery,
  ZListServiceApplicationsQuery,
  ZPostcheckResultRequest,
  ZRateRequest,
  ZServiceApplicationActionRequest,
  ZServiceApplicationSettings,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { AppError, invalidState, notFound, parseInput } from '../../../platform/errors.js';
import { DOCX_TYPE, XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readMultipart } from '../../../platform/uploads.js';
import * as applications from './service.js';
import { registerApplicationSweep } from './sweep.js';
import * as postchecks from './postcheck.js';
import { buildRongqueNoticeDocx } from './rongque-notice-docx.js';
import { applicationSearchProvider } from './search-provider.js';
import { exportItemStatistics, itemStatistics } from './item-stats.js';

const ZFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

type Multipart = { fields: Map<string, string>; files: applications.MaterialUpload[] };

/** Reads a multipart body: text fields, and attachment files whose field is `material.<key>`. */
async function readMaterials(request: FastifyRequest): Promise<Multipart> {
  const form = await readMultipart(request, {
    kind: (field) => (field.startsWith(MATERIAL_FILE_FIELD_PREFIX) ? 'attachment' : null),
    notMultipart: '请以 multipart/form-data 上传材料,文件字段名为 material.<材料标识>',
  });
  return {
    fields: new Map(Object.entries(form.fields)),
    files: form.files.map((f) => ({ key: f.field.slice(MATERIAL_FILE_FIELD_PREFIX.length), filename: f.filename, buffer: f.buffer })),
  };
}

function parseJsonField(raw: string | undefined, field: string): unknown {
  if (raw === undefined) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', '申请内容不是有效的 JSON', [{ path: field, message: '申请内容不是有效的 JSON' }]);
  }
}

/** 办件: applications, the working-day clock, 容缺/承诺/补正, decisions, post-checks, per-item performance. */
export function registerServiceApplicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.search.register(applicationSearchProvider);
  registerApplicationSweep();
  const tags = ['service-applications'];

  route(app, { method: 'GET', url: '/api/service-applications', summary: '办件列表(按数据范围:审批人员只看本人事项;筛选、分页、时限)', tags, permission: 'application:read', query: ZListServiceApplicationsQuery }, ({ actor, query }) =>
    applications.listApplications(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/service-applications/board', summary: '办件计数(按状态、即将到期、超期、容缺待补、待核查)', tags, permission: 'application:read' }, ({ actor }) =>
    applications.applicationBoard(ctx, actor),
  );

  route(app, { method: 'GET', url: '/api/service-applications/settings', summary: '办件设置(告知承诺事后核查期限)', tags, permission: 'application:read' }, ({ actor }) => applications.getSettings(ctx, actor));

  route(app, { method: 'PUT', url: '/api/service-applications/settings', summary: '修改办件设置', tags, permission: 'service:manage', body: ZServiceApplicationSettings }, ({ actor, body }) =>
    applications.putSettings(ctx, actor, body),
  );

  route(
    app,
    {
      method: 'POST',
      url: '/api/service-applications',
      summary: '申请办件(multipart:字段 payload 为申请 JSON,文件字段 material.<材料标识>;或纯 JSON 无附件)。企业自办或专员代办',
      tags,
      permission: 'service:apply',
    },
    async ({ actor, request, reply }) => {
      let payload: unknown = request.body;
      let files: applications.MaterialUpload[] = [];
      if (request.isMultipart()) {
        const body = await readMaterials(request);
        payload = parseJsonField(body.fields.get('payload'), 'payload');
        files = body.files;
      }
      const input = parseInput(ZCreateServiceApplicationRequest, payload);
      const created = await applications.fileApplication(ctx, actor, input, files);
      reply.status(201);
      return created;
    },
  );

  route(app, { method: 'GET', url: '/api/service-applications/:id', summary: '办件详情(材料清单、计时、时间线、可执行操作、容缺/承诺/核查、评价)', tags, permission: 'application:read', params: ZIdParams }, ({ actor, params }) =>
    applications.getApplication(ctx, actor, params.id),
  );

  route(
    app,
    {
      method: 'POST',
      url: '/api/service-applications/:id/actions',
      summary: '办理办件:受理、不予受理、一次性告知补正、容缺受理、特别程序、审查、准予/不予许可(办结)、撤回、登记到现场',
      tags,
      permission: 'application:read',
      params: ZIdParams,
      body: ZServiceApplicationActionRequest,
    },
    ({ actor, params, body }) => applications.actOnApplication(ctx, actor, params.id, body),
  );

  route(
    app,
    { method: 'POST', url: '/api/service-applications/:id/supply', summary: '补正或补齐容缺材料(multipart:文件字段 material.<材料标识>,可选字段 note)', tags, permission: 'application:read', params: ZIdParams },
    async ({ actor, params, request }) => {
      const body = await readMaterials(request);
      const input = parseInput(ZServiceApplicationActionRequest, { action: 'supply', note: body.fields.get('note') || undefined });
      return applications.actOnApplication(ctx, actor, params.id, input, body.files);
    },
  );

  route(app, { method: 'GET', url: '/api/service-applications/:id/materials/:fileId', summary: '下载申请材料', tags, permission: 'application:read', params: ZFileParams, produces: 'application/octet-stream' }, async ({ actor, params, reply }) => {
    const file = await applications.readMaterialFile(ctx, actor, params.id, params.fileId);
    reply.header('content-type', file.content_type).header('content-disposition', attachment(file.filename));
    return reply.send(file.data);
  });

  route(app, { method: 'GET', url: '/api/service-applications/:id/rongque-notice.docx', summary: '容缺受理通知书 .docx', tags, permission: 'application:read', params: ZIdParams, produces: DOCX_TYPE }, async ({ actor, params, reply }) => {
    const detail = await applications.getApplication(ctx, actor, params.id);
    if (!detail.rongque) throw invalidState('该办件不是容缺受理,没有容缺受理通知书');
    const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirst();
    if (!park) throw notFound('园区');
    const buffer = await buildRongqueNoticeDocx(detail, `${park.name}${detail.department}`);
    reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`容缺受理通知书-${detail.number}.docx`));
    return reply.send(buffer);
  });

  route(app, { method: 'POST', url: '/api/service-applications/:id/rating', summary: '评价已办结的办件(一事一评,网上评价分项)', tags, permission: 'application:read', params: ZIdParams, body: ZRateRequest }, async ({ actor, params, body, reply }) => {
    const rating = await applications.rateApplication(ctx, actor, params.id, body);
    reply.status(201);
    return rating;
  });

  // Post-checks 事后核查 ------------------------------------------------------------------------

  const checkTags = ['service-postchecks'];
  route(app, { method: 'GET', url: '/api/service-postchecks', summary: '告知承诺事后核查任务(审批人员只看本人事项)', tags: checkTags, permission: 'application:read', query: ZListPostchecksQuery }, ({ actor, query }) =>
    postchecks.listPostchecks(ctx, actor, query),
  );

  route(
    app,
    { method: 'POST', url: '/api/service-postchecks/:id/result', summary: '登记核查结果(虚假承诺:撤销决定并标记企业失信)', tags: checkTags, permission: 'service:handle', params: ZIdParams, body: ZPostcheckResultRequest },
    ({ actor, params, body }) => postchecks.recordPostcheckResult(ctx, actor, params.id, body),
  );

  // Per-item statistics 事项效能 ------------------------------------------------------------------
  const statsTags = ['service-stats'];
  route(app, { method: 'GET', url: '/api/service-stats/items', summary: '事项效能:平均用时、按时率、一次不跑、积压', tags: statsTags, permission: 'service:stats', query: ZItemStatsQuery }, ({ actor, query }) =>
    itemStatistics(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/service-stats/items/export', summary: '导出事项效能(.xlsx)', tags: statsTags, permission: 'service:stats', query: ZItemStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const buffer = await exportItemStatistics(ctx, actor, query);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`事项效能-${query.from}至${query.to}.xlsx`));
    return reply.send(buffer);
  });
}
