import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Progress, Select, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { VoucherDetail } from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, parkToday } from '../../components/format';
import { useProviders, useRedeemVoucher } from './api';
import { MoneyInput, yuan } from './bits';

type Values = { providerId: string; serviceType?: string; invoiceNo: string; invoiceAmountFen: number; invoiceDate: Dayjs; amountFen: number; description?: string };

const MAX_BYTES = 20 * 1024 * 1024;

/** 使用创新券: the provider, the invoice (number, amount, date, scan) and the amount to claim. */
export function RedeemForm({ voucher, onDone }: { voucher: VoucherDetail; onDone: (v: VoucherDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const providers = useProviders();
  const redeem = useRedeemVoucher(voucher.id);
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const providerId = Form.useWatch('providerId', form);
  const active = (providers.data?.items ?? []).filter((p) => p.status === 'active');
  const provider = active.find((p) => p.id === providerId);
  const serviceTypes = (provider?.serviceTypes ?? []).filter((t) => voucher.serviceTypes.length === 0 || voucher.serviceTypes.includes(t));

  const submit = async () => {
    const v = await form.validateFields();
    const file = files[0]?.originFileObj;
    if (!file) {
      setFileError('请上传发票(pdf、jpg 或 png)');
      return;
    }
    const body = new FormData();
    body.set('providerId', v.providerId);
    if (v.serviceType) body.set('serviceType', v.serviceType);
    body.set('invoiceNo', v.invoiceNo.trim());
    body.set('invoiceAmountFen', String(v.invoiceAmountFen));
    body.set('invoiceDate', v.invoiceDate.format('YYYY-MM-DD'));
    body.set('amountFen', String(v.amountFen));
    if (v.description) body.set('description', v.description);
    body.set('file', file, file.name);
    try {
      setPercent(0);
      const result = await redeem.mutateAsync({ form: body, onProgress: (p) => setPercent(p.percent) });
      message.success(`已提交,抵用 ${yuan(v.amountFen)},等待园区审核兑付`);
      form.resetFields();
      setFiles([]);
      onDone(result);
    } catch (e) {
      if (isApiError(e) && e.details.some((d) => d.path === 'file')) setFileError(e.details.find((d) => d.path === 'file')!.message);
      applyFieldErrors(form, e);
    } finally {
      setPercent(null);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark="optional">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        本券可抵用余额 <Typography.Text strong>{yuan(voucher.remainingFen)}</Typography.Text>,有效期至 {voucher.validUntil}。请在园区登记的服务机构使用,凭服务机构开具的发票申请抵用,园区审核后直接兑付给服务机构。
      </Typography.Paragraph>
      <Form.Item name="providerId" label="服务机构" rules={[{ required: true, message: '请选择服务机构' }]}>
        <Select
          placeholder="选择登记的服务机构"
          loading={providers.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={active.map((p) => ({ value: p.id, label: p.name }))}
          onChange={() => form.setFieldValue('serviceType', undefined)}
        />
      </Form.Item>
      <Form.Item name="serviceType" label="服务类型">
        <Select allowClear placeholder={provider ? '选择服务类型' : '先选择服务机构'} disabled={!provider} options={serviceTypes.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      <Form.Item name="invoiceNo" label="发票号码" rules={[{ required: true, message: '请填写发票号码' }, { pattern: /^[0-9A-Za-z]{8,20}$/, message: '发票号码应为8-20位数字或字母' }]}>
        <Input inputMode="numeric" placeholder="发票右上角的号码" />
      </Form.Item>
      <Form.Item name="invoiceAmountFen" label="发票金额" rules={[{ required: true, message: '请填写发票金额' }]}>
        <MoneyInput />
      </Form.Item>
      <Form.Item name="invoiceDate" label="开票日期" rules={[{ required: true, message: '请选择开票日期' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(parkToday()), 'day') || d.isBefore(dayjs(voucher.issuedOn), 'day')} />
      </Form.Item>
      <Form.Item
        name="amountFen"
        label="本次抵用金额"
        dependencies={['invoiceAmountFen']}
        rules={[
          { required: true, message: '请填写抵用金额' },
          ({ getFieldValue }) => ({
            validator: (_, value: number | null) => {
              if (value === null || value === undefined) return Promise.resolve();
              if (value <= 0) return Promise.reject(new Error('抵用金额应大于0'));
              if (value > voucher.remainingFen) return Promise.reject(new Error(`最多可抵用 ${yuan(voucher.remainingFen)}`));
              const invoice = getFieldValue('invoiceAmountFen') as number | null;
              if (invoice !== null && invoice !== undefined && value > invoice) return Promise.reject(new Error('抵用金额不能超过发票金额'));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <MoneyInput max={voucher.remainingFen} />
      </Form.Item>
      <Form.Item name="description" label="服务内容">
        <Input.TextArea rows={2} placeholder="如:产品 EMC 检测" />
      </Form.Item>
      <Form.Item label="发票" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? 'pdf、jpg 或 png,20MB 以内'}>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png"
          maxCount={1}
          fileList={files}
          beforeUpload={(file) => {
            if (file.size > MAX_BYTES) {
              setFileError('文件超过 20MB');
              return Upload.LIST_IGNORE;
            }
            setFileError(null);
            return false;
          }}
          onChange={({ fileList }) => setFiles(fileList.slice(-1))}
        >
          <Button icon={<UploadOutlined />}>上传发票</Button>
        </Upload>
      </Form.Item>
      {percent !== null && <Progress percent={percent} size="small" />}
      <Button type="primary" block size="large" loading={redeem.isPending} onClick={submit}>
        提交抵用申请
      </Button>
    </Form>
  );
}
