import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, InputNumber, Progress, Row, Skeleton, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { OfficerTarget } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { actsAsDispatcher } from './access';
import { usePutTargets, useTargets } from './api';
import { useWorkCalendar } from './workCalendar';
import './dispatch.css';

type Measure = 'visits' | 'demandsResolved' | 'daiban';
const MEASURES: { key: Measure; label: string; unit: string }[] = [
  { key: 'visits', label: '走访企业', unit: '次' },
  { key: 'demandsResolved', label: '办结诉求', unit: '件' },
  { key: 'daiban', label: '代办事项', unit: '件' },
];

type Draft = Record<string, Partial<Record<Measure, number | null>>>;

const GREEN = '#12b76a';
const ORANGE = '#f79009';
const BLUE = '#1554ad';

function colorOf(ratio: number, pace: number | null): string {
  if (ratio >= 1) return GREEN;
  if (pace !== null && ratio + 0.1 < pace) return ORANGE;
  return BLUE;
}

function TargetCell({ actual, target, pace, unit }: { actual: number; target: number | null; pace: number | null; unit: string }) {
  if (target === null || target === 0) {
    return (
      <div className="yq-target-cell">
        <div className="nums">
          <span>
            <strong>{actual}</strong> {unit}
          </span>
          <span style={{ color: '#98a2b3' }}>{target === 0 ? '目标 0' : '未设目标'}</span>
        </div>
      </div>
    );
  }
  const ratio = actual / target;
  return (
    <div className="yq-target-cell">
      <div className="nums">
        <span>
          <strong>{actual}</strong> / {target} {unit}
        </span>
        <span>{Math.round(ratio * 100)}%</span>
      </div>
      <Progress percent={Math.min(100, Math.round(ratio * 100))} showInfo={false} size="small" strokeColor={colorOf(ratio, pace)} style={{ margin: 0 }} />
    </div>
  );
}

export function TargetsPage() {
  const me = useMe();
  const canEdit = actsAsDispatcher(me);
  const { message } = App.useApp();
  const screens = useScreens();
  const [params, setParams] = useSearchParams();
  const thisMonth = parkToday().slice(0, 7);
  const monthParam = params.get('month');
  const month = monthParam && /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : thisMonth;
  const targets = useTargets(month);
  const put = usePutTargets(month);
  const calendar = useWorkCalendar();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>({});
  const [bulk, setBulk] = useState<Partial<Record<Measure, number | null>>>({});

  // 时间进度: the share of the month's working days already gone (for the current month only)
  const pace = (() => {
    const first = `${month}-01`;
    const last = dayjs(first).endOf('month').format('YYYY-MM-DD');
    const before = dayjs(first).subtract(1, 'day').format('YYYY-MM-DD');
    const total = calendar.between(before, last);
    if (!total) return null;
    const today = parkToday();
    if (month < thisMonth) return { done: total, total, ratio: 1 };
    if (month > thisMonth) return { done: 0, total, ratio: 0 };
    const done = calendar.between(before, today) ?? 0;
    return { done, total, ratio: done / total };
  })();

  const items = targets.data?.items ?? [];
  const own = !canEdit && items.length === 1 && items[0]!.userId === me.id;

  const startEdit = () => {
    const d: Draft = {};
    for (const i of items) d[i.userId] = { visits: i.target?.visits ?? null, demandsResolved: i.target?.demandsResolved ?? null, daiban: i.target?.daiban ?? null };
    setDraft(d);
    setBulk({});
    setEditing(true);
  };

  const setCell = (userId: string, key: Measure, v: number | null) => setDraft((d) => ({ ...d, [userId]: { ...d[userId], [key]: v } }));

  const applyBulk = () => {
    setDraft((d) => {
      const next: Draft = {};
      for (const i of items) {
        const row = { ...d[i.userId] };
        for (const m of MEASURES) if (bulk[m.key] !== undefined && bulk[m.key] !== null) row[m.key] = bulk[m.key];
        next[i.userId] = row;
      }
      return next;
    });
  };

  const save = () => {
    const rows = items
      .map((i) => ({ userId: i.userId, ...draft[i.userId] }))
      .filter((r) => MEASURES.some((m) => r[m.key] !== null && r[m.key] !== undefined));
    const incomplete = rows.find((r) => MEASURES.some((m) => r[m.key] === null || r[m.key] === undefined));
    if (incomplete) {
      const name = items.find((i) => i.userId === incomplete.userId)?.displayName;
      message.warning(`请为 ${name} 填齐三项目标(不需要的填 0)`);
      return;
    }
    put.mutate(
      { items: rows.map((r) => ({ userId: r.userId, visits: r.visits!, demandsResolved: r.demandsResolved!, daiban: r.daiban! })) },
      {
        onSuccess: () => {
          message.success(`已保存 ${month} 月 ${rows.length} 名专员的目标`);
          setEditing(false);
        },
      },
    );
  };

  const totals = MEASURES.map((m) => {
    const actual = items.reduce((s, i) => s + i.actual[m.key], 0);
    const target = items.reduce((s, i) => s + (i.target?.[m.key] ?? 0), 0);
    return { ...m, actual, target };
  });

  const columns: TableProps<OfficerTarget>['columns'] = [
    { title: '驻企专员', dataIndex: 'displayName', key: 'name', width: 120, fixed: 'left' },
    ...MEASURES.map((m) => ({
      title: m.label,
      key: m.key,
      width: 200,
      render: (_: unknown, i: OfficerTarget) =>
        editing ? (
          <Space size={6}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已完成 {i.actual[m.key]},目标
            </Typography.Text>
            <InputNumber
              min={0}
              max={10000}
              precision={0}
              value={draft[i.userId]?.[m.key] ?? null}
              onChange={(v) => setCell(i.userId, m.key, v)}
              style={{ width: 80 }}
              aria-label={`${i.displayName} ${m.label}目标`}
            />
          </Space>
        ) : (
          <TargetCell actual={i.actual[m.key]} target={i.target?.[m.key] ?? null} pace={pace?.ratio ?? null} unit={m.unit} />
        ),
    })),
    ...(!editing
      ? [
          {
            title: '综合完成',
            key: 'overall',
            width: 110,
            render: (_: unknown, i: OfficerTarget) => {
              if (!i.target) return <Tag>未设目标</Tag>;
              const parts = MEASURES.filter((m) => i.target![m.key] > 0).map((m) => Math.min(1, i.actual[m.key] / i.target![m.key]));
              if (parts.length === 0) return '—';
              const r = parts.reduce((a, b) => a + b, 0) / parts.length;
              return (
                <Tag color={r >= 1 ? 'green' : pace && r + 0.1 < pace.ratio ? 'orange' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {Math.round(r * 100)}%
                </Tag>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={own ? '我的月战图' : '月战图'}
        subTitle="驻企专员每月走访、办结诉求、代办目标与完成情况"
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => {
                setEditing(false);
                const next = new URLSearchParams(params);
                if (d && d.format('YYYY-MM') !== thisMonth) next.set('month', d.format('YYYY-MM'));
                else next.delete('month');
                setParams(next);
              }}
              aria-label="选择月份"
            />
            {canEdit &&
              (editing ? (
                <>
                  <Button onClick={() => setEditing(false)}>取消</Button>
                  <Button type="primary" icon={<SaveOutlined />} loading={put.isPending} onClick={save}>
                    保存目标
                  </Button>
                </>
              ) : (
                <Button type="primary" icon={<EditOutlined />} onClick={startEdit} disabled={items.length === 0}>
                  设置目标
                </Button>
              ))}
          </>
        }
      />

      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {totals.map((t) => (
          <Col key={t.key} xs={24} sm={8}>
            <Card size="small">
              {targets.isLoading ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : (
                <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
                  <Progress
                    type="dashboard"
                    size={76}
                    percent={t.target ? Math.min(100, Math.round((t.actual / t.target) * 100)) : 0}
                    format={() => (t.target ? `${Math.round((t.actual / t.target) * 100)}%` : '—')}
                    strokeColor={t.target ? colorOf(t.actual / t.target, pace?.ratio ?? null) : undefined}
                  />
                  <div>
                    <div style={{ color: '#667085' }}>{own ? '' : '全员'}{t.label}</div>
                    <div style={{ fontSize: 22, fontWeight: 600 }}>
                      {t.actual}
                      <span style={{ fontSize: 14, color: '#667085', fontWeight: 400 }}>
                        {' '}
                        / {t.target || '—'} {t.unit}
                      </span>
                    </div>
                  </div>
                </div>
              )}
            </Card>
          </Col>
        ))}
      </Row>

      {pace && (
        <div style={{ marginBottom: 8, color: '#667085', fontSize: 13 }}>
          {month === thisMonth ? (
            <>
              时间进度:本月 {pace.total} 个工作日已过 {pace.done} 个({Math.round(pace.ratio * 100)}%)。
              <Tooltip title="完成率低于时间进度10个百分点以上显示为橙色">
                <span style={{ color: ORANGE }}>■</span> 进度落后 <span style={{ color: BLUE }}>■</span> 正常 <span style={{ color: GREEN }}>■</span> 已完成
              </Tooltip>
            </>
          ) : (
            `${month} 共 ${pace.total} 个工作日`
          )}
        </div>
      )}

      {editing && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Typography.Text>统一设置:</Typography.Text>
            {MEASURES.map((m) => (
              <Space key={m.key} size={4}>
                <span>{m.label}</span>
                <InputNumber min={0} max={10000} precision={0} value={bulk[m.key] ?? null} onChange={(v) => setBulk((b) => ({ ...b, [m.key]: v }))} style={{ width: 80 }} aria-label={`统一${m.label}目标`} />
              </Space>
            ))}
            <Button onClick={applyBulk}>应用到全部专员</Button>
          </Space>
        </Card>
      )}

      {targets.isError && !targets.data ? (
        <Card>
          <QueryError error={targets.error} onRetry={() => targets.refetch()} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<OfficerTarget>
            rowKey="userId"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={targets.isLoading || (targets.isFetching && targets.isPlaceholderData)}
            pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: screens.md ? undefined : 760 }}
            locale={{ emptyText: targets.isLoading ? ' ' : <EmptyHint description="园区还没有驻企专员" /> }}
          />
        </Card>
      )}
    </>
  );
}
