import { Alert, Card, Descriptions, Empty, List, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  INVESTMENT_STAGE_LABELS,
  LEAD_ACTION_LABELS,
  NEGOTIATION_FORMS,
  NEGOTIATION_FORM_LABELS,
  type InvestmentStage,
  type LeadAction,
  type LeadDetail,
  type LeadEventAction,
} from '@yuanqi/contract';
import { CaseActionBar, CaseFrame, type CaseActionSpec, type CaseActionValues } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate, parkToday } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useLead, useLeadAction } from './api';
import { FormTag, LeadStatusTag, SourceTag, leadAmount } from './bits';

const notAfterToday = (d: dayjs.Dayjs) => d.isAfter(dayjs(parkToday()), 'day');

function actionsFor(lead: LeadDetail): CaseActionSpec<LeadAction, LeadDetail>[] {
  return [
    {
      action: 'negotiate',
      label: LEAD_ACTION_LABELS.negotiate,
      title: '记录洽谈',
      okText: '保存洽谈记录',
      primary: lead.status === 'new' || lead.status === 'negotiating',
      success: '已记录洽谈',
      fields: [
        { name: 'heldOn', label: '洽谈日期', kind: 'date', required: true, initialValue: dayjs(parkToday()), disabledDate: notAfterToday, span: 12 },
        { name: 'form', label: '洽谈形式', kind: 'radio', required: true, buttons: true, initialValue: 'online', options: NEGOTIATION_FORMS.map((f) => ({ value: f, label: NEGOTIATION_FORM_LABELS[f] })), span: 12 },
        { name: 'location', label: '地点', kind: 'text', max: 100, placeholder: (v) => (v.form === 'online' ? '线上视频会议(屏对屏)' : '如 园区管委会招商局会议室') },
        { name: 'participants', label: '参加人员', kind: 'text', required: true, max: 500, placeholder: '双方参加人员' },
        { name: 'minutes', label: '洽谈纪要', kind: 'textarea', required: true, min: 2, max: 4000, rows: 4 },
        { name: 'nextStep', label: '下一步安排', kind: 'text', max: 500 },
      ],
    },
    {
      action: 'submit_committee',
      label: LEAD_ACTION_LABELS.submit_committee,
      primary: lead.status === 'negotiating',
      success: '已提交招商委员会',
      intro: '提交后由招商委员会(分管领导)作出过会决定。',
      fields: [
        { name: 'committeeOn', label: '上会日期', kind: 'date', required: true, initialValue: dayjs(parkToday()) },
        { name: 'note', label: '说明', kind: 'textarea', max: 500, rows: 2 },
      ],
    },
    { action: 'approve', label: '过会', primary: true, title: '招商委员会通过', okText: '通过', success: '已过会', fields: [{ name: 'note', label: '意见', kind: 'textarea', max: 500, rows: 2 }] },
    { action: 'reject', label: '退回洽谈', title: '退回继续洽谈', okText: '退回', success: '已退回洽谈', fields: [{ name: 'note', label: '退回意见', kind: 'textarea', required: true, min: 2, max: 500, rows: 3 }] },
    {
      action: 'sign',
      label: LEAD_ACTION_LABELS.sign,
      primary: true,
      title: '签约',
      okText: '确认签约',
      intro: `签约后自动创建招商项目(投资方、项目名称、金额 ${leadAmount(lead.amountFen)}、产业链取自本线索),线索不再保存项目数据。`,
      success: '已签约,招商项目已创建',
      fields: [
        { name: 'contractNo', label: '合同编号', kind: 'text', required: true, max: 60 },
        { name: 'signedOn', label: '签约日期', kind: 'date', required: true, initialValue: dayjs(parkToday()), disabledDate: notAfterToday },
        { name: 'projectCode', label: '项目编号', kind: 'text', max: 32, placeholder: `默认 ${lead.code}`, extra: '留空则使用线索编号' },
        { name: 'note', label: '备注', kind: 'textarea', max: 500, rows: 2 },
      ],
    },
    { action: 'drop', label: LEAD_ACTION_LABELS.drop, danger: true, title: '放弃线索', okText: '放弃', success: '已放弃', fields: [{ name: 'reason', label: '放弃原因', kind: 'textarea', required: true, min: 2, max: 500, rows: 3 }] },
  ];
}

function bodyOf(action: LeadAction, v: CaseActionValues): Record<string, unknown> {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  switch (action) {
    case 'negotiate':
      return { heldOn: s('heldOn'), form: s('form'), location: s('location') ?? null, participants: s('participants'), minutes: s('minutes'), nextStep: s('nextStep') ?? null };
    case 'submit_committee':
      return { committeeOn: s('committeeOn'), note: s('note') ?? null };
    case 'approve':
      return { note: s('note') ?? null };
    case 'reject':
      return { note: s('note') ?? '' };
    case 'sign':
      return { contractNo: s('contractNo'), signedOn: s('signedOn'), ...(s('projectCode') ? { projectCode: s('projectCode') } : {}), note: s('note') ?? null };
    case 'drop':
      return { reason: s('reason') ?? '' };
  }
}

const EVENT_COLORS: Partial<Record<LeadEventAction, string>> = { create: 'gray', negotiate: 'blue', submit_committee: 'gold', approve: 'green', reject: 'orange', sign: 'green', drop: 'red', update: 'gray' };
const STEPS = ['new', 'negotiating', 'committee', 'approved', 'signed'] as const;

/** One lead: facts, the negotiations, the committee, signing (then the project link), timeline, buttons. */
export default function LeadPage() {
  const { id = '' } = useParams();
  const lead = useLead(id);
  const act = useLeadAction(id);
  const screens = useScreens();
  const mobile = !screens.md;
  if (lead.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (lead.isError || !lead.data) return <QueryError error={lead.error} onRetry={() => lead.refetch()} what="招商线索" />;
  const l = lead.data;
  const current = l.status === 'dropped' ? Math.max(0, l.committeeOn ? 2 : l.negotiationCount ? 1 : 0) : STEPS.indexOf(l.status);

  return (
    <CaseFrame
      layout={mobile ? 'narrow' : 'workbench'}
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/land/leads">
            <ArrowLeftOutlined /> 招商线索
          </Link>
        </div>
      }
      number={l.code}
      title={l.projectName}
      pageTitle="招商线索"
      docTitle={`招商线索 ${l.code}`}
      status={<LeadStatusTag status={l.status} />}
      facts={[<SourceTag key="s" source={l.source} />, <span key="a">{leadAmount(l.amountFen)}</span>, <span key="c">{l.chainLabel ?? '未定产业链'}</span>]}
      notice={
        l.project ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="lead-project"
            title={
              <span>
                已于 {formatDate(l.signedOn)} 签约,转入招商项目 <Link to={`/commitments/${l.project.id}`}>{l.project.code} {l.project.name}</Link>
              </span>
            }
            description={`合同编号 ${l.project.contractNo ?? '—'} · 项目阶段 ${INVESTMENT_STAGE_LABELS[l.project.stage as InvestmentStage] ?? l.project.stage}`}
          />
        ) : l.status === 'dropped' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="线索已放弃" description={l.droppedReason} />
        ) : l.committeeDecision === 'rejected' && l.status === 'negotiating' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`招商委员会退回(${formatDate(l.committeeOn)})`} description={l.committeeNote} />
        ) : null
      }
      steps={{
        current,
        status: l.status === 'signed' ? 'finish' : l.status === 'dropped' ? 'error' : 'process',
        items: [
          { title: '收到线索', content: formatDate(l.receivedOn) },
          { title: '洽谈', content: l.negotiationCount ? `${l.negotiationCount} 次` : undefined },
          { title: '上会', content: l.committeeOn ? formatDate(l.committeeOn) : undefined },
          { title: '过会', content: l.committeeDecision === 'approved' ? '已通过' : undefined },
          { title: '签约', content: l.signedOn ? formatDate(l.signedOn) : undefined },
        ],
      }}
      actions={
        l.actions.length > 0 && (
          <CaseActionBar<LeadAction, LeadDetail>
            key={l.status}
            allowedActions={l.actions}
            actions={actionsFor(l)}
            block={mobile}
            run={(action, values) => act.mutateAsync({ action, body: bodyOf(action, values) })}
          />
        )
      }
      timeline={
        <EventTimeline
          events={l.timeline}
          colors={EVENT_COLORS}
          detailOf={(e) => {
            const d = e.data ?? {};
            if (e.action === 'negotiate') return `${formatDate(String(d.heldOn ?? ''))} · ${NEGOTIATION_FORM_LABELS[d.form as 'online'] ?? ''}${d.location ? ` · ${String(d.location)}` : ''}`;
            if (e.action === 'submit_committee') return `上会日期 ${formatDate(String(d.committeeOn ?? ''))}`;
            if (e.action === 'sign') return `合同编号 ${String(d.contractNo ?? '')},项目编号 ${String(d.projectCode ?? '')}`;
            return null;
          }}
        />
      }
      timelineTitle="办理记录"
      timelineSide={!mobile}
    >
      <Card title="线索信息" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label="投资方">{l.investor}</Descriptions.Item>
          <Descriptions.Item label="联系人">
            {l.contactName ?? '—'} {l.contactPhone && <span className="yq-mono">{l.contactPhone}</span>}
          </Descriptions.Item>
          <Descriptions.Item label="产业链">{l.chainLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="意向投资额">{leadAmount(l.amountFen)}</Descriptions.Item>
          <Descriptions.Item label="线索来源">
            <SourceTag source={l.source} />
          </Descriptions.Item>
          <Descriptions.Item label="收到日期">{formatDate(l.receivedOn)}</Descriptions.Item>
          <Descriptions.Item label="用地需求">{l.landNeedMu === null ? '—' : `${l.landNeedMu} 亩`}</Descriptions.Item>
          <Descriptions.Item label="厂房需求">{l.factoryNeedM2 === null ? '—' : `${l.factoryNeedM2.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ㎡`}</Descriptions.Item>
          <Descriptions.Item label="负责人">{l.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="招商委员会">
            {l.committeeOn ? `${formatDate(l.committeeOn)} 上会${l.committeeDecision === 'approved' ? ',通过' : l.committeeDecision === 'rejected' ? ',退回洽谈' : ',待决定'}` : '—'}
          </Descriptions.Item>
          {l.description && (
            <Descriptions.Item label="项目简介" span={mobile ? 1 : 2}>
              {l.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={`洽谈记录(${l.negotiations.length})`} size="small" style={{ marginBottom: 16 }} data-testid="negotiations">
        {l.negotiations.length === 0 ? (
          <Empty description="尚无洽谈记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={l.negotiations}
            renderItem={(n) => (
              <List.Item key={n.id}>
                <div style={{ width: '100%' }}>
                  <Space size={8} wrap>
                    <strong className="yq-date">{formatDate(n.heldOn)}</strong>
                    <FormTag form={n.form} />
                    {n.location && <span style={{ color: '#667085' }}>{n.location}</span>}
                  </Space>
                  <div style={{ fontSize: 12, color: '#667085', margin: '4px 0' }}>参加人员:{n.participants}</div>
                  <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{n.minutes}</Typography.Paragraph>
                  {n.nextStep && <div style={{ fontSize: 13 }}>下一步:{n.nextStep}</div>}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </CaseFrame>
  );
}
