import { useState } from 'react';
import { App, AutoComplete, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CheckOutlined,
  EditOutlined,
  RollbackOutlined,
  StopOutlined,
  SwapOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { DEMAND_ACTION_INPUTS, type DemandAction, type DemandCategory, type DemandDetail, type DemandTransitionRequest } from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { useLiaisons } from '../enterprises/api';
import { useDemandTransition } from './api';

/** What each action's button says; the order is the order buttons appear in. */
export const ACTION_BUTTONS: Record<DemandAction, { label: string; icon: React.ReactNode; primary?: boolean; danger?: boolean }> = {
  accept: { label: '签收', icon: <CheckOutlined />, primary: true },
  answer: { label: '答复', icon: <EditOutlined />, primary: true },
  transfer: { label: '转办', icon: <SwapOutlined /> },
  reassign: { label: '改派', icon: <UserSwitchOutlined /> },
  confirm: { label: '确认解决', icon: <CheckCircleOutlined />, primary: true },
  reject: { label: '不满意退回', icon: <RollbackOutlined />, danger: true },
  close: { label: '代企业确认办结', icon: <CheckCircleOutlined /> },
  withdraw: { label: '撤回', icon: <StopOutlined />, danger: true },
};
const ORDER: DemandAction[] = ['accept', 'answer', 'transfer', 'reassign', 'confirm', 'reject', 'close', 'withdraw'];

/** Common 承办单位 for the transfer box; any other name may be typed. */
const DEPARTMENTS = ['行政审批局', '经济发展局', '财政金融局', '人力资源和社会保障局', '自然资源和规划分局', '生态环境分局', '市场监督管理分局', '税务分局', '供电公司', '科技创新局', '招商服务中心', '建设管理局'];

type ModalText = { title: string; ok: string; noteLabel: string; notePlaceholder: string; intro?: React.ReactNode };

function textsFor(action: DemandAction, d: DemandDetail, category: DemandCategory | undefined): ModalText {
  switch (action) {
    case 'accept':
      return {
        title: `签收诉求 ${d.number}`,
        ok: '确认签收',
        noteLabel: '签收说明(选填)',
        notePlaceholder: '如:已联系企业,了解情况后办理',
        intro: `签收后由您首接负责,答复期限开始计算${category ? `(${category.label}类 ${category.answerDays} 个工作日)` : ''}。`,
      };
    case 'transfer':
      return { title: '转办到承办单位', ok: '确认转办', noteLabel: '转办理由', notePlaceholder: '说明需要承办单位办理的事项', intro: '转办后您仍是首接负责人,负责跟进和答复企业。' };
    case 'answer':
      return { title: '答复企业', ok: '提交答复', noteLabel: '答复内容', notePlaceholder: '写明办理结果、依据和后续安排,企业将据此确认是否解决', intro: '企业确认后办结;7天内未确认将自动办结。' };
    case 'confirm':
      return { title: '确认问题已解决?', ok: '确认解决', noteLabel: '补充说明(选填)', notePlaceholder: '', intro: '确认后诉求办结,请对办理情况作出评价。' };
    case 'reject':
      return { title: '不满意,退回重办', ok: '退回', noteLabel: '不满意的理由', notePlaceholder: '请说明答复哪里没有解决问题,专员将重新办理' };
    case 'close':
      return {
        title: '代企业确认办结',
        ok: '确认办结',
        noteLabel: '办结说明',
        notePlaceholder: '如:已电话联系企业负责人,确认问题已解决',
        intro: '企业未在系统中确认时,经电话等方式核实后由调度专班办结;企业仍可评价。',
      };
    case 'withdraw':
      return { title: '撤回这件诉求?', ok: '撤回', noteLabel: '撤回原因(选填)', notePlaceholder: '如:问题已自行解决', intro: '撤回后诉求不再办理,且不能恢复。' };
    case 'reassign':
      return { title: '改派负责人', ok: '确认改派', noteLabel: '改派说明(选填)', notePlaceholder: '', intro: d.assigneeName ? `当前负责人:${d.assigneeName}` : '当前无负责人(调度池)' };
  }
}

type Values = { note?: string; department?: string; assigneeId?: string };

function ActionModal({ demand, action, category, onClose }: { demand: DemandDetail; action: DemandAction; category?: DemandCategory; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const transition = useDemandTransition(demand.id);
  const inputs = DEMAND_ACTION_INPUTS[action];
  const texts = textsFor(action, demand, category);
  const liaisons = useLiaisons(!!inputs.assignee);

  const submit = async () => {
    const values = await form.validateFields();
    const body: DemandTransitionRequest = {
      action,
      note: values.note?.trim() || undefined,
      ...(inputs.department ? { department: values.department?.trim() } : {}),
      ...(inputs.assignee ? { assigneeId: values.assigneeId } : {}),
    };
    try {
      const d = await transition.mutateAsync(body);
      message.success(`已${ACTION_BUTTONS[action].label}${d.status === 'resolved' ? ',等待企业确认' : ''}`);
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={texts.title}
      okText={texts.ok}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      okButtonProps={{ danger: ACTION_BUTTONS[action].danger }}
      destroyOnHidden
      maskClosable={!transition.isPending}
    >
      {texts.intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {texts.intro}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" requiredMark={false} disabled={transition.isPending}>
        {inputs.department && (
          <Form.Item name="department" label="承办单位" rules={[{ required: true, whitespace: true, message: '请填写承办单位' }]}>
            <AutoComplete options={DEPARTMENTS.map((v) => ({ value: v }))} placeholder="选择或输入承办单位" filterOption={(input, o) => String(o?.value ?? '').includes(input)} maxLength={100} />
          </Form.Item>
        )}
        {inputs.assignee && (
          <Form.Item name="assigneeId" label="新的负责人" rules={[{ required: true, message: '请选择新的负责人' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={liaisons.isLoading}
              placeholder="选择驻企专员"
              options={(liaisons.data?.items ?? []).filter((l) => l.id !== demand.assigneeId).map((l) => ({ value: l.id, label: `${l.displayName}(服务${l.enterpriseCount}家)` }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={texts.noteLabel}
          rules={
            inputs.note === 'required'
              ? [
                  { required: true, whitespace: true, message: `请填写${texts.noteLabel}` },
                  { min: 2, message: `${texts.noteLabel}至少2个字` },
                ]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: action === 'answer' ? 5 : 3, maxRows: 12 }} maxLength={2000} showCount placeholder={texts.notePlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Exactly the buttons `allowedActions` lists, each opening the form its action needs. */
export function DemandActionButtons({
  demand,
  category,
  only,
  block = false,
}: {
  demand: DemandDetail;
  category?: DemandCategory;
  only?: DemandAction[];
  block?: boolean;
}) {
  const [open, setOpen] = useState<DemandAction | null>(null);
  const actions = ORDER.filter((a) => demand.allowedActions.includes(a) && (!only || only.includes(a)));
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap style={block ? { width: '100%' } : undefined} className={block ? 'yq-action-stack' : undefined}>
        {actions.map((a) => {
          const b = ACTION_BUTTONS[a];
          return (
            <Button key={a} type={b.primary ? 'primary' : 'default'} danger={b.danger} icon={b.icon} onClick={() => setOpen(a)} block={block} size={block ? 'large' : 'middle'}>
              {b.label}
            </Button>
          );
        })}
      </Space>
      {open && <ActionModal demand={demand} action={open} category={category} onClose={() => setOpen(null)} />}
    </>
  );
}

export function autoCloseHint(d: DemandDetail): string | null {
  return d.status === 'resolved' && d.autoCloseAt ? `${formatDateTime(d.autoCloseAt)}前未确认的,系统将自动办结` : null;
}
