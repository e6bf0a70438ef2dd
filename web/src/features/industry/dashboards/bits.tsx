import type { ReactNode } from 'react';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { INDICATOR_UNIT_LABELS, formatGrowth, formatWanYuan, type AlarmSeverity, type DashboardAlarm, type IndicatorUnit } from '@yuanqi/contract';
import { formatDateTime, fromNow } from '../../../components/format';
import './dashboards.css';

export const SEVERITY_COLORS: Record<AlarmSeverity, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** kWh as a dashboard says it: 万千瓦时 from 10,000 up. */
export function formatKwh(kwh: number | null | undefined): string {
  if (kwh === null || kwh === undefined) return '—';
  if (Math.abs(kwh) >= 10_000) return `${(kwh / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万千瓦时`;
  return `${kwh.toLocaleString('zh-CN', { maximumFractionDigits: 1 })}千瓦时`;
}

/** A reported figure in its unit: money (fen) in 万元, others with the unit's Chinese name. */
export function formatFigure(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'fen') return formatWanYuan(value);
  if (unit === 'kwh') return formatKwh(value);
  const label = INDICATOR_UNIT_LABELS[unit as IndicatorUnit] ?? unit;
  return `${value.toLocaleString('zh-CN', { maximumFractionDigits: 3 })}${label}`;
}

/** A device reading with its unit ("1,152.3 ℃", "运行"/"停止" for a flag). */
export function formatReading(value: number | null, unit: string, kind: string, key?: string): string {
  if (value === null) return '—';
  if (kind === 'flag') {
    if (key === 'running') return value ? '运行' : '停止';
    return value ? '报警' : '正常';
  }
  return `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`;
}

/** 同比 as a coloured figure: up red, down green (the Chinese convention for figures). */
export function Growth({ pct, suffix = '' }: { pct: number | null; suffix?: string }) {
  if (pct === null) return <Typography.Text type="secondary">{suffix ? `${suffix} —` : '—'}</Typography.Text>;
  const color = pct > 0 ? '#d92d20' : pct < 0 ? '#079455' : undefined;
  return (
    <span style={{ color, whiteSpace: 'nowrap' }}>
      {suffix}
      {suffix ? ' ' : ''}
      {formatGrowth(pct)}
    </span>
  );
}

/** A headline figure: a title, a big value and a line under it. */
export function StatCard({ title, value, hint, tone, testId }: { title: string; value: ReactNode; hint?: ReactNode; tone?: 'danger' | 'ok'; testId?: string }) {
  return (
    <Card size="small" className="yq-dash-stat" data-testid={testId}>
      <div className="yq-dash-stat-title">{title}</div>
      <div className={`yq-dash-stat-value${tone ? ` yq-dash-${tone}` : ''}`}>{value}</div>
      {hint && <div className="yq-dash-stat-hint">{hint}</div>}
    </Card>
  );
}

/** Alarms as a compact list (phone and desktop): severity, title, firm, when, trigger and peak. */
export function AlarmList({ alarms, showFirm }: { alarms: DashboardAlarm[]; showFirm?: boolean }) {
  return (
    <List
      size="small"
      dataSource={alarms}
      renderItem={(a) => (
        <List.Item key={a.id} style={{ paddingInline: 0 }}>
          <div style={{ width: '100%', minWidth: 0 }}>
            <Space size={6} wrap>
              <Tag color={SEVERITY_COLORS[a.severity]} style={{ marginInlineEnd: 0 }}>
                {a.severityLabel}
              </Tag>
              <Tag color={a.status === 'open' ? 'red' : a.status === 'acknowledged' ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
                {a.statusLabel}
              </Tag>
              <Link to={`/industry/alarms/${a.id}`} style={{ fontWeight: 500 }}>
                {a.title}
              </Link>
            </Space>
            <div className="yq-dash-muted">
              {showFirm && <span>{a.enterpriseName} · </span>}
              <span title={formatDateTime(a.raisedAt)}>{formatDateTime(a.raisedAt)}({fromNow(a.raisedAt)})</span>
              {a.peakValue !== null && (
                <span>
                  {' '}
                  · {a.metricLabel ?? '数值'}峰值 {a.peakValue}
                  {a.unit ? ` ${a.unit}` : ''}
                </span>
              )}
              {a.clearedAt ? <span> · 已恢复</span> : a.status !== 'closed' ? <span className="yq-dash-danger"> · 仍越限</span> : null}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
