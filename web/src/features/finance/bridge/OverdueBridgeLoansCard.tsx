import { Card, List, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../../app/auth';
import { useOverdueBridgeLoans } from './api';
import { yuan } from './bits';

/**
 * 逾期转贷 on the dispatcher's board (and the finance officer's): overdue bridge loans, each linked to
 * its case; shown to users with finance:read, nothing when there are none.
 */
export function OverdueBridgeLoansCard() {
  const me = useMe();
  const allowed = hasPermission(me, 'finance:read');
  const overdue = useOverdueBridgeLoans(allowed);
  if (!allowed || !overdue.data || overdue.data.length === 0) return null;
  const total = overdue.data.reduce((s, l) => s + l.amountFen, 0);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: '#ffccc7' }}
      title={
        <span>
          逾期转贷 <Tag color="red">{overdue.data.length} 笔 · {yuan(total)}</Tag>
        </span>
      }
      extra={<Link to="/finance/bridge-loans?view=overdue">转贷台</Link>}
    >
      <List
        size="small"
        dataSource={overdue.data.slice(0, 5)}
        renderItem={(l) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Link to={`/finance/bridge-loans/${l.id}`} style={{ overflowWrap: 'anywhere' }}>
              {l.enterpriseName}
            </Link>
            <span style={{ whiteSpace: 'nowrap', color: '#cf1322' }}>
              {yuan(l.amountFen)} · {l.dueOn} 到期
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
