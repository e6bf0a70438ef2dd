import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Row, Segmented, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { SMART_PROJECT_STATUS_LABELS, SMART_SAVING_RULES, formatPayback, type SmartProjectView, type SmartSummary } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatWan } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { Chart } from '../../dispatch/Chart';
import { useSmartProjects } from './api';
import { BAND_COLORS, BandTag, StatusTag, wan } from './bits';
import { SmartProjectForm } from './SmartProjectForm';

const STATUS_FILTERS = [{ value: '', label: '全部' }, ...(['live', 'building', 'planned'] as const).map((s) => ({ value: s, label: SMART_PROJECT_STATUS_LABELS[s] }))];

/** The claim checked in one sentence, from the counts (never typed in). */
function claimSentence(s: SmartSummary): string {
  if (s.computed === 0) return `已上线项目中还没有可测算节约的项目(上线后需至少${SMART_SAVING_RULES.minAfterMonths}个月成本数据)。`;
  const parts = [`${s.claim.within} 个在200至400万元之间`];
  if (s.claim.below) parts.push(`${s.claim.below} 个低于200万元`);
  if (s.claim.above) parts.push(`${s.claim.above} 个高于400万元`);
  const rest = s.insufficient ? `;另有 ${s.insufficient} 个已上线项目数据不足,未计入` : '';
  return `可测算年节约的 ${s.computed} 个已上线项目中,${parts.join(',')}${rest}。`;
}

function SavingChart({ summary }: { summary: SmartSummary }) {
  const navigate = useNavigate();
  const rows = summary.perProject;
  const low = wan(summary.claim.lowFen);
  const high = wan(summary.claim.highFen);
  const top = Math.max(high * 1.2, ...rows.map((r) => wan(r.annualSavingFen) * 1.1));
  return (
    <Chart
      label="各项目年节约成本(万元),标出200至400万元区间"
      height={Math.max(260, rows.length * 44 + 80)}
      onClick={(_, i) => rows[i] && navigate(`/industry/smart/${rows[i]!.id}`)}
      option={{
        grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const p = (params as { dataIndex: number }[])[0];
            const r = p ? rows[p.dataIndex] : undefined;
            return r ? `${r.enterpriseName}<br/>${r.name}<br/>年节约 ${formatWan(r.annualSavingFen)}<br/>投资 ${formatWan(r.investmentFen)},回收期 ${formatPayback(r.paybackMonths)}` : '';
          },
        },
        xAxis: { type: 'value', name: '万元/年', nameLocation: 'end', max: Math.ceil(top / 50) * 50, axisLabel: { formatter: (v: number) => `${v}` } },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            name: '年节约',
            barMaxWidth: 26,
            data: rows.map((r) => ({ value: wan(r.annualSavingFen), itemStyle: { color: BAND_COLORS[r.band] } })),
            label: { show: true, position: 'right', formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(2)}万` },
            markArea: { silent: true, itemStyle: { color: 'rgba(18,183,106,0.10)' }, data: [[{ xAxis: low }, { xAxis: high }]] },
            markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#027a48' }, label: { position: 'start', color: '#027a48', formatter: '{c}万元' }, data: [{ xAxis: low }, { xAxis: high }] },
          },
        ],
      }}
    />
  );
}

function SummaryCards({ summary }: { summary: SmartSummary }) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="改造项目" value={summary.projects} suffix={`个(已上线 ${summary.live})`} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="总投资" value={formatWan(summary.totalInvestmentFen)} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={`年节约合计(${summary.computed} 个项目)`} value={formatWan(summary.totalAnnualSavingFen)} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="年节约在200至400万元" value={summary.claim.within} suffix={`/ ${summary.computed} 个`} />
        </Card>
      </Col>
    </Row>
  );
}

function ProjectCard({ p }: { p: SmartProjectView }) {
  const s = p.saving;
  return (
    <Link to={`/industry/smart/${p.id}`} style={{ color: 'inherit' }}>
      <Card size="small" style={{ marginBottom: 12 }} title={<span style={{ whiteSpace: 'normal' }}>{p.name}</span>} extra={<StatusTag status={p.status} />}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {p.enterpriseName}
        </Typography.Text>
        <Row gutter={8}>
          <Col span={12}>
            <Statistic title="总投资" value={formatWan(p.investmentFen)} styles={{ content: { fontSize: 16 } }} />
          </Col>
          <Col span={12}>
            <Statistic title="年节约" value={s.sufficient ? formatWan(s.annualSavingFen) : '数据不足'} styles={{ content: { fontSize: 16, color: s.sufficient && s.annualSavingFen > 0 ? '#027a48' : undefined } }} />
          </Col>
        </Row>
        <div style={{ marginTop: 8, display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 4 }}>
          <span>上线 {p.liveOn ?? '—'}</span>
          <span>{s.sufficient ? `回收期 ${formatPayback(s.paybackMonths)}` : s.message.replace('数据不足:', '')}</span>
        </div>
      </Card>
    </Link>
  );
}

/** 智能化改造: the office's list with the savings check and chart; a firm's own projects (cards on a phone). */
export function SmartProjectsPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const list = useSmartProjects({ status: status || undefined });
  const firm = !!me.enterpriseId;
  const canCreate = me.permissions.includes('industry:manage') || me.permissions.includes('industry:report');
  const items = list.data?.items ?? [];
  const summary = list.data?.summary;

  return (
    <>
      <PageHeader
        title="智能化改造"
        subTitle={firm ? '本企业的改造项目、改造前后运行成本与节约测算' : '改造项目、改造前后运行成本与节约测算,核对“个企每年可节约成本200至400万元”'}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建项目
            </Button>
          )
        }
      />
      {list.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : list.isError || !list.data || !summary ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} what="智能化改造项目" />
      ) : (
        <>
          {!firm && !status && summary.projects > 0 && (
            <>
              <SummaryCards summary={summary} />
              <Card title="年节约核对:个企每年可节约成本200至400万元" style={{ marginBottom: 16 }}>
                <Alert type={summary.computed && summary.claim.within === summary.computed ? 'success' : 'info'} showIcon title={claimSentence(summary)} style={{ marginBottom: 12 }} />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  年节约 = (上线前最近{SMART_SAVING_RULES.maxBeforeMonths}个月月均运行成本 − 上线后各月月均运行成本)× 12;上线当月不计入;上线后不足{SMART_SAVING_RULES.minAfterMonths}
                  个月为数据不足。图中绿色区间为报告口径200至400万元/年;点击柱条查看项目。
                </Typography.Paragraph>
                {summary.perProject.length > 0 ? <SavingChart summary={summary} /> : <EmptyHint description="还没有可测算年节约的项目" />}
              </Card>
            </>
          )}
          <Card
            title={mobile ? undefined : firm ? '本企业的改造项目' : '改造项目'}
            extra={mobile ? undefined : <Segmented size="small" value={status} onChange={(v) => setStatus(String(v))} options={STATUS_FILTERS} />}
            styles={mobile ? { body: { padding: 12 } } : undefined}
          >
            {mobile && <Segmented block value={status} onChange={(v) => setStatus(String(v))} options={STATUS_FILTERS} style={{ marginBottom: 12 }} />}
            {items.length === 0 ? (
              <EmptyHint description={status ? '没有该状态的改造项目' : firm ? '本企业还没有登记智能化改造项目' : '还没有登记智能化改造项目'} />
            ) : mobile ? (
              items.map((p) => <ProjectCard key={p.id} p={p} />)
            ) : (
              <Table<SmartProjectView>
                rowKey="id"
                size="middle"
                dataSource={items}
                pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                onRow={(p) => ({ onClick: () => navigate(`/industry/smart/${p.id}`), style: { cursor: 'pointer' } })}
                scroll={{ x: 1040 }}
                columns={[
                  { title: '项目', render: (_, p) => <Link to={`/industry/smart/${p.id}`}>{p.name}</Link> },
                  ...(firm ? [] : [{ title: '企业', dataIndex: 'enterpriseName', width: 190, ellipsis: { showTitle: true } }]),
                  { title: '状态', width: 84, render: (_, p) => <StatusTag status={p.status} /> },
                  { title: '上线日期', width: 104, render: (_, p) => p.liveOn ?? '—' },
                  { title: '总投资', align: 'right', width: 120, render: (_, p) => formatWan(p.investmentFen) },
                  { title: '改造前月均', align: 'right', width: 120, responsive: ['xxl'], render: (_, p) => (p.saving.sufficient ? formatWan(p.saving.beforeAvgFen) : '—') },
                  { title: '改造后月均', align: 'right', width: 120, responsive: ['xxl'], render: (_, p) => (p.saving.sufficient ? formatWan(p.saving.afterAvgFen) : '—') },
                  { title: '年节约', align: 'right', width: 120, render: (_, p) => (p.saving.sufficient ? <strong>{formatWan(p.saving.annualSavingFen)}</strong> : '—') },
                  { title: '回收期', width: 140, render: (_, p) => (p.saving.sufficient ? formatPayback(p.saving.paybackMonths) : '—') },
                  { title: '对照200–400万', width: 124, render: (_, p) => <BandTag saving={p.saving} /> },
                ]}
              />
            )}
          </Card>
        </>
      )}
      <SmartProjectForm open={creating} onClose={() => setCreating(false)} onSaved={(p) => navigate(`/industry/smart/${p.id}`)} />
    </>
  );
}
