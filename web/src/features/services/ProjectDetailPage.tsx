import { useState } from 'react';
import { App, Button, Card, Descriptions, Dropdown, Form, Input, InputNumber, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  SERVICE_PROJECT_LEGAL_DAYS,
  SERVICE_PROJECT_STATUSES,
  SERVICE_PROJECT_STATUS_LABELS,
  type ServiceProjectDetailView,
  type ServiceProjectStageView,
  type ServiceProjectStatus,
} from '@yuanqi/contract';
import { api, isApiError } from '../../app/api';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDate, formatDateTime, formatWan } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useScreens } from '../../components/useScreens';
import { useProject, useUpdateProject } from './api';
import { ApplicationStatusTag } from './ApplicationBits';
import { ProjectGantt } from './ProjectGantt';
import { ProjectClock } from './ProjectsPage';
import '../demands/demands.css';
import './services.css';

const STAGE_STATUS = { not_started: { label: '未开始', color: 'default' }, in_progress: { label: '进行中', color: 'blue' }, done: { label: '已完成', color: 'green' } } as const;

/** Monday–Friday only: the guess when the calendar has no data for a year (flagged where shown). */
function addWeekdays(date: string, days: number): string {
  let d = dayjs(date);
  for (let n = 0; n < days; ) {
    d = d.add(1, 'day');
    if (d.day() !== 0 && d.day() !== 6) n++;
  }
  return d.format('YYYY-MM-DD');
}

/**
 * The date N working days after a Shanghai date, from the server's calendar; when a year lacks
 * calendar data (CALENDAR_YEAR_MISSING), a Monday–Friday guess, marked as such.
 */
function useWorkingDayAfter(date: string | undefined, days: number | undefined): { date: string | null; guessed: boolean } {
  const q = useQuery({
    queryKey: ['calendar', 'add', date, days],
    queryFn: ({ signal }) => api.get<{ date: string }>('/api/calendar/add-working-days', { date: date!, days: days! }, signal),
    enabled: !!date && !!days,
    staleTime: 30 * 60_000,
    retry: false,
  });
  if (q.data) return { date: q.data.date, guessed: false };
  if (q.isError && isApiError(q.error, 'CALENDAR_YEAR_MISSING') && date && days) return { date: addWeekdays(date, days), guessed: true };
  return { date: null, guessed: false };
}

function StageCard({ s, p }: { s: ServiceProjectStageView; p: ServiceProjectDetailView }) {
  const navigate = useNavigate();
  const items = p.stageItems.find((x) => x.stage === s.stage)?.items ?? [];
  const filed = new Set(s.applications.filter((b) => b.status !== 'withdrawn' && b.status !== 'not_accepted' && b.status !== 'terminated').map((b) => b.itemId));
  const toFile = items.filter((i) => !filed.has(i.id));
  const st = STAGE_STATUS[s.status];
  return (
    <Card className={`yq-stage ${s.overPlan ? 'over' : s.status}`}>
      <div className="yq-stage-head">
        <div>
          <div style={{ fontSize: 12, color: '#98a2b3' }}>第{s.sort}阶段</div>
          <div className="yq-stage-name">{s.label}</div>
        </div>
        <Tag color={st.color} style={{ marginInlineEnd: 0 }}>
          {st.label}
        </Tag>
      </div>
      <div style={{ marginTop: 6, fontSize: 13 }}>
        用时{' '}
        <strong style={{ fontSize: 16, color: s.overPlan ? '#d92d20' : '#101828' }}>{s.workingDays}</strong> / 计划 {s.plannedDays} 个工作日
        {s.overPlan && (
          <Tag color="red" style={{ marginLeft: 6 }}>
            超计划
          </Tag>
        )}
      </div>
      <div style={{ fontSize: 12, color: '#667085' }}>
        {s.startedAt ? `${formatDate(s.startedAt)} 起` : '尚无受理的事项'}
        {s.finishedAt ? ` · ${formatDate(s.finishedAt)} 完成` : ''}
      </div>
      <div className="yq-stage-items">
        {s.applications.map((b) => (
          <div key={b.id} className="yq-stage-item">
            <Link to={`/services/applications/${b.id}`} title={`${b.itemName} ${b.number}`}>
              {b.itemName}
            </Link>
            <ApplicationStatusTag status={b.status} label={b.statusLabel} />
          </div>
        ))}
        {s.applications.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 13 }}>尚未申报事项</Typography.Text>}
      </div>
      {p.canApply && p.status === 'active' && toFile.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: toFile.map((i) => ({ key: i.id, label: `${i.name}(承诺${i.committedDays}个工作日)` })),
            onClick: ({ key }) => navigate(`/services/apply/${key}?projectId=${p.id}&enterpriseId=${p.enterpriseId}`),
          }}
        >
          <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 10 }} block>
            申报本阶段事项({toFile.length})
          </Button>
        </Dropdown>
      )}
    </Card>
  );
}

type EditValues = { name: string; location?: string; targetDays: number; status: ServiceProjectStatus; plannedDays: Record<string, number>; note?: string };

function EditProjectModal({ p, onClose }: { p: ServiceProjectDetailView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateProject(p.id);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({
        name: v.name.trim(),
        location: v.location?.trim() || undefined,
        targetDays: v.targetDays,
        status: v.status,
        plannedDays: {
          planning: Number(v.plannedDays.planning),
          engineering: Number(v.plannedDays.engineering),
          construction: Number(v.plannedDays.construction),
          acceptance: Number(v.plannedDays.acceptance),
        },
        note: v.note?.trim() || undefined,
      });
      message.success('已保存');
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal open title="编辑项目" okText="保存" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={update.isPending} width={600} destroyOnHidden>
      <Form<EditValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={update.isPending}
        initialValues={{
          name: p.name,
          location: p.location ?? undefined,
          targetDays: p.targetDays,
          status: p.status,
          plannedDays: Object.fromEntries(p.stages.map((s) => [s.stage, s.plannedDays])),
          note: p.note ?? undefined,
        }}
      >
        <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="location" label="建设地点">
          <Input maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="targetDays" label="目标总时限(工作日)" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={SERVICE_PROJECT_LEGAL_DAYS} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label="项目状态">
            <Select options={SERVICE_PROJECT_STATUSES.map((s) => ({ value: s, label: SERVICE_PROJECT_STATUS_LABELS[s] }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', columnGap: 8 }}>
          {PROJECT_STAGES.map((s) => (
            <Form.Item key={s} name={['plannedDays', s]} label={PROJECT_STAGE_LABELS[s]} rules={[{ required: true, message: '必填' }]}>
              <InputNumber min={0} max={400} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const query = useProject(id);
  const p = query.data;
  const target = useWorkingDayAfter(p?.startedOn, p?.targetDays);
  const legal = useWorkingDayAfter(p?.startedOn, p?.legalDays);
  const [editing, setEditing] = useState(false);
  const forFirm = isEnterpriseOnly(me);

  if (query.isLoading || query.isError || !p) return <RecordLoadCard query={query} what="项目" />;
  return (
    <>
      <PageHeader
        title={p.name}
        subTitle={
          <Space size={8} wrap>
            <span className="yq-mono">{p.code}</span>
            <Tag color={p.status === 'active' ? 'blue' : p.status === 'completed' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
              {p.statusLabel}
            </Tag>
            {!forFirm && <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link>}
          </Space>
        }
        extra={
          <>
            {p.canManage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            )}
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined spin={query.isFetching} />} onClick={() => query.refetch()} aria-label="刷新" />
            </Tooltip>
            <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/services/projects'))}>
              返回
            </Button>
          </>
        }
      />
      <Card className="yq-section">
        <div style={{ display: 'grid', gridTemplateColumns: screens.md ? '2fr 3fr' : '1fr', gap: 16, alignItems: 'center' }}>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              全流程用时(政府审批时间,暂停不计)
            </Typography.Text>
            <ProjectClock p={p} />
            <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
              {formatDate(p.startedOn)} 进入审批
              {target.date ? ` · 目标 ${target.date} 前完成${target.guessed ? '(日历缺年份,按周一至周五估算)' : ''}` : ''}
              {p.currentStageLabel ? ` · 当前阶段:${p.currentStageLabel}` : ' · 四个阶段均已完成'}
            </div>
          </div>
          <Descriptions
            size="small"
            column={screens.md ? 2 : 1}
            items={[
              { key: 'firm', label: '建设单位', children: p.enterpriseName },
              { key: 'loc', label: '建设地点', children: p.location ?? '—' },
              { key: 'inv', label: '总投资', children: p.investmentFen ? formatWan(p.investmentFen) : '—' },
              { key: 'apps', label: '审批事项', children: `${p.applicationCount} 件(在办 ${p.openCount})` },
            ]}
          />
        </div>
        {p.note && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {p.note}
          </Typography.Paragraph>
        )}
      </Card>
      <div className="yq-stage-grid">
        {p.stages.map((s) => (
          <StageCard key={s.stage} s={s} p={p} />
        ))}
      </div>
      <Card title="审批进度甘特图" className="yq-section" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>截至 {formatDateTime(p.gantt.now)}</Typography.Text>}>
        <ProjectGantt p={p} targetDate={target.date} targetGuessed={target.guessed} legalDate={legal.date} />
      </Card>
      {editing && <EditProjectModal p={p} onClose={() => setEditing(false)} />}
    </>
  );
}
