import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Progress, Row, Segmented, Select, Statistic, Table, Tabs, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import {
  COMMITMENT_KIND_LABELS,
  INVESTMENT_STAGE_LABELS,
  INVESTMENT_STAGES,
  type CreateInvestmentProjectRequest,
  type FulfilmentFigures,
  type FulfilmentReport,
  type InvestmentProjectSummary,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ResponsiveList } from '../../components/ResponsiveList';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, parkToday } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useDictionary } from '../dictionaries/useDictionary';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { useCreateProject, useFulfilment, useProjects } from './api';
import { CommitmentStatusTag, MoneyInput, yuan } from './bits';

type Preset = 'year' | 'lastYear' | '12m' | 'all' | 'custom';

function presetRange(p: Preset): [string, string] {
  const today = dayjs(parkToday());
  switch (p) {
    case 'year':
      return [today.startOf('year').format('YYYY-MM-DD'), today.endOf('year').format('YYYY-MM-DD')];
    case 'lastYear': {
      const last = today.subtract(1, 'year');
      return [last.startOf('year').format('YYYY-MM-DD'), last.endOf('year').format('YYYY-MM-DD')];
    }
    case '12m':
      return [today.subtract(12, 'month').add(1, 'day').format('YYYY-MM-DD'), today.format('YYYY-MM-DD')];
    default:
      return ['2018-01-01', today.format('YYYY-MM-DD')];
  }
}

/** 招商承诺: the fulfilment rate for any period, computed from the items and their fulfilments; the signed projects. */
export default function CommitmentsPage() {
  const { params, update } = useListParams();
  const [preset, setPreset] = useState<Preset>((params.get('period') as Preset) ?? 'all');
  const [custom, setCustom] = useState<[string, string]>(presetRange('year'));
  const [from, to] = preset === 'custom' ? custom : presetRange(preset);
  const report = useFulfilment(from, to);
  const tab = params.get('tab') === 'projects' ? 'projects' : 'rate';
  return (
    <>
      <PageHeader title="招商承诺兑现" subTitle="每个签约项目的政府承诺事项逐项跟踪;兑现率 = 期间内到期事项中按期兑现的比例,全部由数据计算" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yq-filter-bar">
          <span>统计期间(按承诺到期日)</span>
          <Segmented<Preset>
            value={preset}
            onChange={(v) => {
              setPreset(v);
              update({ period: v === 'all' ? undefined : v }, false);
            }}
            options={[
              { value: 'all', label: '2018年以来' },
              { value: 'year', label: '本年' },
              { value: 'lastYear', label: '上年' },
              { value: '12m', label: '近12个月' },
              { value: 'custom', label: '自定义' },
            ]}
          />
          {preset === 'custom' && (
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(custom[0]), dayjs(custom[1])]}
              onChange={(v) => v?.[0] && v[1] && setCustom([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
              aria-label="自定义期间"
            />
          )}
          <Typography.Text type="secondary">
            {from} 至 {to}
          </Typography.Text>
        </div>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'rate' ? undefined : k })}
        items={[
          { key: 'rate', label: '兑现率', children: <RatePanel report={report.data} loading={report.isLoading} error={report.isError ? report.error : null} retry={() => report.refetch()} /> },
          { key: 'projects', label: '签约项目', children: tab === 'projects' ? <ProjectList /> : null },
        ]}
      />
    </>
  );
}

function Figures({ f }: { f: FulfilmentFigures }) {
  return (
    <>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="按期兑现率" value={f.ratePercent ?? '—'} suffix={f.ratePercent === null ? undefined : '%'} styles={{ content: { color: f.ratePercent !== null && f.ratePercent < 100 ? '#b54708' : '#067647' } }} />
          <Progress percent={f.ratePercent ?? 0} showInfo={false} size="small" status={f.overdue ? 'exception' : 'success'} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="已到期事项" value={f.due} suffix="项" />
          <div style={{ fontSize: 12, color: '#667085' }}>
            按期 {f.fulfilledOnTime} · 逾期兑现 {f.fulfilledLate}
          </div>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="逾期未兑现" value={f.overdue} suffix="项" styles={{ content: { color: f.overdue ? '#b42318' : undefined } }} />
          <div style={{ fontSize: 12, color: '#667085' }}>未到期 {f.notYetDue} 项(不计入)</div>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="资金类承诺兑现" value={yuan(f.fulfilledAmountFen)} />
          <div style={{ fontSize: 12, color: '#667085' }}>到期承诺 {yuan(f.dueAmountFen)}</div>
        </Card>
      </Col>
    </>
  );
}

function RatePanel({ report, loading, error, retry }: { report?: FulfilmentReport; loading: boolean; error: unknown; retry: () => void }) {
  if (error && !report) return <QueryError error={error} onRetry={retry} />;
  if (!report) return <Card loading={loading} />;
  type FigureRow = FulfilmentFigures & { key: string; label: React.ReactNode };
  const figureColumns = (first: NonNullable<TableProps<FigureRow>['columns']>): NonNullable<TableProps<FigureRow>['columns']> => [
    ...first,
    { title: '到期', dataIndex: 'due', key: 'due', align: 'right' as const },
    { title: '按期兑现', dataIndex: 'fulfilledOnTime', key: 'ontime', align: 'right' as const },
    { title: '逾期兑现', dataIndex: 'fulfilledLate', key: 'late', align: 'right' as const },
    { title: '逾期未兑现', dataIndex: 'overdue', key: 'overdue', align: 'right' as const, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: '兑现率', dataIndex: 'ratePercent', key: 'rate', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Figures f={report.overall} />
      </Row>
      <Typography.Paragraph type="secondary">
        期间内有到期事项的项目 {report.projectsWithDue} 个,其中承诺事项全部兑现到位的 {report.projectsAllFulfilled} 个
        {report.projectsWithDue ? `(${Math.round((report.projectsAllFulfilled / report.projectsWithDue) * 1000) / 10}%)` : ''}。
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Card size="small" title="按承诺类型">
            <Table<FigureRow>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={report.byKind.map((k) => ({ ...k, key: k.kind, label: COMMITMENT_KIND_LABELS[k.kind] }))}
              columns={figureColumns([{ title: '类型', dataIndex: 'label', key: 'label' }])}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={`逾期未兑现事项(${report.overdueItems.length})`}>
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={report.overdueItems}
              locale={{ emptyText: '期间内没有逾期未兑现的事项' }}
              columns={[
                { title: '项目', key: 'p', render: (_, i) => <Link to={`/commitments/${i.projectId}`}>{i.projectName}</Link> },
                { title: '承诺事项', dataIndex: 'title', key: 't' },
                { title: '到期日', dataIndex: 'dueOn', key: 'd', width: 110 },
                { title: '状态', key: 's', width: 90, render: (_, i) => <CommitmentStatusTag item={i} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="按项目" style={{ marginTop: 12 }}>
        <Table<FigureRow>
          size="small"
          rowKey="key"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          dataSource={report.byProject.map((p) => ({ ...p, key: p.projectId, label: <Link to={`/commitments/${p.projectId}`}>{p.name}</Link> }))}
          columns={figureColumns([{ title: '项目', dataIndex: 'label', key: 'label' }])}
        />
      </Card>
    </>
  );
}

function ProjectList() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const query = useMemo(
    () => ({
      q: params.get('q') ?? undefined,
      stage: params.get('stage') ?? undefined,
      overdue: params.get('overdue') === 'true' ? ('true' as const) : undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: 20,
    }),
    [params],
  );
  const list = useProjects(query);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const [creating, setCreating] = useState(false);
  const chains = useDictionary('chain');

  const columns: TableProps<InvestmentProjectSummary>['columns'] = [
    {
      title: '项目',
      key: 'name',
      render: (_, p) => (
        <div>
          <Link to={`/commitments/${p.id}`} style={{ fontWeight: 500 }}>
            {p.name}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{p.code}</span> · {p.investor}
          </div>
        </div>
      ),
    },
    { title: '落地企业', key: 'firm', render: (_, p) => (p.enterpriseId ? <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> : <Typography.Text type="secondary">未注册</Typography.Text>) },
    { title: '投资额', dataIndex: 'amountFen', key: 'amount', align: 'right', render: (v: number) => yuan(v) },
    { title: '产业链', dataIndex: 'chain', key: 'chain', render: (v: string | null) => chains.labelOf(v) },
    { title: '签约日期', dataIndex: 'signedOn', key: 'signed', width: 110 },
    { title: '阶段', dataIndex: 'stage', key: 'stage', width: 80, render: (s: InvestmentProjectSummary['stage']) => INVESTMENT_STAGE_LABELS[s] },
    {
      title: '承诺兑现',
      key: 'items',
      width: 200,
      render: (_, p) => (
        <div>
          <Progress percent={p.itemCount ? Math.round((p.fulfilledCount / p.itemCount) * 100) : 0} size="small" format={() => `${p.fulfilledCount}/${p.itemCount}`} status={p.overdueCount ? 'exception' : 'normal'} />
          {p.overdueCount > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>逾期 {p.overdueCount} 项</Typography.Text>}
        </div>
      ),
    },
  ];

  return (
    <>
      <FilterBar
        mobile={mobile}
        search={{ placeholder: '项目、投资方、企业、编号', width: 260, ...searchBox }}
        filters={
          <>
            <Select allowClear placeholder="阶段" value={query.stage} onChange={(v) => update({ stage: v })} style={{ minWidth: 100 }} options={INVESTMENT_STAGES.map((s) => ({ value: s, label: INVESTMENT_STAGE_LABELS[s] }))} aria-label="阶段" />
            <Checkbox checked={query.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
              只看有逾期事项的
            </Checkbox>
          </>
        }
        trailing={
          <>
            <RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />
            {hasPermission(me, 'commitment:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记签约项目
              </Button>
            )}
          </>
        }
      />
      <ResponsiveList<InvestmentProjectSummary>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1100 } }}
        empty={<EmptyHint description="暂无签约项目" />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '个项目' }}
        renderCard={(p) => (
          <Card size="small" className="yq-mobile-card" onClick={() => navigate(`/commitments/${p.id}`)}>
            <b>{p.name}</b>
            <div style={{ fontSize: 12, color: '#667085' }}>
              {p.investor} · {p.signedOn} · {INVESTMENT_STAGE_LABELS[p.stage]}
            </div>
            <div style={{ fontSize: 13 }}>
              承诺 {p.fulfilledCount}/{p.itemCount} 已兑现{p.overdueCount ? `,逾期 ${p.overdueCount} 项` : ''}
            </div>
          </Card>
        )}
      />
      <CreateProjectModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateProjectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Omit<CreateInvestmentProjectRequest, 'signedOn'> & { signedOn: Dayjs }>();
  const create = useCreateProject();
  const navigate = useNavigate();
  const chains = useDictionary('chain');
  const { message } = App.useApp();
  return (
    <Modal
      title="登记签约项目"
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const p = await create.mutateAsync({ ...v, signedOn: v.signedOn.format('YYYY-MM-DD'), stage: v.stage ?? 'signed' });
          message.success('已登记,请继续添加政府承诺事项');
          onClose();
          navigate(`/commitments/${p.id}`);
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ stage: 'signed' }}>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="code" label="项目编号" rules={[{ required: true, message: '请填写项目编号' }]}>
              <Input placeholder="如 ZS2026-041" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="contractNo" label="合同编号">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="investor" label="投资方" rules={[{ required: true, message: '请填写投资方' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="enterpriseId" label="落地企业" extra="项目公司注册后关联,资金类承诺拨付给该企业">
          <EnterpriseSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amountFen" label="协议投资额" rules={[{ required: true, message: '请填写投资额' }]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="signedOn" label="签约日期" rules={[{ required: true, message: '请选择签约日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="chain" label="产业链">
              <Select allowClear options={chains.options} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="stage" label="当前阶段">
              <Select options={INVESTMENT_STAGES.map((s) => ({ value: s, label: INVESTMENT_STAGE_LABELS[s] }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
