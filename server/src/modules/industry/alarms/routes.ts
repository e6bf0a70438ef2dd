import { ZAlarmCloseRequest, ZAlarmListQuery, ZAlarmNoteRequest, ZAlarmRuleRequest } from '@yuanqi/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { ZIdParams, route } from '../../../platform/http.js';
import { createRule, deleteRule, listRules, ruleOptions, setRuleEnabled, updateRule } from './rules.js';
import { actOnAlarm, alarmSummary, getAlarm, listAlarms } from './service.js';
import { registerTelemetrySweeps } from './sweep.js';

/** 产业云 — alarms: rules (industry:manage) and alarms (scoped; a case). See contract industry-alarms.ts. */
export function registerIndustryAlarmsRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerTelemetrySweeps();
  const tags = ['产业云·告警'];
  route(app, { method: 'GET', url: '/api/industry/alarm-rules', summary: '告警规则', tags, permission: 'industry:manage' }, ({ actor }) => listRules(ctx, actor));
  route(app, { method: 'GET', url: '/api/industry/alarm-rules/options', summary: '告警规则可选的设备类型、指标与设备', tags, permission: 'industry:manage' }, ({ actor }) => ruleOptions(ctx, actor));
  route(app, { method: 'POST', url: '/api/industry/alarm-rules', summary: '新建告警规则(按设备类型或单台设备)', tags, permission: 'industry:manage', body: ZAlarmRuleRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return createRule(ctx, actor, body);
  });
  route(app, { method: 'PUT', url: '/api/industry/alarm-rules/:id', summary: '修改告警规则(观察状态重新开始)', tags, permission: 'industry:manage', params: ZIdParams, body: ZAlarmRuleRequest }, ({ actor, params, body }) =>
    updateRule(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/industry/alarm-rules/:id/enable', summary: '启用告警规则', tags, permission: 'industry:manage', params: ZIdParams }, ({ actor, params }) => setRuleEnabled(ctx, actor, params.id, true));
  route(app, { method: 'POST', url: '/api/industry/alarm-rules/:id/disable', summary: '停用告警规则', tags, permission: 'industry:manage', params: ZIdParams }, ({ actor, params }) => setRuleEnabled(ctx, actor, params.id, false));
  route(app, { method: 'DELETE', url: '/api/industry/alarm-rules/:id', summary: '删除告警规则(已有告警保留)', tags, permission: 'industry:manage', params: ZIdParams }, async ({ actor, params, reply }) => {
    await deleteRule(ctx, actor, params.id);
    reply.status(204);
    return null;
  });

  route(app, { method: 'GET', url: '/api/industry/alarms', summary: '设备告警(调度专班见全园区,联络员见所联系企业,企业见本企业)', tags, query: ZAlarmListQuery }, ({ actor, query }) => listAlarms(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/industry/alarms/summary', summary: '设备告警统计', tags }, ({ actor }) => alarmSummary(ctx, actor));
  route(app, { method: 'GET', url: '/api/industry/alarms/:id', summary: '告警详情(时间线、可执行操作)', tags, params: ZIdParams }, ({ actor, params }) => getAlarm(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/industry/alarms/:id/acknowledge', summary: '确认告警(企业、联络员、调度专班)', tags, params: ZIdParams, body: ZAlarmNoteRequest }, ({ actor, params, body }) =>
    actOnAlarm(ctx, actor, params.id, 'acknowledge', body),
  );
  route(app, { method: 'POST', url: '/api/industry/alarms/:id/close', summary: '关闭告警(须填写处理说明)', tags, params: ZIdParams, body: ZAlarmCloseRequest }, ({ actor, params, body }) =>
    actOnAlarm(ctx, actor, params.id, 'close', body),
  );
}
