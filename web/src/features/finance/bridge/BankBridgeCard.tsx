import { Button, Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { QueryError } from '../../../components/QueryError';
import { parkToday } from '../../../components/format';
import { useBridgeLoans } from './api';
import { DueText, yuan } from './bits';
import './bridge.css';

/**
 * The bank workbench's card: loans waiting for this bank's 续贷承诺, and its loans disbursed by the
 * park that fall due within a week (the bank's renewal must be ready by then). Phone-friendly.
 */
export function BankBridgeCard() {
  const navigate = useNavigate();
  const waiting = useBridgeLoans({ view: 'awaiting_bank', pageSize: 5 });
  const running = useBridgeLoans({ view: 'running', pageSize: 50 });
  const today = parkToday();
  const weekAhead = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const dueSoon = (running.data?.items ?? []).filter((l) => l.dueOn && l.dueOn <= weekAhead).sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : 1));
  const n = waiting.data?.total ?? 0;
  return (
    <Card
      className="yq-section"
      size="small"
      title={
        <span>
          转贷续贷承诺 {n > 0 && <Tag color="gold">{n} 笔待确认</Tag>}
        </span>
      }
      extra={<Link to="/finance/bank/bridge-loans">全部</Link>}
    >
      {waiting.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : waiting.isError ? (
        <QueryError error={waiting.error} onRetry={() => waiting.refetch()} what="转贷" />
      ) : n === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待确认的续贷承诺" />
      ) : (
        <List
          size="small"
          dataSource={waiting.data!.items}
          renderItem={(l) => (
            <List.Item
              onClick={() => navigate(`/finance/bridge-loans/${l.id}`)}
              style={{ cursor: 'pointer', paddingInline: 0 }}
              actions={[
                <Button key="c" size="small" type="primary">
                  确认
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<span style={{ overflowWrap: 'anywhere' }}>{l.enterpriseName}</span>}
                description={
                  <span style={{ fontSize: 12 }}>
                    转贷 {yuan(l.amountFen)} · 合同 {l.maturingContractNo} · {l.maturingDueOn} 到期
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
      {dueSoon.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            七日内到期及逾期的转贷(请按承诺办理续贷)
          </Typography.Text>
          <List
            size="small"
            dataSource={dueSoon}
            renderItem={(l) => (
              <List.Item onClick={() => navigate(`/finance/bridge-loans/${l.id}`)} style={{ cursor: 'pointer', paddingInline: 0 }}>
                <div style={{ width: '100%' }}>
                  <div className="yq-bridge-card-row">
                    <span style={{ overflowWrap: 'anywhere' }}>{l.enterpriseName}</span>
                    <span>{yuan(l.amountFen)}</span>
                  </div>
                  <div style={{ fontSize: 12 }}>
                    到期 <DueText loan={l} />
                  </div>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
