import type { FastifyInstance } from 'fastify';
import { ZAddWorkingDaysQuery, ZDate, ZPutCalendarYearRequest } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { route } from '../../platform/http.js';

const ZYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ZBetweenQuery = z.object({ from: ZDate, to: ZDate });

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['calendar'];
  route(app, { method: 'GET', url: '/api/calendar/add-working-days', summary: '计算 N 个工作日后的日期(从次日起算;公开,用于期限预览)', tags, public: true, query: ZAddWorkingDaysQuery }, async ({ query }) => {
    const calendar = await ctx.calendar.get();
    return { date: calendar.addWorkingDays(query.date, query.days) };
  });
  route(app, { method: 'GET', url: '/api/calendar/working-days-between', summary: '两个日期之间的工作日数(不含起始日)', tags, query: ZBetweenQuery }, async ({ query }) => {
    const calendar = await ctx.calendar.get();
    return { days: calendar.workingDaysBetween(query.from, query.to) };
  });
  route(app, { method: 'GET', url: '/api/calendar/years/:year', summary: '某年的节假日与调休', tags, params: ZYearParams }, ({ params }) => ctx.calendar.getYear(params.year));
  route(app, { method: 'PUT', url: '/api/calendar/years/:year', summary: '录入某年的节假日与调休(或确认按周一至周五计算)', tags, permission: 'calendar:manage', params: ZYearParams, body: ZPutCalendarYearRequest }, ({ actor, params, body }) =>
    ctx.calendar.putYear(actor, params.year, body),
  );
}
