import { Col, Form, Input, InputNumber, Progress, Row, Select, Tag, Tooltip } from 'antd';
import {
  COMMITMENT_STATUS_LABELS,
  formatYuan,
  parseYuanToFen,
  PAYOUT_SOURCE_LABELS,
  PAYOUT_STATUS_LABELS,
  REDEMPTION_STATUS_LABELS,
  VOUCHER_STATUS_LABELS,
  type CommitmentItemView,
  type PayoutSource,
  type PayoutStatus,
  type RedemptionStatus,
  type VoucherStatus,
} from '@yuanqi/contract';
import { useFunds } from './api';

/** ¥1,234.56 — exact yuan: fund, voucher and commitment pages show every figure so, their totals included (dashboards use formatWan). */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : formatYuan(fen, { symbol: true });
}

/** An amount typed in 元, held in fen. */
export function MoneyInput({ value, onChange, id, placeholder = '0.00', max, disabled }: { value?: number | null; onChange?: (fen: number | null) => void; id?: string; placeholder?: string; max?: number; disabled?: boolean }) {
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      min={0}
      max={max === undefined ? undefined : max / 100}
      precision={2}
      step={1000}
      prefix="¥"
      suffix="元"
      placeholder={placeholder}
      disabled={disabled}
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : parseYuanToFen(v))}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}
      parser={(v) => Number((v ?? '').replace(/[,¥\s元]/g, '')) || 0}
    />
  );
}

export function BurnBar({ percent, reservedPercent = 0 }: { percent: number; reservedPercent?: number }) {
  const status = percent >= 95 ? 'exception' : 'normal';
  return (
    <Tooltip title={`已拨付 ${percent}%${reservedPercent ? `,已预留 ${reservedPercent}%` : ''}`}>
      <Progress percent={Math.min(100, Math.round((percent + reservedPercent) * 10) / 10)} success={{ percent }} status={status} size="small" format={() => `${percent}%`} />
    </Tooltip>
  );
}

const SOURCE_COLORS: Record<PayoutSource, string> = { policy_application: 'blue', exemption_grant: 'cyan', voucher: 'purple', commitment: 'gold', manual: 'default' };
export const SourceTag = ({ source }: { source: PayoutSource }) => <Tag color={SOURCE_COLORS[source]}>{PAYOUT_SOURCE_LABELS[source]}</Tag>;
export const PayoutStatusTag = ({ status }: { status: PayoutStatus }) => <Tag color={status === 'paid' ? 'green' : 'red'}>{PAYOUT_STATUS_LABELS[status]}</Tag>;

const VOUCHER_COLORS: Record<VoucherStatus, string> = { active: 'green', used: 'blue', expired: 'default', revoked: 'red' };
export const VoucherStatusTag = ({ status }: { status: VoucherStatus }) => <Tag color={VOUCHER_COLORS[status]}>{VOUCHER_STATUS_LABELS[status]}</Tag>;

const REDEMPTION_COLORS: Record<RedemptionStatus, string> = { submitted: 'orange', rejected: 'red', reimbursed: 'green' };
export const RedemptionStatusTag = ({ status }: { status: RedemptionStatus }) => <Tag color={REDEMPTION_COLORS[status]}>{REDEMPTION_STATUS_LABELS[status]}</Tag>;

export function CommitmentStatusTag({ item }: { item: Pick<CommitmentItemView, 'status' | 'overdue' | 'onTime'> }) {
  if (item.overdue) return <Tag color="red">已逾期</Tag>;
  if (item.status === 'fulfilled') return <Tag color={item.onTime ? 'green' : 'orange'}>{item.onTime ? '按期兑现' : '逾期兑现'}</Tag>;
  return <Tag color={item.status === 'cancelled' ? 'default' : 'blue'}>{COMMITMENT_STATUS_LABELS[item.status]}</Tag>;
}

/** The park's funds as a picker (active ones, with what is available). */
export function FundSelect({ value, onChange, id, allowClear, placeholder = '选择专项资金', activeOnly = true, style }: { value?: string | null; onChange?: (id: string | undefined) => void; id?: string; allowClear?: boolean; placeholder?: string; activeOnly?: boolean; style?: React.CSSProperties }) {
  const funds = useFunds();
  const items = (funds.data?.items ?? []).filter((f) => !activeOnly || f.status === 'active');
  return (
    <Select
      id={id}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      loading={funds.isLoading}
      placeholder={placeholder}
      style={style ?? { width: '100%' }}
      showSearch={{ optionFilterProp: 'label' }}
      options={items.map((f) => ({ value: f.id, label: `${f.name}(可用 ${yuan(f.availableFen)})` }))}
    />
  );
}

/** The payee's account form fields (收款户名, 开户银行, 收款账号), all required, for any form that pays a firm. */
export function PayeeAccountFields() {
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="accountName" label="收款户名" rules={[{ required: true, message: '请填写收款户名' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="bankName" label="开户银行" rules={[{ required: true, message: '请填写开户银行' }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="accountNo" label="收款账号" rules={[{ required: true, message: '请填写收款账号' }]}>
        <Input inputMode="numeric" />
      </Form.Item>
    </>
  );
}
