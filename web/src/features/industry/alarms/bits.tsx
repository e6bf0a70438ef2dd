import { Tag } from 'antd';
import { ALARM_SEVERITY_LABELS, ALARM_STATUS_LABELS, type AlarmSeverity, type AlarmStatus, type AlarmView } from '@yuanqi/contract';
import { CaseStatusTag } from '../../../components/case-kit';

const SEVERITY_COLORS: Record<AlarmSeverity, string> = { critical: 'red', warning: 'orange', info: 'blue' };
const STATUS_COLORS: Record<AlarmStatus, string> = { open: 'red', acknowledged: 'gold', closed: 'default' };

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={{ marginInlineEnd: 0 }}>
      {ALARM_SEVERITY_LABELS[severity]}
    </Tag>
  );
}

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  return <CaseStatusTag color={STATUS_COLORS[status]}>{ALARM_STATUS_LABELS[status]}</CaseStatusTag>;
}

/** Whether the condition still holds (an alarm not closed and not cleared). */
export const stillBreached = (a: Pick<AlarmView, 'status' | 'clearedAt'>) => a.status !== 'closed' && !a.clearedAt;

/** 仍越限 / 已恢复, for a live alarm. */
export function ConditionTag({ alarm }: { alarm: Pick<AlarmView, 'status' | 'clearedAt'> }) {
  if (alarm.status === 'closed') return null;
  return stillBreached(alarm) ? (
    <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
      仍越限
    </Tag>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      已恢复
    </Tag>
  );
}

/** A reading with its unit: "1,268 ℃", "—". */
export function formatReading(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return unit ? `${text} ${unit}` : text;
}

/** How long the breach lasted: to the clear, or (still breached) to now. "8 分钟", "2 小时 5 分钟". */
export function breachDuration(a: Pick<AlarmView, 'breachStartedAt' | 'clearedAt' | 'closedAt'>, now = Date.now()): string {
  const end = a.clearedAt ? Date.parse(a.clearedAt) : a.closedAt ? Date.parse(a.closedAt) : now;
  const minutes = Math.max(0, Math.round((end - Date.parse(a.breachStartedAt)) / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}`;
  return `${Math.floor(hours / 24)} 天`;
}
