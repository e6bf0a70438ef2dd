import { useMemo, type ReactNode } from 'react';
import { Alert, List, Tag, Typography } from 'antd';
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
import { APPLICATION_ACTION_INPUTS, type ApplicationAction, type ApplicationDetailView, type ServiceApplicationActionRequest } from '@yuanqi/contract';
import { CaseActionBar, type CaseActionField, type CaseActionFormProps, type CaseActionSpec, type CaseActionValues } from '../../components/case-kit';
import { parkToday, weekdayOf } from '../../components/format';
import { useApplicationAction, useSupplyMaterials } from './api';
import { SupplyForm, isSupplyPayload } from './ApplicationParts';

type Spec = CaseActionSpec<ApplicationAction, ApplicationDetailView>;

/** The note every action takes, required where the contract says so. */
function note(action: ApplicationAction, label: string, placeholder = ''): CaseActionField {
  const required = APPLICATION_ACTION_INPUTS[action].note === 'required';
  return { name: 'note', label, kind: 'textarea', required, min: required ? 2 : undefined, placeholder };
}

/** 容缺受理: the materials that may follow after acceptance. */
function RongqueCandidates({ a }: { a: ApplicationDetailView }) {
  return (
    <div style={{ marginTop: 12 }}>
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
  );
}

/** The case's actions in button order (supply excepted: the applicant's own form), each with its dialog. */
function applicationActions(a: ApplicationDetailView): Spec[] {
  const limit = a.caseKind === 'instant' ? '即办件,应当场办结' : `承诺 ${a.committedDays} 个工作日内办结(法定 ${a.clock.legalDays} 个工作日)`;
  const today = parkToday();
  const latest = a.rongqueLatestDeadline;
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
  const specs: Spec[] = [
    {
      action: 'accept',
      label: '受理',
      icon: <CheckOutlined />,
      primary: true,
      title: `受理 ${a.number}`,
      okText: '确认受理',
      intro: `受理后次日起按工作日计时:${limit}。`,
      fields: [note('accept', '受理意见(选填)', '如:材料齐全,符合法定形式')],
    },
    {
      action: 'accept_rongque',
      label: '容缺受理',
      icon: <SafetyCertificateOutlined />,
      intro: (
        <>
          关键材料齐全、基本条件具备时,可先行受理,申请人在约定期限内补齐下列非关键材料;逾期未补齐的,终止办理。受理后出具《容缺受理通知书》。
          <RongqueCandidates a={a} />
        </>
      ),
      fields: [
        {
          name: 'deadline',
          label: '补齐期限',
          kind: 'date',
          required: true,
          extra: latest ? `不得晚于承诺办结期限 ${latest}(${weekdayOf(latest)})` : undefined,
          disabledDate: (d) => {
            const s = d.format('YYYY-MM-DD');
            return s < today || (latest !== null && s > latest);
          },
        },
        note('accept_rongque', '说明(选填)', '如:基本条件具备,关键材料齐全'),
      ],
    },
    {
      action: 'request_supplement',
      label: '一次性告知补正',
      icon: <FileSyncOutlined />,
      okText: '发出补正告知',
      intro: a.acceptedAt ? '补正期间计时暂停,申请人补齐后恢复计时。' : '补正期间不计时,申请人补齐后再受理。',
      fields: [
        { name: 'materialKeys', label: '需要补正的材料', kind: 'materials', required: true, requiredMessage: '请至少选择一份需要补正的材料', options: supplementOptions },
        note('request_supplement', '补正要求', '一次性写明每份材料需要补正的内容,避免申请人多次往返'),
      ],
    },
    {
      action: 'not_accept',
      label: '不予受理',
      icon: <StopOutlined />,
      danger: true,
      intro: '将向申请人出具不予受理决定,办件终结。',
      fields: [note('not_accept', '不予受理的理由和依据', '写明不属于受理范围或不符合条件的理由、依据,以及申请人可向何处申请')],
    },
    { action: 'start_review', label: '开始审查', icon: <AuditOutlined />, primary: true, fields: [note('start_review', '说明(选填)')] },
    {
      action: 'end_special',
      label: '结束特别程序',
      icon: <PlayCircleOutlined />,
      primary: true,
      title: `结束${a.currentPause?.name ?? '特别程序'}`,
      okText: '结束并恢复计时',
      fields: [note('end_special', '结果(选填)', '如:公示期满无异议')],
    },
    {
      action: 'start_special',
      label: '启动特别程序',
      icon: <PauseCircleOutlined />,
      okText: '启动',
      intro: '特别程序(公示、听证、检测、专家评审等)所需时间不计入办理时限,期间计时暂停。',
      fields: [
        {
          name: 'specialName',
          label: '特别程序',
          kind: 'text',
          required: true,
          requiredMessage: '请选择或填写特别程序',
          min: 2,
          max: 50,
          options: a.specialProcedures.map((p) => ({ value: p.name, label: `${p.name}(时限${p.maxDays}个工作日)` })),
          placeholder: '选择本事项的特别程序,或填写其他程序',
        },
        note('start_special', '说明(选填)', '如:需现场核查,委托检测机构检测'),
      ],
    },
    {
      action: 'approve',
      label: '准予许可',
      icon: <CheckCircleOutlined />,
      primary: true,
      okText: '准予并办结',
      intro: '作出准予许可决定并办结,计时停止,申请人可评价。',
      fields: [
        { name: 'resultDocNumber', label: '决定文书文号 / 证照编号', kind: 'text', required: true, requiredMessage: '请填写决定文书文号', min: 2, placeholder: '如:高新审批许字〔2026〕第0123号' },
        note('approve', '审批意见(选填)', '如:经审查,符合法定条件和标准'),
      ],
    },
    {
      action: 'refuse',
      label: '不予许可',
      icon: <CloseCircleOutlined />,
      danger: true,
      okText: '不予许可并办结',
      intro: '作出不予许可决定并办结。',
      fields: [note('refuse', '不予许可的理由和依据', '写明不予许可的理由、法律依据,并告知申请人依法申请行政复议或提起行政诉讼的权利')],
    },
    {
      action: 'record_visit',
      label: '登记到现场',
      icon: <EnvironmentOutlined />,
      title: '登记申请人到现场',
      okText: '登记',
      intro: `本事项承诺到现场 ${a.visits} 次;登记后计入“跑动次数”统计。`,
      fields: [note('record_visit', '到现场事由(选填)', '如:核验原件')],
    },
    {
      action: 'withdraw',
      label: '撤回申请',
      icon: <StopOutlined />,
      danger: true,
      title: '撤回申请?',
      okText: '撤回',
      intro: '撤回后办件终结,不能恢复;如需办理请重新申请。',
      fields: [note('withdraw', '撤回原因(选填)', '如:信息填写有误,重新申请')],
    },
  ];
  return specs.map((spec) => ({ ...spec, success: (d: ApplicationDetailView) => `已${spec.label}${d.status === 'finished' ? ',办件已办结' : ''}` }));
}

/** The request body of a generated dialog's values. */
function toRequest(action: ApplicationAction, v: CaseActionValues): ServiceApplicationActionRequest {
  const inputs = APPLICATION_ACTION_INPUTS[action];
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  return {
    action,
    note: text('note'),
    ...(inputs.materialKeys ? { materialKeys: Array.isArray(v.materialKeys) ? v.materialKeys : [] } : {}),
    ...(inputs.deadline ? { deadline: text('deadline') } : {}),
    ...(inputs.specialName ? { specialName: text('specialName') } : {}),
    ...(inputs.resultDocNumber ? { resultDocNumber: text('resultDocNumber') } : {}),
  };
}

/**
 * Exactly the buttons `allowedActions` lists, each opening its dialog; `supply` is the applicant's
 * materials upload (shown where `only` asks for it, best inline).
 */
export function ApplicationActionBar({
  a,
  only,
  block = false,
  layout,
  title,
  className,
  forApplicant = false,
}: {
  a: ApplicationDetailView;
  only?: ApplicationAction[];
  block?: boolean;
  layout?: 'buttons' | 'inline';
  title?: ReactNode;
  className?: string;
  /** The supply form speaks to the firm itself rather than to its liaison. */
  forApplicant?: boolean;
}) {
  const act = useApplicationAction(a.id);
  const supply = useSupplyMaterials(a.id);
  const Supply = useMemo(() => {
    function Supply(props: CaseActionFormProps) {
      return <SupplyForm a={a} forApplicant={forApplicant} {...props} />;
    }
    return Supply;
  }, [a, forApplicant]);
  const actions: Spec[] = [
    ...applicationActions(a),
    {
      action: 'supply',
      label: '补交材料',
      icon: <EditOutlined />,
      component: Supply,
      success: (d) => (d.status === 'supplementing' || d.status === 'rongque' ? '已提交,还有材料待补' : '材料已补齐,审批局将继续办理'),
    },
  ];
  return (
    <CaseActionBar<ApplicationAction, ApplicationDetailView>
      allowedActions={a.allowedActions}
      actions={actions}
      only={only ?? a.allowedActions.filter((x) => x !== 'supply')}
      block={block}
      layout={layout}
      title={title}
      className={className}
      run={(action, values, payload) =>
        action === 'supply' && isSupplyPayload(payload)
          ? supply.mutateAsync({ files: payload.files, note: typeof values.note === 'string' ? values.note : undefined, onProgress: payload.onProgress })
          : act.mutateAsync(toRequest(action, values))
      }
    />
  );
}
