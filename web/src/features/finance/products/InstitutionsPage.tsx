import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { INSTITUTION_KIND_LABELS, INSTITUTION_KINDS, type CreateInstitutionRequest, type InstitutionDetailView, type InstitutionKind } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { applyFieldErrors } from '../../../components/forms';
import { dayjs } from '../../../components/format';
import { useListParams } from '../../../components/useListParams';
import { useScreens } from '../../../components/useScreens';
import { useInstitutionDetails, useSaveInstitution } from './api';
import { InstitutionKindTag } from './bits';

/** 金融机构: the park's banks, guarantee, insurance … firms, their 战略合作协议, contacts and products. */
export default function InstitutionsPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const manage = hasPermission(me, 'finance:manage');
  const { params, update } = useListParams();
  const institutions = useInstitutionDetails();
  const [editing, setEditing] = useState<InstitutionDetailView | 'new' | null>(null);
  const q = params.get('q') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const strategic = params.get('strategic') ?? undefined;
  const searchBox = useSearchBox(q, (v) => update({ q: v }));
  const all = institutions.data ?? [];
  const items = useMemo(
    () =>
      all.filter(
        (i) =>
          (!q || i.name.includes(q) || (i.shortName ?? '').includes(q) || i.code.includes(q.toLowerCase())) &&
          (!kind || i.kind === kind) &&
          (!strategic || String(i.strategic) === strategic),
      ),
    [all, q, kind, strategic],
  );
  const query = { ...institutions, data: institutions.data ? { items, total: items.length } : undefined, isPlaceholderData: false };

  const columns: TableProps<InstitutionDetailView>['columns'] = [
    {
      title: '机构',
      key: 'name',
      render: (_, i) => (
        <div>
          <div style={{ fontWeight: 500 }}>{i.name}</div>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {i.shortName} · <span className="yq-mono">{i.code}</span>
          </div>
        </div>
      ),
    },
    { title: '类型', key: 'kind', width: 100, render: (_, i) => <InstitutionKindTag kind={i.kind} /> },
    { title: '战略合作协议', key: 'strategic', width: 130, render: (_, i) => (i.strategic ? <Tag color="gold">{i.agreementOn} 签订</Tag> : <span style={{ color: '#98a2b3' }}>—</span>) },
    { title: '联系人', key: 'contact', width: 160, render: (_, i) => (i.contactName || i.contactPhone ? <div>{i.contactName}<div style={{ fontSize: 12, color: '#667085' }}>{i.contactPhone}</div></div> : '—') },
    {
      title: '产品(在售/全部)',
      key: 'products',
      width: 130,
      align: 'center',
      render: (_, i) => <Link to={`/finance/products?bankId=${i.id}`}>{`${i.availableCount} / ${i.productCount}`}</Link>,
    },
    { title: '账号', dataIndex: 'userCount', key: 'users', width: 70, align: 'center' },
    { title: '状态', key: 'status', width: 80, render: (_, i) => (i.status === 'active' ? <Tag color="green">合作中</Tag> : <Tag>已停用</Tag>) },
    ...(manage ? [{ title: '操作', key: 'op', width: 70, render: (_: unknown, i: InstitutionDetailView) => <a onClick={() => setEditing(i)}>编辑</a> }] : []),
  ];

  const banks = all.filter((i) => i.kind === 'bank');
  return (
    <>
      <PageHeader
        title="金融机构"
        subTitle="园区合作的银行、融资担保、保险、小贷、证券、融资租赁与基金机构;机构账号在「用户管理」中绑定机构开通"
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增机构
            </Button>
          )
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="合作金融机构" value={institutions.data ? all.filter((i) => i.status === 'active').length : '—'} suffix="家" loading={institutions.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="签订战略合作协议银行" value={institutions.data ? banks.filter((b) => b.strategic).length : '—'} suffix="家" loading={institutions.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="在售产品" value={institutions.data ? all.reduce((s, i) => s + i.availableCount, 0) : '—'} suffix="款" loading={institutions.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="机构账号" value={institutions.data ? all.reduce((s, i) => s + i.userCount, 0) : '—'} suffix="个" loading={institutions.isLoading} />
          </Card>
        </Col>
      </Row>
      <FilterBar
        mobile={mobile}
        activeCount={[kind, strategic].filter(Boolean).length}
        search={{ placeholder: '机构名称、简称或编码', width: 220, ...searchBox }}
        filters={
          <>
            <Select allowClear placeholder="机构类型" value={kind} onChange={(v) => update({ kind: v })} style={{ minWidth: 120 }} options={INSTITUTION_KINDS.map((k) => ({ value: k, label: INSTITUTION_KIND_LABELS[k] }))} aria-label="机构类型" />
            <Select allowClear placeholder="战略合作" value={strategic} onChange={(v) => update({ strategic: v })} style={{ minWidth: 120 }} options={[{ value: 'true', label: '已签战略协议' }, { value: 'false', label: '未签战略协议' }]} aria-label="战略合作" />
          </>
        }
        trailing={<RefreshButton spinning={institutions.isFetching} onClick={() => institutions.refetch()} />}
      />
      <ResponsiveList<InstitutionDetailView>
        query={query}
        mobile={mobile}
        items={items}
        columns={columns}
        table={{ scroll: { x: 1000 } }}
        skeleton="cards"
        empty={<EmptyHint description="没有符合条件的金融机构" />}
        paging={{ page: 1, pageSize: 1000, onChange: () => undefined, unit: '家', hideOnSinglePage: true, mobileOnlyWhenPaged: true }}
        renderCard={(i) => (
          <Card size="small" className="yq-mobile-card" onClick={() => manage && setEditing(i)}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <b style={{ overflowWrap: 'anywhere' }}>{i.shortName ?? i.name}</b>
              <Space size={4}>
                <InstitutionKindTag kind={i.kind} />
                {i.strategic && <Tag color="gold">战略合作</Tag>}
              </Space>
            </div>
            <div style={{ fontSize: 12, color: '#667085' }}>{i.name}</div>
            <div className="yq-kv">
              <span>在售/全部产品</span>
              <span>
                {i.availableCount} / {i.productCount}
              </span>
            </div>
            <div className="yq-kv">
              <span>联系人</span>
              <span>{[i.contactName, i.contactPhone].filter(Boolean).join(' ') || '—'}</span>
            </div>
          </Card>
        )}
      />
      {manage && editing && <InstitutionModal institution={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

type FormValues = {
  code: string;
  name: string;
  shortName: string;
  kind: InstitutionKind;
  strategic: boolean;
  agreementOn: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
  status: 'active' | 'inactive';
  sort?: number;
};

function InstitutionModal({ institution, onClose }: { institution: InstitutionDetailView | null; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const save = useSaveInstitution(institution?.id);
  const { message } = App.useApp();
  const strategic = Form.useWatch('strategic', form);
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name,
      shortName: v.shortName,
      kind: v.kind,
      strategic: v.strategic,
      agreementOn: v.agreementOn ? v.agreementOn.format('YYYY-MM-DD') : null,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      status: v.status,
      ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    };
    try {
      await save.mutateAsync(institution ? body : ({ ...body, code: v.code } as CreateInstitutionRequest));
      message.success(institution ? '已保存' : '已新增机构');
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      throw e;
    }
  };
  return (
    <Modal open title={institution ? `编辑 ${institution.shortName ?? institution.name}` : '新增金融机构'} okText="保存" onOk={submit} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden width={640}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={
          institution
            ? { ...institution, shortName: institution.shortName ?? '', agreementOn: institution.agreementOn ? dayjs(institution.agreementOn) : null, contactName: institution.contactName ?? '', contactPhone: institution.contactPhone ?? '' }
            : { kind: 'bank', strategic: false, status: 'active', agreementOn: null }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label="机构全称" rules={[{ required: true, whitespace: true, message: '请填写机构全称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="shortName" label="简称" rules={[{ required: true, whitespace: true, message: '请填写简称' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="code" label="机构编码" extra={institution ? '编码不可修改' : '小写字母、数字或下划线'} rules={institution ? [] : [{ required: true, message: '请填写机构编码' }, { pattern: /^[a-z][a-z0-9_]{1,29}$/, message: '机构编码应为2-30位小写字母、数字或下划线,以字母开头' }]}>
              <Input disabled={!!institution} maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="kind" label="机构类型" rules={[{ required: true }]}>
              <Select options={INSTITUTION_KINDS.map((k) => ({ value: k, label: INSTITUTION_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="status" label="状态">
              <Select options={[{ value: 'active', label: '合作中' }, { value: 'inactive', label: '已停用' }]} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="strategic" label="战略合作协议" valuePropName="checked">
              <Switch checkedChildren="已签订" unCheckedChildren="未签订" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="agreementOn" label="协议签订日期" rules={[{ required: !!strategic, message: '签订战略合作协议的机构请填写签订日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="sort" label="排序" extra="数字小的在前">
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item name="contactName" label="联系人">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label="联系电话">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
