import { Button, Card, Col, Skeleton, Typography } from 'antd';
import { RightOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Me } from '@yuanqi/contract';
import { hasPermission, hasRole } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { weekdayOf } from '../../components/format';
import { useAppeals, useRectifications } from '../ratings/api';
import { RectificationStatusTag, RectifyDeadline } from '../ratings/components';
import { actsAsDispatcher, seesOfficeDesk } from './access';
import { OPEN_STATUS_PARAM, useDemandBoard, useMeetings } from './api';
import './dispatch.css';

function Chip({ to, value, label, tone }: { to: string; value: number | undefined; label: string; tone?: 'danger' | 'warning' | 'accent' }) {
  const colors = { danger: '#d92d20', warning: '#dc6803', accent: '#6941c6' } as const;
  return (
    <Link to={to} className="yq-status-cell" style={{ textDecoration: 'none' }} aria-label={`${label} ${value ?? 0} 件`}>
      <span className="n" style={{ color: tone && value ? colors[tone] : undefined }}>
        {value ?? '—'}
      </span>
      <span className="l">{label}</span>
    </Link>
  );
}

/** The office's to-dos: escalated, overdue and unpooled demands, late fixes, appeals, this week's meeting. */
function DispatchTodoCard({ me }: { me: Me }) {
  const navigate = useNavigate();
  const board = useDemandBoard();
  const meetings = useMeetings(1, 1);
  const reviews = hasPermission(me, 'rating:review');
  const lateFixes = useRectifications({ overdue: 'true', page: 1, pageSize: 1 });
  const appeals = useAppeals('pending', 1, reviews);
  const b = board.data;
  const latest = meetings.data?.items[0];
  const canDispatch = actsAsDispatcher(me);

  return (
    <Card title="调度督办" style={{ height: '100%' }} extra={<Link to="/dispatch">诉求看板 <RightOutlined /></Link>}>
      <div className="yq-status-grid" style={{ gridTemplateColumns: `repeat(${reviews ? 5 : 4}, minmax(0, 1fr))`, marginBottom: 16 }}>
        <Chip to="/dispatch?escalated=true&sort=dueAt" value={b?.escalated} label="已升级" tone="warning" />
        <Chip to="/dispatch?overdue=true&sort=dueAt" value={b?.overdue} label="已逾期" tone="danger" />
        <Chip to={`/dispatch?status=${OPEN_STATUS_PARAM}&assigneeId=none`} value={b?.unassigned} label="待分派" tone="accent" />
        <Chip to="/rectifications?scope=all&overdue=true" value={lateFixes.data?.total} label="整改逾期" tone="danger" />
        {reviews && <Chip to="/appeals" value={appeals.data?.total} label="申诉待审" tone="warning" />}
      </div>
      {meetings.isLoading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : latest && latest.status === 'draft' ? (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <div>
            <Typography.Text strong>
              <ScheduleOutlined /> 周调度进行中
            </Typography.Text>
            <div style={{ fontSize: 13, color: '#667085' }}>
              {latest.title} · 已决定 {latest.decidedCount}/{latest.itemCount} 项
            </div>
          </div>
          <Button type="primary" onClick={() => navigate(`/dispatch/meetings/${latest.id}`)}>
            进入会议议程
          </Button>
        </div>
      ) : (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <div>
            <Typography.Text strong>
              <ScheduleOutlined /> 周调度
            </Typography.Text>
            <div style={{ fontSize: 13, color: '#667085' }}>
              {latest ? (
                <>
                  上次会议 {latest.heldOn} {weekdayOf(latest.heldOn)} · <Link to={`/dispatch/meetings/${latest.id}`}>查看议程与决定</Link>
                </>
              ) : (
                '还没有召开过周调度会议'
              )}
            </div>
          </div>
          {canDispatch && <Button onClick={() => navigate('/dispatch/meetings?new=1')}>召开会议</Button>}
        </div>
      )}
    </Card>
  );
}

type RectificationList = ReturnType<typeof useRectifications>;

const openOf = (list: RectificationList) => (list.data?.items ?? []).filter((r) => r.status === 'open' || r.status === 'fixed' || r.status === 'visited');

/** An officer's open rectifications of bad reviews, nearest deadline first. */
function RectificationTodoCard({ list }: { list: RectificationList }) {
  const open = openOf(list);
  return (
    <Card title="我的差评整改" style={{ height: '100%' }} extra={<Link to="/rectifications">全部 <RightOutlined /></Link>}>
      {list.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : open.length === 0 ? (
        <EmptyHint description="没有待处理的差评整改" />
      ) : (
        <div className="yq-card-list" style={{ gap: 0 }}>
          {open.slice(0, 5).map((r) => (
            <Link key={r.id} to={`/rectifications/${r.id}`} className="yq-note" style={{ display: 'flex', justifyContent: 'space-between', gap: 12, color: 'inherit' }}>
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.title}</div>
                <div style={{ fontSize: 12, color: '#667085' }}>
                  <span className="yq-mono">{r.caseNumber}</span> · <RectificationStatusTag status={r.status} label={r.statusLabel} round={r.round} />
                </div>
              </div>
              <div style={{ flex: 'none' }}>
                <RectifyDeadline dueAt={r.dueAt} active={r.status === 'open'} overdue={r.overdue} />
              </div>
            </Link>
          ))}
          {open.length > 5 && (
            <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center', marginTop: 8 }}>
              还有 {open.length - 5} 件,<Link to="/rectifications">查看全部</Link>
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

/**
 * The 工作台 cards of 调度督办 and 好差评, as columns of the home page's grid: the office desk for
 * dispatchers and leaders, open rectifications for the officers who fix bad reviews.
 */
export function DispatchHomeCards({ me }: { me: Me }) {
  const office = seesOfficeDesk(me);
  const fixesOwn = hasPermission(me, 'rating:rectify') && !hasRole(me, 'dispatcher') && !hasRole(me, 'admin');
  // only the cases being worked on: the officer's card is left out when there is nothing to fix
  const mine = useRectifications({ mine: 'true', page: 1, pageSize: 20 }, fixesOwn);
  const showsFixes = fixesOwn && (mine.isLoading || openOf(mine).length > 0);
  if (!office && !showsFixes) return null;
  return (
    <>
      {office && (
        <Col xs={24} lg={showsFixes ? 12 : 24}>
          <DispatchTodoCard me={me} />
        </Col>
      )}
      {showsFixes && (
        <Col xs={24} lg={office ? 12 : 24}>
          <RectificationTodoCard list={mine} />
        </Col>
      )}
    </>
  );
}
