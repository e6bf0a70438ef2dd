import type { FastifyInstance } from 'fastify';
import {
  ZCreateDeviceRequest,
  ZCreateDeviceTypeRequest,
  ZDeviceReadingsQuery,
  ZDeviceVersionRequest,
  ZListDevicesQuery,
  ZUpdateDeviceRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { ZIdParams, route } from '../../../platform/http.js';
import { registerTelemetryHttp } from '../telemetry/http.js';
import { registerReadingsMaintenance } from '../telemetry/partitions.js';
import * as devices from './service.js';

const tags = ['industry-devices'];
const ZTypeParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });

/** 产业云 — devices: routes under /api/industry/… (see ../routes.ts), and the HTTP telemetry endpoint. */
export function registerIndustryDevicesRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/industry/device-types', summary: '设备类型及其指标', tags }, ({ actor }) => devices.listDeviceTypes(ctx, actor));
  route(app, { method: 'POST', url: '/api/industry/device-types', summary: '新增设备类型(管理部门)', tags, permission: 'industry:manage', body: ZCreateDeviceTypeRequest }, async ({ actor, body, reply }) => {
    reply.code(201);
    return devices.createDeviceType(ctx, actor, body);
  });
  route(app, { method: 'DELETE', url: '/api/industry/device-types/:code', summary: '删除未使用的自定义设备类型', tags, permission: 'industry:manage', params: ZTypeParams }, async ({ actor, params, reply }) => {
    await devices.deleteDeviceType(ctx, actor, params.code);
    reply.code(204);
    return null;
  });

  route(app, { method: 'GET', url: '/api/industry/devices', summary: '设备列表(企业:本企业;管理部门:全部,可按企业、类型、在线筛选)', tags, query: ZListDevicesQuery }, ({ actor, query }) =>
    devices.listDevices(ctx, actor, query),
  );
  route(app, { method: 'POST', url: '/api/industry/devices', summary: '登记设备(返回一次性显示的设备令牌)', tags, body: ZCreateDeviceRequest }, async ({ actor, body, reply }) => {
    reply.code(201);
    return devices.createDevice(ctx, actor, body);
  });
  route(app, { method: 'GET', url: '/api/industry/devices/:id', summary: '设备详情(最新读数、拒收统计、接入方式)', tags, params: ZIdParams }, ({ actor, params }) => devices.getDevice(ctx, actor, params.id));
  route(app, { method: 'PATCH', url: '/api/industry/devices/:id', summary: '修改设备名称、安装位置', tags, params: ZIdParams, body: ZUpdateDeviceRequest }, ({ actor, params, body }) =>
    devices.updateDevice(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/industry/devices/:id/disable', summary: '停用设备(不再接收数据)', tags, params: ZIdParams, body: ZDeviceVersionRequest }, ({ actor, params, body }) =>
    devices.setDeviceStatus(ctx, actor, params.id, body.version, 'disabled'),
  );
  route(app, { method: 'POST', url: '/api/industry/devices/:id/enable', summary: '启用设备', tags, params: ZIdParams, body: ZDeviceVersionRequest }, ({ actor, params, body }) =>
    devices.setDeviceStatus(ctx, actor, params.id, body.version, 'active'),
  );
  route(app, { method: 'POST', url: '/api/industry/devices/:id/token', summary: '重置设备令牌(旧令牌立即失效;新令牌只显示一次)', tags, params: ZIdParams, body: ZDeviceVersionRequest }, ({ actor, params, body }) =>
    devices.rotateDeviceToken(ctx, actor, params.id, body.version),
  );
  route(app, { method: 'POST', url: '/api/industry/devices/:id/token/revoke', summary: '吊销设备令牌(重置前设备无法上报)', tags, params: ZIdParams, body: ZDeviceVersionRequest }, ({ actor, params, body }) =>
    devices.revokeDeviceToken(ctx, actor, params.id, body.version),
  );
  route(app, { method: 'GET', url: '/api/industry/devices/:id/readings', summary: '设备最近的原始读数', tags, params: ZIdParams, query: ZDeviceReadingsQuery }, ({ actor, params, query }) =>
    devices.deviceReadings(ctx, actor, params.id, query),
  );

  registerTelemetryHttp(app, ctx);
  registerReadingsMaintenance();
}
