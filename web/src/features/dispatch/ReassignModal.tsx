import { App, Descriptions, Form, Input, Modal, Select } from 'antd';
import type { DemandSummary } from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { useLiaisons } from '../enterprises/api';
import { useReassign } from './api';

type Values = { assigneeId: string; note?: string };

/** 分派 (a demand nobody owns yet) or 改派 (escalated, overdue) to another officer. */
export function ReassignModal({ demand, onClose }: { demand: DemandSummary | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const liaisons = useLiaisons(!!demand);
  const reassign = useReassign();
  const assigning = demand?.assigneeId === null;
  const verb = assigning ? '分派' : '改派';

  const submit = (v: Values) => {
    if (!demand) return;
    reassign.mutate(
      { id: demand.id, assigneeId: v.assigneeId, note: v.note?.trim() },
      {
        onSuccess: (d) => {
          message.success(`${d.number} 已${verb}给 ${d.assigneeName ?? '新负责人'}`);
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Modal
      open={!!demand}
      title={`${verb}诉求`}
      okText={`确认${verb}`}
      onOk={() => form.submit()}
      confirmLoading={reassign.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {demand && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="诉求">
            <span className="yq-mono">{demand.number}</span>&nbsp;{demand.title}
          </Descriptions.Item>
          <Descriptions.Item label="企业">{demand.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="当前负责人">{demand.assigneeName ?? '待分派'}</Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} name="reassign" layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="assigneeId" label="新的负责人" rules={[{ required: true, message: `请选择${verb}给哪位驻企专员` }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择驻企专员"
            loading={liaisons.isLoading}
            options={(liaisons.data?.items ?? [])
              .filter((l) => l.id !== demand?.assigneeId)
              .map((l) => ({ value: l.id, label: `${l.displayName}(服务${l.enterpriseCount}家)` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={`${verb}说明`} rules={[{ max: 2000, message: '说明最多2000个字' }]}>
          <Input.TextArea rows={3} placeholder="如:原负责人休假,改由熟悉该企业的专员跟进" maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
