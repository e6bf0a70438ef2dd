import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ACQUISITION_INCIDENT_KINDS, ACQUISITION_INCIDENT_KIND_LABELS, ACQUISITION_KIND_LABELS, ACQUISITION_STAGES, ACQUISITION_STAGE_LABELS, type AcquisitionHouseholdRow, type AcquisitionIncidentView } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { formatAmount } from '../../../components/format';
import { useExport } from '../../../components/useExport';
import { exportHouseholds, useArea, useAreaIncidents, useCreateIncident, useHouseholds } from './api';
import { StageTag, StatementCards } from './bits';

function Households({ areaId }: { areaId: string }) {
  const [q, setQ] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const [unpaid, setUnpaid] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useHouseholds(areaId, { q, kind, stage, unpaid, page, pageSize });
  const { exporting, doExport } = useExport(() => exportHouseholds(areaId, { q, kind, stage, unpaid }));
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} what="征迁住户" />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="编号(负责干部可搜姓名、地址)" style={{ width: 260 }} onSearch={(s) => { setQ(s || undefined); setPage(1); }} />
        <Select allowClear placeholder="类型" style={{ width: 100 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={Object.entries(ACQUISITION_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder="状态" style={{ width: 110 }} value={stage} onChange={(v) => { setStage(v); setPage(1); }} options={ACQUISITION_STAGES.map((s) => ({ value: s, label: ACQUISITION_STAGE_LABELS[s] }))} />
        <Select allowClear placeholder="补偿" style={{ width: 120 }} value={unpaid} onChange={(v) => { setUnpaid(v); setPage(1); }} options={[{ value: 'true', label: '补偿未付清' }]} />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>导出 Excel</Button>
      </Space>
      <Table<AcquisitionHouseholdRow>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => `共 ${n} 户`, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90, render: (c: string, h) => <Link to={`/land/acquisition/households/${h.id}`}>{c}</Link> },
          { title: '类型', dataIndex: 'kind', width: 60, render: (k: 'household' | 'unit') => ACQUISITION_KIND_LABELS[k] },
          { title: '姓名/单位', dataIndex: 'name', width: 180 },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string | null) => v ?? '—' },
          { title: '电话', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '地址', dataIndex: 'address', width: 180, render: (v: string | null) => v ?? '—' },
          { title: '面积(㎡)', dataIndex: 'buildingAreaM2', width: 100, align: 'right', render: (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2 }) },
          { title: '状态', dataIndex: 'stage', width: 80, render: (s) => <StageTag stage={s} /> },
          { title: '协议补偿', dataIndex: 'compensationAgreedFen', width: 130, align: 'right', render: formatAmount },
          { title: '已付', dataIndex: 'compensationPaidFen', width: 130, align: 'right', render: formatAmount },
          { title: '事件', dataIndex: 'incidents', width: 70, render: (n: number, h) => (n ? <Tag color={h.openIncidents ? 'red' : 'orange'}>{n}</Tag> : '—') },
        ]}
      />
    </>
  );
}

function Incidents({ areaId, canManage }: { areaId: string; canManage: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useAreaIncidents(areaId);
  const create = useCreateIncident();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const created = (await create.mutateAsync({ areaId, body: { kind: v.kind, occurredOn: v.occurredOn.format('YYYY-MM-DD'), summary: v.summary } })) as AcquisitionIncidentView;
      message.success('已登记');
      setOpen(false);
      navigate(`/land/acquisition/incidents/${created.id}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      {canManage && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => { form.resetFields(); setOpen(true); }}>
          登记事故/纠纷/上访
        </Button>
      )}
      <Table<AcquisitionIncidentView>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', width: 110, render: (d: string, i) => <Link to={`/land/acquisition/incidents/${i.id}`}>{d}</Link> },
          { title: '类别', dataIndex: 'kind', width: 70, render: (k: keyof typeof ACQUISITION_INCIDENT_KIND_LABELS) => ACQUISITION_INCIDENT_KIND_LABELS[k] },
          { title: '住户', dataIndex: 'householdCode', width: 150, render: (c: string | null, i) => (c ? `${c} ${i.householdName ?? ''}` : '—') },
          { title: '情况', dataIndex: 'summary' },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'open' ? 'red' : 'green'}>{s === 'open' ? '未结' : '已处理'}</Tag> },
          { title: '办结', dataIndex: 'resolvedOn', width: 110, render: (d: string | null) => d ?? '—' },
        ]}
      />
      <Modal open={open} title="登记事件" onCancel={() => setOpen(false)} onOk={submit} confirmLoading={create.isPending} okText="登记">
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={ACQUISITION_INCIDENT_KINDS.map((k) => ({ value: k, label: ACQUISITION_INCIDENT_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="summary" label="情况" rules={[{ required: true, message: '请填写情况' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 征迁片区: its statement, the households grid (masked unless the actor is an officer of the area), incidents. */
export function AreaPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const area = useArea(id);
  if (area.isLoading) return <PageLoading />;
  if (area.isError || !area.data) return <QueryError error={area.error} onRetry={() => area.refetch()} what="征迁片区" />;
  const a = area.data;
  const canManage = hasPermission(me, 'acquisition:manage');
  return (
    <>
      <PageHeader
        title={a.name}
        subTitle={`${a.code} · ${a.startedOn} 启动${a.finishedOn ? `,${a.finishedOn} 完成` : ''} · 负责干部:${a.officers.map((o) => o.name).join('、') || '未指定'}`}
        extra={
          a.isOfficer && (
            <Button icon={<UploadOutlined />} onClick={() => navigate(`/land/acquisition/${a.id}/import`)}>
              导入住户
            </Button>
          )
        }
      />
      {!a.isOfficer && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="您不是本片区的负责干部:住户姓名、电话、地址已脱敏显示(导出同样脱敏)。" />}
      <Card style={{ marginBottom: 16 }}>
        <StatementCards s={a.statement} />
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'households', label: '住户/单位', children: <Households areaId={a.id} /> },
            { key: 'incidents', label: '事故·纠纷·上访', children: <Incidents areaId={a.id} canManage={canManage} /> },
          ]}
        />
      </Card>
    </>
  );
}
