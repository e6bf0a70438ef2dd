import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Select, Typography, type TableProps } from 'antd';

import { Link, useNavigate } from 'react-router-dom';
import { RATING_LEVELS, RATING_LEVEL_LABELS, type RatingLevel, type RatingView } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, useSearchBox } from '../../components/FilterBar';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, formatDateTime } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useLiaisons } from '../enterprises/api';
import { seesOfficeDesk } from '../dispatch/access';
import { useDemandCategories } from '../dispatch/api';
import { AppealModal } from './AppealModals';
import { useRatings, type RatingListQuery } from './api';
import { AppealStatusTag, RatingLevelTag, RectificationStatusTag, Scores } from './components';
import './ratings.css';

const FILTER_KEYS = ['level', 'bad', 'removed', 'officerId', 'category', 'from', 'to', 'q'] as const;

function readQuery(params: URLSearchParams): RatingListQuery {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const q: RatingListQuery = { page, pageSize };
  const level = params.get('level');
  if (level && (RATING_LEVELS as readonly string[]).includes(level)) q.level = level as RatingLevel;
  for (const key of ['bad', 'removed'] as const) {
    const v = params.get(key);
    if (v === 'true' || v === 'false') q[key] = v;
  }
  for (const key of ['officerId', 'category', 'from', 'to', 'q'] as const) {
    const v = params.get(key);
    if (v) q[key] = v;
  }
  return q;
}

/** Whether the signed-in officer may appeal this review now. */
export function mayAppeal(meId: string, r: RatingView): boolean {
  return r.isBad && r.status === 'valid' && !r.appeal && r.officerId === meId;
}

/** 好差评台账: every rating in the reader's scope; removed ones stay, struck through, with the reason. */
export function RatingLedger() {
  const me = useMe();
  const parkWide = seesOfficeDesk(me);
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, setParams, update, paginate } = useListParams();
  const query = useMemo(() => readQuery(params), [params]);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const [appealing, setAppealing] = useState<RatingView | null>(null);

  const list = useRatings(query);
  const categories = useDemandCategories();
  const liaisons = useLiaisons(parkWide);

  const clearFilters = () => {
    searchBox.setKeyword('');
    const next = new URLSearchParams();
    if (params.get('tab')) next.set('tab', params.get('tab')!);
    setParams(next);
  };
  const activeFilterCount = FILTER_KEYS.filter((k) => k !== 'q' && query[k]).length;
  const filtered = activeFilterCount > 0 || !!query.q;

  const items = list.data?.items ?? [];
  const showsRater = items.some((r) => r.rater);

  const filterControls = (
    <>
      <Select
        allowClear
        placeholder="评价等级"
        value={query.level ?? (query.bad === 'true' ? 'bad' : query.bad === 'false' ? 'good' : undefined)}
        onChange={(v: string | undefined) =>
          update(
            v === 'bad' ? { bad: 'true', level: undefined } : v === 'good' ? { bad: 'false', level: undefined } : { level: v, bad: undefined },
          )
        }
        options={[
          { value: 'bad', label: '全部差评' },
          { value: 'good', label: '全部好评' },
          ...RATING_LEVELS.map((l) => ({ value: l, label: RATING_LEVEL_LABELS[l] })),
        ]}
        style={{ minWidth: 120 }}
        aria-label="按评价等级筛选"
      />
      <Select
        allowClear
        placeholder="有效/已移除"
        value={query.removed}
        onChange={(v) => update({ removed: v })}
        options={[
          { value: 'false', label: '有效评价' },
          { value: 'true', label: '已移除' },
        ]}
        style={{ minWidth: 120 }}
        aria-label="按是否移除筛选"
      />
      {parkWide && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="经办人"
          value={query.officerId}
          onChange={(v) => update({ officerId: v })}
          options={(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
          style={{ minWidth: 130 }}
          aria-label="按经办人筛选"
        />
      )}
      <Select allowClear placeholder="类别" value={query.category} onChange={(v) => update({ category: v })} options={categories.options} style={{ minWidth: 110 }} aria-label="按类别筛选" />
      <DatePicker.RangePicker
        value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
        onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        placeholder={['评价开始日期', '结束日期']}
        style={{ width: 250 }}
        aria-label="按评价日期筛选"
      />
      {filtered && (
        <Button type="link" onClick={clearFilters}>
          清除筛选
        </Button>
      )}
    </>
  );

  const appealCell = (r: RatingView) => {
    if (r.appeal) return <AppealStatusTag status={r.appeal.status} label={r.appeal.statusLabel} />;
    if (mayAppeal(me.id, r))
      return (
        <Button size="small" onClick={(e) => (e.stopPropagation(), setAppealing(r))}>
          申诉
        </Button>
      );
    return <span style={{ color: '#d0d5dd' }}>—</span>;
  };

  const columns: TableProps<RatingView>['columns'] = [
    { title: '评价时间', dataIndex: 'ratedAt', key: 'ratedAt', width: 96, render: (v: string) => <span style={{ fontSize: 13 }}>{formatDateTime(v)}</span> },
    {
      title: '评价事项',
      key: 'case',
      width: 220,
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/ratings/${r.id}`} style={{ fontWeight: 500 }}>
            {r.title}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{r.caseNumber}</span> · {r.enterpriseName ?? '—'}
          </div>
        </div>
      ),
    },
    { title: '类别', dataIndex: 'category', key: 'category', width: 76, render: (c: string | null) => categories.labelOf(c) },
    { title: '经办人', dataIndex: 'officerName', key: 'officer', width: 84, render: (v: string | null) => v ?? <Typography.Text type="secondary">调度专班</Typography.Text> },
    {
      title: '评价',
      key: 'level',
      width: 112,
      render: (_, r) => <RatingLevelTag level={r.level} label={r.levelLabel} removed={r.status === 'removed'} removedReason={r.removedReason} />,
    },
    {
      title: '评价内容',
      key: 'comment',
      width: 260,
      render: (_, r) => (
        <div className="yq-rating-comment">
          <div className={r.status === 'removed' ? 'struck' : undefined}>{r.comment ?? <span style={{ color: '#98a2b3' }}>(未填写)</span>}</div>
          <Scores scores={r.scores} />
          {r.status === 'removed' && <div className="yq-removed-reason">移除理由:{r.removedReason ?? '—'}</div>}
        </div>
      ),
    },
    ...(showsRater
      ? [
          {
            title: '评价人',
            key: 'rater',
            width: 100,
            ellipsis: { showTitle: true },
            render: (_: unknown, r: RatingView) => r.rater?.name ?? '—',
          },
        ]
      : []),
    {
      title: '整改',
      key: 'rectification',
      width: 100,
      render: (_, r) =>
        r.rectification ? (
          <Link to={`/rectifications/${r.rectification.id}`}>
            <RectificationStatusTag status={r.rectification.status} label={r.rectification.overdue ? '整改逾期' : r.rectification.statusLabel} />
          </Link>
        ) : (
          <span style={{ color: '#d0d5dd' }}>—</span>
        ),
    },
    { title: '申诉', key: 'appeal', width: 92, fixed: 'right', render: (_, r) => appealCell(r) },
  ];

  const empty = filtered ? (
    <EmptyHint description="没有符合条件的评价">
      <Button onClick={clearFilters}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description="还没有评价记录" />
  );

  return (
    <>
      <FilterBar
        mobile={mobile}
        search={{
          ...searchBox,
          placeholder: '事项编号(前缀)',
          ariaLabel: '按事项编号搜索',
          width: 220,
        }}
        activeCount={activeFilterCount}
        filters={filterControls}
      />

      <ResponsiveList<RatingView>
        query={list}
        mobile={mobile}
        items={items}
        columns={columns}
        table={{
          size: 'middle',
          rowClassName: (r) => (r.status === 'removed' ? 'yq-rating-removed' : r.isBad ? 'yq-rating-bad' : ''),
          scroll: { x: 1140 },
        }}
        empty={empty}
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: paginate,
          unit: '条评价',
          sizeChanger: true,
        }}
        renderCard={(r) => (
          <Card className={`yq-mobile-card${r.status === 'removed' ? ' yq-rating-removed' : ''}`} onClick={() => navigate(`/ratings/${r.id}`)} hoverable>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/ratings/${r.id}`} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
                {r.title}
              </Link>
              <RatingLevelTag level={r.level} label={r.levelLabel} removed={r.status === 'removed'} removedReason={r.removedReason} />
            </div>
            <div style={{ fontSize: 12, color: '#667085', margin: '2px 0 6px' }}>
              <span className="yq-mono">{r.caseNumber}</span> · {formatDateTime(r.ratedAt)}
            </div>
            <div className="yq-rating-comment">
              <div className={r.status === 'removed' ? 'struck' : undefined}>{r.comment ?? '(未填写)'}</div>
              {r.status === 'removed' && <div className="yq-removed-reason">移除理由:{r.removedReason ?? '—'}</div>}
            </div>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 6, gap: 8 }}>
              <span style={{ fontSize: 12, color: '#667085' }}>经办人:{r.officerName ?? '调度专班'}</span>
              <span onClick={(e) => e.stopPropagation()} style={{ display: 'inline-flex', gap: 4 }}>
                {r.rectification && <RectificationStatusTag status={r.rectification.status} label={r.rectification.overdue ? '整改逾期' : r.rectification.statusLabel} />}
                {(r.appeal || mayAppeal(me.id, r)) && appealCell(r)}
              </span>
            </div>
          </Card>
        )}
      />
      <AppealModal rating={appealing} onClose={() => setAppealing(null)} />
    </>
  );
}
