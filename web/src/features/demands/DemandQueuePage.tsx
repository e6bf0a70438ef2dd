import { Badge, Button, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { DEMAND_STATUSES, DEMAND_STATUS_LABELS, DEMAND_SOURCE_LABELS, type DemandSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { CaseQueuePage, countdownColumn, useCaseQueue, type CaseFilterSpec } from '../../components/case-kit';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime } from '../../components/format';
import { OPEN_STATUSES, useDemandBoard, useDemandCategories, useDemandList, type DemandListQuery } from './api';
import { Countdown, DemandCardFrame, deadlineText, StatusTag } from './DemandBits';
import { servesOwnFirmsOnly } from './FirmSelect';
import './demands.css';

type Sort = NonNullable<DemandListQuery['sort']>;
const SORTS: { value: Sort; label: string }[] = [
  { value: 'dueAt', label: '按期限(最急在前)' },
  { value: '-createdAt', label: '最新提交' },
  { value: '-updatedAt', label: '最近更新' },
];

/** `status` in the URL: absent = the open ones (the work queue), `all` = no filter, else a comma list. */
const STATUS_PRESETS = [
  { value: 'open', label: '待办理(未答复)' },
  { value: 'all', label: '全部状态' },
  ...DEMAND_STATUSES.map((s) => ({ value: s, label: DEMAND_STATUS_LABELS[s] })),
];

function toQuery(values: Record<string, string | undefined>, page: number, pageSize: number): DemandListQuery {
  const preset = values.status ?? 'open';
  const sort = SORTS.some((s) => s.value === values.sort) ? (values.sort as Sort) : 'dueAt';
  return {
    status: preset === 'open' ? OPEN_STATUSES.join(',') : preset === 'all' ? undefined : preset,
    category: values.category,
    overdue: values.overdue === 'true' ? 'true' : undefined,
    escalated: values.escalated === 'true' ? 'true' : undefined,
    mine: values.mine === 'true' ? 'true' : undefined,
    q: values.q,
    sort,
    page,
    pageSize,
  };
}

export function DemandQueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const categories = useDemandCategories();
  const handles = hasPermission(me, 'demand:handle');
  const filters: CaseFilterSpec[] = [
    { kind: 'search', param: 'q', label: '搜索诉求', placeholder: '编号、标题或企业名称' },
    { kind: 'select', param: 'status', label: '按状态筛选', options: STATUS_PRESETS, defaultValue: 'open', width: 150 },
    { kind: 'select', param: 'category', label: '按类别筛选', placeholder: '诉求类别', options: categories.items.map((c) => ({ value: c.code, label: c.label })) },
    { kind: 'select', param: 'sort', label: '排序', options: SORTS, defaultValue: 'dueAt', counts: false, width: 160 },
    { kind: 'check', param: 'overdue', label: '只看逾期' },
    { kind: 'check', param: 'mine', label: '只看我负责的', hidden: !handles },
    { kind: 'check', param: 'escalated', label: '只看已升级', hidden: true },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query = toQuery(values, queue.page, queue.pageSize);
  const statusPreset = values.status ?? 'open';
  const list = useDemandList(query);
  const board = useDemandBoard();
  const ownFirms = servesOwnFirmsOnly(me);

  const columns: TableProps<DemandSummary>['columns'] = [
    {
      title: '诉求',
      key: 'title',
      fixed: 'left',
      width: 300,
      render: (_, d) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/demands/${d.id}`} style={{ fontWeight: 500 }}>
            {d.title}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {d.number} · {DEMAND_SOURCE_LABELS[d.source]}
          </div>
        </div>
      ),
    },
    {
      title: '企业',
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      width: 200,
      render: (v: string, d) => <Link to={`/enterprises/${d.enterpriseId}`}>{v}</Link>,
    },
    { title: '类别', dataIndex: 'categoryLabel', key: 'category', width: 90 },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (_, d) => (
        <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
          <StatusTag status={d.status} label={d.statusLabel} />
          {d.escalated && <Badge status="error" text="已升级" />}
        </span>
      ),
    },
    countdownColumn<DemandSummary>({
      render: (d) =>
        d.dueAt ? (
          <div>
            <Countdown d={d} withKind />
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>{deadlineText(d)}</div>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    }),
    {
      title: '负责人',
      key: 'assignee',
      width: 140,
      render: (_, d) => (
        <div>
          {d.assigneeName ?? <Typography.Text type="warning">待分派</Typography.Text>}
          {d.department && <div style={{ fontSize: 12, color: '#667085' }}>转 {d.department}</div>}
        </div>
      ),
    },
    { title: '提交时间', dataIndex: 'createdAt', key: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];

  const b = board.data;
  return (
    <CaseQueuePage<DemandSummary>
      state={queue}
      title={ownFirms ? '我的诉求队列' : '诉求办理'}
      subTitle={({ total, filtered }) => (total !== undefined ? `共 ${total.toLocaleString('zh-CN')} 件${filtered ? '(已筛选)' : ''},按期限排序,最急的在前` : '企业诉求')}
      extra={
        hasPermission(me, 'demand:create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/demands/new')}>
            代提诉求
          </Button>
        )
      }
      board={{
        resets: ['status', 'overdue', 'escalated'],
        chips: [
          { label: '待签收', count: b?.byStatus.submitted, patch: { status: 'submitted' }, active: statusPreset === 'submitted' && !query.overdue },
          {
            label: '办理中',
            count: b ? b.byStatus.accepted + b.byStatus.in_progress + b.byStatus.reopened : undefined,
            patch: { status: 'accepted,in_progress,reopened' },
            active: statusPreset === 'accepted,in_progress,reopened',
          },
          { label: '已逾期', count: b?.overdue, patch: { overdue: 'true' }, active: query.overdue === 'true' && statusPreset === 'open', danger: true },
          { label: '今日到期', count: b?.dueToday, patch: {}, active: false },
          { label: '待企业确认', count: b?.byStatus.resolved, patch: { status: 'resolved' }, active: statusPreset === 'resolved' },
        ],
      }}
      onRefresh={() => void board.refetch()}
      list={list}
      columns={columns}
      table={{ rowClassName: (d) => (d.overdue ? 'yq-row-overdue' : ''), scroll: { x: 1170 } }}
      empty={<EmptyHint description={statusPreset === 'open' && !queue.activeCount ? '暂无待办理的诉求' : '没有符合条件的诉求'} />}
      paging={{ sizeChanger: true }}
      renderCard={(d) => (
        <DemandCardFrame
          d={d}
          overdue={d.overdue}
          meta={
            <>
              <span>{d.enterpriseName}</span>
              <span>{d.categoryLabel}</span>
            </>
          }
        >
          <div className="yq-demand-card-flags">
            <Countdown d={d} withKind />
            {d.escalated && <Badge status="error" text="已升级" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.assigneeName ?? '待分派'}
              {d.department ? ` · 转${d.department}` : ''}
            </Typography.Text>
          </div>
        </DemandCardFrame>
      )}
    />
  );
}
