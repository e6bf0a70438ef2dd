import type { ReactNode } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DEMAND_SOURCE_LABELS, type DemandDetail, type Me } from '@yuanqi/contract';
import { hasPermission, isEnterpriseOnly, useMe } from '../../app/auth';
import { CaseFrame } from '../../components/case-kit';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { formatDateTime } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useDemand, useDemandCategories } from './api';
import { AttachmentList, AttachmentUploader } from './attachments';
import { autoCloseHint, DemandActionButtons } from './DemandActions';
import { Countdown, deadlineText, demandSteps, StatusTag } from './DemandBits';
import { DemandTimeline } from './DemandTimeline';
import { RatingForm, RatingSummary } from './RatingPanel';
import './demands.css';

/** Mirrors the server's attach rule (policy.assertCanAttach); the server still decides. */
function mayAttach(me: Me, d: DemandDetail): boolean {
  if (d.status === 'closed' || d.status === 'withdrawn') return false;
  return (
    (me.enterpriseId === d.enterpriseId && me.roles.includes('enterprise')) ||
    (d.assigneeId === me.id && hasPermission(me, 'demand:handle')) ||
    hasPermission(me, 'demand:dispatch') ||
    d.createdById === me.id
  );
}

function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} className="yq-section">
      {children}
    </Card>
  );
}

function Content({ d, me }: { d: DemandDetail; me: Me }) {
  const attach = mayAttach(me, d);
  return (
    <Section title="诉求内容">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.content}</Typography.Paragraph>
      {d.attachments.length > 0 && (
        <>
          <Typography.Text strong>附件({d.attachments.length})</Typography.Text>
          <AttachmentList demandId={d.id} items={d.attachments} />
        </>
      )}
      {attach && (
        <div style={{ marginTop: 12 }}>
          <AttachmentUploader demand={d} />
        </div>
      )}
    </Section>
  );
}

function Answer({ d }: { d: DemandDetail }) {
  if (!d.answer) return null;
  return (
    <Section
      title="办理答复"
      extra={
        d.answeredOnTime === false ? <Tag color="red">超期答复</Tag> : d.answeredOnTime ? <Tag color="green">按期答复</Tag> : undefined
      }
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 8 }}>{d.answer}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {d.assigneeName ?? '园区'} 答复于 {formatDateTime(d.answeredAt)}
      </Typography.Text>
    </Section>
  );
}

/** The firm's view: progress first, then what it must do (confirm, rate), then the record. */
function EnterpriseView({ d, me, back }: { d: DemandDetail; me: Me; back: ReactNode }) {
  const screens = useScreens();
  const closeHint = autoCloseHint(d);
  return (
    <CaseFrame
      layout="narrow"
      pageTitle="诉求详情"
      extra={back}
      number={d.number}
      numberClassName="yq-demand-number"
      title={d.title}
      status={<StatusTag status={d.status} label={d.statusLabel} />}
      facts={[d.categoryLabel, `提交于 ${formatDateTime(d.createdAt)}`]}
      flags={
        <>
          <Countdown d={d} withKind />
          {d.assigneeName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              首接专员 {d.assigneeName}
            </Typography.Text>
          )}
        </>
      }
      steps={demandSteps(d, true)}
      timeline={<DemandTimeline events={d.timeline} />}
      footer={
        d.allowedActions.includes('withdraw') && (
          <div style={{ textAlign: 'center', marginBottom: 16 }}>
            <DemandActionButtons demand={d} only={['withdraw']} />
          </div>
        )
      }
    >
      <Answer d={d} />
      {d.status === 'resolved' && d.allowedActions.some((a) => a === 'confirm' || a === 'reject') && (
        <Card className="yq-section yq-callout">
          <Typography.Text strong>专员已答复,问题解决了吗?</Typography.Text>
          <div style={{ margin: '8px 0 12px', color: '#667085', fontSize: 13 }}>{closeHint}</div>
          <DemandActionButtons demand={d} only={['confirm', 'reject']} block={!screens.sm} />
        </Card>
      )}
      {d.canRate && (
        <Section title={<span><StarOutlined /> 评价本次办理</span>}>
          <RatingForm demandId={d.id} />
        </Section>
      )}
      {d.rating && (
        <Section title="我的评价">
          <RatingSummary rating={d.rating} />
        </Section>
      )}
      <Content d={d} me={me} />
    </CaseFrame>
  );
}

/** The officer's workbench: the case on the left, the actions and facts on the right (first on a phone). */
function StaffView({ d, me, extra }: { d: DemandDetail; me: Me; extra: ReactNode }) {
  const screens = useScreens();
  const categories = useDemandCategories();
  const category = categories.items.find((c) => c.code === d.category);
  const handlerActions = d.allowedActions.filter((a) => a !== 'withdraw' && a !== 'confirm' && a !== 'reject');
  const closeHint = autoCloseHint(d);
  const wide = !!screens.lg;
  const handling = (
    <Card title="办理" className="yq-section">
      {d.escalated && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`已逾期升级至调度专班${d.escalatedAt ? `(${formatDateTime(d.escalatedAt)})` : ''}`} />}
      {d.dueAt && (
        <div style={{ marginBottom: 12 }}>
          <Countdown d={d} withKind />
          <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>{deadlineText(d)}</div>
        </div>
      )}
      {handlerActions.length > 0 ? (
        <DemandActionButtons demand={d} category={category} only={handlerActions} block={!wide} />
      ) : (
        <Typography.Text type="secondary">
          {d.status === 'resolved'
            ? `已答复,等待企业确认。${closeHint ?? ''}`
            : d.status === 'closed'
              ? `已办结${d.closedBy === 'system' ? '(超期未确认,系统自动办结)' : '(企业已确认)'}`
              : d.status === 'withdrawn'
                ? '企业已撤回'
                : '您当前不能办理这件诉求(仅首接负责人或调度专班可办理)'}
        </Typography.Text>
      )}
    </Card>
  );
  const facts = (
    <Card title="基本信息" className="yq-section">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96, color: '#667085' } }}
        items={[
          { key: 'firm', label: '企业', children: <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link> },
          { key: 'cat', label: '类别', children: category ? `${d.categoryLabel}(答复时限${category.answerDays}个工作日)` : d.categoryLabel },
          { key: 'src', label: '来源', children: DEMAND_SOURCE_LABELS[d.source] },
          { key: 'owner', label: '首接负责人', children: d.assigneeName ?? <Badge status="warning" text="待分派(调度池)" /> },
          ...(d.department ? [{ key: 'dept', label: '承办单位', children: d.department }] : []),
          { key: 'accept', label: '签收期限', children: formatDateTime(d.acceptDueAt) },
          { key: 'answer', label: '答复期限', children: formatDateTime(d.answerDueAt) },
          { key: 'by', label: '提交人', children: `${d.createdByName ?? '—'} · ${formatDateTime(d.createdAt)}` },
          ...(d.reopenCount > 0 ? [{ key: 'reopen', label: '退回次数', children: `${d.reopenCount} 次` }] : []),
          ...(d.visitId ? [{ key: 'visit', label: '关联走访', children: <Link to={`/visits/${d.visitId}`}>查看走访记录</Link> }] : []),
        ]}
      />
    </Card>
  );
  return (
    <CaseFrame
      number={d.number}
      title={d.title}
      status={<StatusTag status={d.status} label={d.statusLabel} />}
      facts={[d.enterpriseName]}
      extra={extra}
      steps={{ ...demandSteps(d), compact: !wide, vertical: false }}
      actions={handling}
      side={facts}
      beforeTimeline={
        d.rating && (
          <Section title="企业评价">
            <RatingSummary rating={d.rating} />
          </Section>
        )
      }
      timeline={<DemandTimeline events={d.timeline} />}
    >
      <Answer d={d} />
      <Content d={d} me={me} />
    </CaseFrame>
  );
}

export function DemandDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const demand = useDemand(id);
  const d = demand.data;

  if (demand.isLoading || demand.isError || !d) return <RecordLoadCard query={demand} what="诉求" />;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/demands'))}>
      返回
    </Button>
  );
  if (isEnterpriseOnly(me)) return <EnterpriseView d={d} me={me} back={back} />;
  return (
    <StaffView
      d={d}
      me={me}
      extra={
        <>
          <Button icon={<ReloadOutlined spin={demand.isFetching} />} onClick={() => demand.refetch()} aria-label="刷新">
            刷新
          </Button>
          {back}
        </>
      }
    />
  );
}
