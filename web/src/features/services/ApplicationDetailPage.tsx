import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { FileWordOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { CASE_KIND_LABELS, visitsLabel, type ApplicationDetailView } from '@yuanqi/contract';
import { hasPermission, isEnterpriseOnly, useMe } from '../../app/auth';
import { CaseFrame, CaseHeaderButtons } from '../../components/case-kit';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { formatDate, formatDateTime } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useScreens } from '../../components/useScreens';
import { downloadRongqueNotice, useApplication, useRateApplication } from './api';
import { ApplicationActionBar } from './ApplicationActions';
import { ApplicationStatus, ApplicationStatusTag, applicationSteps, ClockTag, DaibanTag, OutcomeTag } from './ApplicationBits';
import { ApplicationTimeline, ClockPanel, MaterialsChecklist, materialsToSupply } from './ApplicationParts';
import { ServiceRatingForm, ServiceRatingSummary } from './ServiceRating';
import '../demands/demands.css';
import './services.css';

function Section({ title, extra, children, id }: { title: ReactNode; extra?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <Card title={title} extra={extra} className="yq-section" id={id}>
      {children}
    </Card>
  );
}

/** 容缺受理通知书 and the decision's document number. */
function Documents({ a }: { a: ApplicationDetailView }) {
  const notice = useExport(() => downloadRongqueNotice(a));
  if (!a.rongque && !a.resultDocNumber && !a.chengnuo) return null;
  return (
    <Section title="文书">
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {a.resultDocNumber && (
          <div className="yq-kv">
            <span>{a.outcome === 'approved' || a.status === 'revoked' ? '准予许可决定' : '决定文书'}</span>
            <span className="yq-mono">{a.resultDocNumber}</span>
          </div>
        )}
        {a.rongque && (
          <div>
            <div className="yq-kv">
              <span>容缺受理通知书</span>
              <span className="yq-mono">{a.rongque.noticeNumber}</span>
            </div>
            <Button icon={<FileWordOutlined />} onClick={notice.doExport} loading={notice.exporting} style={{ marginTop: 4 }}>
              下载容缺受理通知书(.docx)
            </Button>
          </div>
        )}
        {a.chengnuo && (
          <div>
            <div className="yq-kv">
              <span>告知承诺书</span>
              <span>
                {a.chengnuo.signerName} 签署于 {formatDateTime(a.chengnuo.signedAt)}
              </span>
            </div>
            {a.chengnuo.replacedNames.length > 0 && (
              <div style={{ fontSize: 13, color: '#475467' }}>以承诺替代:{a.chengnuo.replacedNames.join('、')}</div>
            )}
            <details style={{ marginTop: 4 }}>
              <summary style={{ cursor: 'pointer', color: '#1554ad', fontSize: 13 }}>查看承诺内容</summary>
              <div className="yq-chengnuo-text" style={{ marginTop: 6 }}>
                {a.chengnuo.text}
              </div>
            </details>
          </div>
        )}
      </div>
    </Section>
  );
}

/** 容缺: what is missing, by when, and what happens if late. */
function RongqueCallout({ a, forApplicant }: { a: ApplicationDetailView; forApplicant: boolean }) {
  const r = a.rongque;
  if (!r || r.state === 'supplied') return null;
  if (r.state === 'terminated') {
    return <Alert type="error" showIcon className="yq-section" title={`容缺材料未在 ${formatDate(r.deadline)} 前补齐,已终止办理`} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      className="yq-section"
      title={`已容缺受理,请在 ${formatDate(r.deadline)} 前补齐 ${r.missing.length} 份材料`}
      description={
        <div>
          <div>{r.missing.map((m) => `${m.name}(${m.form})`).join('、')}</div>
          <div style={{ marginTop: 4, fontSize: 12 }}>
            {forApplicant ? '逾期未补齐的,将终止办理。' : '逾期未补齐的,系统将自动终止办理。'}通知书编号 {r.noticeNumber}
          </div>
        </div>
      }
    />
  );
}

function Postcheck({ a }: { a: ApplicationDetailView }) {
  const p = a.postcheck;
  if (!p) return null;
  return (
    <Section
      title="事后核查(告知承诺)"
      extra={<Tag color={p.status === 'passed' ? 'green' : p.status === 'failed' ? 'red' : p.overdue ? 'red' : 'gold'}>{p.overdue && p.status === 'scheduled' ? '核查逾期' : p.statusLabel}</Tag>}
    >
      <div className="yq-kv">
        <span>核查期限</span>
        <span>{formatDate(p.dueAt)}</span>
      </div>
      {p.checkedAt && (
        <div className="yq-kv">
          <span>核查</span>
          <span>
            {p.checkedByName ?? '—'} · {formatDateTime(p.checkedAt)}
          </span>
        </div>
      )}
      {p.result && <Typography.Paragraph style={{ marginTop: 6, marginBottom: 0, whiteSpace: 'pre-wrap' }}>{p.result}</Typography.Paragraph>}
      {a.status === 'revoked' && <Alert type="error" showIcon style={{ marginTop: 8 }} title="核查发现虚假承诺,审批决定已撤销,并记入企业信用" />}
    </Section>
  );
}

function Decision({ a }: { a: ApplicationDetailView }) {
  if (!a.decidedAt && !a.decisionNote) return null;
  return (
    <Section title="办理结果" extra={<OutcomeTag a={a} />}>
      {a.decisionNote && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 8 }}>{a.decisionNote}</Typography.Paragraph>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {a.decidedByName ?? '审批局'} 决定于 {formatDateTime(a.decidedAt)}
        {a.resultDocNumber ? ` · 文号 ${a.resultDocNumber}` : ''}
      </Typography.Text>
    </Section>
  );
}

function RatingSection({ a, forApplicant }: { a: ApplicationDetailView; forApplicant: boolean }) {
  const rate = useRateApplication(a.id);
  if (a.canRate) {
    return (
      <Section title={<span><StarOutlined /> 评价本次办事</span>} id="rate">
        <ServiceRatingForm submit={(body) => rate.mutateAsync(body)} pending={rate.isPending} />
      </Section>
    );
  }
  if (a.rating) {
    return (
      <Section title={forApplicant ? '我的评价' : '企业评价'}>
        <ServiceRatingSummary rating={a.rating} />
      </Section>
    );
  }
  return null;
}

function SupplySection({ a, forApplicant }: { a: ApplicationDetailView; forApplicant: boolean }) {
  if (!a.allowedActions.includes('supply') || materialsToSupply(a).length === 0) return null;
  const title = a.status === 'rongque' ? '补齐容缺材料' : a.status === 'supplementing' ? '按补正告知补交材料' : '补交材料';
  return (
    <div id="supply">
      <ApplicationActionBar a={a} only={['supply']} layout="inline" title={title} className="yq-section yq-callout" forApplicant={forApplicant} />
    </div>
  );
}

function Facts({ a }: { a: ApplicationDetailView }) {
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 96, color: '#667085' } }}
      items={[
        { key: 'item', label: '事项', children: <Link to={`/guide/items/${a.itemId}`}>{a.itemName}</Link> },
        { key: 'code', label: '事项编码', children: <span className="yq-mono">{a.itemCode}</span> },
        { key: 'dept', label: '实施主体', children: a.department },
        { key: 'kind', label: '办件类型', children: `${CASE_KIND_LABELS[a.caseKind]}${a.caseKind === 'promised' ? `(承诺${a.committedDays}个工作日,法定${a.clock.legalDays}个工作日)` : ''}` },
        { key: 'mode', label: '办理方式', children: a.modeLabel },
        { key: 'visits', label: '到现场', children: visitsLabel(a.visits) },
        { key: 'firm', label: '申请企业', children: <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link> },
        {
          key: 'applicant',
          label: '申请人',
          children: (
            <Space size={6} wrap>
              <span>{a.applicantName}</span>
              {a.isDaiban && <DaibanTag name={a.daibanLiaisonName} />}
            </Space>
          ),
        },
        ...(a.contactName || a.contactPhone ? [{ key: 'contact', label: '联系人', children: [a.contactName, a.contactPhone].filter(Boolean).join(' ') }] : []),
        ...(a.projectId ? [{ key: 'project', label: '工程项目', children: <Link to={`/services/projects/${a.projectId}`}>{a.projectName}</Link> }] : []),
        ...(a.acceptedByName ? [{ key: 'acceptor', label: '受理人', children: a.acceptedByName }] : []),
        { key: 'at', label: '提交时间', children: formatDateTime(a.submittedAt) },
      ]}
    />
  );
}

const TERMINAL: ApplicationDetailView['status'][] = ['finished', 'not_accepted', 'terminated', 'withdrawn', 'revoked'];

/** The firm's view (phone first): progress, then what it must do (supply, rate), then the record. */
function ApplicantView({ a, back }: { a: ApplicationDetailView; back: ReactNode }) {
  return (
    <CaseFrame
      layout="narrow"
      pageTitle="办件详情"
      extra={back}
      number={a.number}
      numberClassName="yq-app-number"
      title={a.itemName}
      status={
        <span style={{ display: 'inline-flex', gap: 4 }}>
          <ApplicationStatus a={a} />
        </span>
      }
      facts={[a.department, `提交于 ${formatDateTime(a.submittedAt)}`, a.modeLabel]}
      flags={
        <>
          <ClockTag a={a} withDue />
          <OutcomeTag a={a} />
        </>
      }
      steps={applicationSteps(a, true)}
      timeline={<ApplicationTimeline events={a.timeline} />}
      footer={
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <ApplicationActionBar a={a} only={['withdraw']} />
        </div>
      }
    >
      <RongqueCallout a={a} forApplicant />
      <SupplySection a={a} forApplicant />
      <RatingSection a={a} forApplicant />
      <Decision a={a} />
      <Documents a={a} />
      <Postcheck a={a} />
      <Section title="办理时限">
        <ClockPanel a={a} clock={a.clock} />
      </Section>
      <Section title={`申请材料(${a.materials.length})`}>
        <MaterialsChecklist a={a} />
      </Section>
    </CaseFrame>
  );
}

/** What the officer sees in place of buttons when it has none to press. */
function waitingText(a: ApplicationDetailView, handlesAny: boolean): string {
  switch (a.status) {
    case 'finished':
      return `已办结(${a.outcomeLabel ?? ''})`;
    case 'rongque':
      return '等待申请人补齐容缺材料';
    case 'supplementing':
      return '等待申请人补正材料';
    case 'not_accepted':
    case 'terminated':
    case 'withdrawn':
    case 'revoked':
      return `办件已终结(${a.statusLabel})`;
    default:
      return handlesAny ? '您不是本事项的审批人员,只能查看' : `由${a.department}办理,您可随时查看进度`;
  }
}

/** The case workbench: materials and record on the left, actions, clock and facts on the right (first on a phone). */
function StaffView({ a, extra }: { a: ApplicationDetailView; extra: ReactNode }) {
  const screens = useScreens();
  const handlesAny = hasPermission(useMe(), 'service:handle');
  const wide = !!screens.lg;
  const handlerActions = a.allowedActions.filter((x) => x !== 'supply' && x !== 'withdraw');
  const handling = (
    <Card title="办理" className="yq-section">
      {handlerActions.length > 0 && TERMINAL.includes(a.status) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          办件已{a.status === 'finished' ? `办结(${a.outcomeLabel ?? ''})` : `终结(${a.statusLabel})`}
        </Typography.Paragraph>
      )}
      {handlerActions.length > 0 ? <ApplicationActionBar a={a} only={handlerActions} block={!wide} /> : <Typography.Text type="secondary">{waitingText(a, handlesAny)}</Typography.Text>}
      {a.allowedActions.includes('withdraw') && (
        <div style={{ marginTop: 12 }}>
          <ApplicationActionBar a={a} only={['withdraw']} block={!wide} />
        </div>
      )}
    </Card>
  );
  const side = (
    <>
      <Card title="办理时限" className="yq-section">
        <ClockPanel a={a} clock={a.clock} />
      </Card>
      <Card title="基本信息" className="yq-section">
        <Facts a={a} />
        {a.description && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary">申请说明:</Typography.Text>
            {a.description}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
  const count = (states: ApplicationDetailView['materials'][number]['state'][]) => a.materials.filter((m) => states.includes(m.state)).length;
  return (
    <CaseFrame
      number={a.number}
      title={a.itemName}
      status={<ApplicationStatusTag status={a.status} label={a.statusLabel} />}
      facts={[<ClockTag key="clock" a={a} />, a.enterpriseName]}
      extra={extra}
      steps={{ ...applicationSteps(a), compact: !wide, vertical: false }}
      actions={handling}
      side={side}
      beforeTimeline={<RatingSection a={a} forApplicant={false} />}
      timeline={<ApplicationTimeline events={a.timeline} />}
    >
      <RongqueCallout a={a} forApplicant={false} />
      <SupplySection a={a} forApplicant={false} />
      <Decision a={a} />
      <Section
        title={`材料清单(${a.materials.length})`}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已提交 {count(['uploaded'])} · 缺 {count(['missing', 'supplement'])} · 容缺 {count(['rongque'])} · 承诺 {count(['chengnuo'])}
          </Typography.Text>
        }
      >
        <MaterialsChecklist a={a} />
      </Section>
      <Documents a={a} />
      <Postcheck a={a} />
    </CaseFrame>
  );
}

export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const query = useApplication(id);
  const a = query.data;

  if (query.isLoading || query.isError || !a) return <RecordLoadCard query={query} what="办件" />;
  if (isEnterpriseOnly(me)) return <ApplicantView a={a} back={<CaseHeaderButtons backTo="/services/applications" />} />;
  return <StaffView a={a} extra={<CaseHeaderButtons backTo="/services/applications" refresh={{ fetching: query.isFetching, onClick: () => void query.refetch() }} />} />;
}
