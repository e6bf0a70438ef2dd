import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Select, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  DEFAULT_STAGE_PLANNED_DAYS,
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  SERVICE_PROJECT_LEGAL_DAYS,
  SERVICE_PROJECT_STATUSES,
  SERVICE_PROJECT_STATUS_LABELS,
  SERVICE_PROJECT_TARGET_DAYS,
  type ServiceProjectView,
} from '@yuanqi/contract';
import { hasPermission, isEnterpriseOnly, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDate, formatWan, parkToday, wanToFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { useCreateProject, useProjects, type ProjectListQuery } from './api';
import '../demands/demands.css';
import './services.css';

/** Total working days against the target (and the legal cap), as a bar with the figures. */
export function ProjectClock({ p, compact = false }: { p: Pick<ServiceProjectView, 'totalDays' | 'targetDays' | 'legalDays' | 'warning'>; compact?: boolean }) {
  const percent = Math.min(100, Math.round((p.totalDays / Math.max(1, p.targetDays)) * 100));
  const color = p.warning === 'over_legal' ? '#d92d20' : p.warning === 'over_target' ? '#f79009' : '#1554ad';
  return (
    <div style={{ minWidth: compact ? 140 : undefined }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#475467', gap: 8 }}>
        <span>
          已用 <strong style={{ color, fontSize: 14 }}>{p.totalDays}</strong> / 目标 {p.targetDays} 个工作日
        </span>
        {p.warning !== 'none' && <Tag color={p.warning === 'over_legal' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>{p.warning === 'over_legal' ? `超法定${p.legalDays}日` : '超目标'}</Tag>}
      </div>
      <Progress percent={percent} showInfo={false} size="small" strokeColor={color} style={{ margin: 0 }} />
    </div>
  );
}

function StatusTag({ p }: { p: ServiceProjectView }) {
  return <Tag color={p.status === 'active' ? 'blue' : p.status === 'completed' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{p.statusLabel}</Tag>;
}

type CreateValues = {
  enterpriseId?: string | null;
  code?: string;
  name?: string;
  location?: string;
  investmentWan?: number | null;
  startedOn?: dayjs.Dayjs;
  targetDays?: number;
  plannedDays?: Record<string, number>;
  note?: string;
};

function CreateProjectModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateProject();
  const planned = Form.useWatch('plannedDays', form) as Record<string, number> | undefined;
  const plannedTotal = PROJECT_STAGES.reduce((n, s) => n + (Number(planned?.[s]) || 0), 0);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const p = await create.mutateAsync({
        enterpriseId: v.enterpriseId!,
        code: v.code!.trim(),
        name: v.name!.trim(),
        location: v.location?.trim() || undefined,
        investmentFen: wanToFen(v.investmentWan ?? null) ?? undefined,
        startedOn: v.startedOn!.format('YYYY-MM-DD'),
        targetDays: v.targetDays,
        plannedDays: {
          planning: Number(v.plannedDays?.planning ?? 0),
          engineering: Number(v.plannedDays?.engineering ?? 0),
          construction: Number(v.plannedDays?.construction ?? 0),
          acceptance: Number(v.plannedDays?.acceptance ?? 0),
        },
        note: v.note?.trim() || undefined,
      });
      message.success(`已登记项目 ${p.name}`);
      onClose();
      navigate(`/services/projects/${p.id}`);
    } catch (e) {
      applyFieldErrors(form, e, { investmentFen: 'investmentWan' });
    }
  };
  return (
    <Modal open title="登记工程建设项目" okText="登记" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={create.isPending} width={640} destroyOnHidden>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={create.isPending}
        initialValues={{ targetDays: SERVICE_PROJECT_TARGET_DAYS, startedOn: dayjs(parkToday()), plannedDays: { ...DEFAULT_STAGE_PLANNED_DAYS } }}
      >
        <Form.Item name="enterpriseId" label="建设单位(企业)" rules={[{ required: true, message: '请选择企业' }]}>
          <EnterpriseSelect />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', columnGap: 12 }}>
          <Form.Item name="code" label="项目代码" rules={[{ required: true, whitespace: true, message: '请填写项目代码' }, { pattern: /^[0-9A-Za-z-]{4,40}$/, message: '项目代码为4-40位字母、数字或横线' }]}>
            <Input placeholder="如:2026-340100-30-03-012345" maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, { min: 2, message: '项目名称至少2个字' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 12 }}>
          <Form.Item name="location" label="建设地点">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="investmentWan" label="总投资(万元)">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
          <Form.Item name="startedOn" label="进入审批日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="targetDays" label="目标总时限(工作日)" rules={[{ required: true, message: '请填写目标工作日' }]} extra={`园区目标${SERVICE_PROJECT_TARGET_DAYS}日,法定上限${SERVICE_PROJECT_LEGAL_DAYS}日`}>
            <InputNumber min={1} max={SERVICE_PROJECT_LEGAL_DAYS} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Typography.Text strong>各阶段计划工作日(合计 {plannedTotal})</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', columnGap: 8, marginTop: 6 }}>
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

/** 工程建设项目: each project's four stages and its total clock against the 60-working-day target. */
export function ProjectsPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const forFirm = isEnterpriseOnly(me);
  const { params, update, paginate } = useListParams();
  const query: ProjectListQuery = useMemo(
    () => ({ status: params.get('status') ?? undefined, q: params.get('q') ?? undefined, page: Math.max(1, Number(params.get('page')) || 1), pageSize: 20 }),
    [params],
  );
  const list = useProjects(query);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const [creating, setCreating] = useState(false);
  const manages = hasPermission(me, 'project:manage');

  const columns: TableProps<ServiceProjectView>['columns'] = [
    {
      title: '项目',
      key: 'name',
      width: 280,
      render: (_, p) => (
        <div>
          <Link to={`/services/projects/${p.id}`} style={{ fontWeight: 500 }}>
            {p.name}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {p.code}
          </div>
        </div>
      ),
    },
    { title: '建设单位', key: 'firm', width: 200, render: (_, p) => <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> },
    {
      title: '当前阶段',
      key: 'stage',
      width: 150,
      render: (_, p) => (p.currentStageLabel ? <Tag color="blue">{p.currentStageLabel}</Tag> : <Tag color="green">四阶段完成</Tag>),
    },
    { title: '总用时', key: 'clock', width: 240, render: (_, p) => <ProjectClock p={p} compact /> },
    {
      title: '事项',
      key: 'apps',
      width: 100,
      render: (_, p) => (
        <span>
          {p.applicationCount} 件{p.openCount > 0 && <span style={{ color: '#667085' }}>(在办{p.openCount})</span>}
        </span>
      ),
    },
    { title: '进入审批', dataIndex: 'startedOn', key: 'startedOn', width: 110, render: (v: string) => formatDate(v) },
    { title: '总投资', dataIndex: 'investmentFen', key: 'investment', width: 120, render: (v: number | null) => (v ? formatWan(v) : '—') },
    { title: '状态', key: 'status', width: 90, render: (_, p) => <StatusTag p={p} /> },
  ];

  return (
    <div className={forFirm ? 'yq-narrow' : undefined}>
      <PageHeader
        title={forFirm ? '我的工程建设项目' : '工程建设项目'}
        subTitle={`四个阶段并联审批,园区目标全流程 ${SERVICE_PROJECT_TARGET_DAYS} 个工作日(法定上限 ${SERVICE_PROJECT_LEGAL_DAYS} 个工作日)`}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记项目
            </Button>
          )
        }
      />
      {!forFirm && (
        <FilterBar
          mobile={mobile}
          search={{ ...searchBox, placeholder: '项目名称、代码或企业', ariaLabel: '搜索项目', width: 260 }}
          filters={
            <Select
              allowClear
              placeholder="项目状态"
              value={query.status}
              options={SERVICE_PROJECT_STATUSES.map((s) => ({ value: s, label: SERVICE_PROJECT_STATUS_LABELS[s] }))}
              onChange={(v) => update({ status: v })}
              style={{ minWidth: 120 }}
              aria-label="按状态筛选"
            />
          }
          trailing={!mobile && <RefreshButton spinning={list.isFetching && !list.isLoading} onClick={() => void list.refetch()} />}
        />
      )}
      <ResponsiveList<ServiceProjectView>
        query={list}
        mobile={mobile || forFirm}
        columns={columns}
        table={{ rowClassName: (p) => (p.warning !== 'none' ? 'yq-row-overdue' : ''), scroll: { x: 1200 } }}
        empty={<EmptyHint description={forFirm ? '贵企业暂无工程建设项目' : '没有符合条件的项目'} />}
        skeleton="cards"
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '个', mobileOnlyWhenPaged: true }}
        renderCard={(p) => (
          <Card className="yq-mobile-card yq-app-card">
            <div className="yq-app-card-head">
              <span className="yq-mono yq-app-number">{p.code}</span>
              <StatusTag p={p} />
            </div>
            <Link to={`/services/projects/${p.id}`} className="yq-app-title">
              {p.name}
            </Link>
            <div className="yq-app-meta">
              {!forFirm && <span>{p.enterpriseName}</span>}
              <span>当前:{p.currentStageLabel ?? '已完成'}</span>
              <span>
                {p.applicationCount} 件事项{p.openCount ? `(在办${p.openCount})` : ''}
              </span>
            </div>
            <div style={{ marginTop: 8 }}>
              <ProjectClock p={p} />
            </div>
          </Card>
        )}
      />
      {creating && <CreateProjectModal onClose={() => setCreating(false)} />}
    </div>
  );
}
