import { DatePicker, Tag } from 'antd';
import {
  BILL_STATUS_LABELS,
  LEASE_STATUS_LABELS,
  UNIT_DAY_STATE_COLORS,
  UNIT_DAY_STATE_LABELS,
  type BillStatus,
  type LeaseStatus,
  type UnitDayState,
} from '@yuanqi/contract';
import { dayjs } from '../../../components/format';

const BILL_COLORS: Record<BillStatus, string> = { open: 'gold', partial: 'orange', paid: 'green', void: 'default' };
const LEASE_COLORS: Record<LeaseStatus, string> = { active: 'green', terminated: 'orange', cancelled: 'default' };

export const BillStatusTag = ({ status }: { status: BillStatus }) => <Tag color={BILL_COLORS[status]}>{BILL_STATUS_LABELS[status]}</Tag>;
export const LeaseStatusTag = ({ status }: { status: LeaseStatus }) => <Tag color={LEASE_COLORS[status]}>{LEASE_STATUS_LABELS[status]}</Tag>;
export const StateDot = ({ state }: { state: UnitDayState }) => (
  <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
    <span style={{ width: 10, height: 10, borderRadius: 2, background: UNIT_DAY_STATE_COLORS[state], display: 'inline-block' }} />
    {UNIT_DAY_STATE_LABELS[state]}
  </span>
);

/** 元/㎡/月 from fen per ㎡ per month. */
export const rateText = (fen: number) => `${(fen / 100).toFixed(2)}元/㎡/月`;
export const areaText = (m2: number) => `${m2.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}㎡`;
export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A day picker bound to 'YYYY-MM-DD'. */
export function DayPicker({ value, onChange, label = '日期' }: { value: string; onChange: (d: string) => void; label?: string }) {
  return <DatePicker aria-label={label} allowClear={false} value={dayjs(value)} onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))} />;
}
