import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Rate, Row, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { RATING_CHANNEL_LABELS, RATING_SCORE_LABELS, RATING_SUBJECT_TYPE_LABELS, type AppealView, type RatingScoreKey } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { useDemandCategories } from '../dispatch/api';
import { AppealModal, ReviewAppealModal } from './AppealModals';
import { useAppeals, useRating } from './api';
import { AppealStatusTag, RatingLevelTag, RatingTimeline, RectificationStatusTag, RectifyDeadline } from './components';
import { mayAppeal } from './RatingLedger';
import './ratings.css';

export function RatingDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const rating = useRating(id);
  const categories = useDemandCategories();
  const [appealing, setAppealing] = useState(false);
  const [reviewing, setReviewing] = useState<AppealView | null>(null);
  const canReview = hasPermission(me, 'rating:review');
  const r = rating.data;
  // the full appeal (reason, appellant) comes from the review queue
  const pendingAppeals = useAppeals('pending', 1, canReview && r?.appeal?.status === 'pending');
  const appeal = pendingAppeals.data?.items.find((a) => a.ratingId === r?.id) ?? null;

  if (rating.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (rating.isError || !r) return <QueryError error={rating.error} onRetry={() => rating.refetch()} what="评价" />;

  const removed = r.status === 'removed';
  const subjectLink = r.subjectType === 'demand' ? `/demands/${r.subjectId}` : null;

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        {hasPermission(me, 'rating:read') ? (
          <Link to="/ratings">
            <ArrowLeftOutlined /> 好差评台账
          </Link>
        ) : (
          <Link to="/demands">
            <ArrowLeftOutlined /> 我的诉求
          </Link>
        )}
      </div>
      <PageHeader
        title={r.title}
        docTitle={`评价 ${r.caseNumber}`}
        subTitle={
          <Space size={8} wrap>
            <span className="yq-mono">{r.caseNumber}</span>
            <RatingLevelTag level={r.level} label={r.levelLabel} removed={removed} removedReason={r.removedReason} />
          </Space>
        }
        extra={
          <>
            {mayAppeal(me.id, r) && (
              <Button danger onClick={() => setAppealing(true)}>
                申诉
              </Button>
            )}
            {canReview && appeal && appeal.appellantId !== me.id && (
              <Button type="primary" onClick={() => setReviewing(appeal)}>
                审核申诉
              </Button>
            )}
          </>
        }
      />
      {removed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`该评价已于 ${formatDateTime(r.removedAt)} 经申诉移除,不计入任何统计`}
          description={`移除理由:${r.removedReason ?? '—'}`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title="评价内容" style={{ marginBottom: 16 }}>
            <div className={`yq-quote${r.isBad ? '' : ' neutral'}`} style={removed ? { textDecoration: 'line-through', color: '#98a2b3' } : undefined}>
              {r.comment ?? '(未填写评价内容)'}
            </div>
            <div style={{ marginTop: 12 }}>
              {(Object.entries(r.scores) as [RatingScoreKey, number][]).map(([k, v]) => (
                <div key={k} style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                  <span style={{ width: 110, color: '#667085' }}>{RATING_SCORE_LABELS[k]}</span>
                  <Rate disabled value={v} style={{ fontSize: 16 }} />
                  <span>{v} 分</span>
                </div>
              ))}
            </div>
          </Card>
          <Card title="办理记录">
            {'timeline' in r ? <RatingTimeline events={r.timeline} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title="评价信息" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="评价对象">
                {RATING_SUBJECT_TYPE_LABELS[r.subjectType]}{' '}
                {subjectLink ? (
                  <Link to={subjectLink} className="yq-mono">
                    {r.caseNumber}
                  </Link>
                ) : (
                  <span className="yq-mono">{r.caseNumber}</span>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="类别">{categories.labelOf(r.category)}</Descriptions.Item>
              <Descriptions.Item label="企业">{r.enterpriseName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="经办人">{r.officerName ?? '调度专班'}</Descriptions.Item>
              {r.rater && <Descriptions.Item label="评价人">{r.rater.name}</Descriptions.Item>}
              <Descriptions.Item label="评价渠道">{RATING_CHANNEL_LABELS[r.channel]}</Descriptions.Item>
              <Descriptions.Item label="办结时间">{formatDateTime(r.closedAt)}</Descriptions.Item>
              <Descriptions.Item label="评价时间">{formatDateTime(r.ratedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {r.rectification && (
            <Card title="差评整改" size="small" style={{ marginBottom: 16 }} extra={<Link to={`/rectifications/${r.rectification.id}`}>查看整改</Link>}>
              <Space orientation="vertical" size={6}>
                <RectificationStatusTag status={r.rectification.status} label={r.rectification.statusLabel} round={r.rectification.round} />
                <RectifyDeadline dueAt={r.rectification.dueAt} active={r.rectification.status === 'open'} overdue={r.rectification.overdue} compact />
              </Space>
            </Card>
          )}
          {r.appeal && (
            <Card title="申诉" size="small" extra={canReview ? <Link to="/appeals">申诉审核</Link> : null}>
              <Space size={8}>
                <AppealStatusTag status={r.appeal.status} label={r.appeal.statusLabel} />
                <span style={{ color: '#667085', fontSize: 12 }}>提交于 {formatDateTime(r.appeal.submittedAt)}</span>
              </Space>
            </Card>
          )}
        </Col>
      </Row>
      <AppealModal rating={appealing ? r : null} onClose={() => setAppealing(false)} />
      <ReviewAppealModal appeal={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
