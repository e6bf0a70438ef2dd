import { useState } from 'react';
import { Button, Card, Segmented, Typography, type TableProps } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { APPEAL_STATUSES, type AppealStatus, type AppealView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useScreens } from '../../components/useScreens';
import { ReviewAppealModal } from './AppealModals';
import { useAppeals } from './api';
import { AppealStatusTag, RatingLevelTag } from './components';
import './ratings.css';

type Filter = AppealStatus | 'all';

/** 申诉审核: the office reviews officers' appeals against bad reviews; an officer sees its own. */
export function AppealsPage() {
  const me = useMe();
  const canReview = hasPermission(me, 'rating:review');
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const filter: Filter = statusParam === 'all' || (APPEAL_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as Filter) : canReview ? 'pending' : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const appeals = useAppeals(filter === 'all' ? undefined : filter, page);
  const [reviewing, setReviewing] = useState<AppealView | null>(null);

  const reviewable = (a: AppealView) => canReview && a.status === 'pending' && a.appellantId !== me.id;
  const reviewButton = (a: AppealView) =>
    reviewable(a) ? (
      <Button type="primary" size="small" onClick={() => setReviewing(a)} aria-label={`审核 ${a.caseNumber} 的申诉`}>
        审核
      </Button>
    ) : null;

  const columns: TableProps<AppealView>['columns'] = [
    { title: '申诉时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 130, render: (v: string) => formatDateTime(v) },
    {
      title: '差评事项',
      key: 'case',
      width: 240,
      render: (_, a) => (
        <div>
          <Link to={`/ratings/${a.ratingId}`} style={{ fontWeight: 500 }}>
            {a.title}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {a.caseNumber}
          </div>
        </div>
      ),
    },
    {
      title: '差评',
      key: 'rating',
      width: 220,
      render: (_, a) => (
        <div className="yq-rating-comment">
          <RatingLevelTag level={a.level} label={a.levelLabel} removed={a.status === 'removed'} removedReason={a.decisionReason} />
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: a.comment }} style={{ margin: '4px 0 0', fontSize: 13 }} className={a.status === 'removed' ? 'struck' : undefined}>
            {a.comment ?? '—'}
          </Typography.Paragraph>
        </div>
      ),
    },
    { title: '申诉人', dataIndex: 'appellantName', key: 'appellant', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: '申诉理由',
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 3, tooltip: v }} style={{ margin: 0, fontSize: 13 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: '审核',
      key: 'status',
      width: 220,
      render: (_, a) => (
        <div>
          <AppealStatusTag status={a.status} label={a.statusLabel} />
          {a.decidedAt && (
            <div style={{ fontSize: 12, color: '#667085', marginTop: 4 }}>
              {a.reviewerName ?? '—'} · {formatDateTime(a.decidedAt)}
              {a.decisionReason && <div style={{ color: '#475467', overflowWrap: 'anywhere' }}>意见:{a.decisionReason}</div>}
            </div>
          )}
        </div>
      ),
    },
    ...(canReview ? [{ title: '操作', key: 'actions', width: 80, fixed: 'right' as const, render: (_: unknown, a: AppealView) => reviewButton(a) }] : []),
  ];

  const empty = <EmptyHint description={filter === 'pending' ? '没有待审核的申诉' : '没有申诉记录'} />;

  return (
    <>
      <PageHeader
        title={canReview ? '申诉审核' : '我的申诉'}
        subTitle="经办人认为差评不实或恶意的可申诉一次;移除的差评不计入统计,在台账中保留并注明理由"
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => setParams(v === (canReview ? 'pending' : 'all') ? {} : { status: v })}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'upheld', label: '维持差评' },
            { value: 'removed', label: '差评已移除' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Card>
      <ResponsiveList
        query={appeals}
        mobile={mobile}
        columns={columns}
        table={{ size: 'middle', scroll: { x: 1180 } }}
        empty={empty}
        paging={{
          page,
          pageSize: 20,
          // the phone pager has always kept the filter in force, the table's the status as given
          onChange: (p) => setParams({ ...(mobile ? (filter !== 'pending' ? { status: filter } : {}) : statusParam ? { status: statusParam } : {}), page: String(p) }),
          unit: '件',
          plainTotal: true,
          hideOnSinglePage: true,
          mobileOnlyWhenPaged: true,
        }}
        renderCard={(a) => (
          <Card className="yq-mobile-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/ratings/${a.ratingId}`} style={{ fontWeight: 600 }}>
                {a.title}
              </Link>
              <AppealStatusTag status={a.status} label={a.statusLabel} />
            </div>
            <div style={{ fontSize: 12, color: '#667085', margin: '2px 0 6px' }}>
              <span className="yq-mono">{a.caseNumber}</span> · {a.appellantName} · {formatDateTime(a.submittedAt)}
            </div>
            <div style={{ fontSize: 13 }}>
              <RatingLevelTag level={a.level} label={a.levelLabel} /> {a.comment}
            </div>
            <div style={{ fontSize: 13, marginTop: 6, color: '#475467' }}>申诉理由:{a.reason}</div>
            {a.decisionReason && <div style={{ fontSize: 12, marginTop: 4, color: '#667085' }}>审核意见:{a.decisionReason}</div>}
            {reviewable(a) && <div style={{ textAlign: 'right', marginTop: 6 }}>{reviewButton(a)}</div>}
          </Card>
        )}
      />
      <ReviewAppealModal appeal={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
