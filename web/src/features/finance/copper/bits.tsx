import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Alert, Button, DatePicker, Form, Input, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  COPPER_GRADES,
  formatPricePerTon,
  formatTons,
  formatYuan,
  parseYuanToFen,
  type MarginCallView,
  type PledgeView,
  type ReceiptView,
} from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { WorkdayCountdownTag } from '../../../components/Countdown';
import { applyFieldErrors } from '../../../components/forms';
import { formatDate, formatDateTime, parkToday } from '../../../components/format';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useInstitutions } from '../api';
import { useCreatePledge, useCreateReceipt, usePledgeStep, useQuote, useReceipts } from './api';
import './copper.css';

const PLEDGE_COLORS = { active: 'green', margin_call: 'red', released: 'default' } as const;
const RECEIPT_COLORS = { held: 'blue', pledged: 'gold', released: 'default' } as const;

export function PledgeStatusTag({ p }: { p: Pick<PledgeView, 'status' | 'statusLabel'> }) {
  return <Tag color={PLEDGE_COLORS[p.status]}>{p.statusLabel}</Tag>;
}

export function ReceiptStatusTag({ r }: { r: Pick<ReceiptView, 'status' | 'statusLabel'> }) {
  return <Tag color={RECEIPT_COLORS[r.status]}>{r.statusLabel}</Tag>;
}

export function CallStatusTags({ c }: { c: MarginCallView }) {
  if (c.status === 'resolved') return <Tag color="green">已解除 · {c.resolutionLabel}</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color="red">待补仓</Tag>
      <WorkdayCountdownTag remaining={c.remainingWorkingDays} overdue={c.overdue} />
    </Space>
  );
}

/**
 * The gauge of a pledge: the loan net of the margin deposited against today's limit (tonnage ×
 * latest price × LTV). Green under 90 %, orange up to the limit, red beyond it (a margin call).
 */
export function PledgeGauge({ p }: { p: PledgeView }) {
  if (p.status === 'released') return <Typography.Text type="secondary">已于 {formatDate(p.releasedOn)} 结清解押</Typography.Text>;
  if (p.currentLimitFen === null) return <Typography.Text type="secondary">铜价表暂无价格,无法计算当前额度</Typography.Text>;
  const net = p.outstandingFen - p.marginFen;
  const ratio = p.currentLimitFen > 0 ? net / p.currentLimitFen : 1;
  const color = ratio > 1 ? '#f04438' : ratio > 0.9 ? '#f79009' : '#12b76a';
  return (
    <div className="yq-copper-gauge" data-testid="pledge-gauge">
      <div className="yq-copper-gauge-row">
        <span>贷款净额 {formatYuan(net)}</span>
        <span>当前额度 {formatYuan(p.currentLimitFen)}</span>
      </div>
      <Progress percent={Math.min(100, Math.round(ratio * 1000) / 10)} showInfo={false} strokeColor={color} size={['100%', 12]} />
      <div className="yq-copper-gauge-row yq-copper-muted">
        <span>占额度 {(ratio * 100).toFixed(1)}%</span>
        <span>
          按 {formatPricePerTon(p.currentPriceFenPerTon ?? 0)}({p.currentPriceOn})
        </span>
      </div>
      {p.currentShortfallFen > 0 && <div className="yq-copper-shortfall">超出额度 {formatYuan(p.currentShortfallFen)}</div>}
    </div>
  );
}

/** A pledge on a phone: firm, receipt, the gauge, its open margin call, and the buttons open to the viewer. */
export function PledgeCard({ p, showFirm = true, showBank = true }: { p: PledgeView; showFirm?: boolean; showBank?: boolean }) {
  return (
    <div className="yq-copper-card" data-testid="pledge-card" data-number={p.number}>
      <div className="yq-copper-card-head">
        <Link to={`/finance/copper/pledges/${p.id}`} className="yq-copper-title">
          {p.number}
        </Link>
        <PledgeStatusTag p={p} />
      </div>
      <div className="yq-copper-meta">
        {showFirm && <div>{p.enterpriseName}</div>}
        <div>
          仓单 {p.receiptNo} · {formatTons(p.weightKg)} · {p.grade}
        </div>
        <div>
          {showBank ? `${p.bankName} · ` : ''}贷款 {formatYuan(p.loanFen)} · 余额 {formatYuan(p.outstandingFen)}
          {p.marginFen > 0 ? ` · 保证金 ${formatYuan(p.marginFen)}` : ''}
        </div>
        <div className="yq-copper-muted">
          定价 {formatPricePerTon(p.priceFenPerTon)}({p.pricedOn})· 质押率 {(p.ltvBp / 100).toFixed(0)}%
        </div>
      </div>
      <PledgeGauge p={p} />
      {p.openMarginCall && <MarginCallBanner c={p.openMarginCall} />}
      {p.actions.length > 0 && (
        <div className="yq-copper-actions">
          <PledgeActions p={p} />
        </div>
      )}
    </div>
  );
}

function MarginCallBanner({ c }: { c: MarginCallView }) {
  return (
    <Alert
      type={c.overdue ? 'error' : 'warning'}
      showIcon
      style={{ marginTop: 8 }}
      title={`补仓通知:差额 ${formatYuan(c.shortfallFen)}`}
      description={
        <Space orientation="vertical" size={2}>
          <span>
            {c.callOn} 铜价 {formatPricePerTon(c.priceFenPerTon)},额度 {formatYuan(c.limitFen)}
          </span>
          <span>
            请于 {c.dueAt ? formatDateTime(c.dueAt) : '—'} 前追加保证金或部分还款 <WorkdayCountdownTag remaining={c.remainingWorkingDays} overdue={c.overdue} />
          </span>
          {c.resolvedAmountFen ? <span>已到账 {formatYuan(c.resolvedAmountFen)}</span> : null}
        </Space>
      }
    />
  );
}

/** A pledge in one line (the workbench): number, firm, how much of today's limit the loan takes. */
export function PledgeRow({ p }: { p: PledgeView }) {
  const net = p.outstandingFen - p.marginFen;
  const ratio = p.currentLimitFen ? net / p.currentLimitFen : null;
  const color = ratio === null ? '#98a2b3' : ratio > 1 ? '#f04438' : ratio > 0.9 ? '#f79009' : '#12b76a';
  return (
    <Link to={`/finance/copper/pledges/${p.id}`} className="yq-copper-row" data-testid="pledge-row">
      <div className="yq-copper-row-main">
        <div className="yq-copper-row-title">
          {p.enterpriseName}
        </div>
        <div className="yq-copper-muted">
          {p.number} · {formatTons(p.weightKg)} · 余额 {formatYuan(p.outstandingFen)}
        </div>
        {ratio !== null && <Progress percent={Math.min(100, Math.round(ratio * 1000) / 10)} showInfo={false} strokeColor={color} size={['100%', 6]} />}
      </div>
      <div className="yq-copper-row-side">
        <PledgeStatusTag p={p} />
        {ratio !== null && <span className="yq-copper-muted">{(ratio * 100).toFixed(0)}%</span>}
      </div>
    </Link>
  );
}

/** A margin call on a phone. */
export function MarginCallCard({ c, showBank = true, showFirm = true }: { c: MarginCallView; showBank?: boolean; showFirm?: boolean }) {
  return (
    <div className={`yq-copper-card ${c.overdue ? 'is-overdue' : ''}`} data-testid="margin-call-card">
      <div className="yq-copper-card-head">
        <Link to={`/finance/copper/pledges/${c.pledgeId}`} className="yq-copper-title">
          {c.pledgeNumber}
        </Link>
        <CallStatusTags c={c} />
      </div>
      <div className={`yq-copper-big ${c.status === 'resolved' ? 'is-done' : ''}`}>差额 {formatYuan(c.shortfallFen)}</div>
      <div className="yq-copper-meta">
        {showFirm && <div>{c.enterpriseName}</div>}
        <div>
          仓单 {c.receiptNo}
          {showBank ? ` · ${c.bankName}` : ''}
        </div>
        <div className="yq-copper-muted">
          {c.callOn} 铜价 {formatPricePerTon(c.priceFenPerTon)} · 额度 {formatYuan(c.limitFen)} · 贷款余额 {formatYuan(c.outstandingFen)}
        </div>
        {c.status === 'open' ? (
          <div className="yq-copper-muted">补仓期限 {c.dueAt ? formatDateTime(c.dueAt) : '—'}</div>
        ) : (
          <div className="yq-copper-muted">
            {c.resolvedAt ? formatDateTime(c.resolvedAt) : ''} {c.resolvedByName ?? ''} {c.resolvedAmountFen ? `到账 ${formatYuan(c.resolvedAmountFen)}` : ''}
          </div>
        )}
      </div>
    </div>
  );
}

const ACTION_TEXT = { top_up: '追加保证金', repay: '还款', release: '结清解押' } as const;

/** The buttons of a pledge (the server says which are open to the viewer). */
export function PledgeActions({ p }: { p: PledgeView }) {
  const [action, setAction] = useState<PledgeView['actions'][number] | null>(null);
  return (
    <>
      <Space wrap>
        {p.actions.map((a) => (
          <Button key={a} type={a === 'top_up' && p.status === 'margin_call' ? 'primary' : 'default'} danger={a === 'release'} onClick={() => setAction(a)}>
            {ACTION_TEXT[a]}
          </Button>
        ))}
      </Space>
      {action && <PledgeStepModal p={p} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

function PledgeStepModal({ p, action, onClose }: { p: PledgeView; action: PledgeView['actions'][number]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount?: string; note?: string }>();
  const step = usePledgeStep();
  const suggested = action === 'top_up' ? p.currentShortfallFen : 0;
  const submit = async () => {
    const values = await form.validateFields();
    const amountFen = action === 'release' ? undefined : parseYuanToFen(values.amount ?? '');
    try {
      const res = await step.mutateAsync({ id: p.id, action: action === 'top_up' ? 'top-up' : action, body: { amountFen: amountFen ?? undefined, note: values.note || undefined, expectedStatus: p.status } });
      message.success(res.status === 'released' ? '已结清,仓单已解除质押' : res.openMarginCall ? `已记录,仍差 ${formatYuan(res.currentShortfallFen)}` : p.openMarginCall ? '已记录,补仓通知已解除' : '已记录');
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, { amountFen: 'amount' })) message.error(errorMessage(e));
    }
  };
  return (
    <Modal open title={`${ACTION_TEXT[action]} · ${p.number}`} okText="确认" cancelText="取消" onOk={submit} confirmLoading={step.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        贷款余额 {formatYuan(p.outstandingFen)},已交保证金 {formatYuan(p.marginFen)}
        {p.currentShortfallFen > 0 ? `,当前超出额度 ${formatYuan(p.currentShortfallFen)}` : ''}。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ amount: suggested > 0 ? (suggested / 100).toFixed(2) : undefined }}>
        {action === 'release' ? (
          <Alert type="warning" showIcon title={`确认企业已还清全部贷款余额 ${formatYuan(p.outstandingFen)}?确认后仓单解除质押。`} style={{ marginBottom: 16 }} />
        ) : (
          <Form.Item
            name="amount"
            label={action === 'top_up' ? '追加保证金金额(元)' : '还款金额(元)'}
            extra={action === 'repay' ? '还清全部余额即解除质押' : undefined}
            rules={[
              { required: true, message: '请填写金额' },
              { validator: (_, v) => (v && (parseYuanToFen(v) ?? 0) <= 0 ? Promise.reject(new Error('金额应大于0')) : Promise.resolve()) },
            ]}
          >
            <Input inputMode="decimal" placeholder="例如 60000" suffix="元" />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={200} placeholder="如 到账凭证号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记仓单: a firm for itself; the finance officer (or a liaison) picks the firm. */
export function ReceiptFormModal({ open, onClose, pickFirm }: { open: boolean; onClose: () => void; pickFirm: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useCreateReceipt();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ enterpriseId: v.enterpriseId ?? undefined, warehouse: v.warehouse, receiptNo: v.receiptNo, tons: v.tons, grade: v.grade, storedOn: v.storedOn ? v.storedOn.format('YYYY-MM-DD') : undefined });
      message.success('仓单已登记');
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };
  return (
    <Modal open={open} title="登记仓单" okText="登记" cancelText="取消" onOk={submit} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ grade: COPPER_GRADES[0] }}>
        {pickFirm && (
          <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterpriseSelect />
          </Form.Item>
        )}
        <Form.Item name="warehouse" label="仓库" rules={[{ required: true, message: '请填写仓库' }]}>
          <Input maxLength={80} placeholder="如 鹰潭综合保税区铜仓一号库" />
        </Form.Item>
        <Form.Item name="receiptNo" label="仓单号" rules={[{ required: true, message: '请填写仓单号' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="tons"
          label="吨数"
          rules={[
            { required: true, message: '请填写吨数' },
            { pattern: /^\d+(\.\d{1,3})?$/, message: '吨数应为大于0的数字,最多3位小数' },
          ]}
        >
          <Input inputMode="decimal" suffix="吨" placeholder="如 25.125" />
        </Form.Item>
        <Form.Item name="grade" label="品级" rules={[{ required: true, message: '请填写品级' }]}>
          <Select options={COPPER_GRADES.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item name="storedOn" label="入库日期">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 办理质押: the finance officer picks a held receipt and the institution; an institution's user types
 * the warehouse and receipt number the firm gave it. The price defaults to the table's on the priced
 * day (定价不结算) and the form shows the limit before anything is sent.
 */
export function PledgeFormModal({ open, onClose, asBank }: { open: boolean; onClose: () => void; asBank: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useCreatePledge();
  const institutions = useInstitutions();
  const receipts = useReceipts({ status: undefined });
  const receiptId = Form.useWatch('receiptId', form) as string | undefined;
  const warehouse = Form.useWatch('warehouse', form) as string | undefined;
  const receiptNo = Form.useWatch('receiptNo', form) as string | undefined;
  const pricedOnValue = Form.useWatch('pricedOn', form) as dayjs.Dayjs | undefined;
  const pricedOn = pricedOnValue ? pricedOnValue.format('YYYY-MM-DD') : parkToday();
  const quote = useQuote({ receiptId, warehouse: asBank ? warehouse : undefined, receiptNo: asBank ? receiptNo : undefined, pricedOn }, open && (asBank ? !!(warehouse && receiptNo) : !!receiptId));
  const priceYuan = Form.useWatch('priceYuan', form) as string | undefined;
  useEffect(() => {
    if (quote.data?.priceFenPerTon) form.setFieldValue('priceYuan', (quote.data.priceFenPerTon / 100).toFixed(2));
  }, [quote.data?.priceFenPerTon, quote.data?.pricedOn, form]);
  const priceFen = priceYuan ? parseYuanToFen(priceYuan) : null;
  const limitFen =
    quote.data && quote.data.weightKg !== null && priceFen ? Number((BigInt(quote.data.weightKg) * BigInt(priceFen) * BigInt(quote.data.ltvBp)) / 10_000_000n) : null;
  const held = (receipts.data ?? []).filter((r) => r.status !== 'pledged');
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        receiptId: asBank ? undefined : v.receiptId,
        warehouse: asBank ? v.warehouse : undefined,
        receiptNo: asBank ? v.receiptNo : undefined,
        bankId: asBank ? undefined : v.bankId,
        pricedOn,
        priceFenPerTon: priceFen ?? undefined,
        loanFen: parseYuanToFen(v.loan) ?? 0,
        note: v.note || undefined,
      });
      message.success(`已办理质押 ${res.number}`);
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, { loanFen: 'loan', priceFenPerTon: 'priceYuan' })) message.error(errorMessage(e));
    }
  };
  return (
    <Modal open={open} title="办理仓单质押" okText="办理质押" cancelText="取消" onOk={submit} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        {asBank ? (
          <>
            <Form.Item name="warehouse" label="仓库" rules={[{ required: true, message: '请填写仓库' }]}>
              <Input maxLength={80} placeholder="与仓单上的仓库名称一致" />
            </Form.Item>
            <Form.Item name="receiptNo" label="仓单号" rules={[{ required: true, message: '请填写仓单号' }]}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="receiptId" label="仓单" rules={[{ required: true, message: '请选择仓单' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={receipts.isLoading}
                placeholder="选择企业持有的仓单"
                options={held.map((r) => ({ value: r.id, label: `${r.enterpriseName} · ${r.receiptNo} · ${formatTons(r.weightKg)}` }))}
              />
            </Form.Item>
            <Form.Item name="bankId" label="质权金融机构" rules={[{ required: true, message: '请选择金融机构' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={institutions.isLoading} options={(institutions.data ?? []).map((b) => ({ value: b.id, label: b.shortName ?? b.name }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="pricedOn" label="定价日期(购铜日)" extra="定价不结算:按购铜当日价格定价,日后结算">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder={parkToday()} />
        </Form.Item>
        <Form.Item name="priceYuan" label="定价(元/吨)" extra={quote.data ? (quote.data.priceFenPerTon ? `铜价表 ${quote.data.pricedOn} 及之前最近价格 ${formatPricePerTon(quote.data.priceFenPerTon)}` : '铜价表中没有该日及之前的价格,请填写') : undefined}>
          <Input inputMode="decimal" suffix="元/吨" />
        </Form.Item>
        {quote.isError && <Alert type="error" showIcon title={errorMessage(quote.error)} style={{ marginBottom: 12 }} />}
        {limitFen !== null && quote.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`质押额度 ${formatYuan(limitFen)}`}
            description={`${formatTons(quote.data.weightKg ?? 0)} × ${priceFen ? formatPricePerTon(priceFen) : '—'} × 质押率 ${(quote.data.ltvBp / 100).toFixed(2)}%(舍去不足1分)`}
          />
        )}
        <Form.Item name="loan" label="贷款金额(元)" rules={[{ required: true, message: '请填写贷款金额' }]}>
          <Input inputMode="decimal" suffix="元" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}


