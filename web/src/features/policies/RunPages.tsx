import { useState } from 'react';
import { Alert, Button, Card, Input, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  EXEMPTION_RUN_STATUS_LABELS,
  RUN_ITEM_REASON_LABELS,
  RUN_GRANT_ORDER_TEXT,
  RUN_ITEM_REASONS,
  type ExemptionRunItem,
  type PolicyGrantSummary,
  type PolicySummary,
  type RunItemReason,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useExport } from '../../components/useExport';
import { exportRunReport, useJob, usePolicyGrants, usePolicyList, useRunReport, type RunItemsQuery } from './api';
import { GrantStatusTag, periodText } from './bits';
import './policies.css';

/** 免申即享: the auto-mode policies (each to its runs) and every grant waiting for a firm's account. */
export function RunsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const policies = usePolicyList({ mode: 'auto', page: 1, pageSize: 100 });
  const [params] = useSearchParams();
  const policyId = params.get('policyId') ?? undefined;
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const grants = usePolicyGrants({ status: 'awaiting', policyId, q, page, pageSize: 20 });
  return (
    <>
      <PageHeader title="免申即享" subTitle="平台按数据自动判断,符合条件的企业直接发放,企业确认收款账户后即拨付" />
      <Card title="免申即享政策" className="yq-section" styles={{ body: { padding: 0 } }}>
        <Table<PolicySummary>
          rowKey="id"
          loading={policies.isLoading}
          dataSource={policies.data?.items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: policies.isLoading ? ' ' : <EmptyHint description="没有免申即享政策" /> }}
          columns={[
            { title: '政策', dataIndex: 'title', render: (v: string, p) => <Link to={`/policies/${p.id}/runs`}>{v}</Link> },
            { title: '状态', dataIndex: 'statusLabel', width: 90 },
            { title: '符合(家)', dataIndex: 'eligibleCount', width: 90 },
            { title: '已拨付(家)', dataIndex: 'paidCount', width: 100 },
            { title: '已拨付金额', dataIndex: 'paidAmountFen', width: 130, align: 'right', render: (v: number | null) => <span className="yq-money">{formatAmount(v)}</span> },
            {
              title: '',
              key: 'op',
              width: 140,
              render: (_, p) =>
                p.status === 'published' && hasPermission(me, 'policy:manage') ? (
                  <Button size="small" type="primary" icon={<ThunderboltOutlined />} onClick={() => navigate(`/policies/${p.id}/runs`)}>
                    兑现批次
                  </Button>
                ) : (
                  <Link to={`/policies/${p.id}/runs`}>查看</Link>
                ),
            },
          ]}
        />
      </Card>
      <Card
        title={policyId ? `待企业确认收款账户(${policies.data?.items.find((p) => p.id === policyId)?.title ?? '所选政策'})` : '待企业确认收款账户'}
        className="yq-section"
        extra={<Input.Search allowClear placeholder="企业或政策" onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} style={{ width: 220 }} aria-label="搜索待确认" />}
        styles={{ body: { padding: 0 } }}
      >
        <Table<PolicyGrantSummary>
          rowKey="id"
          loading={grants.isLoading}
          dataSource={grants.data?.items}
          scroll={{ x: 900 }}
          locale={{ emptyText: grants.isLoading ? ' ' : <EmptyHint description="没有待确认的兑现" /> }}
          pagination={{ current: page, pageSize: 20, total: grants.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 笔`, style: { padding: '0 16px' } }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string, g) => <Link to={`/enterprises/${g.enterpriseId}`}>{v}</Link> },
            { title: '政策', dataIndex: 'policyTitle' },
            { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
            { title: '金额', dataIndex: 'amountFen', width: 130, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
            { title: '发放时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: '', key: 'op', width: 100, render: (_, g) => <Link to={`/policy-grants/${g.id}`}>{hasPermission(me, 'payout:execute') ? '代为确认' : '查看'}</Link> },
          ]}
        />
      </Card>
    </>
  );
}

function RunProgress({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const j = job.data;
  const percent = j ? (j.status === 'done' ? 100 : j.total > 0 ? Math.floor((j.processed / j.total) * 100) : 0) : 0;
  return (
    <div>
      <Typography.Text>正在逐户判断{j && j.total > 0 ? `:${j.processed.toLocaleString('zh-CN')} / ${j.total.toLocaleString('zh-CN')} 家` : '…'}</Typography.Text>
      <Progress percent={percent} status="active" />
    </div>
  );
}

/** 兑现报告: every enterprise granted or skipped, with the reason; export to Excel. */
export function RunReportPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<'all' | 'granted' | 'skipped'>('all');
  const [reason, setReason] = useState<RunItemReason | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const query: RunItemsQuery = { outcome: outcome === 'all' ? undefined : outcome, reason, q, page, pageSize };
  const report = useRunReport(id, query);
  const r = report.data;
  const { exporting, doExport } = useExport(() => exportRunReport(id, r?.number ?? id));
  if (report.isLoading || report.isError || !r) return <RecordLoadCard query={report} what="兑现批次" />;
  return (
    <>
      <PageHeader
        title={`兑现报告 ${r.number}`}
        subTitle={
          <Space wrap size={8}>
            <Link to={`/policies/${r.policyId}`}>{r.policyTitle}</Link>
            <span>第{r.versionNo}版</span>
            <span>{periodText(r.periodKey)}</span>
            <span>按 {r.asOf} 计算</span>
            <Tag color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'processing'}>{EXEMPTION_RUN_STATUS_LABELS[r.status]}</Tag>
          </Space>
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={r.status !== 'done'} onClick={() => void doExport()}>
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined spin={report.isFetching} />} onClick={() => report.refetch()} aria-label="刷新" />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/policies/${r.policyId}/runs`)}>
              返回政策
            </Button>
          </>
        }
      />
      {r.status === 'running' && r.jobId && (
        <Card className="yq-section">
          <RunProgress jobId={r.jobId} />
        </Card>
      )}
      {(r.byReason?.no_funds ?? 0) > 0 && <Alert className="yq-section" type="warning" showIcon title={`${r.byReason.no_funds} 家企业因专项资金余额不足未发放`} description={`${RUN_GRANT_ORDER_TEXT}。已发放的每一笔都已在专项资金中预留,企业确认后即可拨付。`} />}
      {r.status === 'failed' && <Alert className="yq-section" type="error" showIcon title={`兑现失败:${r.error ?? '未知原因'}`} description="本批次没有发放任何资金,可修正后重新发起。" />}
      <div className="yq-policy-figures">
        <div className="yq-policy-figure">
          <span className="yq-policy-figure-value">{r.evaluated.toLocaleString('zh-CN')}</span>
          <span className="yq-policy-figure-label">判断企业(家)</span>
        </div>
        <div className="yq-policy-figure">
          <span className="yq-policy-figure-value" style={{ color: '#067647' }}>{r.granted.toLocaleString('zh-CN')}</span>
          <span className="yq-policy-figure-label">发放(家)</span>
        </div>
        <div className="yq-policy-figure">
          <span className="yq-policy-figure-value">{formatAmount(r.grantedAmountFen)}</span>
          <span className="yq-policy-figure-label">发放金额</span>
        </div>
        <div className="yq-policy-figure" data-testid="run-reserved">
          <span className="yq-policy-figure-value">{formatAmount(r.reservedFen)}</span>
          <span className="yq-policy-figure-label">仍预留待确认</span>
        </div>
        <div className="yq-policy-figure">
          <span className="yq-policy-figure-value">{formatAmount(r.grantPaidFen)}</span>
          <span className="yq-policy-figure-label">已拨付</span>
        </div>
        {r.releasedFen > 0 && (
          <div className="yq-policy-figure">
            <span className="yq-policy-figure-value">{formatAmount(r.releasedFen)}</span>
            <span className="yq-policy-figure-label">已释放(撤销/过期)</span>
          </div>
        )}
        <div className="yq-policy-figure">
          <span className="yq-policy-figure-value">{r.skipped.toLocaleString('zh-CN')}</span>
          <span className="yq-policy-figure-label">跳过(家)</span>
        </div>
        {RUN_ITEM_REASONS.filter((k) => k !== 'granted' && (r.byReason?.[k] ?? 0) > 0).map((k) => (
          <button
            key={k}
            type="button"
            className="yq-policy-figure"
            onClick={() => {
              setOutcome('skipped');
              setReason(k);
              setPage(1);
            }}
          >
            <span className="yq-policy-figure-value">{r.byReason[k].toLocaleString('zh-CN')}</span>
            <span className="yq-policy-figure-label">{RUN_ITEM_REASON_LABELS[k]}</span>
          </button>
        ))}
      </div>
      <Card size="small" className="yq-section">
        <div className="yq-filter-bar">
          <Segmented
            value={outcome}
            options={[
              { value: 'all', label: '全部' },
              { value: 'granted', label: '已发放' },
              { value: 'skipped', label: '未发放' },
            ]}
            onChange={(v) => {
              setOutcome(v as typeof outcome);
              setReason(undefined);
              setPage(1);
            }}
          />
          {reason && (
            <Tag closable onClose={() => setReason(undefined)} color="blue">
              {RUN_ITEM_REASON_LABELS[reason]}
            </Tag>
          )}
          <Input.Search allowClear placeholder="企业名称或信用代码" onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} style={{ width: 240 }} enterButton aria-label="搜索企业" />
        </div>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ExemptionRunItem>
          rowKey="enterpriseId"
          loading={report.isFetching && report.isPlaceholderData}
          dataSource={r.items}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyHint description="没有记录" /> }}
          pagination={{
            current: page,
            pageSize,
            total: r.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 家`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
            style: { padding: '0 16px' },
          }}
          columns={[
            {
              title: '企业',
              key: 'firm',
              width: 260,
              render: (_, it) => (
                <div>
                  <Link to={`/enterprises/${it.enterpriseId}`}>{it.enterpriseName}</Link>
                  <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
                    {it.uscc}
                  </div>
                </div>
              ),
            },
            { title: '结果', key: 'outcome', width: 140, render: (_, it) => <Tag color={it.outcome === 'granted' ? 'green' : 'default'}>{it.reasonLabel}</Tag> },
            { title: '原因', dataIndex: 'reason', render: (v: string) => <span style={{ fontSize: 13 }}>{v}</span> },
            { title: '金额', dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number | null) => <span className="yq-money">{formatAmount(v)}</span> },
            {
              title: '兑现',
              key: 'grant',
              width: 120,
              render: (_, it) =>
                it.grantId && it.grantStatus ? (
                  <Link to={`/policy-grants/${it.grantId}`}>
                    <GrantStatusTag status={it.grantStatus} />
                  </Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
