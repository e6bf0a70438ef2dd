import { useEffect } from 'react';
import { App, Button, Checkbox, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  ITEM_TYPE_LABELS,
  ITEM_TYPES,
  MATERIAL_FORMS,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  SERVICE_TARGET_LABELS,
  SERVICE_TARGETS,
  parseYuanToFen,
  type CreateServiceItemRequest,
  type ServiceItemView,
  type ServiceMaterialInput,
} from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { useScreens } from '../../components/useScreens';
import { useApproverOptions, useCreateItem, useUpdateItem } from './api';

type FormMaterial = ServiceMaterialInput & { key?: string };

type FormValues = Omit<CreateServiceItemRequest, 'steps' | 'feeAmountFen' | 'materials'> & {
  stepsText?: string;
  feeYuan?: number | null;
  materials: FormMaterial[];
};

const NEW_MATERIAL: FormMaterial = { name: '', form: '原件或复印件', copies: 1, required: true, isKey: false, rongqueAllowed: false, chengnuoReplaceable: false };

function toForm(item: ServiceItemView | null): Partial<FormValues> {
  if (!item) {
    return {
      itemType: 'license',
      department: '行政审批局',
      target: 'enterprise',
      caseKind: 'promised',
      legalDays: 20,
      committedDays: 5,
      visits: 0,
      online: true,
      appointment: false,
      delivery: false,
      chengnuoAllowed: false,
      feeCharged: false,
      materials: [{ ...NEW_MATERIAL, name: '申请书', form: '原件', isKey: true }],
      specialProcedures: [],
      keywords: [],
      jointDepartments: [],
      approverIds: [],
    };
  }
  return {
    code: item.code,
    basicCode: item.basicCode,
    name: item.name,
    mainItem: item.mainItem,
    subItem: item.subItem,
    itemType: item.itemType,
    department: item.department,
    legalBasis: item.legalBasis,
    target: item.target,
    caseKind: item.caseKind,
    legalDays: item.legalDays,
    committedDays: item.committedDays,
    specialProcedures: item.specialProcedures,
    visits: item.visits,
    online: item.online,
    appointment: item.appointment,
    delivery: item.delivery,
    chengnuoAllowed: item.chengnuoAllowed,
    chengnuoText: item.chengnuoText,
    feeCharged: item.feeCharged,
    feeBasis: item.feeBasis,
    feeYuan: item.feeAmountFen === null ? null : item.feeAmountFen / 100,
    stepsText: item.steps.join('\n'),
    consultPhone: item.consultPhone,
    complaintPhone: item.complaintPhone,
    jointDepartments: item.jointDepartments,
    materials: item.materials,
    projectStage: item.projectStage,
    keywords: item.keywords,
    approverIds: item.approverIds,
  };
}

function toRequest(v: FormValues): CreateServiceItemRequest {
  const { stepsText, feeYuan, ...rest } = v;
  return {
    ...rest,
    projectStage: rest.projectStage ?? null,
    steps: (stepsText ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
    feeAmountFen: v.feeCharged && feeYuan !== null && feeYuan !== undefined ? parseYuanToFen(String(feeYuan)) : null,
    materials: (v.materials ?? []).map((m) => ({ ...m, note: m.note || undefined })),
  };
}

/** Server paths (`materials.0.rongqueAllowed`, `feeAmountFen`, `steps.3`) → form field names. */
function fieldOf(path: string): (string | number)[] {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'feeAmountFen') return ['feeYuan'];
  if (parts[0] === 'steps') return ['stepsText'];
  if (parts[0] === 'materials' || parts[0] === 'specialProcedures') return parts;
  return [parts[0]!];
}

function MaterialsEditor() {
  return (
    <Form.List name="materials">
      {(fields, { add, remove, move }) => (
        <div className="yq-materials-editor">
          {fields.map((field, index) => (
            <div key={field.key} className="row">
              <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写材料名称' }]}>
                <Input placeholder={`材料${index + 1}名称`} aria-label={`材料${index + 1}名称`} />
              </Form.Item>
              <Form.Item name={[field.name, 'form']}>
                <Select options={MATERIAL_FORMS.map((f) => ({ value: f, label: f }))} aria-label="材料形式" />
              </Form.Item>
              <Form.Item name={[field.name, 'copies']}>
                <InputNumber min={0} max={20} addonAfter="份" style={{ width: '100%' }} aria-label="份数" />
              </Form.Item>
              <div className="flags">
                <Form.Item name={[field.name, 'isKey']} valuePropName="checked" noStyle>
                  <Checkbox>关键</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'rongqueAllowed']} valuePropName="checked" noStyle>
                  <Checkbox>可容缺</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'chengnuoReplaceable']} valuePropName="checked" noStyle>
                  <Checkbox>可承诺</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked" noStyle>
                  <Checkbox>必需</Checkbox>
                </Form.Item>
              </div>
              <Space size={2}>
                <Tooltip title="上移">
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label="上移" />
                </Tooltip>
                <Tooltip title="下移">
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label="下移" />
                </Tooltip>
                <Tooltip title="删除">
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除材料" />
                </Tooltip>
              </Space>
              <Form.Item name={[field.name, 'note']} style={{ gridColumn: '1 / -1' }}>
                <Input placeholder="备注(选填),如:加盖公章" maxLength={200} />
              </Form.Item>
              {/* the rule every key material must follow, shown where it is broken */}
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue, getFieldError }) => {
                  const m = getFieldValue(['materials', field.name]) as FormMaterial | undefined;
                  const errors = [
                    ...(m?.isKey && m?.rongqueAllowed ? ['关键材料不能容缺后补'] : []),
                    ...getFieldError(['materials', field.name, 'rongqueAllowed']),
                    ...getFieldError(['materials', field.name, 'required']),
                  ];
                  return errors.length ? <div style={{ gridColumn: '1 / -1', color: '#d92d20', fontSize: 12 }}>{[...new Set(errors)].join(';')}</div> : null;
                }}
              </Form.Item>
            </div>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_MATERIAL })}>
            添加材料
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** New item or edit: every implementation-list field, the materials editor and the approvers. */
export function ItemFormDrawer({ open, item, onClose, onSaved }: { open: boolean; item: ServiceItemView | null; onClose: () => void; onSaved: (item: ServiceItemView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const screens = useScreens();
  const create = useCreateItem();
  const update = useUpdateItem(item?.id ?? '');
  const approvers = useApproverOptions(open);
  const caseKind = Form.useWatch('caseKind', form);
  const feeCharged = Form.useWatch('feeCharged', form);
  const chengnuoAllowed = Form.useWatch('chengnuoAllowed', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toForm(item) as FormValues);
    }
  }, [open, item, form]);

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = toRequest(values);
    try {
      const saved = item ? await update.mutateAsync({ ...body, version: item.version }) : await create.mutateAsync(body);
      message.success(item ? '事项已保存' : '事项已新增');
      onSaved(saved);
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED')) {
        form.setFields(e.details.map((d) => ({ name: fieldOf(d.path) as never, errors: [d.message] })));
        message.error(e.message);
      }
      // other errors (409 stale version, duplicate code) come as the mutation cache's toast
    }
  };

  const saving = create.isPending || update.isPending;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={item ? `编辑事项:${item.name}` : '新增事项'}
      size={screens.lg ? 920 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" scrollToFirstError>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          基本信息
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="code" label="实施编码" rules={[{ required: true, message: '请填写实施编码' }]}>
              <Input maxLength={60} className="yq-mono" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="basicCode" label="基本编码">
              <Input maxLength={60} className="yq-mono" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="mainItem" label="主项名称">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="subItem" label="子项名称">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="itemType" label="事项类型" rules={[{ required: true }]}>
              <Select options={ITEM_TYPES.map((t) => ({ value: t, label: ITEM_TYPE_LABELS[t] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="department" label="实施主体(承办科室)" rules={[{ required: true, message: '请填写实施主体' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="target" label="服务对象">
              <Select options={SERVICE_TARGETS.map((t) => ({ value: t, label: SERVICE_TARGET_LABELS[t] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="projectStage" label="工程建设阶段">
              <Select allowClear placeholder="非工程建设项目事项" options={PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="legalBasis" label="设定依据">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          时限与办理方式
        </Divider>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="caseKind" label="办件类型">
              <Select
                options={CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))}
                onChange={(v) => v === 'instant' && form.setFieldValue('committedDays', 0)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="legalDays" label="法定办结时限" rules={[{ required: true, message: '请填写法定时限' }]}>
              <InputNumber min={0} max={365} addonAfter="工作日" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="committedDays"
              label="承诺办结时限"
              dependencies={['legalDays']}
              rules={[
                { required: true, message: '请填写承诺时限' },
                ({ getFieldValue }) => ({
                  validator: (_r, v: number) => (v > getFieldValue('legalDays') ? Promise.reject(new Error('承诺办结时限不能超过法定办结时限')) : Promise.resolve()),
                }),
              ]}
            >
              <InputNumber min={0} max={365} addonAfter="工作日" style={{ width: '100%' }} disabled={caseKind === 'instant'} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="visits" label="到现场次数" rules={[{ required: true }]} extra="0 = 一次不跑,1 = 只跑一次">
              <InputNumber min={0} max={9} addonAfter="次" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="online" label="网上办理" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="appointment" label="预约办理" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="delivery" label="物流快递" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="jointDepartments" label="联办部门">
              <Select mode="tags" tokenSeparators={['、', ',', ',']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          特别程序(公示、听证、检测、专家评审等)有各自时限,不计入法定办结时限。
        </Typography.Text>
        <Form.List name="specialProcedures">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                    <Input placeholder="如:公示" style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxDays']} rules={[{ required: true, message: '请填写时限' }]}>
                    <InputNumber min={1} max={365} addonAfter="工作日" style={{ width: 150 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除特别程序" />
                </Space>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', maxDays: 5 })}>
                添加特别程序
              </Button>
            </div>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain>
          申请材料
        </Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          关键材料受理时必须齐全,不能勾选“可容缺”;勾选“可承诺”的材料需事项适用告知承诺制。
        </Typography.Paragraph>
        <MaterialsEditor />

        <Divider titlePlacement="start" plain>
          告知承诺制
        </Divider>
        <Form.Item name="chengnuoAllowed" label="适用告知承诺制" valuePropName="checked">
          <Switch />
        </Form.Item>
        {chengnuoAllowed && (
          <Form.Item name="chengnuoText" label="告知承诺书内容" rules={[{ required: true, message: '请填写申请人签署的承诺内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} showCount />
          </Form.Item>
        )}

        <Divider titlePlacement="start" plain>
          流程、收费与咨询
        </Divider>
        <Form.Item name="stepsText" label="办理流程" extra="每行一个环节">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={'申请\n受理\n审查\n决定\n送达'} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={8} md={4}>
            <Form.Item name="feeCharged" label="是否收费" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {feeCharged && (
            <>
              <Col xs={16} md={8}>
                <Form.Item name="feeYuan" label="收费标准" extra="标准不固定可不填">
                  <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="feeBasis" label="收费依据" rules={[{ required: true, message: '请填写收费依据' }]}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="consultPhone" label="咨询电话">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="complaintPhone" label="投诉电话">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          搜索与审批人员
        </Divider>
        <Form.Item name="keywords" label="关键词" extra="办事人常用的说法,如“开公司”“办执照”,帮助搜索找到本事项">
          <Select mode="tags" tokenSeparators={['、', ',', ',']} placeholder="输入后回车" />
        </Form.Item>
        <Form.Item name="approverIds" label="审批人员" extra="只有这里选定的审批人员能受理和审批本事项的办件">
          <Select
            mode="multiple"
            loading={approvers.isLoading}
            optionFilterProp="label"
            options={(approvers.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName}(${a.username})` }))}
            placeholder="选择审批局人员"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
