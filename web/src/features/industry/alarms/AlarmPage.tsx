import { Alert, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ALARM_ACTION_LABELS, type AlarmAction, type AlarmDetailView } from '@yuanqi/contract';
import { CaseActionBar, CaseFrame, type CaseActionSpec } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useAlarm, useAlarmAction } from './api';
import { AlarmStatusTag, ConditionTag, SeverityTag, breachDuration, formatReading } from './bits';

const ACTIONS: CaseActionSpec<AlarmAction, AlarmDetailView>[] = [
  {
    action: 'acknowledge',
    label: ALARM_ACTION_LABELS.acknowledge,
    title: '确认告警',
    okText: '确认告警',
    primary: true,
    success: '已确认,请处理后填写说明关闭告警',
    fields: [{ name: 'note', label: '说明', kind: 'textarea', max: 500, rows: 2, placeholder: '可选,如:已通知现场班组排查' }],
  },
  {
    action: 'close',
    label: ALARM_ACTION_LABELS.close,
    title: '关闭告警',
    okText: '关闭告警',
    success: '告警已关闭',
    fields: [
      {
        name: 'note',
        label: '处理说明',
        kind: 'textarea',
        required: true,
        requiredMessage: '请填写处理说明',
        min: 2,
        max: 500,
        rows: 3,
        placeholder: '原因和处理措施,如:热电偶老化读数偏高,已更换,复测正常',
      },
    ],
  },
];

const EVENT_COLORS: Record<string, string> = { 'alarm.raised': 'red', 'alarm.recurred': 'red', 'alarm.cleared': 'green', acknowledge: 'blue', close: 'gray' };

/** One alarm: device, rule, trigger and peak values, breach start, cleared, timeline and the actor's actions. */
export function AlarmPage() {
  const { id = '' } = useParams();
  const alarm = useAlarm(id);
  const act = useAlarmAction(id);
  const screens = useScreens();
  const mobile = !screens.md;

  if (alarm.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (alarm.isError || !alarm.data) return <QueryError error={alarm.error} onRetry={() => alarm.refetch()} what="告警" />;
  const a = alarm.data;
  const step = a.status === 'closed' ? 2 : a.status === 'acknowledged' ? 1 : 0;

  return (
    <CaseFrame
      layout={mobile ? 'narrow' : 'workbench'}
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/industry/alarms">
            <ArrowLeftOutlined /> 设备告警
          </Link>
        </div>
      }
      number={a.deviceCode}
      title={a.ruleName ? `${a.ruleName}:${a.deviceName}` : a.title}
      pageTitle="告警详情"
      docTitle={`告警 ${a.deviceName}`}
      status={<AlarmStatusTag status={a.status} />}
      facts={[<SeverityTag key="s" severity={a.severity} />, <ConditionTag key="c" alarm={a} />]}
      notice={
        a.status !== 'closed' && !a.clearedAt ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`设备仍处于越限状态(已持续 ${breachDuration(a)})`} description={a.conditionText ?? undefined} />
        ) : a.status !== 'closed' ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`越限已于 ${formatDateTime(a.clearedAt)} 解除`} description="告警仍需确认并填写处理说明后关闭" />
        ) : null
      }
      steps={{
        current: step,
        status: a.status === 'closed' ? 'finish' : 'process',
        items: [
          { title: '触发', content: formatDateTime(a.raisedAt) },
          { title: '确认', content: a.acknowledgedAt ? `${a.acknowledgedByName ?? ''} ${formatDateTime(a.acknowledgedAt)}` : '待确认' },
          { title: '关闭', content: a.closedAt ? formatDateTime(a.closedAt) : undefined },
        ],
      }}
      actions={
        a.actions.length > 0 && (
          <CaseActionBar<AlarmAction, AlarmDetailView>
            key={a.status}
            allowedActions={a.actions}
            actions={ACTIONS}
            block={mobile}
            run={(action, values) => act.mutateAsync({ action, note: typeof values.note === 'string' ? values.note : undefined, version: a.version })}
          />
        )
      }
      timeline={
        <EventTimeline
          events={a.timeline}
          colors={EVENT_COLORS}
          detailOf={() => null}
        />
      }
      timelineTitle="处理记录"
      timelineSide={!mobile}
    >
      <Card title="告警信息" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label="企业">{a.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="设备">
            <Link to={`/industry/devices/${a.deviceId}`}>{a.deviceName}</Link>{' '}
            <Tag color={a.deviceOnline ? 'green' : 'default'} style={{ marginInlineStart: 4 }}>
              {a.deviceOnline ? '在线' : '离线'}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="告警规则" span={mobile ? 1 : 2}>
            {a.conditionText ? (
              <Space size={6} wrap>
                <span>{a.ruleName}</span>
                <span style={{ color: '#667085' }}>{a.conditionText}</span>
              </Space>
            ) : (
              <span style={{ color: '#667085' }}>规则已删除({a.metricLabel ?? a.metric ?? '—'})</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="触发值">{formatReading(a.triggerValue, a.unit)}</Descriptions.Item>
          <Descriptions.Item label="峰值">
            <strong>{formatReading(a.peakValue, a.unit)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="越限开始">{formatDateTime(a.breachStartedAt)}</Descriptions.Item>
          <Descriptions.Item label="触发告警">{formatDateTime(a.raisedAt)}</Descriptions.Item>
          <Descriptions.Item label="越限解除">{a.clearedAt ? formatDateTime(a.clearedAt) : a.status === 'closed' ? '—' : '仍越限'}</Descriptions.Item>
          <Descriptions.Item label="越限持续">{breachDuration(a)}</Descriptions.Item>
          <Descriptions.Item label="最新读数">{a.lastValue ? `${formatReading(a.lastValue.value, a.unit)}(${formatDateTime(a.lastValue.ts)})` : '—'}</Descriptions.Item>
          {a.acknowledgedAt && <Descriptions.Item label="确认">{`${a.acknowledgedByName ?? '—'} · ${formatDateTime(a.acknowledgedAt)}`}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {a.status === 'closed' && (
        <Card title="处理说明" size="small" style={{ marginBottom: 16 }}>
          <div className="yq-quote neutral">{a.closeNote}</div>
          <div style={{ fontSize: 12, color: '#667085', marginTop: 6 }}>
            {a.closedByName} 关闭于 {formatDateTime(a.closedAt)}
          </div>
        </Card>
      )}
    </CaseFrame>
  );
}
