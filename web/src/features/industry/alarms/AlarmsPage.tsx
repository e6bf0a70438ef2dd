import { Button, Card, Space, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ALARM_SEVERITIES, ALARM_SEVERITY_LABELS, ALARM_STATUSES, ALARM_STATUS_LABELS, type AlarmSeverity, type AlarmView } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDateTime, fromNow } from '../../../components/format';
import { useAlarmSummary, useAlarms, type AlarmListQuery } from './api';
import { AlarmStatusTag, ConditionTag, SeverityTag, breachDuration, formatReading } from './bits';

const STATUS_PARAM = ['open', 'acknowledged', 'closed', 'live'] as const;

/**
 * 设备告警: the office sees the park's alarms, a liaison its firms', a firm its own (phone cards).
 * Live ones first; the board filters by state, the filters by severity and text.
 */
export function AlarmsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const firm = !!me.enterpriseId;
  const filters: CaseFilterSpec[] = [
    {
      kind: 'select',
      param: 'status',
      label: '按状态筛选',
      placeholder: '状态',
      options: [{ value: 'live', label: '未关闭' }, ...ALARM_STATUSES.map((s) => ({ value: s, label: ALARM_STATUS_LABELS[s] }))],
      width: 120,
    },
    { kind: 'select', param: 'severity', label: '按级别筛选', placeholder: '告警级别', options: ALARM_SEVERITIES.map((s) => ({ value: s, label: ALARM_SEVERITY_LABELS[s] })), width: 120 },
    { kind: 'check', param: 'active', label: '只看仍越限' },
    { kind: 'search', param: 'q', label: firm ? '搜索设备' : '搜索企业、设备' },
    // set by links (a firm's or a device's page: /industry/alarms?enterpriseId=… / ?deviceId=…)
    { kind: 'select', param: 'enterpriseId', label: '企业', options: [], hidden: true },
    { kind: 'select', param: 'deviceId', label: '设备', options: [], hidden: true },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query: AlarmListQuery = { page: queue.page, pageSize: 20 };
  const status = values.status && (STATUS_PARAM as readonly string[]).includes(values.status) ? values.status : undefined;
  if (status) query.status = status === 'live' ? 'open,acknowledged' : status;
  if (values.severity && (ALARM_SEVERITIES as readonly string[]).includes(values.severity)) query.severity = values.severity as AlarmSeverity;
  if (values.active === 'true') query.active = 'true';
  if (queue.q) query.q = queue.q;
  const uuid = /^[0-9a-f-]{36}$/i;
  if (values.enterpriseId && uuid.test(values.enterpriseId)) query.enterpriseId = values.enterpriseId;
  if (values.deviceId && uuid.test(values.deviceId)) query.deviceId = values.deviceId;
  const list = useAlarms(query);
  const summary = useAlarmSummary();
  const s = summary.data;

  const columns: TableProps<AlarmView>['columns'] = [
    {
      title: '告警',
      key: 'title',
      width: 250,
      render: (_, a) => (
        <div>
          <Space size={6} wrap>
            <SeverityTag severity={a.severity} />
            <Link to={`/industry/alarms/${a.id}`} style={{ fontWeight: 500 }}>
              {a.ruleName ?? a.title}
            </Link>
          </Space>
          <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>{a.conditionText ?? a.title}</div>
        </div>
      ),
    },
    ...(firm
      ? []
      : [{ title: '企业', dataIndex: 'enterpriseName', key: 'firm', width: 180, ellipsis: true } satisfies NonNullable<TableProps<AlarmView>['columns']>[number]]),
    {
      title: '设备',
      key: 'device',
      width: 190,
      render: (_, a) => (
        <div>
          <div>{a.deviceName}</div>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {a.deviceCode}
          </div>
        </div>
      ),
    },
    {
      title: '触发值 / 峰值',
      key: 'values',
      width: 160,
      render: (_, a) => (
        <span>
          {formatReading(a.triggerValue, a.unit)} / <strong>{formatReading(a.peakValue, a.unit)}</strong>
        </span>
      ),
    },
    { title: '触发时间', key: 'raised', width: 150, render: (_, a) => formatDateTime(a.raisedAt) },
    { title: '持续', key: 'duration', width: 90, render: (_, a) => breachDuration(a) },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, a) => (
        <Space size={4} wrap>
          <AlarmStatusTag status={a.status} />
          <ConditionTag alarm={a} />
        </Space>
      ),
    },
  ];

  const filtered = !!(query.status || query.severity || query.active || query.q || query.enterpriseId || query.deviceId);
  const empty = filtered ? (
    <EmptyHint description="没有符合条件的告警">
      <Button onClick={() => queue.setParams({})}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description={firm ? '您的设备暂无告警' : '暂无设备告警'} />
  );

  return (
    <CaseQueuePage<AlarmView>
      state={queue}
      title="设备告警"
      subTitle={firm ? '设备越限持续达到规则时长即告警;请确认后处理,处理完成填写说明关闭' : '告警规则触发的设备告警:企业或联络员确认、处理并填写说明关闭,调度专班可直接关闭'}
      board={{
        resets: ['status', 'active'],
        toggle: true,
        columns: { phone: 2, desktop: 4 },
        chips: [
          { label: '待确认', count: s?.open, patch: { status: 'open' }, danger: (s?.open ?? 0) > 0 },
          { label: '处理中', count: s?.acknowledged, patch: { status: 'acknowledged' } },
          { label: '仍越限', count: s?.active, patch: { active: 'true' }, danger: (s?.active ?? 0) > 0 },
          { label: '近7天关闭', count: s?.closedLast7Days, patch: { status: 'closed' } },
        ],
      }}
      list={list}
      columns={columns}
      onRefresh={() => void summary.refetch()}
      table={{ size: 'middle', scroll: { x: 1100 }, onRow: (a) => ({ onClick: () => navigate(`/industry/alarms/${a.id}`), style: { cursor: 'pointer' } }) }}
      empty={empty}
      paging={{ plainTotal: true, hideOnSinglePage: true }}
      renderCard={(a) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/industry/alarms/${a.id}`)} data-testid="alarm-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
            <Space size={6} wrap>
              <SeverityTag severity={a.severity} />
              <Link to={`/industry/alarms/${a.id}`} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
                {a.ruleName ?? a.title}
              </Link>
            </Space>
            <AlarmStatusTag status={a.status} />
          </div>
          <div style={{ fontSize: 13, margin: '6px 0 4px' }}>
            {a.deviceName} <span className="yq-mono" style={{ color: '#667085', fontSize: 12 }}>{a.deviceCode}</span>
          </div>
          {!firm && <div style={{ fontSize: 12, color: '#667085' }}>{a.enterpriseName}</div>}
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginTop: 6 }}>
            <Typography.Text style={{ fontSize: 13 }}>
              峰值 <strong>{formatReading(a.peakValue, a.unit)}</strong>
            </Typography.Text>
            <Space size={6}>
              <ConditionTag alarm={a} />
              <span style={{ fontSize: 12, color: '#667085' }}>{fromNow(a.raisedAt)}</span>
            </Space>
          </div>
        </Card>
      )}
    />
  );
}
