import { useState } from 'react';
import { Card, Col, DatePicker, Progress, Row, Skeleton, Table, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import type { OfficerTarget } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday } from '../../components/format';
import { useTargets } from '../demands/api';
import { servesOwnFirmsOnly } from '../demands/FirmSelect';
import '../demands/demands.css';

type Measure = 'visits' | 'demandsResolved' | 'daiban';
const MEASURES: { key: Measure; label: string; unit: string }[] = [
  { key: 'visits', label: '走访企业', unit: '次' },
  { key: 'demandsResolved', label: '办结诉求', unit: '件' },
  { key: 'daiban', label: '代办事项', unit: '项' },
];

function percentOf(actual: number, target: number | undefined): number | null {
  if (target === undefined) return null;
  if (target === 0) return 100;
  return Math.round((actual / target) * 100);
}

/** Expected share of the month done by today, to tell "behind" from "early in the month". */
function monthElapsed(month: string): number {
  const today = parkToday();
  if (month < today.slice(0, 7)) return 100;
  if (month > today.slice(0, 7)) return 0;
  const days = dayjs(`${month}-01`).daysInMonth();
  return Math.round((Number(today.slice(8, 10)) / days) * 100);
}

function MeasureBar({ actual, target, unit, elapsed, size = 'default' }: { actual: number; target: number | undefined; unit: string; elapsed: number; size?: 'default' | 'small' }) {
  const p = percentOf(actual, target);
  if (p === null) {
    return (
      <Typography.Text>
        {actual} {unit} <Typography.Text type="secondary">(未设目标)</Typography.Text>
      </Typography.Text>
    );
  }
  const behind = p < elapsed;
  return (
    <div>
      <Progress
        percent={Math.min(100, p)}
        success={{ percent: 0 }}
        status={p >= 100 ? 'success' : behind ? 'exception' : 'active'}
        size={size === 'small' ? 'small' : undefined}
        format={() => `${p}%`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        完成 {actual} / 目标 {target} {unit}
        {p < 100 && behind ? `,落后进度(本月已过${elapsed}%)` : ''}
      </Typography.Text>
    </div>
  );
}

/** 月战图: the month's targets against what was done (a liaison sees its own; the office all). */
export function TargetsPage() {
  const me = useMe();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(parkToday()).startOf('month'));
  const key = month.format('YYYY-MM');
  const targets = useTargets(key);
  const own = servesOwnFirmsOnly(me);
  const elapsed = monthElapsed(key);
  const items = targets.data?.items ?? [];
  const mine = own ? items.find((t) => t.userId === me.id) ?? items[0] : undefined;

  const columns: TableProps<OfficerTarget>['columns'] = [
    { title: '驻企专员', dataIndex: 'displayName', key: 'name', width: 120, fixed: 'left' },
    ...MEASURES.map((m) => ({
      title: m.label,
      key: m.key,
      width: 220,
      render: (_: unknown, t: OfficerTarget) => <MeasureBar actual={t.actual[m.key]} target={t.target?.[m.key]} unit={m.unit} elapsed={elapsed} size="small" />,
    })),
  ];

  return (
    <>
      <PageHeader
        title={own ? '我的月度目标' : '月战图'}
        subTitle={`${month.format('YYYY年M月')} · 目标与完成情况`}
        extra={
          <DatePicker
            picker="month"
            value={month}
            inputReadOnly
            allowClear={false}
            onChange={(d) => d && setMonth(d.startOf('month'))}
            disabledDate={(d) => d.format('YYYY-MM') > parkToday().slice(0, 7)}
            aria-label="选择月份"
          />
        }
      />
      {targets.isError && !targets.data ? (
        <Card>
          <QueryError error={targets.error} onRetry={() => targets.refetch()} />
        </Card>
      ) : targets.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : own ? (
        mine ? (
          <>
            <Row gutter={[16, 16]}>
              {MEASURES.map((m) => (
                <Col key={m.key} xs={24} md={8}>
                  <Card title={m.label} className="yq-section" style={{ height: '100%' }}>
                    <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2, marginBottom: 8 }}>
                      {mine.actual[m.key]}
                      <span style={{ fontSize: 14, fontWeight: 'normal', color: '#667085' }}>
                        {' '}
                        {mine.target ? `/ ${mine.target[m.key]} ${m.unit}` : m.unit}
                      </span>
                    </div>
                    <MeasureBar actual={mine.actual[m.key]} target={mine.target?.[m.key]} unit={m.unit} elapsed={elapsed} />
                  </Card>
                </Col>
              ))}
            </Row>
            {!mine.target && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
                本月调度专班尚未为您设定目标,以上为实际完成数。
              </Typography.Paragraph>
            )}
          </>
        ) : (
          <Card>
            <EmptyHint description="暂无本月目标数据" />
          </Card>
        )
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<OfficerTarget>
            rowKey="userId"
            columns={columns}
            dataSource={items}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyHint description="暂无驻企专员" /> }}
          />
        </Card>
      )}
    </>
  );
}
