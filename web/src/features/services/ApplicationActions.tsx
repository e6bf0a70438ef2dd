import { useState, type ReactNode } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, DatePicker, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileSyncOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  StopOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import {
  APPLICATION_ACTION_INPUTS,
  type ApplicationAction,
  type ApplicationDetailView,
  type ServiceApplicationActionRequest,
} from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, parkToday, weekdayOf } from '../../components/format';
import { useApplicationAction } from './api';

/** Each action's button; the order is the order buttons appear in. */
export const ACTION_BUTTONS: Record<ApplicationAction, { label: string; icon: ReactNode; primary?: boolean; danger?: boolean }> = {
  accept: { label: '受理', icon: <CheckOutlined />, primary: true },
  accept_rongque: { label: '容缺受理', icon: <SafetyCertificateOutlined /> },
  request_supplement: { label: '一次性告知补正', icon: <FileSyncOutlined /> },
  not_accept: { label: '不予受理', icon: <StopOutlined />, danger: true },
  start_review: { label: '开始审查', icon: <AuditOutlined />, primary: true },
  start_special: { label: '启动特别程序', icon: <PauseCircleOutlined /> },
  end_special: { label: '结束特别程序', icon: <PlayCircleOutlined />, primary: true },
  approve: { label: '准予许可', icon: <CheckCircleOutlined />, primary: true },
  refuse: { label: '不予许可', icon: <CloseCircleOutlined />, danger: true },
  record_visit: { label: '登记到现场', icon: <EnvironmentOutlined /> },
  supply: { label: '补交材料', icon: <EditOutlined /> },
  withdraw: { label: '撤回申请', icon: <StopOutlined />, danger: true },
};
const ORDER: ApplicationAction[] = ['accept', 'accept_rongque', 'request_supplement', 'not_accept', 'start_review', 'end_special', 'start_special', 'approve', 'refuse', 'record_visit', 'withdraw'];

type Texts = { title: string; ok: string; noteLabel: string; notePlaceholder: string; intro?: ReactNode };

function textsFor(action: ApplicationAction, a: ApplicationDetailView): Texts {
  const limit = a.caseKind === 'instant' ? '即办件,应当场办结' : `承诺 ${a.committedDays} 个工作日内办结(法定 ${a.clock.legalDays} 个工作日)`;
  switch (action) {
    case 'accept':
      return { title: `受理 ${a.number}`, ok: '确认受理', noteLabel: '受理意见(选填)', notePlaceholder: '如:材料齐全,符合法定形式', intro: `受理后次日起按工作日计时:${limit}。` };
    case 'not_accept':
      return { title: '不予受理', ok: '不予受理', noteLabel: '不予受理的理由和依据', notePlaceholder: '写明不属于受理范围或不符合条件的理由、依据,以及申请人可向何处申请', intro: '将向申请人出具不予受理决定,办件终结。' };
    case 'request_supplement':
      return {
        title: '一次性告知补正',
        ok: '发出补正告知',
        noteLabel: '补正要求',
        notePlaceholder: '一次性写明每份材料需要补正的内容,避免申请人多次往返',
        intro: a.acceptedAt ? '补正期间计时暂停,申请人补齐后恢复计时。' : '补正期间不计时,申请人补齐后再受理。',
      };
    case 'accept_rongque':
      return {
        title: '容缺受理',
        ok: '容缺受理',
        noteLabel: '说明(选填)',
        notePlaceholder: '如:基本条件具备,关键材料齐全',
        intro: '关键材料齐全、基本条件具备时,可先行受理,申请人在约定期限内补齐下列非关键材料;逾期未补齐的,终止办理。受理后出具《容缺受理通知书》。',
      };
    case 'start_special':
      return { title: '启动特别程序', ok: '启动', noteLabel: '说明(选填)', notePlaceholder: '如:需现场核查,委托检测机构检测', intro: '特别程序(公示、听证、检测、专家评审等)所需时间不计入办理时限,期间计时暂停。' };
    case 'end_special':
      return { title: `结束${a.currentPause?.name ?? '特别程序'}`, ok: '结束并恢复计时', noteLabel: '结果(选填)', notePlaceholder: '如:公示期满无异议' };
    case 'start_review':
      return { title: '开始审查', ok: '开始审查', noteLabel: '说明(选填)', notePlaceholder: '' };
    case 'approve':
      return { title: '准予许可', ok: '准予并办结', noteLabel: '审批意见(选填)', notePlaceholder: '如:经审查,符合法定条件和标准', intro: '作出准予许可决定并办结,计时停止,申请人可评价。' };
    case 'refuse':
      return { title: '不予许可', ok: '不予许可并办结', noteLabel: '不予许可的理由和依据', notePlaceholder: '写明不予许可的理由、法律依据,并告知申请人依法申请行政复议或提起行政诉讼的权利', intro: '作出不予许可决定并办结。' };
    case 'withdraw':
      return { title: '撤回申请?', ok: '撤回', noteLabel: '撤回原因(选填)', notePlaceholder: '如:信息填写有误,重新申请', intro: '撤回后办件终结,不能恢复;如需办理请重新申请。' };
    case 'record_visit':
      return { title: '登记申请人到现场', ok: '登记', noteLabel: '到现场事由(选填)', notePlaceholder: '如:核验原件', intro: `本事项承诺到现场 ${a.visits} 次;登记后计入“跑动次数”统计。` };
    case 'supply':
      return { title: '补交材料', ok: '提交', noteLabel: '说明(选填)', notePlaceholder: '' };
  }
}

type Values = { note?: string; materialKeys?: string[]; deadline?: dayjs.Dayjs; specialName?: string; resultDocNumber?: string };

function ActionModal({ a, action, onClose }: { a: ApplicationDetailView; action: ApplicationAction; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useApplicationAction(a.id);
  const [refusal, setRefusal] = useState<string | null>(null);
  const inputs = APPLICATION_ACTION_INPUTS[action];
  const texts = textsFor(action, a);
  const rongque = action === 'accept_rongque';
  const today = parkToday();
  const latest = a.rongqueLatestDeadline;

  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    const body: ServiceApplicationActionRequest = {
      action,
      note: values.note?.trim() || undefined,
      ...(inputs.materialKeys ? { materialKeys: values.materialKeys ?? [] } : {}),
      ...(inputs.deadline ? { deadline: values.deadline?.format('YYYY-MM-DD') } : {}),
      ...(inputs.specialName ? { specialName: values.specialName?.trim() } : {}),
      ...(inputs.resultDocNumber ? { resultDocNumber: values.resultDocNumber?.trim() } : {}),
    };
    try {
      const d = await act.mutateAsync(body);
      message.success(`已${ACTION_BUTTONS[action].label}${d.status === 'finished' ? ',办件已办结' : ''}`);
      onClose();
    } catch (e) {
      // the server's reason stays in the dialog (e.g. a deadline after the committed due date)
      applyFieldErrors(form, e);
      setRefusal(errorMessage(e));
    }
  };

  // materials a 补正 may ask for: everything the case has (the officer names what to correct)
  const supplementOptions = a.materials.map((m) => ({
    value: m.key,
    label: (
      <span>
        {m.name}
        {m.state !== 'uploaded' && m.state !== 'optional' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({m.state === 'missing' ? '未提交' : m.state === 'rongque' ? '容缺' : m.state === 'chengnuo' ? '承诺替代' : '待补正'})
          </Typography.Text>
        )}
      </span>
    ),
  }));

  return (
    <Modal
      open
      title={texts.title}
      okText={texts.ok}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={act.isPending}
      okButtonProps={{ danger: ACTION_BUTTONS[action].danger }}
      destroyOnHidden
      maskClosable={!act.isPending}
    >
      {texts.intro && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {texts.intro}
        </Typography.Paragraph>
      )}
      {rongque && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>容缺材料(受理后补齐)</Typography.Text>
          {a.rongqueCandidates.length > 0 ? (
            <List
              size="small"
              bordered
              style={{ marginTop: 6 }}
              dataSource={a.rongqueCandidates}
              renderItem={(m) => (
                <List.Item>
                  <span>{m.name}</span>
                  <Tag style={{ marginInlineEnd: 0 }}>{m.form}</Tag>
                </List.Item>
              )}
            />
          ) : (
            <Alert type="info" showIcon style={{ marginTop: 6 }} title="没有缺少的可容缺材料,可直接受理" />
          )}
        </div>
      )}
      <Form form={form} layout="vertical" requiredMark={false} disabled={act.isPending}>
        {inputs.materialKeys && (
          <Form.Item name="materialKeys" label="需要补正的材料" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一份需要补正的材料' }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={supplementOptions} />
          </Form.Item>
        )}
        {inputs.deadline && (
          <Form.Item
            name="deadline"
            label="补齐期限"
            rules={[{ required: true, message: '请选择补齐期限' }]}
            extra={latest ? `不得晚于承诺办结期限 ${latest}(${weekdayOf(latest)})` : undefined}
          >
            <DatePicker
              style={{ width: '100%', maxWidth: 240 }}
              placeholder="选择日期"
              disabledDate={(d) => {
                const s = d.format('YYYY-MM-DD');
                return s < today || (latest !== null && s > latest);
              }}
              aria-label="补齐期限"
            />
          </Form.Item>
        )}
        {inputs.specialName && (
          <Form.Item name="specialName" label="特别程序" rules={[{ required: true, whitespace: true, message: '请选择或填写特别程序' }, { min: 2, message: '特别程序名称至少2个字' }]}>
            <AutoComplete
              options={a.specialProcedures.map((p) => ({ value: p.name, label: `${p.name}(时限${p.maxDays}个工作日)` }))}
              placeholder="选择本事项的特别程序,或填写其他程序"
              filterOption={(input, o) => String(o?.value ?? '').includes(input)}
              maxLength={50}
            />
          </Form.Item>
        )}
        {inputs.resultDocNumber && (
          <Form.Item name="resultDocNumber" label="决定文书文号 / 证照编号" rules={[{ required: true, whitespace: true, message: '请填写决定文书文号' }, { min: 2, message: '文号至少2个字' }]}>
            <Input maxLength={100} placeholder="如:高新审批许字〔2026〕第0123号" />
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
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount placeholder={texts.notePlaceholder} />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}

/** Exactly the buttons `allowedActions` lists (supply excepted: it has its own panel). */
export function ApplicationActionButtons({ a, only, block = false }: { a: ApplicationDetailView; only?: ApplicationAction[]; block?: boolean }) {
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const actions = ORDER.filter((x) => a.allowedActions.includes(x) && (!only || only.includes(x)));
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap style={block ? { width: '100%' } : undefined} className={block ? 'yq-action-stack' : undefined}>
        {actions.map((x) => {
          const b = ACTION_BUTTONS[x];
          return (
            <Button key={x} type={b.primary ? 'primary' : 'default'} danger={b.danger} icon={b.icon} onClick={() => setOpen(x)} block={block} size={block ? 'large' : 'middle'}>
              {b.label}
            </Button>
          );
        })}
      </Space>
      {open && <ActionModal a={a} action={open} onClose={() => setOpen(null)} />}
    </>
  );
}
