import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Progress, Space, Switch, Tag, Typography, type UploadFile } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  CASE_KIND_LABELS,
  ITEM_TYPE_LABELS,
  PROJECT_STAGE_LABELS,
  visitsLabel,
  type CreateServiceApplicationRequest,
  type ServiceItemView,
  type ServiceMaterial,
} from '@yuanqi/contract';
import type { UploadProgress } from '../../app/api';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { FILE_HINT } from '../../components/files';
import { formatMoney } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useScreens } from '../../components/useScreens';
import { FirmSelect, servesOwnFirmsOnly } from '../demands/FirmSelect';
import { useEnterprise } from '../enterprises/api';
import { useCreateApplication, useProject, useServiceItem, type MaterialFiles } from './api';
import { MaterialMarks } from './ApplicationBits';
import { MaterialFilePicker, filesOf } from './ApplicationParts';
import '../demands/demands.css';
import './services.css';

/** An account's display name without the company in brackets: "张三(鹰潭某某有限公司)" → "张三". */
function personalName(displayName: string): string {
  return displayName.replace(/\s*[((][^()()]*[))]\s*$/, '').trim() || displayName;
}

/** The same test the server makes: a signature is a person's name, not the company's. */
function looksLikeCompany(name: string, firmName: string | null): boolean {
  if (!name) return false;
  if (firmName && (name.includes(firmName) || (name.length >= 6 && firmName.includes(name)))) return true;
  return /(公司|企业|厂|集团|中心)$/.test(name);
}

type FormValues = { enterpriseId?: string | null; contactName?: string; contactPhone?: string; description?: string; signer?: string; agree?: boolean };

/** 承诺办结 N 个工作日 / 到现场 / 收费: the item's promises at a glance. */
function ItemFacts({ item }: { item: ServiceItemView }) {
  const facts = [
    { v: item.caseKind === 'instant' ? '即办' : `${item.committedDays}个工作日`, l: item.caseKind === 'instant' ? '当场办结' : `承诺时限(法定${item.legalDays}日)` },
    { v: visitsLabel(item.visits), l: `到现场${item.visits}次` },
    { v: item.feeCharged ? (item.feeAmountFen ? formatMoney(item.feeAmountFen) : '收费') : '不收费', l: '办理费用' },
    { v: item.online ? '全程网办' : '网上申请', l: item.delivery ? '支持快递送达' : item.appointment ? '支持预约' : '办理渠道' },
  ];
  return (
    <div className="yq-item-facts">
      {facts.map((f) => (
        <div key={f.l} className="yq-item-fact">
          <span className="v">{f.v}</span>
          <span className="l">{f.l}</span>
        </div>
      ))}
    </div>
  );
}

/** How a material stands on the form: files chosen, 容缺 asked for, replaced by the commitment, or still owed. */
type MaterialChoice = { files: UploadFile[]; rongque: boolean };

function materialStatus(m: ServiceMaterial, c: MaterialChoice | undefined, chengnuo: boolean): 'files' | 'rongque' | 'chengnuo' | 'optional' | 'missing' {
  if ((c?.files.length ?? 0) > 0) return 'files';
  if (m.rongqueAllowed && !m.isKey && c?.rongque) return 'rongque';
  if (chengnuo && m.chengnuoReplaceable) return 'chengnuo';
  if (!m.required) return 'optional';
  return 'missing';
}

function MaterialRow({
  m,
  index,
  choice,
  chengnuo,
  disabled,
  onChange,
  showProblem,
}: {
  m: ServiceMaterial;
  index: number;
  choice: MaterialChoice;
  chengnuo: boolean;
  disabled: boolean;
  onChange: (c: MaterialChoice) => void;
  showProblem: boolean;
}) {
  const status = materialStatus(m, choice, chengnuo);
  return (
    <div className={`yq-material${showProblem && status === 'missing' ? ' problem' : ''}`} data-material={m.key}>
      <div className="yq-material-head">
        <div style={{ minWidth: 0 }}>
          <div className="yq-material-name">
            {index + 1}. {m.name}
          </div>
          <div className="yq-material-sub">
            {m.form} · {m.copies} 份{m.note ? ` · ${m.note}` : ''}
          </div>
        </div>
        {status === 'files' ? (
          <Tag color="green" style={{ marginInlineEnd: 0, flex: 'none' }}>已选择</Tag>
        ) : status === 'rongque' ? (
          <Tag color="purple" style={{ marginInlineEnd: 0, flex: 'none' }}>容缺后补</Tag>
        ) : status === 'chengnuo' ? (
          <Tag color="cyan" style={{ marginInlineEnd: 0, flex: 'none' }}>承诺替代</Tag>
        ) : status === 'optional' ? (
          <Tag style={{ marginInlineEnd: 0, flex: 'none' }}>选填</Tag>
        ) : (
          <Tag color={showProblem ? 'red' : 'default'} style={{ marginInlineEnd: 0, flex: 'none' }}>
            待上传
          </Tag>
        )}
      </div>
      <MaterialMarks m={m} />
      <div className="yq-material-choice">
        <MaterialFilePicker label={m.name} files={choice.files} disabled={disabled} onChange={(files) => onChange({ ...choice, files })} />
        {m.rongqueAllowed && !m.isKey && choice.files.length === 0 && !(chengnuo && m.chengnuoReplaceable) && (
          <Checkbox checked={choice.rongque} onChange={(e) => onChange({ ...choice, rongque: e.target.checked })} disabled={disabled}>
            暂缺,申请容缺后补
          </Checkbox>
        )}
      </div>
      {status === 'missing' && showProblem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {m.isKey ? '关键材料,必须上传' : '必需材料,请上传'}
        </Typography.Text>
      )}
    </div>
  );
}

export function ApplyPage() {
  const { itemId = '' } = useParams();
  const [params] = useSearchParams();
  const projectId = params.get('projectId') ?? undefined;
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = useScreens();
  const forFirm = isEnterpriseOnly(me);
  const itemQuery = useServiceItem(itemId);
  const project = useProject(projectId ?? '');
  const create = useCreateApplication();
  const [form] = Form.useForm<FormValues>();
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>({});
  const [chengnuo, setChengnuo] = useState(false);
  const [tried, setTried] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const item = itemQuery.data;
  // the contact person and phone come from the firm's profile (the firm itself, or the firm chosen for 代办)
  const chosenFirm = Form.useWatch('enterpriseId', form) as string | undefined;
  const firmProfile = useEnterprise((forFirm ? me.enterpriseId : chosenFirm) ?? '');
  useEffect(() => {
    const f = firmProfile.data;
    if (!f) return;
    if (!form.isFieldTouched('contactName')) form.setFieldValue('contactName', f.contactName ?? personalName(me.displayName));
    if (!form.isFieldTouched('contactPhone') && f.contactPhone && !f.contactPhone.includes('*')) form.setFieldValue('contactPhone', f.contactPhone);
  }, [firmProfile.data, form, me.displayName]);
  // a project's application is filed for the project's firm
  const projectFirm = project.data?.enterpriseId;
  const formShown = !!item;
  useEffect(() => {
    if (formShown && projectFirm && !form.getFieldValue('enterpriseId')) form.setFieldValue('enterpriseId', projectFirm);
  }, [formShown, projectFirm, form]);

  const materials = item?.materials ?? [];
  const choiceOf = (key: string): MaterialChoice => choices[key] ?? { files: [], rongque: false };
  const statuses = useMemo(() => materials.map((m) => ({ m, status: materialStatus(m, choices[m.key], chengnuo) })), [materials, choices, chengnuo]);
  const missing = statuses.filter((s) => s.status === 'missing').map((s) => s.m);
  const rongqueKeys = statuses.filter((s) => s.status === 'rongque').map((s) => s.m.key);
  const replaced = statuses.filter((s) => s.status === 'chengnuo').map((s) => s.m);
  const fileCount = Object.values(choices).reduce((n, c) => n + c.files.length, 0);
  const chengnuoOffered = !!item?.chengnuoAllowed && !!item.chengnuoText;

  const onFinish = async (values: FormValues) => {
    setTried(true);
    if (!item) return;
    if (missing.length > 0) {
      message.error(`还有 ${missing.length} 份必需材料未上传:${missing.map((m) => m.name).join('、')}`);
      document.querySelector(`[data-material="${missing[0]!.key}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    const body: CreateServiceApplicationRequest = {
      itemId: item.id,
      ...(forFirm ? {} : { enterpriseId: values.enterpriseId ?? undefined }),
      ...(projectId ? { projectId } : {}),
      description: values.description?.trim() || undefined,
      contactName: values.contactName?.trim() || undefined,
      contactPhone: values.contactPhone?.trim() || undefined,
      rongqueKeys,
      chengnuo,
      ...(chengnuo ? { chengnuoSigner: values.signer?.trim() } : {}),
    };
    const files: MaterialFiles = {};
    for (const m of materials) {
      const list = filesOf(choiceOf(m.key).files);
      if (list.length) files[m.key] = list;
    }
    try {
      const created = await create.mutateAsync({ body, files, onProgress: setProgress });
      message.success(`申请已提交,办件编号 ${created.number}`);
      navigate(`/services/applications/${created.id}`, { replace: true });
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setProgress(null);
    }
  };

  if (itemQuery.isLoading || itemQuery.isError || !item) return <RecordLoadCard query={itemQuery} what="事项" narrow />;
  const busy = create.isPending;
  const mine = servesOwnFirmsOnly(me);

  return (
    <div className="yq-narrow">
      <PageHeader
        title={forFirm ? '在线申办' : '代企业申办'}
        docTitle={`申办 ${item.name}`}
        subTitle={forFirm ? '上传材料,进度随时可查' : mine ? '为您服务的企业代办(代办件将标注您的姓名)' : '代企业申办'}
      />
      <Card className="yq-section">
        <Typography.Title level={4} style={{ margin: '0 0 4px', overflowWrap: 'anywhere' }}>
          {item.name}
        </Typography.Title>
        <div className="yq-app-meta" style={{ marginBottom: 12 }}>
          <span>{ITEM_TYPE_LABELS[item.itemType]}</span>
          <span>{CASE_KIND_LABELS[item.caseKind]}</span>
          <span>{item.department}</span>
          <span className="yq-mono">{item.code}</span>
        </div>
        <ItemFacts item={item} />
        {item.status !== 'active' && <Alert type="error" showIcon style={{ marginTop: 12 }} title="该事项已停用,暂不能申请" />}
        <div style={{ marginTop: 8, fontSize: 12 }}>
          <Link to={`/guide/items/${item.id}`}>查看完整办事指南</Link>
          {item.consultPhone && <span style={{ color: '#667085', marginLeft: 12 }}>咨询电话 {item.consultPhone}</span>}
        </div>
      </Card>
      {projectId && (
        <Alert
          className="yq-section"
          type="info"
          showIcon
          title={project.data ? `工程建设项目:${project.data.name}` : '工程建设项目申报'}
          description={item.projectStage ? `所属阶段:${PROJECT_STAGE_LABELS[item.projectStage]},同阶段事项并联审批` : undefined}
        />
      )}

      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={() => setTried(true)}
        disabled={busy}
        requiredMark={false}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{ contactName: forFirm ? undefined : personalName(me.displayName), enterpriseId: params.get('enterpriseId') ?? undefined }}
      >
        <Card title="申请信息" className="yq-section">
          {!forFirm && (
            <Form.Item name="enterpriseId" label="申请企业(代办)" rules={[{ required: true, message: '请选择申请企业' }]}>
              <FirmSelect me={me} initialLabel={project.data?.enterpriseName} />
            </Form.Item>
          )}
          {forFirm && (
            <div className="yq-kv" style={{ marginBottom: 12 }}>
              <span>申请企业</span>
              <span>{me.enterpriseName}</span>
            </div>
          )}
          <div style={{ display: 'grid', gridTemplateColumns: screens.sm ? '1fr 1fr' : '1fr', columnGap: 12 }}>
            <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '联系人最多50个字' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^[0-9()+\-\s转]{5,40}$/, message: '联系电话格式不正确' }]}>
              <Input maxLength={40} inputMode="tel" placeholder="审批局需要时联系您" />
            </Form.Item>
          </div>
          <Form.Item name="description" label="申请说明(选填)" style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount placeholder="需要说明的情况,如变更事项、特殊情形" />
          </Form.Item>
        </Card>

        {chengnuoOffered && (
          <Card title="告知承诺(自愿选择)" className="yq-section" extra={
              <Switch
                checked={chengnuo}
                onChange={(on) => {
                  setChengnuo(on);
                  // the signer is the person filing: prefilled with the contact person, editable
                  if (on && !form.getFieldValue('signer')) form.setFieldValue('signer', (form.getFieldValue('contactName') as string | undefined)?.trim() || undefined);
                }}
                aria-label="选择告知承诺"
                disabled={busy}
              />
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              选择告知承诺的,标注“可承诺”的材料无需提交,可当场作出决定;审批局将在决定后进行核查,承诺不实的将撤销决定并记入信用记录。
            </Typography.Paragraph>
            {chengnuo && (
              <>
                <div className="yq-chengnuo-text">{item.chengnuoText}</div>
                {replaced.length > 0 && (
                  <Typography.Paragraph style={{ marginTop: 8, marginBottom: 8, fontSize: 13 }}>
                    以承诺替代:{replaced.map((m) => m.name).join('、')}
                  </Typography.Paragraph>
                )}
                <Form.Item
                  name="signer"
                  label="签署人姓名"
                  extra={`请填写签署人本人姓名,无需填写企业名称;签署时同时记录登录账号(${me.username})和时间`}
                  rules={[
                    { required: true, whitespace: true, message: '请输入签署人本人姓名' },
                    { min: 2, message: '签署人姓名至少2个字' },
                    {
                      validator: (_, v?: string) =>
                        !v || !looksLikeCompany(v.trim(), me.enterpriseName) ? Promise.resolve() : Promise.reject(new Error('签署人请填写本人姓名,不是企业名称')),
                    },
                  ]}
                  style={{ marginTop: 12 }}
                >
                  <Input maxLength={50} placeholder="输入本人姓名即为电子签署" autoComplete="name" />
                </Form.Item>
                <Form.Item
                  name="agree"
                  valuePropName="checked"
                  rules={[{ validator: (_, v?: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并勾选承诺'))) }]}
                  style={{ marginBottom: 0 }}
                >
                  <Checkbox>本人已阅读告知内容,承诺所填信息和所述条件真实,愿承担承诺不实的法律责任</Checkbox>
                </Form.Item>
              </>
            )}
          </Card>
        )}

        <Card
          title={`申请材料(${materials.length})`}
          className="yq-section"
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fileCount} 个文件
            </Typography.Text>
          }
        >
          {materials.length === 0 ? (
            <Typography.Text type="secondary">本事项无需提交材料。</Typography.Text>
          ) : (
            <div className="yq-materials">
              {materials.map((m, i) => (
                <MaterialRow
                  key={m.key}
                  m={m}
                  index={i}
                  choice={choiceOf(m.key)}
                  chengnuo={chengnuo}
                  disabled={busy}
                  showProblem={tried}
                  onChange={(c) => setChoices((all) => ({ ...all, [m.key]: c }))}
                />
              ))}
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 10 }}>
            {FILE_HINT}。关键材料必须齐全;标注“可容缺”的材料可暂缺,审批局容缺受理后在约定期限内补交。
          </Typography.Text>
        </Card>

        {rongqueKeys.length > 0 && (
          <Alert
            className="yq-section"
            type="warning"
            showIcon
            title={`申请容缺后补 ${rongqueKeys.length} 份材料`}
            description="审批局审核基本条件后决定是否容缺受理,并出具《容缺受理通知书》写明补交期限(不晚于承诺办结期限);逾期未补齐的将终止办理。"
          />
        )}
        {tried && missing.length > 0 && <Alert className="yq-section" type="error" showIcon title={`还有 ${missing.length} 份必需材料未上传:${missing.map((m) => m.name).join('、')}`} />}
        {progress && <Progress percent={progress.percent} status="active" style={{ marginBottom: 12 }} />}

        <Space orientation={screens.sm ? 'horizontal' : 'vertical'} style={{ width: '100%', marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" size="large" icon={<SendOutlined />} loading={busy} block={!screens.sm} disabled={item.status !== 'active'}>
            {busy ? (progress ? `正在上传材料 ${progress.percent}%` : '正在提交…') : '提交申请'}
          </Button>
          <Button size="large" block={!screens.sm} onClick={() => navigate(-1)} disabled={busy}>
            取消
          </Button>
        </Space>
      </Form>
    </div>
  );
}
