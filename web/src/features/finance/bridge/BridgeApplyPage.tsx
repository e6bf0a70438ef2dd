import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { bridgeAddDays, computeBridgeFee, formatDailyRatePpm, formatYuan } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { applyFieldErrors } from '../../../components/forms';
import { parkToday } from '../../../components/format';
import { useEnterpriseList } from '../../enterprises/api';
import { MoneyInput } from '../../funds/bits';
import { useFinanceParameters, useInstitutions } from '../api';
import { useFileBridgeLoan } from './api';
import './bridge.css';

type Values = {
  enterpriseId?: string;
  bankId?: string;
  maturingContractNo?: string;
  maturingPrincipalFen?: number | null;
  maturingDueOn?: Dayjs;
  amountFen?: number | null;
  daysRequested?: number | null;
  purpose?: string;
};

/** 应急转贷申请: the maturing loan, the amount and days, the purpose; phone first. */
export default function BridgeApplyPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const banks = useInstitutions();
  const params = useFinanceParameters();
  const file = useFileBridgeLoan();
  const forFirm = !me.enterpriseId;
  const firms = useEnterpriseList({ liaisonId: me.id, page: 1, pageSize: 200 } as never, forFirm);
  const param = (key: string) => params.data?.find((p) => p.key === key)?.current;
  const maxDays = param('bridge_max_days') ?? 15;
  const rate = param('bridge_daily_rate_ppm') ?? 100;
  const maxAmount = param('bridge_max_amount_fen');
  const amount = Form.useWatch('amountFen', form);
  const days = Form.useWatch('daysRequested', form);
  const principal = Form.useWatch('maturingPrincipalFen', form);
  const today = parkToday();
  const estimate = amount && days ? computeBridgeFee({ principalFen: amount, dailyRatePpm: rate, penaltyRatePpm: 0, maxDays, disbursedOn: today, repaidOn: bridgeAddDays(today, days) }) : null;

  const submit = async (v: Values) => {
    try {
      const loan = await file.mutateAsync({
        enterpriseId: forFirm ? v.enterpriseId : undefined,
        bankId: v.bankId!,
        maturingContractNo: v.maturingContractNo!,
        maturingPrincipalFen: v.maturingPrincipalFen!,
        maturingDueOn: v.maturingDueOn!.format('YYYY-MM-DD'),
        amountFen: v.amountFen!,
        daysRequested: v.daysRequested!,
        purpose: v.purpose,
      });
      message.success(`已提交转贷申请 ${loan.number},等待贷款银行确认续贷承诺`);
      navigate(`/finance/bridge-loans/${loan.id}`);
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };

  return (
    <div className="yq-narrow">
      <div style={{ marginBottom: 8 }}>
        <Link to="/finance/bridge-loans">
          <ArrowLeftOutlined /> 应急转贷
        </Link>
      </div>
      <PageHeader title="申请应急转贷" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="先请贷款银行同意续贷"
        description={`转贷资金用于归还即将到期的银行贷款;贷款银行须在平台确认续贷承诺。日费率 ${formatDailyRatePpm(rate)},最长 ${maxDays} 天(放款当天算、归还当天不算)。`}
      />
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" scrollToFirstError>
          {forFirm && (
            <Form.Item name="enterpriseId" label="申请企业" rules={[{ required: true, message: '请选择申请企业' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={firms.isLoading} placeholder="我联系的企业" options={(firms.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
            </Form.Item>
          )}
          <Typography.Title level={5}>到期贷款</Typography.Title>
          <Form.Item name="bankId" label="贷款银行" rules={[{ required: true, message: '请选择贷款银行' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={banks.isLoading}
              placeholder="选择贷款银行"
              options={(banks.data ?? []).filter((b) => b.kind === 'bank' && b.status === 'active').map((b) => ({ value: b.id, label: b.shortName ?? b.name }))}
            />
          </Form.Item>
          <Form.Item name="maturingContractNo" label="贷款合同号" rules={[{ required: true, whitespace: true, message: '请填写贷款合同号' }, { max: 60, message: '最多60个字' }]}>
            <Input placeholder="到期贷款的合同编号" maxLength={60} />
          </Form.Item>
          <Form.Item name="maturingPrincipalFen" label="到期本金" rules={[{ required: true, message: '请填写到期本金' }]}>
            <MoneyInput />
          </Form.Item>
          <Form.Item name="maturingDueOn" label="贷款到期日" rules={[{ required: true, message: '请选择贷款到期日' }]}>
            <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
          </Form.Item>
          <Typography.Title level={5}>转贷</Typography.Title>
          <Form.Item
            name="amountFen"
            label="转贷金额"
            extra={maxAmount ? `不超过到期本金,单笔最高 ${formatYuan(maxAmount)}` : '不超过到期本金'}
            dependencies={['maturingPrincipalFen']}
            rules={[
              { required: true, message: '请填写转贷金额' },
              { validator: (_, v: number | null) => (v && principal && v > principal ? Promise.reject(new Error('转贷金额不能超过到期本金')) : Promise.resolve()) },
            ]}
          >
            <MoneyInput />
          </Form.Item>
          <Form.Item name="daysRequested" label="使用天数" extra={`最长 ${maxDays} 天`} rules={[{ required: true, message: '请填写使用天数' }]}>
            <InputNumber min={1} max={maxDays} precision={0} style={{ width: '100%' }} suffix="天" />
          </Form.Item>
          <Form.Item name="purpose" label="用途说明" rules={[{ max: 500, message: '最多500个字' }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder="例如:归还工商银行到期流动资金贷款,续贷后归还" />
          </Form.Item>
          {estimate && (
            <Alert
              type="success"
              style={{ marginBottom: 16 }}
              title={
                <span>
                  预计转贷费 <strong className="yq-bridge-fee">{formatYuan(estimate.feeFen, { symbol: true })}</strong>({estimate.daysUsed} 天 × {formatDailyRatePpm(rate)})
                </span>
              }
              description="按放款日的费率计算;以实际使用天数为准。"
            />
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={file.isPending}>
            提交申请
          </Button>
        </Form>
      </Card>
    </div>
  );
}
