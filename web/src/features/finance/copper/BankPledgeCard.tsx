import { Link } from 'react-router-dom';
import { Card } from 'antd';
import { GoldOutlined, RightOutlined } from '@ant-design/icons';
import { formatYuan } from '@yuanqi/contract';
import { useMarginCalls, usePledges } from './api';
import { ListState } from './CopperPage';
import { MarginCallCard, PledgeRow } from './bits';
import './copper.css';

/** The bank workbench's 存铜融 card (phone first): our open margin calls first, then our pledges. */
export function BankPledgeCard() {
  const calls = useMarginCalls({ status: 'open' });
  const pledges = usePledges({ status: 'live' });
  const open = calls.data ?? [];
  return (
    <Card
      className="yq-section"
      data-testid="bank-pledge-card"
      title={
        <span>
          <GoldOutlined /> 存铜融 · 质押与补仓
        </span>
      }
      extra={
        <Link to="/finance/bank/copper">
          全部 <RightOutlined />
        </Link>
      }
    >
      {open.length > 0 && (
        <div className="yq-copper-section">
          <div className="yq-copper-muted" style={{ marginBottom: 6 }}>
            待补仓 {open.length} 笔,差额合计 {formatYuan(open.reduce((s, c) => s + c.shortfallFen, 0))}
          </div>
          <div className="yq-copper-list">
            {open.map((c) => (
              <MarginCallCard key={c.id} c={c} showBank={false} />
            ))}
          </div>
        </div>
      )}
      <ListState query={pledges} what="质押" empty="本机构暂无质押中的仓单">
        {(items) => (
          <div>
            <div className="yq-copper-muted" style={{ marginBottom: 4 }}>
              质押中 {items.length} 笔,贷款余额 {formatYuan(items.reduce((s, p) => s + p.outstandingFen, 0))}
            </div>
            {items.slice(0, 8).map((p) => (
              <PledgeRow key={p.id} p={p} />
            ))}
          </div>
        )}
      </ListState>
    </Card>
  );
}
