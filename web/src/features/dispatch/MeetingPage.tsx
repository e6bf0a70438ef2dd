import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Popconfirm, Progress, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, FileWordOutlined, LockOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { DISPATCH_REASON_LABELS, type DispatchItem, type DispatchReason } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { useMe } from '../../app/auth';
import { Countdown } from '../../components/Countdown';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors } from '../../components/forms';
import { formatDate, formatDateTime, weekdayOf } from '../../components/format';
import { useLiaisons } from '../enterprises/api';
import { actsAsDispatcher } from './access';
import { downloadMinutes, useCloseMeeting, useDecideItem, useMeeting } from './api';
import { DemandStatusTag } from './DemandStatusTag';
import { DueDatePicker } from './DueDatePicker';
import { LazyMount } from './LazyMount';
import { MeetingBridgeLoans } from '../finance/bridge/MeetingBridgeLoans';
import './dispatch.css';

const REASON_COLORS: Record<DispatchReason, string> = { escalated: 'orange', overdue: 'red', bad_rating: 'magenta' };

export function ReasonTags({ reasons }: { reasons: DispatchReason[] }) {
  return (
    <>
      {reasons.map((r) => (
        <Tag key={r} color={REASON_COLORS[r]} style={{ marginInlineEnd: 4 }}>
          {DISPATCH_REASON_LABELS[r]}
        </Tag>
      ))}
    </>
  );
}

type DecisionValues = { decision: string; ownerId?: string; newDueDate?: string; done?: boolean };

function DecisionForm({ meetingId, item, ownerOptions }: { meetingId: string; item: DispatchItem; ownerOptions: { value: string; label: string }[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const decide = useDecideItem(meetingId);
  const initial: DecisionValues = {
    decision: item.decision ?? '',
    ownerId: item.ownerId ?? item.demand.assigneeId ?? undefined,
    newDueDate: item.newDueDate ?? undefined,
    done: item.done,
  };
  const options = useMemo(() => {
    const known = new Set(ownerOptions.map((o) => o.value));
    const extra = [
      item.ownerId && item.ownerName && !known.has(item.ownerId) ? { value: item.ownerId, label: item.ownerName } : null,
      item.demand.assigneeId && item.demand.assigneeName && !known.has(item.demand.assigneeId) && item.demand.assigneeId !== item.ownerId
        ? { value: item.demand.assigneeId, label: item.demand.assigneeName }
        : null,
    ].filter((o): o is { value: string; label: string } => !!o);
    return [...extra, ...ownerOptions];
  }, [ownerOptions, item]);

  const submit = (v: DecisionValues) => {
    decide.mutate(
      {
        itemId: item.id,
        body: {
          decision: v.decision.trim(),
          ownerId: v.ownerId || undefined,
          // only a changed deadline restarts the demand's clock
          newDueDate: v.newDueDate && v.newDueDate !== item.newDueDate ? v.newDueDate : undefined,
          done: v.done ?? false,
        },
      },
      {
        onSuccess: () => message.success(`已保存 ${item.demand.number} 的调度决定`),
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Form
      form={form}
      // a unique name keeps the field ids (item-…_decision) unique across the agenda
      name={`item-${item.id}`}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      className="yq-decision"
      requiredMark="optional"
      aria-label={`议题 ${item.demand.number}`}
    >
      <Form.Item
        name="decision"
        label="调度决定"
        rules={[
          { required: true, whitespace: true, message: '请填写调度决定' },
          { min: 2, message: '调度决定至少2个字' },
          { max: 2000, message: '调度决定最多2000个字' },
        ]}
        style={{ marginBottom: 12 }}
      >
        <Input.TextArea rows={2} autoSize={{ minRows: 2, maxRows: 6 }} placeholder="如:由专员联系供电公司现场协调,本周五前答复企业" maxLength={2000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item name="ownerId" label="责任人" style={{ marginBottom: 12 }} extra="更换责任人即改派诉求">
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择责任人" options={options} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item name="newDueDate" label="新期限" style={{ marginBottom: 12 }}>
            <DueDatePicker />
          </Form.Item>
        </Col>
      </Row>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, paddingBottom: 12 }}>
        <Form.Item name="done" valuePropName="checked" noStyle>
          <Checkbox>已落实</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={decide.isPending}>
          {item.decidedAt ? '更新决定' : '保存决定'}
        </Button>
      </div>
    </Form>
  );
}

function DecisionView({ item, draft }: { item: DispatchItem; draft: boolean }) {
  if (!item.decidedAt) {
    return (
      <div className="yq-decision" style={{ paddingBottom: 12, color: '#98a2b3' }}>
        {draft ? '会议进行中,尚未作出决定' : '本议题未作决定'}
      </div>
    );
  }
  return (
    <div className="yq-decision" style={{ paddingBottom: 12 }}>
      <dl className="yq-agenda-facts">
        <dt>调度决定</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{item.decision}</dd>
        <dt>责任人</dt>
        <dd>{item.ownerName ?? '—'}</dd>
        <dt>新期限</dt>
        <dd>{item.newDueDate ? `${item.newDueDate} ${weekdayOf(item.newDueDate)}` : '未调整'}</dd>
        <dt>落实情况</dt>
        <dd>{item.done ? <Tag color="green">已落实</Tag> : <Tag>跟进中</Tag>}</dd>
      </dl>
    </div>
  );
}

function AgendaItem({ meetingId, item, index, editable, draft, ownerOptions }: { meetingId: string; item: DispatchItem; index: number; editable: boolean; draft: boolean; ownerOptions: { value: string; label: string }[] }) {
  const d = item.demand;
  return (
    <Card size="small" className={`yq-agenda-item ${item.decidedAt ? 'decided' : 'pending'}`} data-testid="agenda-item">
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={10}>
          <div className="yq-agenda-head">
            <span style={{ color: '#98a2b3' }}>#{index + 1}</span>
            <ReasonTags reasons={item.reasons} />
            <span className="num yq-mono">{d.number}</span>
          </div>
          <div style={{ marginBottom: 8 }}>
            <Link to={`/demands/${item.demandId}`} className="title" style={{ fontSize: 15, fontWeight: 600 }}>
              {d.title}
            </Link>
          </div>
          <dl className="yq-agenda-facts">
            <dt>企业</dt>
            <dd>{d.enterpriseName}</dd>
            <dt>类别</dt>
            <dd>{d.categoryLabel}</dd>
            <dt>状态</dt>
            <dd>
              <DemandStatusTag status={d.status} label={d.statusLabel} />
            </dd>
            <dt>负责人</dt>
            <dd>
              {d.assigneeName ?? <Tag color="purple">待分派</Tag>}
              {d.department ? ` · 承办:${d.department}` : ''}
            </dd>
            <dt>期限</dt>
            <dd>
              <Countdown dueAt={d.dueAt} remainingWorkingDays={d.remainingWorkingDays} overdue={d.overdue} idle={d.status === 'closed' ? '已办结' : '—'} />
            </dd>
            <dt>提交</dt>
            <dd>{formatDate(d.createdAt)}</dd>
          </dl>
        </Col>
        <Col xs={24} lg={14}>
          {item.decidedAt && (
            <div className="yq-decided-note">
              <CheckCircleOutlined style={{ color: '#12b76a' }} /> {item.decidedByName ?? '调度专班'} 于 {formatDateTime(item.decidedAt)} 作出决定
            </div>
          )}
          {editable ? (
            <LazyMount minHeight={210}>
              <DecisionForm key={item.decidedAt ?? 'new'} meetingId={meetingId} item={item} ownerOptions={ownerOptions} />
            </LazyMount>
          ) : (
            <DecisionView item={item} draft={draft} />
          )}
        </Col>
      </Row>
    </Card>
  );
}

type View = 'all' | 'pending' | 'decided';

export function MeetingPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const meeting = useMeeting(id);
  const close = useCloseMeeting(id);
  const canDispatch = actsAsDispatcher(me);
  const liaisons = useLiaisons(canDispatch);
  const [view, setView] = useState<View>('all');
  const [reason, setReason] = useState<DispatchReason | 'any'>('any');
  const [keyword, setKeyword] = useState('');
  const [downloading, setDownloading] = useState(false);

  const ownerOptions = useMemo(() => (liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName })), [liaisons.data]);

  if (meeting.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (meeting.isError || !meeting.data) return <QueryError error={meeting.error} onRetry={() => meeting.refetch()} what="会议" />;
  const m = meeting.data;
  const editable = canDispatch && m.status === 'draft';
  const pending = m.items.filter((i) => !i.decidedAt).length;
  const needle = keyword.trim().toLowerCase();
  const items = m.items.filter(
    (i) =>
      (view === 'all' || (view === 'pending' ? !i.decidedAt : !!i.decidedAt)) &&
      (reason === 'any' || i.reasons.includes(reason)) &&
      (!needle || [i.demand.number, i.demand.title, i.demand.enterpriseName].some((t) => t.toLowerCase().includes(needle))),
  );
  const position = new Map(m.items.map((i, n) => [i.id, n]));
  const reasonCount = (r: DispatchReason) => m.items.filter((i) => i.reasons.includes(r)).length;

  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadMinutes(m);
      message.success(`已下载 ${name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/dispatch/meetings">
          <ArrowLeftOutlined /> 周调度会议
        </Link>
      </div>
      <PageHeader
        title={m.title}
        docTitle={`周调度 ${m.heldOn}`}
        subTitle={
          <Space size={[8, 4]} wrap>
            <span>
              {m.heldOn} {weekdayOf(m.heldOn)}
            </span>
            {m.status === 'closed' ? (
              <Tag icon={<LockOutlined />}>已结束 {formatDateTime(m.closedAt)}</Tag>
            ) : (
              <Tag color="processing">进行中</Tag>
            )}
            <span>参会:{m.attendees.length ? m.attendees.join('、') : '—'}</span>
          </Space>
        }
        extra={
          <>
            <Button icon={<FileWordOutlined />} onClick={download} loading={downloading}>
              下载会议纪要
            </Button>
            {editable && (
              <Popconfirm
                title="结束会议"
                description={pending > 0 ? `还有 ${pending} 项议题未作决定,结束后不能再修改。确定结束?` : '结束后决定不能再修改,确定结束?'}
                okText="结束会议"
                cancelText="再看看"
                onConfirm={() => close.mutateAsync().then(() => message.success('会议已结束,可下载会议纪要'))}
              >
                <Button type="primary" danger={pending > 0} loading={close.isPending}>
                  结束会议
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 240, flex: '1 1 260px' }}>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              议题 {m.itemCount} 项 · 已决定 {m.decidedCount} 项
            </Typography.Text>
            <Progress percent={m.itemCount ? Math.round((m.decidedCount / m.itemCount) * 100) : 100} size="small" style={{ margin: 0, maxWidth: 240 }} />
          </div>
          <Space wrap size={8}>
            <Input.Search allowClear placeholder="编号、标题或企业" value={keyword} onChange={(e) => setKeyword(e.target.value)} style={{ width: 200 }} aria-label="查找议题" />
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'all', label: `全部 ${m.itemCount}` },
                { value: 'pending', label: `待决定 ${pending}` },
                { value: 'decided', label: `已决定 ${m.decidedCount}` },
              ]}
            />
            <Select<DispatchReason | 'any'>
              value={reason}
              onChange={setReason}
              style={{ width: 130 }}
              aria-label="按上会原因筛选"
              options={[
                { value: 'any', label: '全部原因' },
                ...(['escalated', 'overdue', 'bad_rating'] as const).map((r) => ({ value: r, label: `${DISPATCH_REASON_LABELS[r]} ${reasonCount(r)}` })),
              ]}
            />
          </Space>
        </div>
      </Card>

      {/* 逾期应急转贷 on the meeting's date (features/finance/bridge), read-only, for finance readers */}
      <MeetingBridgeLoans meetingId={m.id} />

      {m.items.length === 0 ? (
        <Card>
          <EmptyHint description="本次会议没有议题:召开时没有已升级、逾期或差评的诉求" />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <EmptyHint description="没有符合条件的议题" />
        </Card>
      ) : (
        <div className="yq-card-list">
          {items.map((item) => (
            <AgendaItem key={item.id} meetingId={m.id} item={item} index={position.get(item.id) ?? 0} editable={editable} draft={m.status === 'draft'} ownerOptions={ownerOptions} />
          ))}
        </div>
      )}
    </>
  );
}
