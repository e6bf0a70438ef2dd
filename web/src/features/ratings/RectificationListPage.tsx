import { useMemo } from 'react';
import { Button, Card, Checkbox, Segmented, Select, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { RECTIFICATION_STATUSES, RECTIFICATION_STATUS_LABELS, type RectificationStatus, type RectificationView } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatDateTime } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
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
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, setParams, update } = useListParams();
  // officers land on their own cases; the office on the whole park
  const scope = params.get('scope') ?? (parkWide ? 'all' : 'mine');
  const query: RectificationListQuery = useMemo(() => {
    const q: RectificationListQuery = { page: Math.max(1, Number(params.get('page')) || 1), pageSize: 20 };
    if (scope === 'mine') q.mine = 'true';
    const status = params.get('status');
    if (status && (RECTIFICATION_STATUSES as readonly string[]).includes(status)) q.status = status as RectificationStatus;
    if (params.get('overdue') === 'true') q.overdue = 'true';
    const officerId = params.get('officerId');
    if (officerId && scope === 'all') q.officerId = officerId;
    return q;
  }, [params, scope]);
  const list = useRectifications(query);
  const liaisons = useLiaisons(parkWide);


  const data = list.data;
  const items = data?.items ?? [];
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
      <Button onClick={() => setParams(scope !== (parkWide ? 'all' : 'mine') ? { scope } : {})}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description={scope === 'mine' ? '没有需要您处理的差评整改' : '暂无差评整改'} />
  );

  return (
    <>
      <PageHeader
        title={scope === 'mine' ? '我的差评整改' : '差评整改'}
        subTitle="差评转整改:录入整改措施 → 回访企业 → 企业评价整改结果;期限按工作日计算"
      />
      <FilterBar
        mobile={mobile}
        filters={
          <>
            <Segmented
              value={scope}
              onChange={(v) => update({ scope: v, officerId: undefined })}
              options={[
                { value: 'mine', label: '我负责的' },
                { value: 'all', label: parkWide ? '全部整改' : '我经办的全部' },
              ]}
            />
            <Select
              allowClear
              placeholder="整改状态"
              value={query.status}
              onChange={(v) => update({ status: v })}
              options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: RECTIFICATION_STATUS_LABELS[s] }))}
              style={{ minWidth: 150 }}
              aria-label="按整改状态筛选"
            />
            {parkWide && scope === 'all' && (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="整改责任人"
                value={query.officerId}
                onChange={(v) => update({ officerId: v })}
                options={(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
                style={{ minWidth: 130 }}
                aria-label="按责任人筛选"
              />
            )}
            <Checkbox checked={!!query.overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
              只看逾期
            </Checkbox>
          </>
        }
      />

      <ResponsiveList<RectificationView>
        query={list}
        mobile={mobile}
        items={items}
        columns={columns}
        table={{ size: 'middle', rowClassName: (r) => (r.overdue ? 'yq-rating-bad' : ''), scroll: { x: 1060 } }}
        empty={empty}
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: (page) => update({ page }, false),
          unit: '件',
          plainTotal: true,
          hideOnSinglePage: true,
          mobileOnlyWhenPaged: true,
        }}
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
    </>
  );
}
