import { Button, Card, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { RECTIFICATION_STATUSES, RECTIFICATION_STATUS_LABELS, type RectificationStatus, type RectificationView } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../components/case-kit';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime } from '../../components/format';
import { seesOfficeDesk } from '../dispatch/access';
import { useLiaisons } from '../enterprises/api';
import { useRectifications, type RectificationListQuery } from './api';
import { RatingLevelTag, RectificationStatusTag, RectifyDeadline } from './components';
import './ratings.css';

/** What the handler has to do next, as a button label. */
function nextStep(r: RectificationView): string | null {
  if (r.allowedActions.includes('record-fix')) return '录入整改';
  if (r.allowedActions.includes('return-visit')) return '登记回访';
  if (r.allowedActions.includes('verdict')) return '评价整改';
  return null;
}

export function RectificationListPage() {
  const me = useMe();
  const parkWide = seesOfficeDesk(me);
  const navigate = useNavigate();
  const liaisons = useLiaisons(parkWide);
  // officers land on their own cases; the office on the whole park
  const defaultScope = parkWide ? 'all' : 'mine';
  const filters: CaseFilterSpec[] = [
    {
      kind: 'segmented',
      param: 'scope',
      label: '范围',
      defaultValue: defaultScope,
      counts: false,
      clears: ['officerId'],
      options: [
        { value: 'mine', label: '我负责的' },
        { value: 'all', label: parkWide ? '全部整改' : '我经办的全部' },
      ],
    },
    { kind: 'select', param: 'status', label: '按整改状态筛选', placeholder: '整改状态', options: RECTIFICATION_STATUSES.map((s) => ({ value: s, label: RECTIFICATION_STATUS_LABELS[s] })), width: 150 },
    {
      kind: 'assignee',
      param: 'officerId',
      label: '按责任人筛选',
      placeholder: '整改责任人',
      options: (liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName })),
      loading: liaisons.isLoading,
      hidden: (v) => !(parkWide && (v.scope ?? defaultScope) === 'all'),
      width: 130,
    },
    { kind: 'check', param: 'overdue', label: '只看逾期' },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const scope = values.scope ?? defaultScope;
  const query: RectificationListQuery = { page: queue.page, pageSize: 20 };
  if (scope === 'mine') query.mine = 'true';
  if (values.status && (RECTIFICATION_STATUSES as readonly string[]).includes(values.status)) query.status = values.status as RectificationStatus;
  if (values.overdue === 'true') query.overdue = 'true';
  if (values.officerId && scope === 'all') query.officerId = values.officerId;
  const list = useRectifications(query);
  const filtered = !!(query.status || query.overdue || query.officerId);

  const columns: TableProps<RectificationView>['columns'] = [
    {
      title: '差评事项',
      key: 'case',
      width: 260,
      render: (_, r) => (
        <div>
          <Link to={`/rectifications/${r.id}`} style={{ fontWeight: 500 }}>
            {r.title}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{r.caseNumber}</span> · {r.enterpriseName ?? '—'}
          </div>
        </div>
      ),
    },
    {
      title: '差评',
      key: 'level',
      render: (_, r) => (
        <div className="yq-rating-comment">
          <RatingLevelTag level={r.level} label={r.levelLabel} />
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.comment }} style={{ margin: '4px 0 0', fontSize: 13 }}>
            {r.comment ?? '—'}
          </Typography.Paragraph>
        </div>
      ),
    },
    { title: '整改责任人', dataIndex: 'assigneeName', key: 'assignee', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">调度专班</Typography.Text> },
    { title: '状态', key: 'status', width: 130, render: (_, r) => <RectificationStatusTag status={r.status} label={r.statusLabel} round={r.round} /> },
    { title: '整改期限', key: 'due', width: 150, render: (_, r) => <RectifyDeadline dueAt={r.dueAt} active={r.status === 'open'} overdue={r.overdue} /> },
    { title: '转整改时间', dataIndex: 'openedAt', key: 'openedAt', width: 130, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, r) => {
        const step = nextStep(r);
        return step ? (
          <Button size="small" type="primary" onClick={() => navigate(`/rectifications/${r.id}`)}>
            {step}
          </Button>
        ) : (
          <Link to={`/rectifications/${r.id}`}>查看</Link>
        );
      },
    },
  ];

  const empty = filtered ? (
    <EmptyHint description="没有符合条件的整改">
      <Button onClick={() => queue.setParams(scope !== defaultScope ? { scope } : {})}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description={scope === 'mine' ? '没有需要您处理的差评整改' : '暂无差评整改'} />
  );

  return (
    <CaseQueuePage<RectificationView>
      state={queue}
      title={scope === 'mine' ? '我的差评整改' : '差评整改'}
      subTitle="差评转整改:录入整改措施 → 回访企业 → 企业评价整改结果;期限按工作日计算"
      foldFilters={false}
      list={list}
      columns={columns}
      table={{ size: 'middle', rowClassName: (r) => (r.overdue ? 'yq-rating-bad' : ''), scroll: { x: 1060 } }}
      empty={empty}
      paging={{ plainTotal: true, hideOnSinglePage: true, mobileStyle: undefined }}
      renderCard={(r) => {
        const step = nextStep(r);
        return (
          <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/rectifications/${r.id}`)}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/rectifications/${r.id}`} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
                {r.title}
              </Link>
              <RectificationStatusTag status={r.status} label={r.statusLabel} round={r.round} />
            </div>
            <div style={{ fontSize: 12, color: '#667085', margin: '2px 0 6px' }}>
              <span className="yq-mono">{r.caseNumber}</span> · {r.enterpriseName}
            </div>
            <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 6 }}>
              <RatingLevelTag level={r.level} label={r.levelLabel} />
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
                {r.comment ?? '—'}
              </Typography.Paragraph>
            </div>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <RectifyDeadline dueAt={r.dueAt} active={r.status === 'open'} overdue={r.overdue} compact />
              {step && (
                <Button size="small" type="primary">
                  {step}
                </Button>
              )}
            </div>
          </Card>
        );
      }}
    />
  );
}
