import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, InputNumber, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  CLEANUP_PROJECT_CLASS_LABELS,
  LAND_CLEANUP_ACTION_LABELS,
  LAND_CLEANUP_OUTCOME_LABELS,
  LAND_CLEANUP_REASON_LABELS,
  LAND_PARCEL_STATUS_LABELS,
  type CleanupAction,
  type CleanupCaseDetail,
  type CleanupOutcome,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { CaseActionBar, CaseFrame, type CaseActionSpec, type CaseActionValues } from '../../../components/case-kit';
import type { CaseActionField } from '../../../components/case-kit/CaseFormFields';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate, formatWan, parkToday, wanToFen } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { downloadNotice, useCaseAction, useCleanupCase, useProjectOptions } from './api';
import { CleanupStatusTag, DeadlineCountdown, mu } from './bits';

const noFuture = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD') > parkToday();
const onField = (label = '日期'): CaseActionField => ({ name: 'on', label, kind: 'date', required: true, initialValue: dayjs(parkToday()), disabledDate: noFuture, span: 12 });
const numberField = (name: string, label: string, o: { min?: number; max?: number; precision?: number; initial?: number; required?: boolean; addon?: string; visible?: CaseActionField['visible']; extra?: string }): CaseActionField => ({
  name,
  label,
  kind: 'custom',
  span: 12,
  required: o.required,
  initialValue: o.initial,
  visible: o.visible,
  extra: o.extra,
  control: <InputNumber min={o.min} max={o.max} precision={o.precision ?? 0} style={{ width: '100%' }} suffix={o.addon} />,
});

const EVENT_COLORS: Record<string, string> = { identify: 'gray', notify: 'blue', interview: 'blue', decide: 'orange', confirm_start: 'green', escalate: 'red', flag_overdue: 'red', recover: 'purple', reallocate: 'cyan', drop: 'gray' };

function detailOf(e: CleanupCaseDetail['timeline'][number]): string | null {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.on === 'string') parts.push(`日期 ${d.on}`);
  if (e.action === 'notify' && d.replyDeadline) parts.push(`陈述申辩期限 ${d.replyWorkingDays}个工作日,至${d.replyDeadline}`);
  if (e.action === 'interview' && d.participants) parts.push(`参加人员:${d.participants}`);
  if (e.action === 'decide' && d.outcome) parts.push(LAND_CLEANUP_OUTCOME_LABELS[d.outcome as CleanupOutcome]);
  if (d.startDeadline) parts.push(`开工期限 ${d.startDeadline}(${d.workingDays ?? ''}个工作日${d.guessed ? ',次年节假日未公布按周一至周五计' : ''})`);
  if (typeof d.compensationFen === 'number') parts.push(`补偿 ${formatWan(d.compensationFen)}`);
  if (typeof d.recoveredMu === 'number') parts.push(`收回 ${mu(d.recoveredMu)}`);
  if (d.projectName) parts.push(`项目:${d.projectName}`);
  return parts.length ? parts.join(';') : null;
}

/** One clean-up case: the parcel's facts, the steps, the action bar, the notice, the timeline. */
export function CleanupCasePage() {
  const { id = '' } = useParams();
  const kase = useCleanupCase(id);
  const act = useCaseAction(id);
  const screens = useScreens();
  const mobile = !screens.md;
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const wantsProjects = !!kase.data?.actions.includes('reallocate');
  const projects = useProjectOptions('', wantsProjects);

  if (kase.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (kase.isError || !kase.data) return <QueryError error={kase.error} onRetry={() => kase.refetch()} what="清理案件" />;
  const c = kase.data;

  const ACTIONS: CaseActionSpec<CleanupAction, CleanupCaseDetail>[] = [
    {
      action: 'notify',
      label: LAND_CLEANUP_ACTION_LABELS.notify,
      title: '告知:送达闲置土地认定及处置告知书',
      primary: true,
      intro: '告知书写明宗地、闲置事实、《闲置土地处置办法》依据和陈述申辩期限(工作日,按园区工作日历计算)。',
      fields: [onField('告知日期'), numberField('replyWorkingDays', '陈述申辩期限', { min: 1, max: 120, initial: 15, required: true, addon: '个工作日' }), { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 }],
    },
    {
      action: 'interview',
      label: LAND_CLEANUP_ACTION_LABELS.interview,
      title: '约谈',
      primary: true,
      fields: [onField('约谈日期'), { name: 'participants', label: '参加人员', kind: 'text', required: true, max: 200, span: 12 }, { name: 'note', label: '约谈纪要', kind: 'textarea', required: true, min: 2, rows: 3 }],
    },
    {
      action: 'decide',
      label: LAND_CLEANUP_ACTION_LABELS.decide,
      title: '确定处置方式',
      primary: true,
      fields: [
        onField('决定日期'),
        { name: 'outcome', label: '处置方式', kind: 'radio', buttons: true, required: true, options: (['deadline', 'agreement', 'legal'] as const).map((o) => ({ value: o, label: LAND_CLEANUP_OUTCOME_LABELS[o] })) },
        numberField('workingDays', '开工期限', { min: 1, max: 500, initial: 120, required: true, addon: '个工作日', visible: (v) => v.outcome === 'deadline', extra: '按园区工作日历从决定日次日起算' }),
        numberField('compensationWan', '约定补偿金额', { min: 0, max: 10_000_000, precision: 2, required: true, addon: '万元', visible: (v) => v.outcome === 'agreement' }),
        { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 },
      ],
    },
    { action: 'confirm_start', label: LAND_CLEANUP_ACTION_LABELS.confirm_start, title: '确认企业已按期开工', primary: true, fields: [onField('开工日期'), { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 }] },
    { action: 'escalate', label: LAND_CLEANUP_ACTION_LABELS.escalate, title: '逾期未开工,转依法收回', danger: true, fields: [onField(), { name: 'note', label: '理由', kind: 'textarea', required: true, min: 2, rows: 2 }] },
    {
      action: 'recover',
      label: LAND_CLEANUP_ACTION_LABELS.recover,
      title: '收回土地',
      okText: '确认收回',
      primary: true,
      intro: `地块将转为“已收回”。${c.compensationFen !== null ? `约定补偿 ${formatWan(c.compensationFen)}。` : ''}`,
      fields: [onField('收回日期'), numberField('recoveredMu', '收回面积', { min: 0.0001, max: 100000, precision: 4, initial: c.areaMu, required: true, addon: '亩' }), { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 }],
    },
    {
      action: 'reallocate',
      label: LAND_CLEANUP_ACTION_LABELS.reallocate,
      title: '再出让(腾笼换鸟)',
      okText: '确认再出让',
      primary: true,
      fields: [
        onField('再出让日期'),
        {
          name: 'projectId',
          label: '招商项目',
          kind: 'user',
          required: true,
          loading: projects.isLoading,
          placeholder: '选择导入的招商项目',
          options: (projects.data ?? []).map((p) => ({ value: p.id, label: `${p.name}(${formatWan(p.amountFen)},${CLEANUP_PROJECT_CLASS_LABELS[p.sizeClass]})` })),
        },
        { name: 'note', label: '说明', kind: 'textarea', rows: 2, max: 500 },
      ],
    },
    { action: 'drop', label: LAND_CLEANUP_ACTION_LABELS.drop, title: '撤销案件', danger: true, fields: [{ name: 'note', label: '撤销理由', kind: 'textarea', required: true, min: 2, rows: 2 }] },
  ];

  const run = (action: CleanupAction, v: CaseActionValues) => {
    const n = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? Number(v[k]) : undefined);
    return act.mutateAsync({
      action,
      on: typeof v.on === 'string' ? v.on : undefined,
      note: typeof v.note === 'string' ? v.note : undefined,
      participants: typeof v.participants === 'string' ? v.participants : undefined,
      replyWorkingDays: n('replyWorkingDays'),
      outcome: typeof v.outcome === 'string' ? (v.outcome as CleanupOutcome) : undefined,
      workingDays: v.outcome === 'deadline' ? n('workingDays') : undefined,
      compensationFen: v.outcome === 'agreement' ? (wanToFen(n('compensationWan')) ?? undefined) : undefined,
      recoveredMu: n('recoveredMu'),
      projectId: typeof v.projectId === 'string' ? v.projectId : undefined,
    });
  };

  const steps = ['认定', '告知', '约谈', '处置', '收回', '再出让'];
  const order: Record<string, number> = { identified: 0, notified: 1, interviewed: 2, deadline: 3, agreement: 3, legal: 3, resolved: 3, recovered: 4, reallocated: 5, dropped: 0 };
  const stepContent = [c.identifiedOn, c.notifiedOn, c.interviewedOn, c.outcome ? LAND_CLEANUP_OUTCOME_LABELS[c.outcome] : null, c.recoveredOn, c.reallocatedOn];

  const download = async () => {
    setDownloading(true);
    try {
      await downloadNotice(c);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <CaseFrame
      layout={mobile ? 'narrow' : 'workbench'}
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to={`/land/cleanup/${c.campaignId}`}>
            <ArrowLeftOutlined /> {c.campaignName}
          </Link>
        </div>
      }
      number={c.caseNo}
      title={`${c.parcelCode}${c.enterpriseName ? ` · ${c.enterpriseName}` : ''}`}
      pageTitle="清理案件"
      docTitle={`清理案件 ${c.parcelCode}`}
      status={<CleanupStatusTag status={c.status} />}
      facts={[<Tag key="r">{LAND_CLEANUP_REASON_LABELS[c.reason]}</Tag>, <span key="m">{mu(c.areaMu)}</span>, <DeadlineCountdown key="d" c={c} />]}
      extra={
        c.notifiedOn && (
          <Button icon={<DownloadOutlined />} onClick={download} loading={downloading}>
            告知书(.docx)
          </Button>
        )
      }
      notice={
        c.overdue ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`限期开工期限${formatDate(c.startDeadline)}已过,企业尚未开工`} description="请确认开工或转依法收回" />
        ) : c.status === 'dropped' ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="案件已撤销" description={c.note ?? undefined} />
        ) : null
      }
      steps={{
        current: order[c.status] ?? 0,
        status: c.status === 'dropped' ? 'error' : c.status === 'reallocated' || c.status === 'resolved' ? 'finish' : 'process',
        items: steps.map((title, i) => ({ title: i === 3 && c.status === 'resolved' ? '已开工' : title, content: stepContent[i] ?? undefined })),
      }}
      actions={
        c.actions.length > 0 && (
          <CaseActionBar<CleanupAction, CleanupCaseDetail> key={c.status} allowedActions={c.actions} actions={ACTIONS} block={mobile} run={run} />
        )
      }
      timeline={<EventTimeline events={c.timeline} colors={EVENT_COLORS} detailOf={detailOf} />}
      timelineTitle="办理记录"
      timelineSide={!mobile}
    >
      <Card title="宗地与处置" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label="地块">
            <Link to={`/land/parcels/${c.parcelId}`}>{c.parcelCode}</Link>
            {c.parcelName ? ` ${c.parcelName}` : ''} <Tag style={{ marginInlineStart: 4 }}>{LAND_PARCEL_STATUS_LABELS[c.parcelStatus]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="土地使用权人">{c.enterpriseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="面积">{mu(c.areaMu)}</Descriptions.Item>
          <Descriptions.Item label="列入原因">{LAND_CLEANUP_REASON_LABELS[c.reason]}</Descriptions.Item>
          <Descriptions.Item label="出让日期">
            <span className="yq-date">{formatDate(c.transferredOn)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="开工日期">{c.constructionOn ? <span className="yq-date">{formatDate(c.constructionOn)}</span> : '未开工'}</Descriptions.Item>
          <Descriptions.Item label="认定日期">
            <span className="yq-date">{formatDate(c.identifiedOn)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="告知日期">
            {c.notifiedOn ? (
              <Space size={4}>
                <span className="yq-date">{formatDate(c.notifiedOn)}</span>
                {c.replyDeadline && <span style={{ color: '#667085' }}>(陈述申辩至{formatDate(c.replyDeadline)})</span>}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {c.interviewNote && (
            <Descriptions.Item label="约谈纪要" span={mobile ? 1 : 2}>
              {c.interviewNote}
            </Descriptions.Item>
          )}
          {c.outcome && <Descriptions.Item label="处置方式">{LAND_CLEANUP_OUTCOME_LABELS[c.outcome]}</Descriptions.Item>}
          {c.startDeadline && (
            <Descriptions.Item label="开工期限">
              <Space size={4}>
                <span className="yq-date">{formatDate(c.startDeadline)}</span>
                <DeadlineCountdown c={c} />
              </Space>
            </Descriptions.Item>
          )}
          {c.compensationFen !== null && <Descriptions.Item label="约定补偿">{formatWan(c.compensationFen)}</Descriptions.Item>}
          {c.recoveredOn && (
            <Descriptions.Item label="收回">
              <Space size={8}>
                <span className="yq-date">{formatDate(c.recoveredOn)}</span>
                <span>{mu(c.recoveredMu)}</span>
              </Space>
            </Descriptions.Item>
          )}
          {c.reallocatedOn && (
            <Descriptions.Item label="再出让" span={mobile ? 1 : 2}>
              <Space size={8} wrap>
                <span className="yq-date">{formatDate(c.reallocatedOn)}</span>
                {c.newProjectName && <Link to={`/commitments/${c.newProjectId}`}>{c.newProjectName}</Link>}
                {c.newProjectAmountFen !== null && <span>{formatWan(c.newProjectAmountFen)}</span>}
                {c.newEnterpriseName && <span>{c.newEnterpriseName}</span>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
