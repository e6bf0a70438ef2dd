import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { PolicyGrantDetail } from '@yuanqi/contract';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCancelGrant, useConfirmGrant, usePolicyGrant } from './api';
import { GrantStatusTag, periodText } from './bits';
import './policies.css';

function ConfirmForm({ g, onBehalf }: { g: PolicyGrantDetail; onBehalf: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountName: string; bankName: string; accountNo: string; note?: string }>();
  const confirm = useConfirmGrant(g.id);
  const s = g.suggestedAccount;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ accountName: s?.accountName ?? g.enterpriseName, bankName: s?.bankName ?? '', accountNo: s?.accountNo ?? '' }}
      onFinish={async (v) => {
        try {
          const res = await confirm.mutateAsync({ accountName: v.accountName.trim(), bankName: v.bankName.trim(), accountNo: v.accountNo.trim(), note: v.note?.trim() || null });
          message.success(res.status === 'paid' ? `已确认并拨付 ${formatAmount(res.amountFen)}` : '已确认');
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form.Item name="accountName" label="开户名称" rules={[{ required: true, whitespace: true, message: '请填写开户名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }]}>
        <Input maxLength={100} placeholder="如 中国工商银行鹰潭分行" />
      </Form.Item>
      <Form.Item name="accountNo" label="银行账号" rules={[{ required: true, message: '请填写银行账号' }, { pattern: /^[\d\s-]{8,40}$/, message: '银行账号应为8-32位数字' }]}>
        <Input maxLength={40} inputMode="numeric" className="yq-mono" />
      </Form.Item>
      {onBehalf && (
        <Form.Item name="note" label="代为确认说明" rules={[{ required: true, whitespace: true, message: '代企业确认须说明确认方式' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder="如 电话确认,联系人张三 139****0000" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={confirm.isPending} block size="large">
        {onBehalf ? '代企业确认并拨付' : '确认账户,领取资金'}
      </Button>
    </Form>
  );
}

function CancelModal({ g, onClose }: { g: PolicyGrantDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelGrant(g.id);
  return (
    <Modal
      open
      title="取消这笔兑现"
      okText="取消兑现"
      okButtonProps={{ danger: true }}
      cancelText="返回"
      confirmLoading={cancel.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        await cancel.mutateAsync(v.reason.trim());
        message.success('已取消');
        onClose();
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="取消原因" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }, { min: 2, message: '至少2个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A 免申即享 grant: the firm confirms its account (or the window on its behalf) and is paid at once. */
export function GrantPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const grant = usePolicyGrant(id);
  const [cancelling, setCancelling] = useState(false);
  const g = grant.data;
  const forFirm = isEnterpriseOnly(me);
  if (grant.isLoading) {
    return (
      <div className="yq-narrow">
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (grant.isError || !g) {
    return (
      <div className="yq-narrow">
        <Card>
          <QueryError error={grant.error} what="兑现记录" onRetry={() => grant.refetch()} />
        </Card>
      </div>
    );
  }
  const canConfirm = g.allowedActions.includes('confirm');
  return (
    <div className="yq-narrow">
      <PageHeader
        title="免申即享兑现"
        docTitle={`${g.policyTitle} 兑现`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(forFirm ? '/my/policy-applications?tab=grants' : '/policy-runs'))}>
            返回
          </Button>
        }
      />
      <Card className="yq-section">
        <div className="yq-app-head">
          <span className="yq-reco-title">{g.policyTitle}</span>
          <GrantStatusTag status={g.status} />
        </div>
        <div style={{ margin: '10px 0' }}>
          {forFirm ? '贵企业' : g.enterpriseName} 可获 <strong className="yq-reco-amount">{formatAmount(g.amountFen)}</strong>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            期间 {periodText(g.periodKey)}
          </Typography.Text>
        </div>
        {g.reasons.length > 0 && (
          <ul className="yq-reco-reasons">
            {g.reasons.map((t, i) => (
              <li key={i}>{t.replace(/\s*(✓|✗|\?\(数据不全\))\s*$/, '')}</li>
            ))}
          </ul>
        )}
        {g.status === 'awaiting' && g.reservedFen > 0 && (
          <div className="yq-grant-held" style={{ margin: '6px 0' }}>
            资金已预留 <strong>{formatAmount(g.reservedFen)}</strong>
            {g.expiresAt && <>,请于 {formatDateTime(g.expiresAt)} 前确认收款账户,逾期未确认将过期、预留资金退回专项资金</>}
          </div>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          免申即享:无需申报,平台按数据自动判定。发放于 {formatDateTime(g.createdAt)}
        </Typography.Text>
      </Card>
      {g.status === 'awaiting' && canConfirm && (
        <Card title={forFirm ? '确认收款账户' : '代企业确认收款账户'} className="yq-section yq-callout">
          {!forFirm && <Alert type="info" showIcon className="yq-section" title="企业未在系统中确认时,经电话等方式核实后由窗口代为确认,须写明确认方式。" />}
          <ConfirmForm g={g} onBehalf={!forFirm} />
        </Card>
      )}
      {g.status === 'paid' && (
        <Card className="yq-section">
          <Result
            status="success"
            title={`已拨付 ${formatAmount(g.amountFen)}`}
            subTitle={
              <div>
                <div>
                  拨付凭证号 <span className="yq-mono">{g.voucherNumber}</span> · {formatDateTime(g.paidAt)}
                </div>
                <div>
                  {g.accountName} · {g.bankName} · <span className="yq-mono">{g.accountNo}</span>
                </div>
                {g.confirmedOnBehalf && <div>由 {g.confirmedByName} 代为确认:{g.confirmNote}</div>}
              </div>
            }
            style={{ padding: '12px 0' }}
          />
        </Card>
      )}
      {g.status === 'cancelled' && <Alert className="yq-section" type="warning" showIcon title="这笔兑现已取消" description={g.cancelledReason} />}
      {g.status === 'expired' && <Alert className="yq-section" type="warning" showIcon title="这笔兑现已过期" description="未在期限内确认收款账户,预留资金已退回专项资金。如有疑问请联系政策兑现窗口。" />}
      {!forFirm && (
        <Card title="记录" className="yq-section">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'firm', label: '企业', children: <Link to={`/enterprises/${g.enterpriseId}`}>{g.enterpriseName}</Link> },
              { key: 'run', label: '兑现批次', children: <Link to={`/policy-runs/${g.runId}`}>查看批次报告</Link> },
              { key: 'ver', label: '规则版本', children: `第${g.versionNo}版` },
              ...(g.confirmedAt ? [{ key: 'c', label: '确认', children: `${g.confirmedByName ?? ''} ${formatDateTime(g.confirmedAt)}${g.confirmedOnBehalf ? '(代确认)' : ''}` }] : []),
            ]}
          />
          {g.allowedActions.includes('cancel') && (
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} style={{ marginTop: 8 }}>
              取消兑现
            </Button>
          )}
        </Card>
      )}
      {cancelling && <CancelModal g={g} onClose={() => setCancelling(false)} />}
    </div>
  );
}
