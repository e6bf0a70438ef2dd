import type { FastifyInstance } from 'fastify';
import {
  ZAcquisitionHouseholdQuery,
  ZAcquisitionIncidentQuery,
  ZAcquisitionPaymentRequest,
  ZCreateAcquisitionIncidentRequest,
  ZResolveAcquisitionIncidentRequest,
  ZSaveAcquisitionAreaRequest,
  ZSaveAcquisitionHouseholdRequest,
  ZVoidAcquisitionPaymentRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { householdTemplate, householdsWorkbook, importHouseholds } from './excel.js';
import * as service from './service.js';

const tags = ['要素保障·征地拆迁'];

/** 要素保障 — 征地拆迁 register: areas, households, payments, incidents. */
export function registerLandAcquisitionRoutes(app: FastifyInstance, ctx: AppContext): void {
  // ---- areas and the statement
  route(app, { method: 'GET', url: '/api/land/acquisition/areas', summary: '征迁片区及台账统计(户数、面积、签约、搬迁、补偿、事件)', tags, permission: 'acquisition:read' }, ({ actor }) => service.listAreas(ctx, actor));
  route(app, { method: 'POST', url: '/api/land/acquisition/areas', summary: '新增征迁片区(含负责干部)', tags, permission: 'acquisition:manage', body: ZSaveAcquisitionAreaRequest }, ({ actor, body }) =>
    service.createArea(ctx, actor, body),
  );
  route(app, { method: 'GET', url: '/api/land/acquisition/areas/:id', summary: '征迁片区详情与统计', tags, permission: 'acquisition:read', params: ZIdParams }, ({ actor, params }) => service.getArea(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/land/acquisition/areas/:id', summary: '修改征迁片区(含负责干部)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZSaveAcquisitionAreaRequest }, ({ actor, params, body }) =>
    service.updateArea(ctx, actor, params.id, body),
  );

  // ---- households
  route(app, { method: 'GET', url: '/api/land/acquisition/areas/:id/households', summary: '片区住户/单位(非负责干部看到脱敏信息)', tags, permission: 'acquisition:read', params: ZIdParams, query: ZAcquisitionHouseholdQuery }, async ({ actor, params, query }) => {
    const { officer: _officer, ...page } = await service.listHouseholds(ctx, actor, params.id, query);
    return page;
  });
  route(app, { method: 'POST', url: '/api/land/acquisition/areas/:id/households', summary: '登记住户/单位(片区负责干部)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZSaveAcquisitionHouseholdRequest }, ({ actor, params, body }) =>
    service.createHousehold(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/land/acquisition/areas/:id/households/template', summary: '下载住户导入模板', tags, permission: 'acquisition:manage', params: ZIdParams, produces: XLSX_TYPE }, async ({ reply }) => {
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('征迁住户导入模板.xlsx'));
    return reply.send(await householdTemplate());
  });
  route(app, { method: 'POST', url: '/api/land/acquisition/areas/:id/households/import', summary: '从 Excel 导入住户(片区负责干部;全部通过才导入)', tags, permission: 'acquisition:manage', params: ZIdParams }, async ({ actor, params, request }) => {
    const { buffer } = await readSingleFile(request, 'xlsx');
    return importHouseholds(ctx, actor, params.id, buffer);
  });
  route(app, { method: 'GET', url: '/api/land/acquisition/areas/:id/households/export', summary: '导出片区住户 Excel(非负责干部为脱敏信息)', tags, permission: 'acquisition:read', params: ZIdParams, query: ZAcquisitionHouseholdQuery, produces: XLSX_TYPE }, async ({ actor, params, query, reply }) => {
    const { buffer, areaName } = await householdsWorkbook(ctx, actor, params.id, query);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${areaName}征迁住户.xlsx`));
    return reply.send(buffer);
  });
  route(app, { method: 'GET', url: '/api/land/acquisition/households/:id', summary: '住户详情(补偿支付、事件)', tags, permission: 'acquisition:read', params: ZIdParams }, ({ actor, params }) => service.getHousehold(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/land/acquisition/households/:id', summary: '修改住户(签约、搬迁;片区负责干部)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZSaveAcquisitionHouseholdRequest }, ({ actor, params, body }) =>
    service.updateHousehold(ctx, actor, params.id, body),
  );

  // ---- payments
  route(app, { method: 'POST', url: '/api/land/acquisition/households/:id/payments', summary: '登记补偿支付(可分期)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZAcquisitionPaymentRequest }, ({ actor, params, body }) =>
    service.addPayment(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/land/acquisition/payments/:id/void', summary: '作废补偿支付(须写原因)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZVoidAcquisitionPaymentRequest }, ({ actor, params, body }) =>
    service.voidPayment(ctx, actor, params.id, body.voidReason),
  );

  // ---- incidents
  route(app, { method: 'GET', url: '/api/land/acquisition/areas/:id/incidents', summary: '片区事故、纠纷、上访', tags, permission: 'acquisition:read', params: ZIdParams, query: ZAcquisitionIncidentQuery }, ({ actor, params, query }) =>
    service.listIncidents(ctx, actor, params.id, query),
  );
  route(app, { method: 'POST', url: '/api/land/acquisition/areas/:id/incidents', summary: '登记事故、纠纷或上访', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZCreateAcquisitionIncidentRequest }, ({ actor, params, body }) =>
    service.createIncident(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/land/acquisition/incidents/:id', summary: '事件详情', tags, permission: 'acquisition:read', params: ZIdParams }, ({ actor, params }) => service.getIncident(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/land/acquisition/incidents/:id/resolve', summary: '办结事件(写明处理结果)', tags, permission: 'acquisition:manage', params: ZIdParams, body: ZResolveAcquisitionIncidentRequest }, ({ actor, params, body }) =>
    service.resolveIncident(ctx, actor, params.id, body),
  );
}
