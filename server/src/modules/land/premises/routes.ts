import type { FastifyInstance } from 'fastify';
import {
  ZArrearsQuery,
  ZArrearsRemindRequest,
  ZBillListQuery,
  ZCancelLeaseRequest,
  ZGenerateBillsRequest,
  ZLandParameterVersionRequest,
  ZLeaseListQuery,
  ZLeaseQuoteQuery,
  ZLeaseRequest,
  ZPremisesBuildingRequest,
  ZPremisesBuildingUpdateRequest,
  ZPremisesDateQuery,
  ZPremisesOccupancyQuery,
  ZPremisesPaymentRequest,
  ZPremisesUnitRequest,
  ZPremisesUnitUpdateRequest,
  ZPremisesVoidPaymentRequest,
  ZReliefMeasureRequest,
  ZTerminateLeaseRequest,
} from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { importUnits, reliefReportXlsx, unitsTemplate } from './excel.js';
import * as service from './service.js';
import { registerPremisesBillSweep } from './sweep.js';

const tags = ['要素保障·厂房租赁'];

/** 要素保障 — 厂房: buildings, units, leases, bills, relief, payments, parameters. */
export function registerLandPremisesRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPremisesBillSweep();

  // ---- dated parameters 要素参数
  route(app, { method: 'GET', url: '/api/land/parameters', summary: '要素参数(当前值与各版本)', tags, query: ZPremisesDateQuery }, ({ actor, query }) => service.listParameters(ctx, actor, query.date));
  route(app, { method: 'POST', url: '/api/land/parameters', summary: '新增参数版本(自某日起生效)', tags, body: ZLandParameterVersionRequest }, ({ actor, body }) => service.addParameterVersion(ctx, actor, body));

  // ---- buildings and units
  route(app, { method: 'GET', url: '/api/land/premises/buildings', summary: '楼宇列表与某日出租情况', tags, query: ZPremisesOccupancyQuery }, ({ actor, query }) => service.listBuildings(ctx, actor, query));
  route(app, { method: 'POST', url: '/api/land/premises/buildings', summary: '新增楼宇', tags, permission: 'premises:manage', body: ZPremisesBuildingRequest }, ({ actor, body }) => service.createBuilding(ctx, actor, body));
  route(app, { method: 'GET', url: '/api/land/premises/occupancy', summary: '园区某日出租率与空置(按楼宇类型)', tags, query: ZPremisesDateQuery }, ({ actor, query }) => service.occupancy(ctx, actor, query.date));
  route(app, { method: 'GET', url: '/api/land/premises/buildings/:id', summary: '楼宇详情:楼层×房源某日状态', tags, params: ZIdParams, query: ZPremisesDateQuery }, ({ actor, params, query }) => service.getBuilding(ctx, actor, params.id, query.date));
  route(app, { method: 'PATCH', url: '/api/land/premises/buildings/:id', summary: '修改楼宇', tags, permission: 'premises:manage', params: ZIdParams, body: ZPremisesBuildingUpdateRequest }, ({ actor, params, body }) => service.updateBuilding(ctx, actor, params.id, body));
  route(app, { method: 'POST', url: '/api/land/premises/buildings/:id/units', summary: '新增房源', tags, permission: 'premises:manage', params: ZIdParams, body: ZPremisesUnitRequest }, ({ actor, params, body }) => service.createUnit(ctx, actor, params.id, body));
  route(app, { method: 'GET', url: '/api/land/premises/buildings/:id/units/template', summary: '下载房源导入模板(含已有房源)', tags, params: ZIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const { buffer, filename } = await unitsTemplate(ctx, actor, params.id);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(filename));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/land/premises/buildings/:id/units/import', summary: '从 Excel 导入房源', tags, permission: 'premises:manage', params: ZIdParams }, async ({ actor, params, request }) => {
    await service.getBuilding(ctx, actor, params.id);
    const { buffer } = await readSingleFile(request, 'xlsx');
    return importUnits(ctx, actor, params.id, buffer);
  });
  route(app, { method: 'PATCH', url: '/api/land/premises/units/:id', summary: '修改房源(面积、状态等)', tags, permission: 'premises:manage', params: ZIdParams, body: ZPremisesUnitUpdateRequest }, ({ actor, params, body }) => service.updateUnit(ctx, actor, params.id, body));
  route(app, { method: 'GET', url: '/api/land/premises/units/:id/leases', summary: '房源的租赁合同', tags, params: ZIdParams }, ({ actor, params }) => service.unitLeases(ctx, actor, params.id));

  // ---- leases
  route(app, { method: 'GET', url: '/api/land/premises/leases', summary: '租赁合同列表', tags, query: ZLeaseListQuery }, ({ actor, query }) => service.listLeases(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/land/premises/leases/quote', summary: '租金测算(按起租日的参数)', tags, query: ZLeaseQuoteQuery }, ({ actor, query }) => service.leaseQuote(ctx, actor, query.unitId, query.startsOn, query.rentFenPerM2Month));
  route(app, { method: 'POST', url: '/api/land/premises/leases', summary: '签订租赁合同', tags, permission: 'premises:manage', body: ZLeaseRequest }, ({ actor, body }) => service.createLease(ctx, actor, body));
  route(app, { method: 'GET', url: '/api/land/premises/leases/:id', summary: '租赁合同详情', tags, params: ZIdParams }, ({ actor, params }) => service.getLease(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/land/premises/leases/:id/terminate', summary: '提前终止租赁合同', tags, permission: 'premises:manage', params: ZIdParams, body: ZTerminateLeaseRequest }, ({ actor, params, body }) => service.terminateLease(ctx, actor, params.id, body));
  route(app, { method: 'POST', url: '/api/land/premises/leases/:id/cancel', summary: '作废租赁合同(未出账单)', tags, permission: 'premises:manage', params: ZIdParams, body: ZCancelLeaseRequest }, ({ actor, params, body }) => service.cancelLease(ctx, actor, params.id, body));

  // ---- bills and payments
  route(app, { method: 'GET', url: '/api/land/premises/bills', summary: '租金账单列表', tags, query: ZBillListQuery }, ({ actor, query }) => service.listBills(ctx, actor, query));
  route(app, { method: 'POST', url: '/api/land/premises/bills/generate', summary: '生成某月租金账单(可重复执行)', tags, permission: 'premises:manage', body: ZGenerateBillsRequest }, ({ actor, body }) => service.generateMonth(ctx, actor, actor.parkId, body.month));
  route(app, { method: 'GET', url: '/api/land/premises/bills/:id', summary: '租金账单详情(减免、缴费)', tags, params: ZIdParams }, ({ actor, params }) => service.getBill(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/land/premises/bills/:id/payments', summary: '登记缴费', tags, permission: 'premises:manage', params: ZIdParams, body: ZPremisesPaymentRequest }, ({ actor, params, body }) => service.recordPayment(ctx, actor, params.id, body));
  route(app, { method: 'POST', url: '/api/land/premises/payments/:id/void', summary: '作废缴费记录', tags, permission: 'premises:manage', params: ZIdParams, body: ZPremisesVoidPaymentRequest }, ({ actor, params, body }) => service.voidPayment(ctx, actor, params.id, body));
  route(app, { method: 'GET', url: '/api/land/premises/arrears', summary: '欠费企业', tags, query: ZArrearsQuery }, ({ actor, query }) => service.arrears(ctx, actor, query));
  route(app, { method: 'POST', url: '/api/land/premises/arrears/remind', summary: '催缴(站内消息通知企业)', tags, permission: 'premises:manage', body: ZArrearsRemindRequest }, ({ actor, body }) => service.remindArrears(ctx, actor, body.enterpriseIds));

  // ---- rent relief 房租减免
  route(app, { method: 'GET', url: '/api/land/premises/reliefs', summary: '房租减免措施', tags }, ({ actor }) => service.listMeasures(ctx, actor));
  route(app, { method: 'POST', url: '/api/land/premises/reliefs', summary: '新增房租减免措施(草稿)', tags, permission: 'premises:manage', body: ZReliefMeasureRequest }, ({ actor, body }) => service.createMeasure(ctx, actor, body));
  route(app, { method: 'GET', url: '/api/land/premises/reliefs/:id', summary: '减免措施与按企业减免金额', tags, params: ZIdParams }, ({ actor, params }) => service.reliefReport(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/land/premises/reliefs/:id', summary: '修改减免措施(草稿)', tags, permission: 'premises:manage', params: ZIdParams, body: ZReliefMeasureRequest }, ({ actor, params, body }) => service.updateMeasure(ctx, actor, params.id, body));
  route(app, { method: 'POST', url: '/api/land/premises/reliefs/:id/activate', summary: '启用减免措施(已出账单同时重算)', tags, permission: 'premises:manage', params: ZIdParams }, ({ actor, params }) => service.activateMeasure(ctx, actor, actor.parkId, params.id));
  route(app, { method: 'POST', url: '/api/land/premises/reliefs/:id/close', summary: '结束减免措施', tags, permission: 'premises:manage', params: ZIdParams }, ({ actor, params }) => service.closeMeasure(ctx, actor, params.id));
  route(app, { method: 'GET', url: '/api/land/premises/reliefs/:id/export', summary: '导出减免明细(.xlsx)', tags, params: ZIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const { buffer, filename } = await reliefReportXlsx(ctx, actor, params.id);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(filename));
    return reply.send(buffer);
  });

  // ---- the enterprise's own
  route(app, { method: 'GET', url: '/api/land/premises/mine', summary: '我的租赁(企业)', tags }, ({ actor }) => service.myPremises(ctx, actor));
}
