import { useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Empty, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import {
  LAND_CLEANUP_REASON_LABELS,
  LAND_CLEANUP_STATUS_LABELS,
  LAND_CLEANUP_STATUSES,
  LAND_PARCEL_STATUS_LABELS,
  type CleanupCandidate,
  type CleanupCaseView,
  type CleanupStatus,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { BoardChip } from '../../../components/BoardChip';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { formatDate, formatWan } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useExport } from '../../../components/useExport';
import { exportCampaign, useAddCases, useCampaign, useCampaignCases, useCandidates } from './api';
import { CleanupStatusTag, DeadlineCountdown, mu } from './bits';

/** The board's columns: each open stage, then the two ends of 腾笼换鸟. */
const COLUMNS: { key: string; title: string; statuses: CleanupStatus[] }[] = [
  { key: 'identified', title: '认定', statuses: ['identified'] },
  { key: 'notified', title: '已告知', statuses: ['notified'] },
  { key: 'interviewed', title: '已约谈', statuses: ['interviewed'] },
  { key: 'deadline', title: '限期开工', statuses: ['deadline'] },
  { key: 'recovering', title: '待收回', statuses: ['agreement', 'legal'] },
  { key: 'recovered', title: '已收回', statuses: ['recovered'] },
  { key: 'reallocated', title: '已再出让', statuses: ['reallocated'] },
];

function CaseCard({ c }: { c: CleanupCaseView }) {
  return (
    <Card size="small" className="yq-cleanup-card" style={{ marginBottom: 8 }} data-testid={`cleanup-card-${c.parcelCode}`}>
      <Space size={4} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Link to={`/land/cleanup/cases/${c.id}`}>
          <Typography.Text strong>{c.parcelCode}</Typography.Text>
        </Link>
        <span style={{ color: '#667085' }}>{mu(c.recoveredMu ?? c.areaMu)}</span>
      </Space>
      <div style={{ fontSize: 12, color: '#475467', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{c.enterpriseName ?? '—'}</div>
      <Space size={4} wrap style={{ marginTop: 4, maxWidth: '100%' }}>
        {(c.status === 'agreement' || c.status === 'legal') && <CleanupStatusTag status={c.status} />}
        <DeadlineCountdown c={c} />
        {c.status === 'reallocated' && c.newProjectName && (
          <Tag color="cyan" title={c.newProjectName} style={{ marginInlineEnd: 0, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>
            {c.newProjectName}
          </Tag>
        )}
      </Space>
    </Card>
  );
}

function Kanban({ campaignId }: { campaignId: string }) {
  const cases = useCampaignCases(campaignId, { page: 1, pageSize: 200 });
  if (cases.isLoading) return <Skeleton active />;
  if (cases.isError || !cases.data) return <QueryError error={cases.error} onRetry={() => cases.refetch()} what="清理案件" />;
  const items = cases.data.items;
  const closed = items.filter((c) => c.status === 'resolved' || c.status === 'dropped');
  return (
    <>
      <div className="yq-cleanup-board" style={{ display: 'grid', gridTemplateColumns: `repeat(${COLUMNS.length}, minmax(150px, 1fr))`, gap: 8, overflowX: 'auto', paddingBottom: 8, alignItems: 'start' }}>
        {COLUMNS.map((col) => {
          const list = items.filter((c) => col.statuses.includes(c.status));
          return (
            <div key={col.key} data-testid={`cleanup-column-${col.key}`} style={{ background: '#f5f7fa', borderRadius: 8, padding: 8, minHeight: 120 }}>
              <div style={{ fontWeight: 600, marginBottom: 8, display: 'flex', justifyContent: 'space-between' }}>
                <span>{col.title}</span>
                <span style={{ color: '#667085' }}>{list.length}</span>
              </div>
              {list.map((c) => (
                <CaseCard key={c.id} c={c} />
              ))}
            </div>
          );
        })}
      </div>
      {closed.length > 0 && (
        <div style={{ marginTop: 8, color: '#667085' }}>
          已结案:
          {closed.map((c) => (
            <Link key={c.id} to={`/land/cleanup/cases/${c.id}`} style={{ marginInlineStart: 8 }}>
              {c.parcelCode}({LAND_CLEANUP_STATUS_LABELS[c.status]})
            </Link>
          ))}
        </div>
      )}
    </>
  );
}

function CaseTable({ campaignId, byStatus, mobile }: { campaignId: string; byStatus: Record<CleanupStatus, number>; mobile: boolean }) {
  const [status, setStatus] = useState<CleanupStatus | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useCampaignCases(campaignId, { ...paging, status: status ?? undefined });
  return (
    <>
      <div className="yq-board" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {LAND_CLEANUP_STATUSES.map((s) => (
          <BoardChip
            key={s}
            label={LAND_CLEANUP_STATUS_LABELS[s]}
            value={byStatus[s]}
            active={status === s}
            onClick={() => {
              setStatus(status === s ? null : s);
              setPaging({ ...paging, page: 1 });
            }}
          />
        ))}
      </div>
      <ResponsiveList<CleanupCaseView>
        query={query}
        mobile={mobile}
        columns={[
          { title: '案件编号', dataIndex: 'caseNo', width: 150, render: (v: string, c) => <Link to={`/land/cleanup/cases/${c.id}`}>{v}</Link> },
          { title: '地块', dataIndex: 'parcelCode', width: 130 },
          { title: '企业', dataIndex: 'enterpriseName', ellipsis: true },
          { title: '面积', key: 'mu', width: 110, align: 'right', render: (_, c) => mu(c.areaMu) },
          { title: '原因', dataIndex: 'reason', width: 110, render: (r: CleanupCaseView['reason']) => LAND_CLEANUP_REASON_LABELS[r] },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: CleanupStatus) => <CleanupStatusTag status={s} /> },
          { title: '开工期限', key: 'deadline', width: 200, render: (_, c) => (c.startDeadline ? <Space size={4}><span className="yq-date">{formatDate(c.startDeadline)}</span><DeadlineCountdown c={c} /></Space> : '—') },
          { title: '再出让项目', dataIndex: 'newProjectName', ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]}
        renderCard={(c) => (
          <Card key={c.id} size="small" className="yq-mobile-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Link to={`/land/cleanup/cases/${c.id}`}>{c.parcelCode}</Link>
              <CleanupStatusTag status={c.status} />
            </Space>
            <div>{c.enterpriseName ?? '—'}</div>
            <div style={{ color: '#667085', fontSize: 12 }}>
              {mu(c.areaMu)} · {c.caseNo}
            </div>
            <DeadlineCountdown c={c} />
          </Card>
        )}
        empty="没有符合条件的案件"
        paging={{ ...paging, unit: '件', onChange: (p, s) => setPaging({ page: p, pageSize: s ?? paging.pageSize }) }}
      />
    </>
  );
}

function CandidatesDrawer({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const candidates = useCandidates(campaignId, true);
  const add = useAddCases(campaignId);
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const added = await add.mutateAsync({ parcelIds: selected });
      message.success(`已列入${added.length}宗地块(认定)`);
      setSelected([]);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Drawer
      open
      width={880}
      title="候选地块"
      onClose={onClose}
      extra={
        <Button type="primary" disabled={selected.length === 0} loading={add.isPending} onClick={submit}>
          列入清理({selected.length})
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">出让后满认定年限未动工开发的地块,以及亩均评价D类企业的用地,按今日计算。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {candidates.isError ? (
        <QueryError error={candidates.error} onRetry={() => candidates.refetch()} what="候选地块" />
      ) : (
        <Table<CleanupCandidate>
          size="small"
          rowKey="parcelId"
          loading={candidates.isLoading}
          dataSource={candidates.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (c) => ({ disabled: !!c.caseId }) }}
          locale={{ emptyText: <Empty description="没有候选地块" /> }}
          columns={[
            { title: '地块', dataIndex: 'parcelCode', width: 120 },
            { title: '企业', dataIndex: 'enterpriseName', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: '面积', dataIndex: 'areaMu', width: 100, align: 'right', render: (v: number) => mu(v) },
            { title: '地块状态', dataIndex: 'parcelStatus', width: 90, render: (s: CleanupCandidate['parcelStatus']) => LAND_PARCEL_STATUS_LABELS[s] },
            { title: '出让日期', dataIndex: 'transferredOn', width: 110, render: (v: string | null) => <span className="yq-date">{formatDate(v)}</span> },
            { title: '原因', key: 'reasons', width: 170, render: (_, c) => c.reasons.map((r) => <Tag key={r}>{r === 'idle' ? `闲置${c.idleYears ?? ''}年` : `亩均${c.grade}类`}</Tag>) },
            { title: '', key: 'case', width: 80, render: (_, c) => (c.caseId ? <Link to={`/land/cleanup/cases/${c.caseId}`}>已列入</Link> : null) },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 清理专项看板: the campaign's computed figures and sentence, then its cases by stage (kanban or list). */
export function CleanupBoardPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const screens = useScreens();
  const mobile = !screens.md;
  const [view, setView] = useState<'board' | 'list'>('board');
  const [picking, setPicking] = useState(false);
  const { exporting, doExport } = useExport(() => exportCampaign(campaign.data!));

  if (campaign.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (campaign.isError || !campaign.data) return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} what="专项行动" />;
  const c = campaign.data;
  const f = c.figures;
  const stat = (title: string, value: string | number, extra?: { suffix?: string; danger?: boolean; testId?: string }) => (
    <Col xs={12} sm={8} lg={6} xxl={3}>
      <Card size="small" data-testid={extra?.testId}>
        <Statistic title={title} value={value} suffix={extra?.suffix} styles={{ content: { color: extra?.danger ? '#cf1322' : undefined, fontSize: 20, whiteSpace: 'nowrap' } }} />
      </Card>
    </Col>
  );

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/land/cleanup">
          <ArrowLeftOutlined /> 闲置用地清理
        </Link>
      </div>
      <PageHeader
        title={c.name}
        docTitle={c.name}
        subTitle={`${c.code} · ${formatDate(c.startedOn)} 至 ${c.endsOn ? formatDate(c.endsOn) : '—'} · 出让后未开工满${c.idleYears}年${c.evaluationYear ? ` · ${c.evaluationYear}年度亩均D类` : ''}`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
              导出
            </Button>
            {c.canManage && (
              <Button icon={<FileSearchOutlined />} onClick={() => setPicking(true)}>
                候选地块({f.candidates})
              </Button>
            )}
          </Space>
        }
      />
      <Alert type="success" showIcon style={{ marginBottom: 12 }} title={<span data-testid="cleanup-sentence">{f.sentence}</span>} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stat('清理案件', f.cases, { suffix: '件' })}
        {stat('收回宗数', f.recoveredParcels, { suffix: '宗', testId: 'fig-recovered' })}
        {stat('收回面积', mu(f.recoveredMu), { testId: 'fig-recovered-mu' })}
        {stat('补偿金额', formatWan(f.compensationFen))}
        {stat('再出让', f.reallocatedParcels, { suffix: '宗', testId: 'fig-reallocated' })}
        {stat('20亿元项目', f.projectsByClass.b20, { suffix: '个', testId: 'fig-b20' })}
        {stat('10亿元项目', f.projectsByClass.b10, { suffix: '个', testId: 'fig-b10' })}
        {stat('限期开工逾期', f.overdue, { suffix: '件', danger: f.overdue > 0 })}
      </Row>
      <Card
        title="清理案件"
        extra={<Segmented value={view} onChange={(v) => setView(v as 'board' | 'list')} options={[{ value: 'board', label: '看板' }, { value: 'list', label: '列表' }]} />}
      >
        {view === 'board' ? <Kanban campaignId={id} /> : <CaseTable campaignId={id} byStatus={f.byStatus} mobile={mobile} />}
      </Card>
      {picking && <CandidatesDrawer campaignId={id} onClose={() => setPicking(false)} />}
    </>
  );
}
