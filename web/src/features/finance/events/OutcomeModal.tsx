import { useEffect } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { applyFieldErrors } from '../../../components/forms';
import { parkToday, wanToFen } from '../../../components/format';
import { useRecordOutcome } from './api';

type Values = { enterpriseId: string; bankId?: string; amountWan: number; signedOn: dayjs.Dayjs; contractNo?: string; note?: string };

/** 登记签约结果: the finance officer picks the institution; an institution records for itself. */
export function OutcomeModal({
  open,
  eventId,
  firms,
  banks,
  defaults,
  onClose,
}: {
  open: boolean;
  eventId: string;
  firms: { id: string; name: string }[];
  /** null: the institution itself records (no picker) */
  banks: { id: string; name: string }[] | null;
  defaults?: { enterpriseId?: string; bankId?: string };
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const record = useRecordOutcome(eventId);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ signedOn: dayjs(parkToday()), ...defaults });
    }
  }, [open, defaults, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await record.mutateAsync({ enterpriseId: v.enterpriseId, ...(v.bankId ? { bankId: v.bankId } : {}), signedAmountFen: wanToFen(v.amountWan) ?? 0, signedOn: v.signedOn.format('YYYY-MM-DD'), contractNo: v.contractNo || null, note: v.note || null });
      onClose();
    } catch (e) {
      applyFieldErrors(form, e, { signedAmountFen: 'amountWan' });
    }
  };
  return (
    <Modal open={open} title="登记签约结果" okText="保存" cancelText="取消" onOk={submit} confirmLoading={record.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="enterpriseId" label="签约企业" rules={[{ required: true, message: '请选择签约企业' }]}>
          <Select showSearch optionFilterProp="label" placeholder="报名企业" options={firms.map((f) => ({ value: f.id, label: f.name }))} />
        </Form.Item>
        {banks && (
          <Form.Item name="bankId" label="金融机构" rules={[{ required: true, message: '请选择签约金融机构' }]}>
            <Select showSearch optionFilterProp="label" options={banks.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        )}
        <Form.Item name="amountWan" label="签约金额(万元)" rules={[{ required: true, message: '请填写签约金额' }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="signedOn" label="签约日期" rules={[{ required: true, message: '请选择签约日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="contractNo" label="合同编号">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
