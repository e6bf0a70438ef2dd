import {
  CheckCircleOutlined,
  CheckOutlined,
  EditOutlined,
  RollbackOutlined,
  StopOutlined,
  SwapOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { DEMAND_ACTION_INPUTS, type DemandAction, type DemandCategory, type DemandDetail } from '@yuanqi/contract';
import { CaseActionBar, type CaseActionField, type CaseActionSpec } from '../../components/case-kit';
import { formatDateTime } from '../../components/format';
import { useLiaisons } from '../enterprises/api';
import { useDepartments } from '../admin/api';
import { useDemandTransition } from './api';


type Liaisons = { options: { value: string; label: string }[]; loading: boolean };

/** The note every demand action takes, required where the contract says so. */
function note(action: DemandAction, label: string, placeholder = ''): CaseActionField {
  const required = DEMAND_ACTION_INPUTS[action].note === 'required';
  return { name: 'note', label, kind: 'textarea', required, min: required ? 2 : undefined, placeholder, rows: action === 'answer' ? 5 : 3 };
}

/** The demand's actions in button order: label, look, and the dialog each opens. */
function demandActions(d: DemandDetail, category: DemandCategory | undefined, liaisons: Liaisons, departments: string[]): CaseActionSpec<DemandAction, DemandDetail>[] {
  const specs: CaseActionSpec<DemandAction, DemandDetail>[] = [
    {
      action: 'accept',
      label: '签收',
      icon: <CheckOutlined />,
      primary: true,
      title: `签收诉求 ${d.number}`,
      okText: '确认签收',
      intro: `签收后由您首接负责,答复期限开始计算${category ? `(${category.label}类 ${category.answerDays} 个工作日)` : ''}。`,
      fields: [note('accept', '签收说明(选填)', '如:已联系企业,了解情况后办理')],
    },
    {
      action: 'answer',
      label: '答复',
      icon: <EditOutlined />,
      primary: true,
      title: '答复企业',
      okText: '提交答复',
      intro: '企业确认后办结;7天内未确认将自动办结。',
      fields: [note('answer', '答复内容', '写明办理结果、依据和后续安排,企业将据此确认是否解决')],
    },
    {
      action: 'transfer',
      label: '转办',
      icon: <SwapOutlined />,
      title: '转办到承办单位',
      okText: '确认转办',
      intro: '转办后您仍是首接负责人,负责跟进和答复企业。',
      fields: [
        { name: 'department', label: '承办单位', kind: 'text', required: true, options: departments.map((v) => ({ value: v, label: v })), placeholder: '选择承办单位(部门管理中维护)' },
        note('transfer', '转办理由', '说明需要承办单位办理的事项'),
      ],
    },
    {
      action: 'reassign',
      label: '改派',
      icon: <UserSwitchOutlined />,
      title: '改派负责人',
      okText: '确认改派',
      intro: d.assigneeName ? `当前负责人:${d.assigneeName}` : '当前无负责人(调度池)',
      fields: [
        { name: 'assigneeId', label: '新的负责人', kind: 'user', required: true, options: liaisons.options, loading: liaisons.loading, placeholder: '选择驻企专员' },
        note('reassign', '改派说明(选填)'),
      ],
    },
    {
      action: 'confirm',
      label: '确认解决',
      icon: <CheckCircleOutlined />,
      primary: true,
      title: '确认问题已解决?',
      okText: '确认解决',
      intro: '确认后诉求办结,请对办理情况作出评价。',
      fields: [note('confirm', '补充说明(选填)')],
    },
    {
      action: 'reject',
      label: '不满意退回',
      icon: <RollbackOutlined />,
      danger: true,
      title: '不满意,退回重办',
      okText: '退回',
      fields: [note('reject', '不满意的理由', '请说明答复哪里没有解决问题,专员将重新办理')],
    },
    {
      action: 'close',
      label: '代企业确认办结',
      icon: <CheckCircleOutlined />,
      title: '代企业确认办结',
      okText: '确认办结',
      intro: '企业未在系统中确认时,经电话等方式核实后由调度专班办结;企业仍可评价。',
      fields: [note('close', '办结说明', '如:已电话联系企业负责人,确认问题已解决')],
    },
    {
      action: 'withdraw',
      label: '撤回',
      icon: <StopOutlined />,
      danger: true,
      title: '撤回这件诉求?',
      okText: '撤回',
      intro: '撤回后诉求不再办理,且不能恢复。',
      fields: [note('withdraw', '撤回原因(选填)', '如:问题已自行解决')],
    },
  ];
  return specs.map((spec) => ({ ...spec, success: (r) => `已${spec.label}${r.status === 'resolved' ? ',等待企业确认' : ''}` }));
}

/** Exactly the buttons `allowedActions` lists, each opening the form its action needs. */
export function DemandActionButtons({ demand, category, only, block = false }: { demand: DemandDetail; category?: DemandCategory; only?: DemandAction[]; block?: boolean }) {
  const transition = useDemandTransition(demand.id);
  const reassigns = demand.allowedActions.includes('reassign') && (!only || only.includes('reassign'));
  const liaisons = useLiaisons(reassigns);
  const options = (liaisons.data?.items ?? []).filter((l) => l.id !== demand.assigneeId).map((l) => ({ value: l.id, label: `${l.displayName}(服务${l.enterpriseCount}家)` }));
  // 承办单位 come from the park's organisation tree (系统管理 › 部门管理)
  const tree = useDepartments();
  const departments = (tree.data?.items ?? []).filter((dep) => dep.isHandler && dep.active).map((dep) => dep.name);
  return (
    <CaseActionBar<DemandAction, DemandDetail>
      allowedActions={demand.allowedActions}
      actions={demandActions(demand, category, { options, loading: liaisons.isLoading }, departments)}
      only={only}
      block={block}
      run={(action, values) => transition.mutateAsync({ action, note: values.note as string | undefined, department: values.department as string | undefined, assigneeId: values.assigneeId as string | undefined })}
    />
  );
}

export function autoCloseHint(d: DemandDetail): string | null {
  return d.status === 'resolved' && d.autoCloseAt ? `${formatDateTime(d.autoCloseAt)}前未确认的,系统将自动办结` : null;
}
