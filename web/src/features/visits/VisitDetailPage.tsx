import { Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DEMAND_STATUS_LABELS } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, weekdayOf } from '../../components/format';
import { StatusTag } from '../demands/DemandBits';
import { useVisit } from './api';
import '../demands/demands.css';

export function VisitDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const visit = useVisit(id);
  const v = visit.data;
  if (visit.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (visit.isError || !v) {
    return (
      <Card>
        <QueryError error={visit.error} what="走访记录" onRetry={() => visit.refetch()} />
      </Card>
    );
  }
  return (
    <div className="yq-narrow">
      <PageHeader
        title="走访记录"
        docTitle={`走访 ${v.enterpriseName} ${v.visitedOn}`}
        subTitle={`${v.visitedOn} ${weekdayOf(v.visitedOn)} · ${v.enterpriseName}`}
        extra={
          <>
            {hasPermission(me, 'visit:write') && (
              <Button icon={<PlusOutlined />} onClick={() => navigate(`/visits/new?enterpriseId=${v.enterpriseId}`)}>
                再次登记
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/visits')}>
              走访列表
            </Button>
          </>
        }
      />
      <Card className="yq-section">
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 88, color: '#667085' } }}
          items={[
            { key: 'firm', label: '企业', children: <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</Link> },
            { key: 'date', label: '走访日期', children: `${v.visitedOn} ${weekdayOf(v.visitedOn)}` },
            { key: 'liaison', label: '驻企专员', children: v.liaisonName ?? '—' },
            { key: 'people', label: '参加人员', children: v.participants || '—' },
            { key: 'at', label: '登记时间', children: formatDateTime(v.createdAt) },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          走访情况
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 }}>{v.findings}</Typography.Paragraph>
      </Card>
      <Card className="yq-section" title={`代办事项(${v.daiban.length})`}>
        {v.daiban.length === 0 ? (
          <EmptyHint description="本次走访没有登记代办事项" />
        ) : (
          <div className="yq-todo-list">
            {v.daiban.map((b) => (
              <div key={b.id} className="yq-todo static">
                <div className="yq-todo-main">
                  <div className="yq-todo-title">{b.description}</div>
                  {b.caseNumber && (
                    <div className="yq-todo-sub">
                      <span className="yq-mono">办件 {b.caseNumber}</span>
                    </div>
                  )}
                </div>
                <div className="yq-todo-side">
                  <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                    {b.kindLabel}
                  </Tag>
                </div>
              </div>
            ))}
          </div>
        )}
      </Card>
      <Card className="yq-section" title={`提出的诉求(${v.raisedDemands.length})`}>
        {v.raisedDemands.length === 0 ? (
          <EmptyHint description="本次走访没有登记诉求" />
        ) : (
          <div className="yq-todo-list">
            {v.raisedDemands.map((d) => (
              <Link key={d.id} to={`/demands/${d.id}`} className="yq-todo">
                <div className="yq-todo-main">
                  <div className="yq-todo-title">{d.title}</div>
                  <div className="yq-todo-sub">
                    <span className="yq-mono">{d.number}</span>
                  </div>
                </div>
                <div className="yq-todo-side">
                  <StatusTag status={d.status} label={DEMAND_STATUS_LABELS[d.status]} />
                </div>
              </Link>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
