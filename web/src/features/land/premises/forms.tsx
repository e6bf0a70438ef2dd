import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  BUILDING_KINDS,
  BUILDING_KIND_LABELS,
  PREMISES_PAYMENT_METHODS,
  PREMISES_PAYMENT_METHOD_LABELS,
  PREMISES_UNIT_STATUSES,
  PREMISES_UNIT_STATUS_LABELS,
  parseYuanToFen,
  type BuildingView,
  type LeaseView,
  type ReliefReportView,
} from '@yuanqi/contract';
import { api, errorMessage, isApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { dayjs, formatMoney, parkToday } from '../../../components/format';
import { useBuildings, useBuilding, useLandWrite, useQuote } from './api';
import { rateText } from './bits';

const day = (d: unknown) => (d ? dayjs(d as string).format('YYYY-MM-DD') : undefined);

/** Shows the server's field errors on the form (400 details) or the message. */
function useFail(form: ReturnType<typeof Form.useForm>[0]) {
  const { message } = App.useApp();
  return (e: unknown) => {
    if (isApiError(e) && e.details?.length) form.setFields(e.details.map((d) => ({ name: d.path.split('.'), errors: [d.message] })));
    message.error(errorMessage(e));
  };
}

export function BuildingForm() {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fail = useFail(form);
  const navigate = useNavigate();
  const save = useLandWrite((v: Record<string, unknown>) => api.post<BuildingView>('/api/land/premises/buildings', { ...v, completedOn: day(v.completedOn) ?? null }));
  if (!can('premises:manage')) return null;
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>新增楼宇</Button>
      <Modal open={open} title="新增楼宇" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutateAsync(v).then((b) => navigate(`/land/premises/buildings/${b.id}`), fail)}>
          <Form.Item name="code" label="编码" rules={[{ required: true, message: '请填写编码' }]}><Input placeholder="如 BZ-37" /></Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={BUILDING_KINDS.map((k) => ({ value: k, label: BUILDING_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="floors" label="楼层数" rules={[{ required: true, message: '请填写楼层数' }]}><InputNumber min={1} max={200} /></Form.Item>
          <Form.Item name="address" label="地址"><Input /></Form.Item>
          <Form.Item name="completedOn" label="竣工日期"><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function UnitForm({ building }: { building: BuildingView }) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fail = useFail(form);
  const save = useLandWrite((v: Record<string, unknown>) => api.post<BuildingView>(`/api/land/premises/buildings/${building.id}/units`, v));
  if (!can('premises:manage')) return null;
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>新增房源</Button>
      <Modal open={open} title={`新增房源 · ${building.name}`} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ status: 'available' }} onFinish={(v) => save.mutateAsync(v).then(() => setOpen(false), fail)}>
          <Form.Item name="code" label="房号" rules={[{ required: true, message: '请填写房号' }]}><Input /></Form.Item>
          <Form.Item name="floor" label="楼层" rules={[{ required: true, message: '请填写楼层' }]}><InputNumber min={-5} max={building.floors} /></Form.Item>
          <Form.Item name="areaM2" label="面积(㎡)" rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={0.01} precision={2} style={{ width: 160 }} /></Form.Item>
          {building.kind === 'apartment' && <Form.Item name="layout" label="户型"><Input placeholder="如 一室一厅" /></Form.Item>}
          <Form.Item name="status" label="状态"><Select options={PREMISES_UNIT_STATUSES.map((s) => ({ value: s, label: PREMISES_UNIT_STATUS_LABELS[s] }))} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 签订租赁合同: firm, building and unit, dates; the rate comes from the dated parameter of the start day unless negotiated. */
export function LeaseForm({ unit, buildingId, label = '新签合同' }: { unit?: { id: string; code: string }; buildingId?: string; label?: string }) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fail = useFail(form);
  const navigate = useNavigate();
  const [building, setBuilding] = useState<string | undefined>(buildingId);
  const unitId = Form.useWatch('unitId', form) as string | undefined;
  const startsOn = day(Form.useWatch('startsOn', form));
  const negotiated = Form.useWatch('rateYuan', form) as number | null | undefined;
  const buildings = useBuildings({ date: parkToday() }, open && !unit);
  const detail = useBuilding(building ?? '', parkToday(), open && !unit);
  const quote = useQuote({ unitId: unitId ?? unit?.id, startsOn, rentFenPerM2Month: negotiated ? parseYuanToFen(negotiated) ?? undefined : undefined });
  const [overlap, setOverlap] = useState<string | null>(null);
  const save = useLandWrite((v: Record<string, unknown>) =>
    api.post<LeaseView>('/api/land/premises/leases', {
      enterpriseId: v.enterpriseId,
      unitId: unit?.id ?? v.unitId,
      startsOn: day(v.startsOn),
      endsOn: day(v.endsOn),
      rentFenPerM2Month: v.rateYuan ? parseYuanToFen(v.rateYuan as number) : null,
      depositFen: v.depositYuan !== undefined && v.depositYuan !== null ? parseYuanToFen(v.depositYuan as number) : null,
      note: v.note ?? null,
    }),
  );
  if (!can('premises:manage')) return null;
  const factoryBuildings = (buildings.data?.items ?? []).filter((b) => b.kind !== 'apartment');
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{label}</Button>
      <Modal open={open} title="签订租赁合同" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden width={560}>
        {overlap && <Alert type="error" showIcon message="租期重叠" description={overlap} style={{ marginBottom: 12 }} data-testid="lease-overlap" />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutateAsync(v).then(
              (l) => navigate(`/land/premises/leases/${l.id}`),
              (e) => {
                if (isApiError(e) && e.code === 'CONFLICT') setOverlap(e.message);
                fail(e);
              },
            )
          }
        >
          <Form.Item name="enterpriseId" label="承租企业" rules={[{ required: true, message: '请选择企业' }]}><EnterpriseSelect /></Form.Item>
          {unit ? (
            <Form.Item label="房源"><Typography.Text>{unit.code}</Typography.Text></Form.Item>
          ) : (
            <Space.Compact block>
              <Form.Item label="楼宇" style={{ width: '50%' }}>
                <Select aria-label="楼宇" showSearch optionFilterProp="label" value={building} onChange={(v) => { setBuilding(v); form.setFieldValue('unitId', undefined); }} options={factoryBuildings.map((b) => ({ value: b.id, label: b.name }))} />
              </Form.Item>
              <Form.Item name="unitId" label="房源" rules={[{ required: true, message: '请选择房源' }]} style={{ width: '50%' }}>
                <Select
                  aria-label="房源"
                  showSearch
                  optionFilterProp="label"
                  options={(detail.data?.units ?? []).map((u) => ({ value: u.id, label: `${u.code}(${u.areaM2}㎡${u.state === 'let' ? ',今日已租' : ''})` }))}
                />
              </Form.Item>
            </Space.Compact>
          )}
          <Space wrap>
            <Form.Item name="startsOn" label="起租日期" rules={[{ required: true, message: '请选择起租日期' }]}><DatePicker aria-label="起租日期" /></Form.Item>
            <Form.Item name="endsOn" label="到期日期" rules={[{ required: true, message: '请选择到期日期' }]}><DatePicker aria-label="到期日期" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="rateYuan" label="协议租金(元/㎡/月,空则按参数)"><InputNumber min={0} precision={2} style={{ width: 180 }} /></Form.Item>
            <Form.Item name="depositYuan" label="押金(元,空则按押金月数)"><InputNumber min={0} precision={2} style={{ width: 180 }} /></Form.Item>
          </Space>
          {quote.data && (
            <Alert
              type="info"
              message={`租金 ${rateText(quote.data.rateFen)}(起租日参数 ${rateText(quote.data.parameterRateFen)}),面积 ${quote.data.areaM2}㎡,月租金 ${formatMoney(quote.data.monthlyRentFen)},押金 ${formatMoney(quote.data.depositFen)}(${quote.data.depositMonths}个月)`}
            />
          )}
          <Form.Item name="note" label="备注" style={{ marginTop: 12 }}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PaymentForm({ billId, balanceFen }: { billId: string; balanceFen: number }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fail = useFail(form);
  const save = useLandWrite((v: Record<string, unknown>) =>
    api.post(`/api/land/premises/bills/${billId}/payments`, { amountFen: parseYuanToFen(v.amountYuan as number), paidOn: day(v.paidOn), method: v.method, reference: v.reference ?? null, note: v.note ?? null }),
  );
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} disabled={balanceFen <= 0}>登记缴费</Button>
      <Modal open={open} title="登记缴费" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ amountYuan: balanceFen / 100, paidOn: dayjs(parkToday()), method: 'transfer' }} onFinish={(v) => save.mutateAsync(v).then(() => setOpen(false), fail)}>
          <Form.Item name="amountYuan" label="金额(元)" rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0.01} max={balanceFen / 100} precision={2} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="paidOn" label="缴费日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="method" label="方式"><Select options={PREMISES_PAYMENT_METHODS.map((m) => ({ value: m, label: PREMISES_PAYMENT_METHOD_LABELS[m] }))} /></Form.Item>
          <Form.Item name="reference" label="凭证号"><Input /></Form.Item>
          <Form.Item name="note" label="备注"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 新增房租减免措施: period, rule (free months / percent / per ㎡) and who it applies to. */
export function ReliefForm() {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fail = useFail(form);
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const save = useLandWrite((v: Record<string, unknown>) => {
    const eligibility: Record<string, unknown> = {};
    if ((v.buildingKinds as string[] | undefined)?.length) eligibility.buildingKinds = v.buildingKinds;
    if ((v.tags as string[] | undefined)?.length) eligibility.tags = v.tags;
    if (v.scale === 'above') eligibility.aboveScale = true;
    if (v.scale === 'below') eligibility.aboveScale = false;
    if (v.leaseStartedBefore) eligibility.leaseStartedBefore = day(v.leaseStartedBefore);
    const rule =
      v.kind === 'free_months' ? { kind: 'free_months', months: v.months, eligibility } : v.kind === 'percent' ? { kind: 'percent', percent: v.percent, eligibility } : { kind: 'fixed_per_m2', fenPerM2: parseYuanToFen(v.yuanPerM2 as number), eligibility };
    const [from, to] = v.period as [unknown, unknown];
    return api.post<ReliefReportView>('/api/land/premises/reliefs', { code: v.code, name: v.name, periodFrom: dayjs(from as string).startOf('month').format('YYYY-MM-DD'), periodTo: dayjs(to as string).endOf('month').format('YYYY-MM-DD'), rule, basis: v.basis ?? null });
  });
  if (!can('premises:manage')) return null;
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新增减免措施</Button>
      <Modal open={open} title="新增房租减免措施" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden width={560}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'free_months', months: 3, percent: 50 }} onFinish={(v) => save.mutateAsync(v).then((m) => navigate(`/land/premises/reliefs/${m.id}`), fail)}>
          <Form.Item name="code" label="编码" rules={[{ required: true, message: '请填写编码' }]}><Input placeholder="如 JM-2027-01" /></Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Form.Item name="period" label="减免期(月)" rules={[{ required: true, message: '请选择减免期' }]}><DatePicker.RangePicker picker="month" /></Form.Item>
          <Form.Item name="kind" label="规则">
            <Select options={[{ value: 'free_months', label: '减免期前N个月免租' }, { value: 'percent', label: '按比例减免' }, { value: 'fixed_per_m2', label: '每平方米定额减免' }]} />
          </Form.Item>
          {kind === 'free_months' && <Form.Item name="months" label="免租月数"><InputNumber min={1} max={36} /></Form.Item>}
          {kind === 'percent' && <Form.Item name="percent" label="减免比例(%)"><InputNumber min={1} max={100} /></Form.Item>}
          {kind === 'fixed_per_m2' && <Form.Item name="yuanPerM2" label="每平方米每月减免(元)" rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0.01} precision={2} /></Form.Item>}
          <Form.Item name="buildingKinds" label="适用楼宇类型(空=全部)"><Checkbox.Group options={BUILDING_KINDS.filter((k) => k !== 'apartment').map((k) => ({ value: k, label: BUILDING_KIND_LABELS[k] }))} /></Form.Item>
          <Form.Item name="tags" label="企业标签(任一,空=不限)">
            <Select mode="multiple" options={[{ value: 'high_tech', label: '高新技术企业' }, { value: 'tech_sme', label: '科技型中小企业' }, { value: 'specialized', label: '专精特新' }, { value: 'little_giant', label: '专精特新小巨人' }, { value: 'gazelle', label: '瞪羚企业' }]} />
          </Form.Item>
          <Form.Item name="scale" label="企业规模"><Select allowClear options={[{ value: 'above', label: '规上企业' }, { value: 'below', label: '规下(小微)企业' }]} /></Form.Item>
          <Form.Item name="leaseStartedBefore" label="租约起租早于"><DatePicker /></Form.Item>
          <Form.Item name="basis" label="依据"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
