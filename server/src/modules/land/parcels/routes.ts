import { LAND_PARCEL_ACTIONS, LAND_PARCEL_ACTION_LABELS, ZParcelExportQuery, ZParcelImportGeoJsonRequest, ZParcelImportQuery, ZParcelListQuery, ZParcelRequest, ZParcelStepRequest, type LandParcelAction } from '@yuanqi/contract';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { startJob } from '../../jobs/service.js';
import { requireAnyLandPermission } from '../access.js';
import { buildParcelTemplate, exportParcels, importParcels, readParcelGeoJson, readParcelWorkbook } from './excel.js';
import * as service from './service.js';

const ZHolderQuery = z.object({ q: z.string().trim().max(60, { error: '关键词最多60个字' }).optional() });
const ZActionParams = z.object({ id: z.uuid(), action: z.enum(LAND_PARCEL_ACTIONS) });

/** 要素保障 — 地块: parcels, their status workflow, import, the map's layers. */
export function registerLandParcelsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['要素保障·地块'];
  route(app, { method: 'GET', url: '/api/land/parcels', summary: '地块台账(按状态、片区、用途、企业、编号筛选,分页)', tags, permission: 'land:read', query: ZParcelListQuery }, ({ actor, query }) =>
    service.listParcels(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/land/parcels/facets', summary: '地块台账的片区与各状态数量', tags, permission: 'land:read' }, ({ actor }) => service.facets(ctx, actor));
  route(app, { method: 'GET', url: '/api/land/parcels/holders', summary: '出让可选的企业与招商项目', tags, permission: 'land:manage', query: ZHolderQuery }, ({ actor, query }) => service.holders(ctx, actor, query.q));
  route(app, { method: 'GET', url: '/api/land/parcels/export', summary: '导出地块台账(.xlsx,可再导入)', tags, permission: 'land:read', query: ZParcelExportQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const { buffer } = await exportParcels(ctx, actor, query);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`地块台账-${shanghaiDate(ctx.clock.now())}.xlsx`));
    return reply.send(buffer);
  });
  route(app, { method: 'GET', url: '/api/land/parcels/import/template', summary: '下载地块导入模板(.xlsx)', tags, permission: 'land:manage', produces: XLSX_TYPE }, async ({ reply }) => {
    const buffer = await buildParcelTemplate();
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('地块导入模板.xlsx'));
    return reply.send(buffer);
  });
  route(
    app,
    { method: 'POST', url: '/api/land/parcels/import', summary: '从 Excel 导入地块(dryRun=true 只检查;全部正确才写入;async=true 返回任务编号查询进度)', tags, permission: 'land:manage', query: ZParcelImportQuery },
    async ({ actor, query, request, reply }) => {
      const { buffer } = await readSingleFile(request, 'xlsx');
      const dryRun = query.dryRun === 'true';
      if (query.async === 'true') {
        const jobId = await startJob(ctx, actor, 'land-parcel-import', async (progress) => {
          progress(0, 1, 'parse');
          const raw = await readParcelWorkbook(buffer);
          return importParcels(ctx, actor, raw, { dryRun, source: 'xlsx' }, (d, t, p) => progress(d, t, p));
        });
        reply.status(202);
        return { jobId };
      }
      return importParcels(ctx, actor, await readParcelWorkbook(buffer), { dryRun, source: 'xlsx' });
    },
  );
  route(
    app,
    { method: 'POST', url: '/api/land/parcels/import/geojson', summary: '从 GeoJSON FeatureCollection 导入地块(dryRun 只检查;全部正确才写入;async=true 查询进度)', tags, permission: 'land:manage', query: ZParcelImportQuery, body: ZParcelImportGeoJsonRequest },
    async ({ actor, query, body, reply }) => {
      const raw = readParcelGeoJson(body.content);
      if (query.async === 'true') {
        const jobId = await startJob(ctx, actor, 'land-parcel-import', (progress) => importParcels(ctx, actor, raw, { dryRun: body.dryRun, source: 'geojson' }, (d, t, p) => progress(d, t, p)));
        reply.status(202);
        return { jobId };
      }
      return importParcels(ctx, actor, raw, { dryRun: body.dryRun, source: 'geojson' });
    },
  );
  route(app, { method: 'GET', url: '/api/land/map', summary: '地块地图:底图要素与全部地块(状态、面积、企业、最近评价年度的亩均税收与等级)', tags, permission: 'land:read' }, ({ actor }) => service.parcelMap(ctx, actor));
  route(app, { method: 'POST', url: '/api/land/parcels', summary: '登记地块(储备;边界为 WGS84 的 GeoJSON Polygon/MultiPolygon,面积按边界计算)', tags, permission: 'land:manage', body: ZParcelRequest }, async ({ actor, body, reply }) => {
    const created = await service.createParcel(ctx, actor, body);
    reply.status(201);
    return created;
  });
  route(app, { method: 'GET', url: '/api/land/parcels/:id', summary: '地块详情(边界、面积核对、企业与项目、亩均、楼宇、时间线、可办操作)', tags, permission: 'land:read', params: ZIdParams }, ({ actor, params }) =>
    service.getParcel(ctx, actor, params.id),
  );
  route(app, { method: 'PUT', url: '/api/land/parcels/:id', summary: '修改地块信息(状态须通过操作办理)', tags, permission: 'land:manage', params: ZIdParams, body: ZParcelRequest }, ({ actor, params, body }) =>
    service.updateParcel(ctx, actor, params.id, body),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/land/parcels/:id/actions/:action',
      summary: `地块状态操作(${LAND_PARCEL_ACTIONS.map((a) => `${a} ${LAND_PARCEL_ACTION_LABELS[a]}`).join(',')};越级 409)`,
      tags,
      params: ZActionParams,
      body: ZParcelStepRequest,
    },
    ({ actor, params, body }) => {
      requireAnyLandPermission(actor, 'land:manage');
      return service.stepParcel(ctx, actor, params.id, params.action as LandParcelAction, body);
    },
  );
}
