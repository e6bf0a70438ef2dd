import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { CleanupCampaignView } from '@yuanqi/contract';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { applyFieldErrors } from '../../../components/forms';
import { formatDate } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useCampaigns, useCreateCampaign } from './api';
import { mu } from './bits';

type FormValues = { code: string; name: string; startedOn: Dayjs; endsOn?: Dayjs; idleYears?: number; evaluationYear?: number; note?: string };

function CreateCampaignDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const created = await create.mutateAsync({
        code: v.code,
        name: v.name,
        startedOn: v.startedOn.format('YYYY-MM-DD'),
        endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
        idleYears: v.idleYears ?? null,
        evaluationYear: v.evaluationYear ?? null,
        note: v.note || null,
      });
      message.success('专项行动已创建,请从候选地块中列入清理');
      onClose();
      navigate(`/land/cleanup/${created.id}`);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorMessage(e));
    }
  };
  return (
    <Modal open title="新建清理专项行动" okText="创建" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} name="campaign">
        <Form.Item name="code" label="编号" rules={[{ required: true, message: '请填写编号' }]} extra="字母、数字和-,如 QL2027-01">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={60} placeholder="如:2027年低效闲置用地清理专项行动" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startedOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label="结束日期">
            <DatePicker />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="idleYears" label="出让后未开工满(年)" extra="不填按园区参数(默认2年)">
            <InputNumber min={1} max={20} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="evaluationYear" label="亩均评价年度" extra="该年度D类企业用地列为候选">
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 闲置用地清理: the park's campaigns, newest first, with their recovered figures. */
export function CleanupCampaignsPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useCampaigns(page);
  const can = useCan();
  const screens = useScreens();
  const mobile = !screens.md;
  const [creating, setCreating] = useState(false);
  const progress = (c: CleanupCampaignView) => (c.cases ? Math.round(((c.recoveredParcels) / c.cases) * 100) : 0);

  return (
    <>
      <PageHeader
        title="闲置用地清理"
        subTitle="低效闲置用地清理专项行动:认定、告知、约谈、处置、收回与再出让"
        extra={
          can('land:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建专项行动
            </Button>
          )
        }
      />
      <ResponsiveList<CleanupCampaignView>
        query={query}
        mobile={mobile}
        columns={[
          { title: '编号', dataIndex: 'code', width: 120 },
          { title: '专项行动', dataIndex: 'name', render: (_, c) => <Link to={`/land/cleanup/${c.id}`}>{c.name}</Link> },
          { title: '期间', key: 'period', width: 220, render: (_, c) => <span className="yq-nowrap">{`${formatDate(c.startedOn)} 至 ${c.endsOn ? formatDate(c.endsOn) : '—'}`}</span> },
          { title: '案件', dataIndex: 'cases', width: 80, align: 'right' },
          { title: '已收回', key: 'recovered', width: 160, align: 'right', render: (_, c) => `${c.recoveredParcels}宗 ${mu(c.recoveredMu)}` },
          { title: '再出让', dataIndex: 'reallocatedParcels', width: 90, align: 'right', render: (v: number) => `${v}宗` },
          { title: '收回进度', key: 'progress', width: 160, render: (_, c) => <Progress percent={progress(c)} size="small" /> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => (s === 'active' ? <Tag color="blue">进行中</Tag> : <Tag>已结束</Tag>) },
        ]}
        renderCard={(c) => (
          <Card key={c.id} className="yq-mobile-card" size="small">
            <Link to={`/land/cleanup/${c.id}`}>
              <Typography.Text strong>{c.name}</Typography.Text>
            </Link>
            <div style={{ color: '#667085', fontSize: 12 }}>
              {c.code} · {formatDate(c.startedOn)} 起
            </div>
            <div>
              案件{c.cases}件,已收回{c.recoveredParcels}宗{mu(c.recoveredMu)},再出让{c.reallocatedParcels}宗
            </div>
          </Card>
        )}
        empty="还没有清理专项行动"
        paging={{ page: page.page, pageSize: page.pageSize, unit: '项', onChange: (p, s) => setPage({ page: p, pageSize: s ?? page.pageSize }) }}
      />
      {creating && <CreateCampaignDialog onClose={() => setCreating(false)} />}
    </>
  );
}
