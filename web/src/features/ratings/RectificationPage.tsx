import { Alert, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  FIX_VERDICTS,
  FIX_VERDICT_LABELS,
  RECTIFICATION_ACTION_LABELS,
  RETURN_VISIT_METHODS,
  RETURN_VISIT_METHOD_LABELS,
  type FixVerdict,
  type RectificationAction,
  type RectificationActionRequest,
  type RectificationDetailView,
  type ReturnVisitMethod,
} from '@yuanqi/contract';
import { CaseActionBar, CaseFrame, type CaseActionSpec, type CaseActionValues } from '../../components/case-kit';
import { QueryError } from '../../components/QueryError';
import { dayjs, formatDateTime } from '../../components/format';
import { useRectification, useRectificationAction } from './api';
import { RatingLevelTag, RatingTimeline, RectificationStatusTag, RectifyDeadline } from './components';
import './ratings.css';

const STEP_OF: Record<string, number> = { open: 0, fixed: 1, visited: 2, closed: 3, cancelled: 3 };

const NOTE_MAX = 1000;

/** The rectification's actions, in the order the switch offers them, each with its form. */
const ACTIONS: CaseActionSpec<RectificationAction, RectificationDetailView>[] = [
  {
    action: 'record-fix',
    label: RECTIFICATION_ACTION_LABELS['record-fix'],
    okText: '提交整改措施',
    success: '整改措施已录入,请尽快回访企业',
    fields: [
      {
        name: 'note',
        label: '整改措施',
        kind: 'textarea',
        required: true,
        min: 5,
        max: NOTE_MAX,
        rows: 4,
        tooltip: '写明针对差评所做的具体整改:问题原因、已采取的措施、结果',
        placeholder: '写明问题原因、已采取的措施和结果。如:已与供电公司协调,于11月20日完成企业专线增容,并向企业书面说明延误原因。',
      },
    ],
  },
  {
    action: 'return-visit',
    label: RECTIFICATION_ACTION_LABELS['return-visit'],
    okText: '登记回访',
    success: '回访已登记',
    fields: [
      { name: 'method', label: '回访方式', kind: 'select', required: true, span: 10, initialValue: 'phone', options: RETURN_VISIT_METHODS.map((m) => ({ value: m, label: RETURN_VISIT_METHOD_LABELS[m] })) },
      { name: 'visitedAt', label: '回访时间', kind: 'datetime', required: true, span: 14, initialValue: dayjs(), disabledDate: (d) => d.isAfter(dayjs(), 'day') },
      { name: 'note', label: '回访情况', kind: 'textarea', required: true, requiredMessage: '请填写回访情况(企业的反馈)', min: 2, max: NOTE_MAX, placeholder: '企业对整改的反馈' },
      {
        name: 'verdict',
        label: '企业当场对整改的评价',
        kind: 'radio',
        initialValue: 'none',
        options: [
          { value: 'none', label: '未表态(由企业在线评价)' },
          { value: 'satisfied', label: '满意' },
          { value: 'unsatisfied', label: '不满意' },
        ],
      },
    ],
  },
  {
    action: 'verdict',
    label: RECTIFICATION_ACTION_LABELS.verdict,
    okText: '提交评价',
    success: (_, v) => (v.verdict === 'satisfied' ? '感谢评价,整改已办结' : '已反馈不满意,经办人将重新整改'),
    fields: [
      {
        name: 'verdict',
        label: '对整改结果',
        kind: 'radio',
        buttons: true,
        required: true,
        requiredMessage: '请选择满意或不满意',
        options: FIX_VERDICTS.map((v) => ({ value: v, label: FIX_VERDICT_LABELS[v] })),
      },
      {
        name: 'note',
        label: '说明',
        kind: 'textarea',
        required: (v) => v.verdict === 'unsatisfied',
        requiredMessage: '对整改不满意时请说明原因',
        max: NOTE_MAX,
        placeholder: (v) => (v.verdict === 'unsatisfied' ? '请说明哪里仍不满意' : '可选'),
      },
    ],
  },
  {
    action: 'close',
    label: RECTIFICATION_ACTION_LABELS.close,
    okText: '办结整改',
    danger: true,
    confirm: { title: '确定办结该整改?', okText: '办结' },
    success: '整改已办结',
    fields: [
      {
        name: 'note',
        label: '办结说明',
        kind: 'textarea',
        required: true,
        min: 2,
        max: NOTE_MAX,
        tooltip: '调度专班直接办结整改(如企业多次联系不上);逾期办结的不计为按期整改',
      },
    ],
  },
];

/** The form's values as the API takes them (a visit's 未表态 is no verdict). */
function toRequest(action: RectificationAction, v: CaseActionValues): RectificationActionRequest {
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const verdict = text('verdict');
  return {
    action,
    note: text('note'),
    method: text('method') as ReturnVisitMethod | undefined,
    visitedAt: text('visitedAt'),
    verdict: verdict === 'none' ? undefined : (verdict as FixVerdict | undefined),
  };
}

export function RectificationPage() {
  const { id = '' } = useParams();
  const rectification = useRectification(id);
  const act = useRectificationAction(id);

  if (rectification.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (rectification.isError || !rectification.data) return <QueryError error={rectification.error} onRetry={() => rectification.refetch()} what="整改" />;
  const rc = rectification.data;
  const subjectLink = rc.subjectType === 'demand' ? `/demands/${rc.subjectId}` : null;

  const late = rc.overdue ? <Tag color="red">已逾期</Tag> : rc.wasLate ? <Tag color="red">曾逾期</Tag> : null;

  return (
    <CaseFrame
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/rectifications">
            <ArrowLeftOutlined /> 差评整改
          </Link>
        </div>
      }
      number={rc.caseNumber}
      title={`差评整改:${rc.title}`}
      docTitle={`整改 ${rc.caseNumber}`}
      status={<RectificationStatusTag status={rc.status} label={rc.statusLabel} round={rc.round} />}
      facts={late ? [late] : []}
      notice={
        rc.status === 'cancelled' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该差评已经申诉移除,整改已撤销" description={rc.closeNote ? `理由:${rc.closeNote}` : undefined} />
        )
      }
      steps={{
        current: STEP_OF[rc.status] ?? 0,
        status: rc.status === 'cancelled' ? 'error' : rc.status === 'closed' ? 'finish' : rc.overdue ? 'error' : 'process',
        items: [
          { title: '整改中', content: rc.round > 1 ? `第${rc.round}轮` : '录入整改措施' },
          { title: '已整改', content: rc.fixedAt ? formatDateTime(rc.fixedAt) : '待回访企业' },
          { title: '已回访', content: rc.returnVisits.length ? formatDateTime(rc.returnVisits[rc.returnVisits.length - 1]!.visitedAt) : '待企业评价' },
          { title: rc.status === 'cancelled' ? '已撤销' : '已办结', content: rc.closedAt ? formatDateTime(rc.closedAt) : undefined },
        ],
      }}
      actions={
        <CaseActionBar<RectificationAction, RectificationDetailView>
          key={`${rc.status}-${rc.round}`}
          layout="inline"
          title={rc.allowedActions.length === 1 && rc.allowedActions[0] === 'verdict' ? '请评价整改结果' : '办理'}
          className="yq-rect-action"
          allowedActions={rc.allowedActions}
          actions={ACTIONS}
          run={(action, values) => act.mutateAsync(toRequest(action, values))}
        />
      }
      timeline={<RatingTimeline events={rc.timeline} />}
      timelineTitle="时间线"
      timelineSide
    >
      <Card title="差评内容" style={{ marginBottom: 16 }} extra={<Link to={`/ratings/${rc.ratingId}`}>评价详情</Link>}>
        <Space size={8} style={{ marginBottom: 8 }} wrap>
          <RatingLevelTag level={rc.level} label={rc.levelLabel} />
          <span style={{ color: '#667085' }}>{rc.enterpriseName}</span>
        </Space>
        <div className="yq-quote">{rc.comment ?? '(未填写评价内容)'}</div>
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label="评价事项">
            {subjectLink ? <Link to={subjectLink}>{rc.title}</Link> : rc.title}
          </Descriptions.Item>
          <Descriptions.Item label="整改责任人">{rc.assigneeName ?? '调度专班'}</Descriptions.Item>
          <Descriptions.Item label="整改期限">
            <RectifyDeadline dueAt={rc.dueAt} active={rc.status === 'open'} overdue={rc.overdue} compact />
          </Descriptions.Item>
          <Descriptions.Item label="转整改时间">{formatDateTime(rc.openedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>

      {(rc.fixNote || rc.allowedActions.length === 0) && (
        <Card title="整改措施" size="small" style={{ marginBottom: 16 }}>
          {rc.fixNote ? (
            <>
              <div className="yq-quote neutral">{rc.fixNote}</div>
              <div style={{ fontSize: 12, color: '#667085', marginTop: 6 }}>录入于 {formatDateTime(rc.fixedAt)}</div>
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rc.round > 1 ? `第${rc.round}轮整改措施尚未录入` : '尚未录入整改措施'} />
          )}
        </Card>
      )}

      {(rc.returnVisits.length > 0 || rc.status !== 'open') && (
        <Card title="回访记录" size="small" style={{ marginBottom: 16 }}>
          {rc.returnVisits.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未回访" />
          ) : (
            <div className="yq-card-list">
              {rc.returnVisits.map((v) => (
                <div key={v.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                  <Space size={6} wrap>
                    <Tag>第{v.round}轮</Tag>
                    <span>{v.methodLabel}</span>
                    <span style={{ color: '#667085' }}>
                      {formatDateTime(v.visitedAt)} · {v.visitorName}
                    </span>
                    {v.verdict && <Tag color={v.verdict === 'satisfied' ? 'green' : 'red'}>{FIX_VERDICT_LABELS[v.verdict]}</Tag>}
                  </Space>
                  <div style={{ marginTop: 4, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v.note}</div>
                </div>
              ))}
            </div>
          )}
        </Card>
      )}

      {(rc.verdict || rc.closeNote) && (
        <Card title="整改结果" size="small" style={{ marginBottom: 16 }}>
          <Descriptions column={1} size="small">
            {rc.verdict && (
              <Descriptions.Item label="企业评价">
                <Tag color={rc.verdict === 'satisfied' ? 'green' : 'red'}>{FIX_VERDICT_LABELS[rc.verdict]}</Tag> {formatDateTime(rc.verdictAt)}
              </Descriptions.Item>
            )}
            {rc.closeNote && <Descriptions.Item label="办结说明">{rc.closeNote}</Descriptions.Item>}
            {rc.closedOnTime !== null && <Descriptions.Item label="按期整改">{rc.closedOnTime ? <Tag color="green">是</Tag> : <Tag color="red">否(曾逾期)</Tag>}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
    </CaseFrame>
  );
}
