export {
  WorkingCalendar,
  shanghaiDate,
  startOfShanghaiDay,
  endOfShanghaiDay,
  startOfNextShanghaiDay,
  type AdminCalendarYear,
  type CalendarDayKind,
  type CalendarOverride,
  type CalendarYearSource,
  type ClockPause,
} from './working-calendar.js';
export { CalendarService } from './service.js';
