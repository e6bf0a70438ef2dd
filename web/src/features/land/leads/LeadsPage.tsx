import { Button, Card, Space, Typography, type TableProps } from 'antd';
import { FunnelPlotOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { LEAD_SOURCES, LEAD_SOURCE_LABELS, LEAD_STATUSES, LEAD_STATUS_LABELS, type LeadSource, type LeadSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate } from '../../../components/format';
import { useLeadOptions, useLeads, type LeadListParams } from './api';
import { LeadStatusTag, SourceTag, leadAmount } from './bits';

const OPEN = 'new,negotiating,committee,approved';

/** 招商线索: the park's leads before signing — the board by state, filters by chain, source, owner. */
export default function LeadsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const manage = hasPermission(me, 'investment:manage');
  const options = useLeadOptions();
  const filters: CaseFilterSpec[] = [
    {
      kind: 'select',
      param: 'status',
      label: '按状态筛选',
      placeholder: '状态',
      options: [{ value: OPEN, label: '推进中' }, ...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] }))],
      width: 120,
    },
    { kind: 'select', param: 'chain', label: '按产业链筛选', placeholder: '产业链', options: (options.data?.chains ?? []).map((c) => ({ value: c.code, label: c.label })), width: 140 },
    { kind: 'select', param: 'source', label: '按来源筛选', placeholder: '线索来源', options: LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] })), width: 140 },
    { kind: 'assignee', param: 'ownerId', label: '按负责人筛选', placeholder: '负责人', options: (options.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name })), loading: options.isLoading, width: 140 },
    { kind: 'search', param: 'q', label: '搜索编号、项目、投资方' },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query: LeadListParams = { page: queue.page, pageSize: queue.pageSize ?? 20 };
  if (values.status) query.status = values.status;
  if (values.chain) query.chain = values.chain;
  if (values.source && (LEAD_SOURCES as readonly string[]).includes(values.source)) query.source = values.source as LeadSource;
  if (values.ownerId && /^[0-9a-f-]{36}$/i.test(values.ownerId)) query.ownerId = values.ownerId;
  if (queue.q) query.q = queue.q;
  const list = useLeads(query);
  const counts = list.data?.counts;

  const columns: TableProps<LeadSummary>['columns'] = [
    {
      title: '项目',
      key: 'project',
      width: 300,
      render: (_, l) => (
        <div>
          <Link to={`/land/leads/${l.id}`} style={{ fontWeight: 500 }}>
            {l.projectName}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{l.code}</span> · {l.investor}
          </div>
        </div>
      ),
    },
    { title: '产业链', key: 'chain', width: 110, render: (_, l) => l.chainLabel ?? '—' },
    { title: '意向投资额', key: 'amount', width: 130, align: 'right', render: (_, l) => leadAmount(l.amountFen) },
    { title: '来源', key: 'source', width: 120, render: (_, l) => <SourceTag source={l.source} /> },
    { title: '收到日期', key: 'received', width: 110, render: (_, l) => <span className="yq-date">{formatDate(l.receivedOn)}</span> },
    { title: '洽谈', key: 'talks', width: 120, render: (_, l) => (l.negotiationCount ? `${l.negotiationCount} 次 · ${l.lastNegotiatedOn}` : '—') },
    { title: '负责人', key: 'owner', width: 120, render: (_, l) => l.ownerName ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, l) => <LeadStatusTag status={l.status} /> },
  ];

  const filtered = queue.activeCount > 0 || !!queue.q;
  return (
    <CaseQueuePage<LeadSummary>
      state={queue}
      title="招商线索"
      subTitle="签约前的招商项目:洽谈 → 提交招商委员会 → 过会 → 签约(签约即转入招商项目)"
      extra={
        <Space wrap>
          <Link to="/land/leads/funnel">
            <Button icon={<FunnelPlotOutlined />}>招商漏斗</Button>
          </Link>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/land/leads/new')}>
              登记线索
            </Button>
          )}
        </Space>
      }
      board={{
        resets: ['status'],
        toggle: true,
        columns: { phone: 3, desktop: 6 },
        chips: [
          { label: '新线索', count: counts?.new, patch: { status: 'new' } },
          { label: '洽谈中', count: counts?.negotiating, patch: { status: 'negotiating' } },
          { label: '待上会', count: counts?.committee, patch: { status: 'committee' }, danger: (counts?.committee ?? 0) > 0 },
          { label: '已过会', count: counts?.approved, patch: { status: 'approved' } },
          { label: '已签约', count: counts?.signed, patch: { status: 'signed' } },
          { label: '已放弃', count: counts?.dropped, patch: { status: 'dropped' } },
        ],
      }}
      list={list}
      columns={columns}
      table={{ size: 'middle', scroll: { x: 1100 }, onRow: (l) => ({ onClick: () => navigate(`/land/leads/${l.id}`), style: { cursor: 'pointer' } }) }}
      empty={
        filtered ? (
          <EmptyHint description="没有符合条件的招商线索">
            <Button onClick={() => queue.setParams({})}>清除筛选</Button>
          </EmptyHint>
        ) : (
          <EmptyHint description="暂无招商线索" />
        )
      }
      renderCard={(l) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/land/leads/${l.id}`)} data-testid="lead-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Link to={`/land/leads/${l.id}`} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
              {l.projectName}
            </Link>
            <LeadStatusTag status={l.status} />
          </div>
          <div style={{ fontSize: 12, color: '#667085', margin: '4px 0' }}>
            <span className="yq-mono">{l.code}</span> · {l.investor}
          </div>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Text strong>{leadAmount(l.amountFen)}</Typography.Text>
            <SourceTag source={l.source} />
          </div>
        </Card>
      )}
    />
  );
}
