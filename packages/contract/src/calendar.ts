import { z } from 'zod';
import { ZDate } from './common.js';

export const ZAddWorkingDaysQuery = z.object({
  date: ZDate,
  days: z.coerce.number({ error: '工作日天数应为整数' }).int({ error: '工作日天数应为整数' }).min(0, { error: '工作日天数不能为负数' }).max(3650, { error: '工作日天数最大为3650' }),
});

export const ZCalendarDayKind = z.enum(['holiday', 'workday'], { error: '类型应为 holiday(放假)或 workday(调休上班)' });

export const ZPutCalendarYearRequest = z.object({
  /** Accept a year with no holiday data, counting Monday–Friday only (flagged as such). */
  weekdayOnly: z.boolean().optional(),
  days: z
    .array(z.object({ date: ZDate, kind: ZCalendarDayKind, name: z.string().trim().max(30).optional() }))
    .max(400),
});
export type PutCalendarYearRequest = z.infer<typeof ZPutCalendarYearRequest>;

export type CalendarYear = {
  year: number;
  source: 'builtin' | 'admin' | 'weekday_only' | 'missing';
  days: { date: string; kind: 'holiday' | 'workday'; name: string | null }[];
};
