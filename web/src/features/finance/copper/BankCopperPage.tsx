import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { formatPricePerTon } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { useMarginCalls, usePledges, usePrices } from './api';
import { MarginCallCard, PledgeCard, PledgeFormModal } from './bits';
import { ListState } from './CopperPage';

/** An institution's 存铜融 (phone first): open margin calls of our clients, our pledges, 办理质押. */
export function BankCopperPage() {
  const me = useMe();
  const calls = useMarginCalls({ status: 'open' });
  const resolved = useMarginCalls({ status: 'resolved' });
  const pledges = usePledges({ status: 'live' });
  const prices = usePrices();
  const [open, setOpen] = useState(false);
  const latest = prices.data?.latest;
  return (
    <div className="yq-narrow" style={{ maxWidth: 960 }}>
      <PageHeader
        title="存铜融"
        subTitle={`${me.bankName ?? ''}${latest ? ` · 最新铜价 ${formatPricePerTon(latest.priceFenPerTon)}(${latest.priceOn})` : ''}`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            办理质押
          </Button>
        }
      />
      <Card title="待补仓" size="small" className="yq-copper-section">
        <ListState query={calls} what="补仓通知" empty="没有待补仓的质押">
          {(items) => (
            <div className="yq-copper-list">
              {items.map((c) => (
                <MarginCallCard key={c.id} c={c} showBank={false} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <Card title="质押中" size="small" className="yq-copper-section">
        <ListState query={pledges} what="质押" empty="本机构暂无质押中的仓单">
          {(items) => (
            <div className="yq-copper-list">
              {items.map((p) => (
                <PledgeCard key={p.id} p={p} showBank={false} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <Card title="已解除的补仓通知" size="small" className="yq-copper-section">
        <ListState query={resolved} what="补仓通知" empty="暂无">
          {(items) => (
            <div className="yq-copper-list">
              {items.slice(0, 10).map((c) => (
                <MarginCallCard key={c.id} c={c} showBank={false} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <PledgeFormModal open={open} onClose={() => setOpen(false)} asBank />
    </div>
  );
}
