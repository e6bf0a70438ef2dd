import type { ReactNode } from 'react';
import { Button, Card, Col, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { FileAddOutlined, ProfileOutlined, RightOutlined, ShopOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { DemandSummary, Me } from '@yuanqi/contract';
import { hasRole } from '../../app/auth';
import { useScreens } from '../../components/useScreens';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, parkToday } from '../../components/format';
import { FOLLOWED_STATUSES, OPEN_STATUSES, useDemandBoard, useDemandList, usePendingRatings, useTargets } from './api';
import { Countdown, StatusTag } from './DemandBits';
import './demands.css';

function TodoRow({ d, hint, showFirm, side }: { d: DemandSummary; hint?: ReactNode; showFirm?: boolean; side?: ReactNode }) {
  return (
    <Link to={`/demands/${d.id}`} className="yq-todo">
      <div className="yq-todo-main">
        <div className="yq-todo-title">{d.title}</div>
        <div className="yq-todo-sub">
          <span className="yq-mono">{d.number}</span>
          {showFirm && <span>{d.enterpriseName}</span>}
          {hint}
        </div>
      </div>
      <div className="yq-todo-side">
        {side ?? (d.dueAt ? <Countdown d={d} withKind /> : <StatusTag status={d.status} label={d.statusLabel} />)}
      </div>
    </Link>
  );
}

/**
 * The enterprise's 工作台: file a demand, the cases it follows (what waits for it first) and the
 * closed ones still to rate. `messages` is the shared unread-messages panel.
 */
/**
 * The enterprise's 工作台. `actions` replaces the three quick buttons (the phone app's grid of main
 * actions; it is handed the number of cases waiting for a rating).
 */
export function EnterpriseHome({ me, messages, extra, actions }: { me: Me; messages: ReactNode; extra?: ReactNode; actions?: (counts: { toRate: number }) => ReactNode }) {
  const navigate = useNavigate();
  const open = useDemandList({ status: FOLLOWED_STATUSES.join(','), sort: 'dueAt', page: 1, pageSize: 20 });
  const pending = usePendingRatings();
  const items = open.data?.items ?? [];
  const toConfirm = items.filter((d) => d.status === 'resolved');
  const running = items.filter((d) => d.status !== 'resolved');
  const toRate = pending.data?.items ?? [];

  return (
    <div className="yq-narrow wide">
      <PageHeader title="工作台" subTitle={me.enterpriseName ?? undefined} />
      {actions ? (
        actions({ toRate: toRate.length })
      ) : (
        <div className="yq-quick">
          <Button type="primary" size="large" icon={<FileAddOutlined />} onClick={() => navigate('/demands/new')}>
            我要提诉求
          </Button>
          <Button size="large" icon={<ProfileOutlined />} onClick={() => navigate('/demands')}>
            我的诉求
          </Button>
          <Button size="large" icon={<ShopOutlined />} onClick={() => navigate(`/enterprises/${me.enterpriseId}`)}>
            我的企业
          </Button>
        </div>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => navigate('/demands')}>
            <Statistic title="办理中" value={open.data ? open.data.total - toConfirm.length : '—'} loading={open.isLoading} suffix="件" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => navigate('/demands')}>
            <Statistic title="待我确认" value={toConfirm.length} loading={open.isLoading} suffix="件" styles={{ content: toConfirm.length ? { color: '#0e7490' } : undefined }} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => navigate('/demands/to-rate')}>
            <Statistic title="待评价" value={toRate.length} loading={pending.isLoading} suffix="件" styles={{ content: toRate.length ? { color: '#b54708' } : undefined }} />
          </Card>
        </Col>
      </Row>
      <Card title="我的待办" className="yq-section" extra={<Link to="/demands">全部诉求</Link>}>
        {open.isLoading || pending.isLoading ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : toConfirm.length + running.length + toRate.length === 0 ? (
          <EmptyHint description="暂无待办。遇到困难?提个诉求,专员帮您跑腿">
            <Button type="primary" onClick={() => navigate('/demands/new')}>
              我要提诉求
            </Button>
          </EmptyHint>
        ) : (
          <div className="yq-todo-list">
            {toConfirm.map((d) => (
              <TodoRow key={d.id} d={d} hint={<span>专员已答复</span>} side={<Tag color="cyan" style={{ marginInlineEnd: 0 }}>请确认</Tag>} />
            ))}
            {toRate.map((c) => (
              <Link key={c.subjectId} to={c.subjectType === 'demand' ? `/demands/${c.subjectId}` : '/demands/to-rate'} className="yq-todo">
                <div className="yq-todo-main">
                  <div className="yq-todo-title">{c.title}</div>
                  <div className="yq-todo-sub">
                    <span className="yq-mono">{c.caseNumber}</span>
                    <span>请于 <span className="yq-date">{formatDateTime(c.rateBy)}</span> 前评价</span>
                  </div>
                </div>
                <div className="yq-todo-side">
                  <Tag color="gold" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }}>
                    待评价
                  </Tag>
                </div>
              </Link>
            ))}
            {running.map((d) => (
              <TodoRow key={d.id} d={d} hint={<span>{d.statusLabel}</span>} />
            ))}
          </div>
        )}
      </Card>
      {extra}
      <Card title="消息" className="yq-section" extra={<Link to="/notifications">全部消息</Link>}>
        {messages}
      </Card>
    </div>
  );
}

function TargetLine({ label, actual, target }: { label: string; actual: number; target: number | undefined }) {
  const percent = target ? Math.min(100, Math.round((actual / target) * 100)) : 0;
  return (
    <div style={{ marginBottom: 6 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
        <span>{label}</span>
        <span>
          {actual}
          {target !== undefined ? ` / ${target}` : ''}
        </span>
      </div>
      {target !== undefined && <Progress percent={percent} size="small" showInfo={false} status={percent >= 100 ? 'success' : 'active'} />}
    </div>
  );
}

/**
 * The staff 工作台's demand to-dos: for a liaison its own cases to accept and answer, nearest
 * deadline first; for the office the overdue ones. With the overdue count and the month's targets.
 */
export function DemandTodoCard({ me }: { me: Me }) {
  const liaison = hasRole(me, 'liaison');
  const wide = !!useScreens().lg;
  const board = useDemandBoard();
  const todo = useDemandList(
    liaison
      ? { status: OPEN_STATUSES.join(','), mine: 'true', sort: 'dueAt', page: 1, pageSize: 6 }
      : { status: OPEN_STATUSES.join(','), overdue: 'true', sort: 'dueAt', page: 1, pageSize: 6 },
  );
  const month = parkToday().slice(0, 7);
  const targets = useTargets(month, liaison);
  const mine = targets.data?.items.find((t) => t.userId === me.id);
  const b = board.data;
  const items = todo.data?.items ?? [];
  const targetsBlock =
    liaison && mine ? (
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
          本月目标{' '}
          <Link to="/targets" style={{ fontWeight: 'normal', fontSize: 12 }}>
            月战图
          </Link>
        </Typography.Text>
        <TargetLine label="走访企业" actual={mine.actual.visits} target={mine.target?.visits} />
        <TargetLine label="办结诉求" actual={mine.actual.demandsResolved} target={mine.target?.demandsResolved} />
        <TargetLine label="代办事项" actual={mine.actual.daiban} target={mine.target?.daiban} />
      </div>
    ) : null;

  return (
    <Card
      title={liaison ? '诉求待办' : '逾期诉求'}
      style={{ height: '100%' }}
      extra={<Link to={liaison ? '/demands?mine=true' : '/demands?overdue=true'}>全部 <RightOutlined /></Link>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
          {todo.isLoading ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : items.length === 0 ? (
            <EmptyHint description={liaison ? '没有待签收或待答复的诉求' : '没有逾期的诉求'} />
          ) : (
            <div className="yq-todo-list">
              {items.map((d) => (
                <TodoRow key={d.id} d={d} showFirm hint={<span>{d.status === 'submitted' ? '待签收' : d.status === 'reopened' ? '退回重办' : '待答复'}</span>} />
              ))}
              {(todo.data?.total ?? 0) > items.length && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', textAlign: 'center', marginTop: 8 }}>
                  还有 {(todo.data?.total ?? 0) - items.length} 件,<Link to={liaison ? '/demands?mine=true' : '/demands?overdue=true'}>查看全部</Link>
                </Typography.Text>
              )}
            </div>
          )}
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
          <div className="yq-board compact">
            <Link to="/demands?status=submitted" className="yq-board-chip">
              <span className="yq-board-chip-value">{b?.byStatus.submitted ?? '—'}</span>
              <span className="yq-board-chip-label">待签收</span>
            </Link>
            <Link to="/demands?status=accepted,in_progress,reopened" className="yq-board-chip">
              <span className="yq-board-chip-value">{b ? b.byStatus.accepted + b.byStatus.in_progress + b.byStatus.reopened : '—'}</span>
              <span className="yq-board-chip-label">待答复</span>
            </Link>
            <Link to="/demands?overdue=true" className={`yq-board-chip${b?.overdue ? ' danger' : ''}`}>
              <span className="yq-board-chip-value">{b?.overdue ?? '—'}</span>
              <span className="yq-board-chip-label">已逾期</span>
            </Link>
            <Link to="/demands" className="yq-board-chip">
              <span className="yq-board-chip-value">{b?.dueToday ?? '—'}</span>
              <span className="yq-board-chip-label">今日到期</span>
            </Link>
          </div>
          {wide && targetsBlock}
        </Col>
      </Row>
      {!wide && targetsBlock && <div style={{ marginTop: 16 }}>{targetsBlock}</div>}
    </Card>
  );
}
