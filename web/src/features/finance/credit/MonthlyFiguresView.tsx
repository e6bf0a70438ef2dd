import { Alert, Card, List, Typography } from 'antd';
import { INDICATOR_UNIT_LABELS, periodLabel, type BankFirmView, type IndicatorUnit } from '@yuanqi/contract';
import { formatWan } from '../../../components/format';

type Monthly = NonNullable<BankFirmView['monthly']>;

function valueText(v: number | null, unit: string): string {
  if (v === null) return '—';
  if (unit === 'fen') return formatWan(v);
  return `${v.toLocaleString('zh-CN', { maximumFractionDigits: 3 })}${INDICATOR_UNIT_LABELS[unit as IndicatorUnit] ?? unit}`;
}

/**
 * 月度经营数据 a bank sees with the firm's 'monthly' consent: the last 12 accepted months of the
 * firm's monthly reports (产业云), newest first, one card row per month (phone-first).
 */
export function MonthlyFiguresView({ monthly }: { monthly: Monthly }) {
  if (monthly.months.length === 0) {
    return <Alert type="info" showIcon style={{ marginTop: 8 }} title="月度经营数据" description="该企业尚无审核通过的经济运行月报" />;
  }
  return (
    <Card title="月度经营数据(近12个月,产业云月报)" size="small" style={{ marginTop: 8 }} styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}>
      <List
        dataSource={monthly.months}
        renderItem={(m) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <strong>{periodLabel(m.period)}</strong>
              <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2 }}>
                {monthly.indicators.map((i) => (
                  <Typography.Text key={i.key} style={{ fontSize: 13 }}>
                    <Typography.Text type="secondary">{i.label}</Typography.Text> {valueText(m.values[i.key] ?? null, i.unit)}
                  </Typography.Text>
                ))}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
