import { Button, Card, Skeleton, Space } from 'antd';
import { AppstoreOutlined, BankOutlined, InboxOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatYuan } from '@yuanqi/contract';
import { BankBridgeCard } from '../bridge/BankBridgeCard';
import { BankPledgeCard } from '../copper/BankPledgeCard';
import { useBankWorkbench } from './api';
import { OfferDeadline, OfferStatusTag } from './bits';
import './market.css';

/**
 * A bank's 工作台 (phone first): key figures, the needs waiting for our answer by deadline, links to
 * our products, and the bridge-loan confirmations and pledges of the other sub-domains.
 */
export function BankWorkbench() {
  const me = useMe();
  const wb = useBankWorkbench();
  const d = wb.data;
  const figures = d
    ? [
        { k: '待答复', v: String(d.pending), to: '/finance/offers', cls: '' },
        { k: '今日到期', v: String(d.dueToday), to: '/finance/offers', cls: d.dueToday > 0 ? 'is-warn' : '' },
        { k: '已逾期', v: String(d.overdue), to: '/finance/offers?overdue=true', cls: d.overdue > 0 ? 'is-bad' : '' },
        { k: '本月放款', v: d.disbursedThisMonth.count ? `${d.disbursedThisMonth.count}笔 ${formatYuan(d.disbursedThisMonth.amountFen, { symbol: true })}` : '0笔', to: '/finance/offers?view=all&status=disbursed', cls: '' },
      ]
    : [];
  return (
    <div className="yq-narrow" style={{ maxWidth: 960 }}>
      <PageHeader
        title="工作台"
        subTitle={me.bankName ?? undefined}
        extra={
          <Space wrap>
            <Link to="/finance/bank/products">
              <Button icon={<AppstoreOutlined />}>我们的产品</Button>
            </Link>
          </Space>
        }
      />
      {wb.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : wb.isError || !d ? (
        <QueryError error={wb.error} onRetry={() => wb.refetch()} what="工作台" />
      ) : (
        <>
          <div className="yq-bank-figures" data-testid="bank-figures">
            {figures.map((f) => (
              <Link key={f.k} to={f.to} className={`yq-bank-figure ${f.cls}`}>
                <div className="k">{f.k}</div>
                <div className="v">{f.v}</div>
              </Link>
            ))}
          </div>
          {d.toDisburse > 0 && (
            <Link to="/finance/offers?view=approved" className="yq-market-banner" data-testid="to-disburse">
              <BankOutlined /> {d.toDisburse} 笔企业已选定本机构方案,待放款登记 <RightOutlined />
            </Link>
          )}
          <Card
            title={
              <span>
                <InboxOutlined /> 待答复的融资需求
              </span>
            }
            extra={
              <Link to="/finance/offers">
                全部 <RightOutlined />
              </Link>
            }
            className="yq-section"
          >
            {d.inbox.length === 0 ? (
              <EmptyHint description="目前没有待答复的融资需求" />
            ) : (
              d.inbox.map((o) => (
                <Link key={o.id} to={`/finance/offers/${o.id}`} className="yq-inbox-row" data-testid="inbox-row">
                  <div className="yq-inbox-main">
                    <div className="yq-inbox-firm">{o.enterpriseName}</div>
                    <div className="yq-inbox-meta">
                      {formatYuan(o.needAmountFen, { symbol: true })} · {o.needTermMonths}个月 · {o.needNumber}
                    </div>
                    <div style={{ marginTop: 4 }}>
                      <OfferDeadline o={o} />
                    </div>
                  </div>
                  <div className="yq-inbox-side">
                    <OfferStatusTag o={o} />
                    <RightOutlined style={{ color: '#98a2b3' }} />
                  </div>
                </Link>
              ))
            )}
          </Card>
        </>
      )}
      <BankBridgeCard />
      <BankPledgeCard />
    </div>
  );
}
