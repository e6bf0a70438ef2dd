import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { FINANCE_EVENT_STATUSES, FINANCE_EVENT_STATUS_LABELS, type FinanceEventDetail, type FinanceEventStatus } from '@yuanqi/contract';
import { applyFieldErrors } from '../../../components/forms';
import { useInstitutions } from '../api';
import { useSaveEvent } from './api';

type Values = { title: string; theme?: string; heldOn: dayjs.Dayjs; venue?: string; signupDeadline?: dayjs.Dayjs | null; description?: string; bankIds: string[]; status?: FinanceEventStatus };

/** 新建 / 编辑融资对接会: title, theme, date, venue, sign-up deadline, description, participating institutions. */
export function EventFormModal({ open, event, onClose, onSaved }: { open: boolean; event?: FinanceEventDetail; onClose: () => void; onSaved: (e: FinanceEventDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const institutions = useInstitutions();
  const save = useSaveEvent(event?.id);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (event) {
      form.setFieldsValue({
        title: event.title,
        theme: event.theme ?? undefined,
        heldOn: dayjs(event.heldOn),
        venue: event.venue ?? undefined,
        signupDeadline: event.signupDeadline ? dayjs(event.signupDeadline) : null,
        description: event.description ?? undefined,
        bankIds: event.banks.map((b) => b.id),
        status: event.status,
      });
    }
  }, [open, event, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const saved = await save.mutateAsync({
        title: v.title,
        theme: v.theme || null,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        venue: v.venue || null,
        signupDeadline: v.signupDeadline ? v.signupDeadline.format('YYYY-MM-DD') : null,
        description: v.description || null,
        bankIds: v.bankIds ?? [],
        ...(event ? { status: v.status } : {}),
      });
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal open={open} title={event ? '编辑融资对接会' : '新建融资对接会'} okText="保存" cancelText="取消" onOk={submit} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="title" label="对接会名称" rules={[{ required: true, message: '请填写对接会名称' }, { max: 100, message: '对接会名称不超过100字' }]}>
          <Input placeholder="如:复工复产融资对接会" />
        </Form.Item>
        <Form.Item name="theme" label="主题">
          <Input placeholder="如:金融助企纾困" maxLength={200} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="heldOn" label="举办日期" rules={[{ required: true, message: '请选择举办日期' }]} style={{ flex: 1, minWidth: 180 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="signupDeadline" label="报名截止日" style={{ flex: 1, minWidth: 180 }} extra="留空则举办当日截止">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {event && (
            <Form.Item name="status" label="状态" style={{ flex: 1, minWidth: 140 }}>
              <Select options={FINANCE_EVENT_STATUSES.map((s) => ({ value: s, label: FINANCE_EVENT_STATUS_LABELS[s] }))} />
            </Form.Item>
          )}
        </div>
        <Form.Item name="venue" label="地点">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="bankIds" label="参会金融机构" rules={[{ required: true, message: '请至少选择一家参会金融机构' }]}>
          <Select
            mode="multiple"
            loading={institutions.isLoading}
            placeholder="选择银行、担保、保险等机构"
            optionFilterProp="label"
            options={(institutions.data ?? []).filter((i) => i.status === 'active').map((i) => ({ value: i.id, label: i.shortName ?? i.name }))}
          />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
