import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Popconfirm, Radio, Row, Segmented, Select, Skeleton, Space, Steps, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  FIX_VERDICT_LABELS,
  RECTIFICATION_ACTION_LABELS,
  RETURN_VISIT_METHODS,
  RETURN_VISIT_METHOD_LABELS,
  type FixVerdict,
  type RectificationAction,
  type RectificationDetailView,
  type ReturnVisitMethod,
} from '@yuanqi/contract';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDateTime } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useRectification, useRectificationAction } from './api';
import { RatingLevelTag, RatingTimeline, RectificationStatusTag, RectifyDeadline } from './components';
import './ratings.css';

const STEP_OF: Record<string, number> = { open: 0, fixed: 1, visited: 2, closed: 3, cancelled: 3 };

type FixValues = { note: string };
type VisitValues = { method: ReturnVisitMethod; visitedAt: dayjs.Dayjs; note: string; verdict?: FixVerdict | 'none' };
type VerdictValues = { verdict: FixVerdict; note?: string };
type CloseValues = { note: string };

function ActionForms({ rc }: { rc: RectificationDetailView }) {
  const { message } = App.useApp();
  const act = useRectificationAction(rc.id);
  // the office may both visit and close; the handler's own step comes first
  const actions = rc.allowedActions;
  const [chosen, setChosen] = useState<RectificationAction>(actions[0]!);
  const action = actions.includes(chosen) ? chosen : actions[0]!;
  const [fixForm] = Form.useForm<FixValues>();
  const [visitForm] = Form.useForm<VisitValues>();
  const [verdictForm] = Form.useForm<VerdictValues>();
  const [closeForm] = Form.useForm<CloseValues>();
  const verdict = Form.useWatch('verdict', verdictForm);

  const done = (text: string) => () => message.success(text);

  const form =
    action === 'record-fix' ? (
      <Form
        form={fixForm}
        name="record-fix"
        layout="vertical"
        onFinish={(v) => act.mutate({ action: 'record-fix', note: v.note.trim() }, { onSuccess: done('整改措施已录入,请尽快回访企业'), onError: (e) => applyFieldErrors(fixForm, e) })}
      >
        <Form.Item
          name="note"
          label="整改措施"
          rules={[
            { required: true, whitespace: true, message: '请填写整改措施' },
            { min: 5, message: '整改措施至少5个字' },
            { max: 1000, message: '整改措施最多1000个字' },
          ]}
          tooltip="写明针对差评所做的具体整改:问题原因、已采取的措施、结果"
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder="写明问题原因、已采取的措施和结果。如:已与供电公司协调,于11月20日完成企业专线增容,并向企业书面说明延误原因。" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending} block>
          提交整改措施
        </Button>
      </Form>
    ) : action === 'return-visit' ? (
      <Form
        form={visitForm}
        name="return-visit"
        layout="vertical"
        initialValues={{ method: 'phone', visitedAt: dayjs(), verdict: 'none' }}
        onFinish={(v) =>
          act.mutate(
            {
              action: 'return-visit',
              method: v.method,
              visitedAt: v.visitedAt.toISOString(),
              note: v.note.trim(),
              verdict: v.verdict && v.verdict !== 'none' ? v.verdict : undefined,
            },
            { onSuccess: done('回访已登记'), onError: (e) => applyFieldErrors(visitForm, e) },
          )
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="method" label="回访方式" rules={[{ required: true, message: '请选择回访方式' }]}>
              <Select options={RETURN_VISIT_METHODS.map((m) => ({ value: m, label: RETURN_VISIT_METHOD_LABELS[m] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="visitedAt" label="回访时间" rules={[{ required: true, message: '请选择回访时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="note"
          label="回访情况"
          rules={[
            { required: true, whitespace: true, message: '请填写回访情况(企业的反馈)' },
            { min: 2, message: '回访情况至少2个字' },
            { max: 1000, message: '回访情况最多1000个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="企业对整改的反馈" />
        </Form.Item>
        <Form.Item name="verdict" label="企业当场对整改的评价">
          <Radio.Group
            options={[
              { value: 'none', label: '未表态(由企业在线评价)' },
              { value: 'satisfied', label: '满意' },
              { value: 'unsatisfied', label: '不满意' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending} block>
          登记回访
        </Button>
      </Form>
    ) : action === 'verdict' ? (
      <Form
        form={verdictForm}
        name="verdict"
        layout="vertical"
        onFinish={(v) =>
          act.mutate(
            { action: 'verdict', verdict: v.verdict, note: v.note?.trim() || undefined },
            { onSuccess: done(v.verdict === 'satisfied' ? '感谢评价,整改已办结' : '已反馈不满意,经办人将重新整改'), onError: (e) => applyFieldErrors(verdictForm, e) },
          )
        }
      >
        <Form.Item name="verdict" label="对整改结果" rules={[{ required: true, message: '请选择满意或不满意' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'satisfied', label: FIX_VERDICT_LABELS.satisfied },
              { value: 'unsatisfied', label: FIX_VERDICT_LABELS.unsatisfied },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          rules={[
            { required: verdict === 'unsatisfied', whitespace: true, message: '对整改不满意时请说明原因' },
            { max: 1000, message: '说明最多1000个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder={verdict === 'unsatisfied' ? '请说明哪里仍不满意' : '可选'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending} block>
          提交评价
        </Button>
      </Form>
    ) : (
      <Form
        form={closeForm}
        name="close"
        layout="vertical"
        onFinish={(v) => act.mutate({ action: 'close', note: v.note.trim() }, { onSuccess: done('整改已办结'), onError: (e) => applyFieldErrors(closeForm, e) })}
      >
        <Form.Item
          name="note"
          label="办结说明"
          rules={[
            { required: true, whitespace: true, message: '请填写办结说明' },
            { min: 2, message: '办结说明至少2个字' },
            { max: 1000, message: '办结说明最多1000个字' },
          ]}
          tooltip="调度专班直接办结整改(如企业多次联系不上);逾期办结的不计为按期整改"
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Popconfirm title="确定办结该整改?" okText="办结" cancelText="取消" onConfirm={() => closeForm.submit()}>
          <Button danger loading={act.isPending} block>
            办结整改
          </Button>
        </Popconfirm>
      </Form>
    );

  return (
    <Card title={actions.length === 1 && actions[0] === 'verdict' ? '请评价整改结果' : '办理'} className="yq-rect-action" style={{ marginBottom: 16 }}>
      {actions.length > 1 && (
        <Segmented<RectificationAction>
          block
          value={action}
          onChange={setChosen}
          options={actions.map((a) => ({ value: a, label: RECTIFICATION_ACTION_LABELS[a] }))}
          style={{ marginBottom: 16 }}
        />
      )}
      {form}
    </Card>
  );
}

export function RectificationPage() {
  const { id = '' } = useParams();
  const rectification = useRectification(id);
  const screens = useScreens();

  if (rectification.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (rectification.isError || !rectification.data) return <QueryError error={rectification.error} onRetry={() => rectification.refetch()} what="整改" />;
  const rc = rectification.data;
  const subjectLink = rc.subjectType === 'demand' ? `/demands/${rc.subjectId}` : null;

  const steps = (
    <Steps
      size="small"
      current={STEP_OF[rc.status]}
      status={rc.status === 'cancelled' ? 'error' : rc.status === 'closed' ? 'finish' : rc.overdue ? 'error' : 'process'}
      orientation={screens.sm ? 'horizontal' : 'vertical'}
      items={[
        { title: '整改中', content: rc.round > 1 ? `第${rc.round}轮` : '录入整改措施' },
        { title: '已整改', content: rc.fixedAt ? formatDateTime(rc.fixedAt) : '待回访企业' },
        { title: '已回访', content: rc.returnVisits.length ? formatDateTime(rc.returnVisits[rc.returnVisits.length - 1]!.visitedAt) : '待企业评价' },
        { title: rc.status === 'cancelled' ? '已撤销' : '已办结', content: rc.closedAt ? formatDateTime(rc.closedAt) : undefined },
      ]}
    />
  );

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/rectifications">
          <ArrowLeftOutlined /> 差评整改
        </Link>
      </div>
      <PageHeader
        title={`差评整改:${rc.title}`}
        docTitle={`整改 ${rc.caseNumber}`}
        subTitle={
          <Space size={8} wrap>
            <span className="yq-mono">{rc.caseNumber}</span>
            <RectificationStatusTag status={rc.status} label={rc.statusLabel} round={rc.round} />
            {rc.overdue ? <Tag color="red">已逾期</Tag> : rc.wasLate ? <Tag color="red">曾逾期</Tag> : null}
          </Space>
        }
      />
      {rc.status === 'cancelled' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该差评已经申诉移除,整改已撤销" description={rc.closeNote ? `理由:${rc.closeNote}` : undefined} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <div className="yq-rect-steps">{steps}</div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
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

          {rc.allowedActions.length > 0 && <ActionForms key={`${rc.status}-${rc.round}`} rc={rc} />}

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
        </Col>
        <Col xs={24} lg={10}>
          <Card title="时间线">
            <RatingTimeline events={rc.timeline} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
