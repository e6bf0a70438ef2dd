import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Input, InputNumber, Modal, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import {
  SMART_COST_PHASE_LABELS,
  addMonths,
  costPhaseOf,
  fenToYuanString,
  formatPayback,
  monthOf,
  parseYuanToFen,
  type SmartCostPhase,
  type SmartProjectDetail,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatWan, parkToday } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { Chart } from '../../dispatch/Chart';
import { downloadCostTemplate, useDeleteSmartProject, useSaveSmartCosts, useSmartProject } from './api';
import { BandTag, StatusTag, wan } from './bits';
import { SmartProjectForm } from './SmartProjectForm';

const PHASE_COLORS: Record<SmartCostPhase, string> = { before: '#1554ad', golive: '#98a2b3', after: '#12b76a', unused: '#d0d5dd' };
const PHASE_TAGS: Record<SmartCostPhase, string> = { before: 'blue', golive: 'default', after: 'green', unused: 'default' };
const ym = (month: string) => month.slice(0, 7);

/** The months the grid offers: 12 before go-live (24 back when not live) to this month, and any month already entered. */
function gridMonths(p: SmartProjectDetail): string[] {
  const current = monthOf(parkToday());
  const liveMonth = p.liveOn ? monthOf(p.liveOn) : null;
  let first = liveMonth && liveMonth <= current ? addMonths(liveMonth, -12) : addMonths(current, -23);
  if (p.costs.length && p.costs[0]!.month < first) first = p.costs[0]!.month;
  const months: string[] = [];
  for (let m = first; m <= current; m = addMonths(m, 1)) months.push(m);
  return months;
}

function SavingFigures({ p }: { p: SmartProjectDetail }) {
  const s = p.saving;
  const screens = useScreens();
  const size = screens.md ? undefined : 18;
  if (!s.sufficient) {
    return <Alert type="warning" showIcon title={s.message} description={`已填上线前 ${s.beforeMonths} 个月、上线后 ${s.afterMonths} 个月的运行成本。年节约按上线前最近12个月与上线后各月的月均成本之差测算,上线当月不计入。`} />;
  }
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={`改造前月均(${s.beforeMonths}个月)`} value={formatWan(s.beforeAvgFen)} styles={{ content: { fontSize: size } }} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={`改造后月均(${s.afterMonths}个月)`} value={formatWan(s.afterAvgFen)} styles={{ content: { fontSize: size } }} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title="月均节约" value={formatWan(s.monthlySavingFen)} styles={{ content: { fontSize: size } }} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title="年节约" value={formatWan(s.annualSavingFen)} styles={{ content: { fontSize: size, color: s.annualSavingFen > 0 ? '#027a48' : '#d92d20', fontWeight: 600 } }} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title="投资回收期" value={formatPayback(s.paybackMonths)} styles={{ content: { fontSize: size ?? 20 } }} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>对照200至400万元/年</div>
          <BandTag saving={s} />
        </Col>
      </Row>
    </>
  );
}

function CostChart({ p }: { p: SmartProjectDetail }) {
  const costs = p.costs;
  const s = p.saving;
  const months = costs.map((c) => ym(c.month));
  const avgLine = (phase: SmartCostPhase, fen: number) => costs.map((c) => (c.phase === phase ? wan(fen) : null));
  const liveMonth = p.liveOn ? ym(p.liveOn) : null;
  return (
    <Chart
      label={`${p.name}改造前后月度运行成本(万元)`}
      height={320}
      option={{
        legend: { top: 0, data: ['月度运行成本', ...(s.sufficient ? ['改造前月均', '改造后月均'] : [])] },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          formatter: (params: unknown) => {
            const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
            const c = costs[i];
            return c ? `${ym(c.month)}(${SMART_COST_PHASE_LABELS[c.phase]})<br/>运行成本 ${formatWan(c.costFen)}${c.note ? `<br/>${c.note}` : ''}` : '';
          },
        },
        xAxis: { type: 'category', data: months, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', name: '万元' },
        series: [
          {
            type: 'bar',
            name: '月度运行成本',
            barMaxWidth: 22,
            data: costs.map((c) => ({ value: wan(c.costFen), itemStyle: { color: PHASE_COLORS[c.phase] } })),
            markLine: liveMonth && months.includes(liveMonth) ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#667085' }, label: { formatter: `上线 ${p.liveOn}`, position: 'insideEndTop' }, data: [{ xAxis: liveMonth }] } : undefined,
          },
          ...(s.sufficient
            ? [
                { type: 'line' as const, name: '改造前月均', data: avgLine('before', s.beforeAvgFen), symbol: 'none', lineStyle: { width: 2, color: '#1554ad', type: 'dashed' as const }, itemStyle: { color: '#1554ad' } },
                { type: 'line' as const, name: '改造后月均', data: avgLine('after', s.afterAvgFen), symbol: 'none', lineStyle: { width: 2, color: '#027a48', type: 'dashed' as const }, itemStyle: { color: '#027a48' } },
              ]
            : []),
        ],
      }}
    />
  );
}

type Draft = Record<string, { cost: number | null; note: string }>;

/** The month grid: 元 typed per month; 保存 sends the months changed (an emptied month is removed). */
function CostGrid({ p }: { p: SmartProjectDetail }) {
  const { message } = App.useApp();
  const screens = useScreens();
  const save = useSaveSmartCosts();
  const months = useMemo(() => gridMonths(p), [p]);
  const stored = useMemo(() => new Map(p.costs.map((c) => [c.month, c])), [p]);
  const initial = useMemo(() => {
    const d: Draft = {};
    for (const m of months) {
      const c = stored.get(m);
      d[m] = { cost: c ? Number(fenToYuanString(c.costFen).replace(/,/g, '')) : null, note: c?.note ?? '' };
    }
    return d;
  }, [months, stored]);
  const [draft, setDraft] = useState<Draft>(initial);
  useEffect(() => setDraft(initial), [initial]);
  const liveMonth = p.status === 'live' && p.liveOn ? monthOf(p.liveOn) : null;
  const used = new Set(p.costs.filter((c) => c.phase === 'before').map((c) => c.month));

  const changed = months.filter((m) => {
    const a = draft[m];
    const b = initial[m];
    return a && b && (a.cost !== b.cost || a.note.trim() !== b.note.trim());
  });

  const submit = async () => {
    const costs = changed.map((m) => {
      const d = draft[m]!;
      return { month: ym(m), costFen: d.cost === null ? null : parseYuanToFen(d.cost), note: d.note.trim() || null };
    });
    try {
      const saved = await save.mutateAsync({ id: p.id, body: { version: p.version, costs } });
      message.success(`已保存 ${costs.length} 个月的运行成本${saved.saving.sufficient ? `,年节约 ${formatWan(saved.saving.annualSavingFen)}` : ''}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const set = (m: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [m]: { ...d[m]!, ...patch } }));

  const buttons = (
    <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => downloadCostTemplate(p.id, p.name).catch((e) => message.error(errorMessage(e)))}>
            下载模板
          </Button>
          <Link to={`/industry/smart/${p.id}/import`}>
            <Button icon={<UploadOutlined />}>Excel 导入</Button>
          </Link>
          <Button type="primary" icon={<SaveOutlined />} disabled={changed.length === 0} loading={save.isPending} onClick={submit}>
            保存{changed.length ? `(${changed.length}个月)` : ''}
          </Button>
    </Space>
  );

  return (
    <Card title="月度运行成本(元)" extra={screens.md ? buttons : undefined}>
      {!screens.md && <div style={{ marginBottom: 12 }}>{buttons}</div>}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        填改造产线当月的运行成本(能耗、人工、维护、物料损耗等),单位元;清空某月的金额并保存即删除该月。
      </Typography.Paragraph>
      <Table
        rowKey={(m) => m}
        size="small"
        dataSource={[...months].reverse()}
        pagination={false}
        scroll={{ y: 480 }}
        columns={[
          { title: '月份', width: 90, render: (_, m) => ym(m) },
          {
            title: '阶段',
            width: 96,
            responsive: ['sm'],
            render: (_, m) => {
              const phase = costPhaseOf(m, liveMonth, used);
              return <Tag color={PHASE_TAGS[phase]}>{SMART_COST_PHASE_LABELS[phase]}</Tag>;
            },
          },
          {
            title: '运行成本(元)',
            render: (_, m) => (
              <InputNumber
                aria-label={`${ym(m)} 运行成本`}
                style={{ width: '100%', maxWidth: 200 }}
                min={0}
                precision={2}
                value={draft[m]?.cost ?? null}
                onChange={(v) => set(m, { cost: v === null || v === undefined ? null : Number(v) })}
                formatter={(v) => String(v ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
                parser={(v) => (v ? v.replace(/,/g, '') : '') as unknown as number}
              />
            ),
          },
          {
            title: '备注',
            responsive: ['md'],
            render: (_, m) => <Input aria-label={`${ym(m)} 备注`} maxLength={200} value={draft[m]?.note ?? ''} onChange={(e) => set(m, { note: e.target.value })} />,
          },
        ]}
      />
    </Card>
  );
}

/** One project: its facts, the saving computed from its months, the before/after chart and the month grid. */
export function SmartProjectPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const project = useSmartProject(id);
  const remove = useDeleteSmartProject();
  const [editing, setEditing] = useState(false);
  const p = project.data;

  if (project.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (project.isError || !p) return <QueryError error={project.error} onRetry={() => project.refetch()} what="智能化改造项目" />;

  const confirmDelete = () =>
    Modal.confirm({
      title: `删除项目“${p.name}”?`,
      content: '项目及其全部月度运行成本将被删除,不能恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: p.id, version: p.version });
          message.success('项目已删除');
          navigate('/industry/smart');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <PageHeader
        title={p.name}
        subTitle={p.enterpriseName}
        docTitle={`${p.name} · 智能化改造`}
        extra={
          <Space wrap>
            <Link to="/industry/smart">
              <Button>返回列表</Button>
            </Link>
            {p.canEdit && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  修改
                </Button>
                <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>
                  删除
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="企业">{p.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <StatusTag status={p.status} />
          </Descriptions.Item>
          <Descriptions.Item label="总投资">{formatWan(p.investmentFen)}</Descriptions.Item>
          <Descriptions.Item label="启动日期">{p.startedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={p.status === 'live' ? '上线日期' : '计划上线日期'}>{p.liveOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="服务商">{p.vendor ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="改造内容" span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.content ?? '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="节约测算" style={{ marginBottom: 16 }}>
        <SavingFigures p={p} />
      </Card>
      <Card title="改造前后月度运行成本(万元)" style={{ marginBottom: 16 }}>
        {p.costs.length ? <CostChart p={p} /> : <EmptyHint description={p.canEdit ? '还没有月度运行成本,请在下方填写或从 Excel 导入' : '还没有月度运行成本'} />}
      </Card>
      {p.canEdit ? (
        <CostGrid p={p} />
      ) : (
        p.costs.length > 0 && (
          <Card title="月度运行成本">
            <Table
              rowKey="month"
              size="small"
              dataSource={[...p.costs].reverse()}
              pagination={{ pageSize: 12, showSizeChanger: false, simple: true }}
              columns={[
                { title: '月份', render: (_, c) => ym(c.month) },
                { title: '阶段', render: (_, c) => <Tag color={PHASE_TAGS[c.phase]}>{SMART_COST_PHASE_LABELS[c.phase]}</Tag> },
                { title: '运行成本', align: 'right', render: (_, c) => formatWan(c.costFen) },
                { title: '备注', responsive: ['md'], render: (_, c) => c.note ?? '' },
              ]}
            />
          </Card>
        )
      )}
      <SmartProjectForm open={editing} onClose={() => setEditing(false)} project={p} />
    </>
  );
}
