import { useState } from 'react';
import { Button, Card, Segmented, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { PolicyApplicationSummary, PolicyDetail } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime, formatAmount } from '../../components/format';
import { useExport } from '../../components/useExport';
import { exportPolicyApplications, usePolicyApplications } from './api';
import { ApplicationStatusTag, periodText } from './bits';

const VIEWS = [
  { value: 'open', label: '办理中', status: 'submitted,returned,first_passed,approved,publicity' },
  { value: 'paid', label: '已拨付', status: 'paid' },
  { value: 'all', label: '全部', status: undefined },
] as const;

/** The policy's applications (申报), each linking to its review page. */
export function PolicyApplicationsTab({ policy }: { policy: PolicyDetail }) {
  const [view, setView] = useState<(typeof VIEWS)[number]['value']>('open');
  const [page, setPage] = useState(1);
  const status = VIEWS.find((v) => v.value === view)!.status;
  const list = usePolicyApplications({ policyId: policy.id, status, page, pageSize: 20 });
  const { exporting, doExport } = useExport(() => exportPolicyApplications({ policyId: policy.id, status }));
  return (
    <>
      <Card size="small" className="yq-section">
        <div className="yq-filter-bar">
          <Segmented value={view} options={VIEWS.map((v) => ({ value: v.value, label: v.label }))} onChange={(v) => { setView(v as typeof view); setPage(1); }} />
          <span style={{ flex: 1 }} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
            导出 Excel
          </Button>
        </div>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<PolicyApplicationSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 980 }}
          locale={{ emptyText: list.isLoading ? ' ' : <EmptyHint description="暂无申报" /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件`, style: { padding: '0 16px' } }}
          columns={[
            { title: '申报编号', dataIndex: 'number', width: 170, render: (v: string, a) => <Link to={`/policy-applications/${a.id}`} className="yq-mono">{v}</Link> },
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string, a) => <Link to={`/enterprises/${a.enterpriseId}`}>{v}</Link> },
            { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
            { title: '状态', dataIndex: 'status', width: 100, render: (_, a) => <ApplicationStatusTag status={a.status} label={a.statusLabel} /> },
            { title: '测算/核定/拨付', key: 'amount', width: 240, render: (_, a) => <span className="yq-money">{formatAmount(a.estimatedAmountFen)} / {formatAmount(a.approvedAmountFen)} / {formatAmount(a.paidAmountFen)}</span> },
            { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
