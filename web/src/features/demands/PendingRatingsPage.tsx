import { Button, Card, Skeleton, Tag, Typography } from 'antd';
import { RightOutlined, StarOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { RATING_SUBJECT_TYPE_LABELS, RATING_WINDOW_DAYS, type RateableCaseView } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, formatDateTime } from '../../components/format';
import { useDemandCategories, usePendingRatings } from './api';
import './demands.css';

function daysLeft(rateBy: string): number {
  return Math.max(0, Math.ceil(dayjs(rateBy).diff(dayjs(), 'hour') / 24));
}

export function linkOfCase(c: RateableCaseView): string | null {
  return c.subjectType === 'demand' ? `/demands/${c.subjectId}` : null;
}

/** 待评价: the firm's closed cases still inside the rating window. */
export function PendingRatingsPage() {
  const navigate = useNavigate();
  const pending = usePendingRatings();
  const categories = useDemandCategories();
  const labelOf = (code: string | null) => categories.items.find((c) => c.code === code)?.label ?? code ?? '';
  const items = pending.data?.items ?? [];

  return (
    <div className="yq-narrow">
      <PageHeader title="待评价" subTitle={`办结后${RATING_WINDOW_DAYS}天内可评价,一事一评;逾期未评记为“未评”`} />
      {pending.isError ? (
        <Card>
          <QueryError error={pending.error} onRetry={() => pending.refetch()} />
        </Card>
      ) : pending.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <EmptyHint description="没有待评价的事项,感谢您的支持">
            <Button onClick={() => navigate('/demands')}>查看我的诉求</Button>
          </EmptyHint>
        </Card>
      ) : (
        <div className="yq-card-list">
          {items.map((c) => {
            const link = linkOfCase(c);
            const left = daysLeft(c.rateBy);
            return (
              <Card key={`${c.subjectType}:${c.subjectId}`} className="yq-mobile-card yq-demand-card" hoverable={!!link} onClick={() => link && navigate(link)}>
                <div className="yq-demand-card-head">
                  <span className="yq-mono yq-demand-number">{c.caseNumber}</span>
                  <Tag color="gold" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }}>
                    待评价
                  </Tag>
                </div>
                <div className="yq-demand-title">{c.title}</div>
                <div className="yq-demand-meta">
                  <span>{c.subjectType === 'demand' ? labelOf(c.category) || '诉求' : RATING_SUBJECT_TYPE_LABELS[c.subjectType]}</span>
                  <span>办结于 {formatDateTime(c.closedAt)}</span>
                </div>
                <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8, gap: 8 }}>
                  <Typography.Text type={left <= 2 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                    请于 {formatDateTime(c.rateBy)} 前评价{left <= 2 ? `(剩 ${left} 天)` : ''}
                  </Typography.Text>
                  {link && (
                    <Button type="primary" size="small">
                      去评价 <RightOutlined />
                    </Button>
                  )}
                </div>
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}
