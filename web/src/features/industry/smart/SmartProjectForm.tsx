import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { SMART_PROJECT_STATUSES, SMART_PROJECT_STATUS_LABELS, fenToYuanString, parseYuanToFen, type SmartProjectDetail, type SmartProjectStatus } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { applyFieldErrors } from '../../../components/forms';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useCreateSmartProject, useUpdateSmartProject } from './api';

type Values = {
  enterpriseId?: string;
  name: string;
  content?: string;
  vendor?: string;
  investment: string;
  status: SmartProjectStatus;
  startedOn?: dayjs.Dayjs | null;
  liveOn?: dayjs.Dayjs | null;
};

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 新建 / 修改项目: the office picks the firm; a firm files for itself. Investment typed in 元 (or “1200万”). */
export function SmartProjectForm({ open, onClose, project, onSaved }: { open: boolean; onClose: () => void; project?: SmartProjectDetail; onSaved?: (p: SmartProjectDetail) => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateSmartProject();
  const update = useUpdateSmartProject();
  const pickFirm = !project && !me.enterpriseId;
  const status = Form.useWatch('status', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project) {
      form.setFieldsValue({
        name: project.name,
        content: project.content ?? '',
        vendor: project.vendor ?? '',
        investment: fenToYuanString(project.investmentFen).replace(/,/g, ''),
        status: project.status,
        startedOn: project.startedOn ? dayjs(project.startedOn) : null,
        liveOn: project.liveOn ? dayjs(project.liveOn) : null,
      });
    }
  }, [open, project, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      content: v.content || null,
      vendor: v.vendor || null,
      investmentFen: parseYuanToFen(v.investment) ?? -1,
      status: v.status,
      startedOn: day(v.startedOn),
      liveOn: day(v.liveOn),
    };
    try {
      const saved = project ? await update.mutateAsync({ id: project.id, body: { ...body, version: project.version } }) : await create.mutateAsync({ ...body, enterpriseId: v.enterpriseId });
      message.success(project ? '项目已保存' : '项目已创建,请填写改造前后的月度运行成本');
      onClose();
      onSaved?.(saved);
    } catch (e) {
      if (!applyFieldErrors(form, e, { investmentFen: 'investment' })) message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open={open}
      title={project ? '修改智能化改造项目' : '新建智能化改造项目'}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'building' }}>
        {pickFirm && (
          <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterpriseSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, { max: 80, message: '项目名称最多80个字' }]}>
          <Input placeholder="如 熔铸车间智能温控改造" />
        </Form.Item>
        <Form.Item name="content" label="改造内容" rules={[{ max: 2000, message: '改造内容最多2000个字' }]}>
          <Input.TextArea rows={3} placeholder="改造了哪条产线、上了哪些系统和设备" />
        </Form.Item>
        <Form.Item name="vendor" label="服务商" rules={[{ max: 80, message: '服务商最多80个字' }]}>
          <Input placeholder="实施单位名称" />
        </Form.Item>
        <Form.Item
          name="investment"
          label="总投资(元)"
          extra="可写 6500000 或 650万"
          rules={[
            { required: true, message: '请填写总投资' },
            { validator: (_, v) => (v && (parseYuanToFen(v) ?? -1) < 0 ? Promise.reject(new Error('总投资应为不小于0的金额')) : Promise.resolve()) },
          ]}
        >
          <Input inputMode="decimal" suffix="元" placeholder="如 650万" />
        </Form.Item>
        <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
          <Select options={SMART_PROJECT_STATUSES.map((s) => ({ value: s, label: SMART_PROJECT_STATUS_LABELS[s] }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="startedOn" label="启动日期" style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="liveOn"
            label={status === 'live' ? '上线日期' : '计划上线日期'}
            style={{ flex: '1 1 200px' }}
            rules={[{ required: status === 'live', message: '已上线的项目请填写上线日期' }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={status === 'live' ? (d) => d.isAfter(dayjs(), 'day') : undefined} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
