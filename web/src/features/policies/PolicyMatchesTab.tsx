import { useState } from 'react';
import { App, Button, Card, Input, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { type PolicyDetail, type PolicyMatchRow } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime, formatAmount } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useExport } from '../../components/useExport';
import { exportPolicyMatches, rematchPolicy, usePolicyMatches, type MatchListQuery } from './api';
import { ApplicationStatusTag, GrantStatusTag, JobProgressBar, MatchStatusTag, MissingList, periodText } from './bits';

const VIEWS = [
  { value: 'not-applied', label: '符合条件未申报', query: { status: 'eligible', applied: 'false' as const } },
  { value: 'eligible', label: '全部符合', query: { status: 'eligible' } },
  { value: 'unknown', label: '待补充数据', query: { status: 'unknown' } },
  { value: 'ineligible', label: '不符合', query: { status: 'ineligible' } },
] as const;
type View = (typeof VIEWS)[number]['value'];

/** 匹配企业: who the policy reaches ("符合条件未申报" first), with export and a rematch. */
export function PolicyMatchesTab({ policy }: { policy: PolicyDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>('not-applied');
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [jobId, setJobId] = useState<string | null>(null);
  const base = VIEWS.find((v) => v.value === view)!.query;
  const query: MatchListQuery = { ...base, q, page, pageSize };
  const list = usePolicyMatches(policy.id, query);
  const { exporting, doExport } = useExport(() => exportPolicyMatches(policy.id, { ...base, q }, policy.title));
  const [starting, setStarting] = useState(false);

  const rematch = async () => {
    setStarting(true);
    try {
      const r = await rematchPolicy(policy.id);
      setJobId(r.jobId);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <Card size="small" className="yq-section">
        <div className="yq-filter-bar">
          <Segmented
            value={view}
            options={VIEWS.map((v) => ({ value: v.value, label: v.label }))}
            onChange={(v) => {
              setView(v as View);
              setPage(1);
            }}
          />
          <Input.Search
            allowClear
            placeholder="企业名称或信用代码"
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              setPage(1);
            }}
            style={{ width: 240 }}
            enterButton
            aria-label="搜索匹配企业"
          />
          <span style={{ flex: 1 }} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
            导出 Excel
          </Button>
          <Tooltip title="按企业最新数据为全部企业重新计算此政策">
            <Button icon={<SyncOutlined />} loading={starting} disabled={!!jobId} onClick={() => void rematch()}>
              重新匹配
            </Button>
          </Tooltip>
        </div>
        {jobId && (
          <div style={{ marginTop: 8 }}>
            <JobProgressBar
              jobId={jobId}
              label="重新匹配"
              onDone={() => {
                void queryClient.invalidateQueries({ queryKey: ['policies'] });
                window.setTimeout(() => setJobId(null), 2000);
              }}
            />
          </div>
        )}
      </Card>
      {list.isError && !list.data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<PolicyMatchRow>
            rowKey="enterpriseId"
            size="middle"
            loading={list.isLoading || (list.isFetching && list.isPlaceholderData)}
            dataSource={list.data?.items}
            scroll={{ x: 1180 }}
            locale={{ emptyText: list.isLoading ? ' ' : <EmptyHint description={view === 'not-applied' ? '没有符合条件却未申报的企业' : '没有匹配的企业'} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
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
                width: 240,
                fixed: 'left',
                render: (_, m) => (
                  <div>
                    <Link to={`/enterprises/${m.enterpriseId}`}>{m.enterpriseName}</Link>
                    <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
                      {m.uscc}
                    </div>
                  </div>
                ),
              },
              { title: '状态', key: 'status', width: 110, render: (_, m) => <MatchStatusTag status={m.status} label={m.statusLabel} /> },
              { title: '测算金额', dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number | null) => <span className="yq-money">{formatAmount(v)}</span> },
              {
                title: '依据',
                key: 'reasons',
                render: (_, m) =>
                  m.status === 'unknown' ? (
                    <Space orientation="vertical" size={2}>
                      <MissingList items={m.missing} />
                      <Link to={`/policies/facts/${m.enterpriseId}`} style={{ fontSize: 12 }}>
                        补录数据
                      </Link>
                    </Space>
                  ) : (
                    <Typography.Paragraph style={{ margin: 0, fontSize: 12 }} ellipsis={{ rows: 2, tooltip: m.reasons.join(';') }}>
                      {m.reasons.join(';')}
                    </Typography.Paragraph>
                  ),
              },
              {
                title: '申报/兑现',
                key: 'app',
                width: 130,
                render: (_, m) =>
                  m.applicationId && m.applicationStatus ? (
                    <Link to={`/policy-applications/${m.applicationId}`}>
                      <ApplicationStatusTag status={m.applicationStatus} />
                    </Link>
                  ) : m.grantId && m.grantStatus ? (
                    <Link to={`/policy-grants/${m.grantId}`}>
                      <GrantStatusTag status={m.grantStatus} />
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">未申报</Typography.Text>
                  ),
              },
              { title: '驻企专员', dataIndex: 'liaisonName', width: 100, render: (v: string | null) => v ?? '—' },
              { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string | null) => periodText(v) },
              { title: '计算时间', dataIndex: 'computedAt', width: 140, render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
