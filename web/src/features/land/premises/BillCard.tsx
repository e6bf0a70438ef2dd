import { Card, Descriptions, List, Typography } from 'antd';
import type { BillReliefLineView, BillSummaryView } from '@yuanqi/contract';
import { formatMoney } from '../../../components/format';
import { BillStatusTag } from './bits';

/** One month's bill as the firm and the office read it: gross, each relief line with why, due, paid, balance. */
export function BillCard({ bill, reliefs, extra }: { bill: BillSummaryView; reliefs: BillReliefLineView[]; extra?: React.ReactNode }) {
  return (
    <Card size="small" title={`${bill.periodLabel} · ${bill.unitLabel}`} extra={<BillStatusTag status={bill.status} />} data-testid={`bill-${bill.period.slice(0, 7)}`}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="应收租金">
          {formatMoney(bill.grossFen)}
          {bill.days < bill.daysInMonth && <Typography.Text type="secondary">(计租{bill.days}/{bill.daysInMonth}天)</Typography.Text>}
        </Descriptions.Item>
        {reliefs.length > 0 && (
          <Descriptions.Item label="房租减免">
            <List
              size="small"
              split={false}
              dataSource={reliefs}
              renderItem={(r) => (
                <List.Item style={{ padding: '2px 0', display: 'block' }}>
                  <Typography.Text type="success" strong>−{formatMoney(r.amountFen)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.explanation}</Typography.Text>
                </List.Item>
              )}
            />
          </Descriptions.Item>
        )}
        <Descriptions.Item label="应缴">{formatMoney(bill.dueFen)}</Descriptions.Item>
        {bill.creditFen > 0 && <Descriptions.Item label="应退(减免前已缴)">{formatMoney(bill.creditFen)}</Descriptions.Item>}
        <Descriptions.Item label="已缴">{formatMoney(bill.paidFen)}</Descriptions.Item>
        <Descriptions.Item label="待缴">
          <Typography.Text type={bill.balanceFen > 0 ? (bill.overdueDays > 0 ? 'danger' : 'warning') : undefined} strong>
            {formatMoney(bill.balanceFen)}
          </Typography.Text>
          {bill.balanceFen > 0 && <Typography.Text type="secondary">(截止 {bill.dueOn}{bill.overdueDays > 0 ? `,已逾期${bill.overdueDays}天` : ''})</Typography.Text>}
        </Descriptions.Item>
      </Descriptions>
      {extra}
    </Card>
  );
}
