import { Card, Col, Row as Grid, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatDate } from '../../components/format';
import { EmptyHint } from '../../components/EmptyHint';
import { useScreens } from '../../components/useScreens';
import { useApplicationBoard, useApplicationList, usePostchecks } from '../services/api';
import { ApplicationStatusTag, ClockTag } from '../services/ApplicationBits';
import { Chip, Chips, Loaded, Row, SubHead } from './bits';

const QUEUE = '/services/applications';

/**
 * The approver's 办件 to-dos: what waits for 受理, the cases nearest their committed deadline (or
 * past it), 容缺 cases waiting for materials and the 告知承诺 post-checks falling due. Counts and
 * lists come from the approver's own items (the server scopes them).
 */
export function ServiceTodoCard() {
  const wide = !!useScreens().lg;
  const board = useApplicationBoard();
  const urgent = useApplicationList({ state: 'open', sort: 'dueAt', page: 1, pageSize: 6 });
  const checks = usePostchecks({ status: 'scheduled', page: 1, pageSize: 3 });
  const b = board.data;
  const items = urgent.data?.items ?? [];
  const loading = board.isLoading;

  const chips = (
    <Chips cols={3} xs={3}>
      <Chip to={`${QUEUE}?status=submitted`} label="待受理" value={b?.byStatus.submitted} tone="warn" loading={loading} />
      <Chip to={`${QUEUE}?warning=due_soon`} label="即将到期" value={b?.dueSoon} tone="warn" loading={loading} />
      <Chip to={`${QUEUE}?warning=overdue`} label="已超期" value={b?.overdue} tone="danger" loading={loading} />
      <Chip to={`${QUEUE}?status=rongque`} label="容缺待补" value={b?.rongquePending} loading={loading} />
      <Chip to="/services/postchecks" label="待核查" value={b?.postchecksScheduled} loading={loading} />
      <Chip to="/services/postchecks?tab=overdue" label="核查逾期" value={b?.postchecksOverdue} tone="danger" loading={loading} />
    </Chips>
  );

  const postchecks = (
    <div style={{ marginTop: 12 }}>
      <SubHead extra={<Link to="/services/postchecks">全部核查</Link>}>告知承诺事后核查</SubHead>
      <Loaded loading={checks.isLoading} error={checks.isError} rows={2}>
        {(checks.data?.items.length ?? 0) === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            没有待核查的告知承诺件
          </Typography.Text>
        ) : (
          <div className="yq-dash-list">
            {checks.data!.items.map((c) => (
              <Row
                key={c.id}
                to="/services/postchecks"
                title={c.enterpriseName}
                sub={
                  <>
                    <span>{c.itemName}</span>
                  </>
                }
                side={
                  <Tag color={c.overdue ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                    {c.overdue ? '已逾期' : `${formatDate(c.dueAt)} 前`}
                  </Tag>
                }
              />
            ))}
          </div>
        )}
      </Loaded>
    </div>
  );

  return (
    <Card title="办件待办" style={{ height: '100%' }} extra={<Link to={QUEUE}>受理队列 <RightOutlined /></Link>}>
      <Grid gutter={[24, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <SubHead extra={<span className="yq-dash-subhead-note">{board.data ? `在办 ${board.data.open} 件` : ''}</span>}>时限最紧的在办件</SubHead>
          <Loaded loading={urgent.isLoading} error={urgent.isError} rows={4}>
            {items.length === 0 ? (
              <EmptyHint description="没有在办的办件" />
            ) : (
              <div className="yq-dash-list">
                {items.map((a) => (
                  <Row
                    key={a.id}
                    to={`/services/applications/${a.id}`}
                    title={a.itemName}
                    sub={
                      <>
                        <span className="yq-mono">{a.number}</span>
                        <span>{a.enterpriseName}</span>
                        <ApplicationStatusTag status={a.status} label={a.statusLabel} />
                      </>
                    }
                    side={<ClockTag a={a} />}
                  />
                ))}
              </div>
            )}
          </Loaded>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          {chips}
          {wide && postchecks}
        </Col>
      </Grid>
      {!wide && postchecks}
    </Card>
  );
}
