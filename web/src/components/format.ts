import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';
import { formatWanYuan, formatYuan, parseYuanToFen } from '@yuanqi/contract';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

/** Every instant is stored in UTC and shown in the park's time zone, whatever the browser's. */
export const PARK_TZ = 'Asia/Shanghai';

export function toParkTime(iso: string): dayjs.Dayjs {
  return dayjs(iso).tz(PARK_TZ);
}

/** 2026-03-05 14:07 (Asia/Shanghai). */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = toParkTime(iso);
  return d.isValid() ? d.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(isoOrDate: string | null | undefined): string {
  if (!isoOrDate) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) return isoOrDate;
  const d = toParkTime(isoOrDate);
  return d.isValid() ? d.format('YYYY-MM-DD') : '—';
}

export function fromNow(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).fromNow();
}

/** Today's date in the park's time zone, YYYY-MM-DD. */
export function parkToday(): string {
  return dayjs().tz(PARK_TZ).format('YYYY-MM-DD');
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export function weekdayOf(date: string): string {
  return WEEKDAYS[dayjs(date).day()] ?? '';
}

/**
 * Money on a screen has one of two styles, never both on one screen:
 * - an amount (a fee, a payout, a firm's revenue on its profile, a voucher): exact 元 through the
 *   contract's formatYuan — `formatMoney` / `formatAmount`, "74,074.07元";
 * - a summary figure (staff dashboards, a 万元 column of a list): `formatWan`, "1,234.57万元",
 *   always 万元 with two decimals (0 is "0.00万元", never "0.00元"); a headline total of ¥1亿 or
 *   more may read in 亿元 (the contract's formatFigureYuan: "11.6亿元", below that the same 万元).
 * Nothing else formats money (no fen / 100, no toFixed).
 */
export function formatMoney(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : formatYuan(fen);
}

/** A summary figure in 万元 with two decimals (formatWanYuan), — for unknown. */
export function formatWan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : formatWanYuan(fen);
}

/**
 * An amount estimated, granted, approved, reserved or paid: the exact fen through the contract's one
 * formatter (formatYuan, "74,074.07元"), — for unknown. Policy and fund pages use this, never 万元.
 */
export function formatAmount(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : formatYuan(fen);
}

/** Integer fen → 万元 as a number for form inputs. */
export function fenToWan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 1_000_000;
}

export function formatCount(n: number | null | undefined, unit = ''): string {
  return n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN')}${unit}`;
}

export { dayjs };

/** 万元 typed in a form → integer fen, without floating-point drift. */
export function wanToFen(wan: number | null | undefined): number | null {
  if (wan === null || wan === undefined || Number.isNaN(wan)) return null;
  return parseYuanToFen(`${wan.toFixed(6)}万`);
}
