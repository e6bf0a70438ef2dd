import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LinkOutlined, NotificationOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PUBLICITY_WORKING_DAYS, type PolicyApplicationSummary, type PolicyObjection, type PublicityBatchSummary, type PublicityItem } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDateTime, formatAmount, parkToday } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RecordLoadCard } from '../../components/RecordLoadCard';
import { useCreatePublicity, useHandleObjection, usePolicyApplications, usePublicityBatch, usePublicityBatches } from './api';
import './policies.css';
import { periodText } from './bits';

/** The address of the public (no log-in) list of a batch. */
export function publicBatchUrl(id: string): string {
  return `${window.location.origin}/public/publicity/${id}`;
}

function CreateBatchDrawer({ open, onClose, preselect }: { open: boolean; onClose: () => void; preselect: string[] }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ title?: string; note?: string; startsOn: dayjs.Dayjs }>();
  const [selected, setSelected] = useState<string[]>(preselect);
  const queue = usePolicyApplications({ queue: 'publicity', page: 1, pageSize: 200 }, open);
  const create = useCreatePublicity();
  useEffect(() => {
    if (!open || !queue.data) return;
    setSelected((s) => (s.length ? s.filter((id) => queue.data!.items.some((a) => a.id === id)) : queue.data!.items.map((a) => a.id)));
  }, [open, queue.data]);
  const chosen = (queue.data?.items ?? []).filter((a) => selected.includes(a.id));
  const total = chosen.reduce((s, a) => s + (a.approvedAmountFen ?? 0), 0);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="发起公示"
      size={860}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            icon={<NotificationOutlined />}
            disabled={selected.length === 0}
            loading={create.isPending}
            onClick={async () => {
              const v = await form.validateFields();
              try {
                const b = await create.mutateAsync({
                  applicationIds: selected,
                  ...(v.title?.trim() ? { title: v.title.trim() } : {}),
                  note: v.note?.trim() || null,
                  startsOn: v.startsOn.format('YYYY-MM-DD'),
                });
                message.success(`已发起公示 ${b.number},共 ${b.itemCount} 户`);
                onClose();
                navigate(`/policy-publicity/${b.id}`);
              } catch (e) {
                applyFieldErrors(form, e);
              }
            }}
          >
            发起公示({selected.length}户)
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        className="yq-section"
        title={`公示期 ${PUBLICITY_WORKING_DAYS} 个工作日(节假日顺延),期间任何人可在公开页面提出异议;期满无未处理异议即可拨付。`}
      />
      <Form form={form} layout="vertical" initialValues={{ startsOn: dayjs(parkToday()) }}>
        <Space wrap size={16} align="start">
          <Form.Item name="startsOn" label="公示开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="title" label="公示标题(选填)" style={{ minWidth: 360 }}>
            <Input maxLength={120} placeholder="留空自动生成,如 2026年第3批政策兑现公示" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="公示说明(选填)">
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder="如 异议受理电话、受理地址" />
        </Form.Item>
      </Form>
      <Typography.Text strong>
        待公示的申报(复审已通过):已选 {selected.length} 户,合计 {formatAmount(total)}
      </Typography.Text>
      <Table<PolicyApplicationSummary>
        rowKey="id"
        size="small"
        style={{ marginTop: 8 }}
        loading={queue.isLoading}
        dataSource={queue.data?.items}
        pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        locale={{ emptyText: queue.isLoading ? ' ' : <EmptyHint description="没有待公示的申报" /> }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '政策', dataIndex: 'policyTitle' },
          { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
          { title: '核定金额', dataIndex: 'approvedAmountFen', width: 120, align: 'right', render: (v: number | null) => <span className="yq-money">{formatAmount(v)}</span> },
          { title: '编号', dataIndex: 'number', width: 160, render: (v: string, a) => <Link to={`/policy-applications/${a.id}`} className="yq-mono" target="_blank">{v}</Link> },
        ]}
      />
    </Drawer>
  );
}

/** 公示: batches of approved applications listed publicly for 5 working days, with their objections. */
export function PublicityListPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [page, setPage] = useState(1);
  const list = usePublicityBatches({ active: active === 'all' ? undefined : active, page, pageSize: 20 });
  const reviews = hasPermission(me, 'policy:review');
  const preselect = params.get('select');
  const [creating, setCreating] = useState(params.get('new') === '1' || !!preselect);
  return (
    <>
      <PageHeader
        title="公示"
        subTitle={`复审通过的申报公示${PUBLICITY_WORKING_DAYS}个工作日,期满无异议即拨付`}
        extra={
          reviews && (
            <Button type="primary" icon={<NotificationOutlined />} onClick={() => setCreating(true)}>
              发起公示
            </Button>
          )
        }
      />
      <Card size="small" className="yq-section">
        <Segmented
          value={active}
          options={[
            { value: 'all', label: '全部' },
            { value: 'true', label: '公示中' },
            { value: 'false', label: '已结束' },
          ]}
          onChange={(v) => {
            setActive(v as typeof active);
            setPage(1);
          }}
        />
      </Card>
      {list.isError && !list.data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<PublicityBatchSummary>
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.items}
            scroll={{ x: 1000 }}
            locale={{ emptyText: list.isLoading ? ' ' : <EmptyHint description="还没有公示" /> }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 批`, style: { padding: '0 16px' } }}
            columns={[
              {
                title: '公示',
                key: 'title',
                render: (_, b) => (
                  <div>
                    <Link to={`/policy-publicity/${b.id}`} style={{ fontWeight: 500 }}>
                      {b.title}
                    </Link>
                    <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
                      {b.number}
                    </div>
                  </div>
                ),
              },
              { title: '公示期', key: 'window', width: 260, render: (_, b) => `${formatDateTime(b.startsAt)} 至 ${formatDateTime(b.endsAt)}` },
              { title: '状态', key: 'active', width: 90, render: (_, b) => (b.active ? <Tag color="processing">公示中</Tag> : <Tag>已结束</Tag>) },
              { title: '户数', dataIndex: 'itemCount', width: 70 },
              { title: '金额', dataIndex: 'totalAmountFen', width: 130, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
              { title: '待处理异议', dataIndex: 'openObjections', width: 100, render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
              {
                title: '公开页面',
                key: 'public',
                width: 100,
                render: (_, b) => (
                  <a href={`/public/publicity/${b.id}`} target="_blank" rel="noreferrer">
                    <LinkOutlined /> 打开
                  </a>
                ),
              },
            ]}
          />
        </Card>
      )}
      {reviews && (
        <CreateBatchDrawer
          open={creating}
          preselect={preselect ? [preselect] : []}
          onClose={() => {
            setCreating(false);
            if (params.get('new') || preselect) setParams({}, { replace: true });
          }}
        />
      )}
    </>
  );
}

function HandleObjectionModal({ batchId, o, onClose }: { batchId: string; o: PolicyObjection; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; note: string }>();
  const handle = useHandleObjection(batchId);
  return (
    <Modal
      open
      title="处理公示异议"
      okText="提交处理结论"
      cancelText="取消"
      confirmLoading={handle.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await handle.mutateAsync({ id: o.id, body: { decision: v.decision, note: v.note.trim() } });
          message.success('已处理');
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Card size="small" className="yq-section">
        <div style={{ whiteSpace: 'pre-wrap' }}>{o.content}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.submitterName} · {o.contact} · {formatDateTime(o.createdAt)}
          {o.enterpriseName ? ` · 针对 ${o.enterpriseName}` : ''}
        </Typography.Text>
      </Card>
      <Form form={form} layout="vertical" initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label="处理结论">
          <Radio.Group
            options={[
              { value: 'dismissed', label: '异议不成立(照常拨付)' },
              { value: 'upheld', label: '异议成立(撤出公示,不予拨付)' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="处理意见" rules={[{ required: true, whitespace: true, message: '请填写处理意见' }, { min: 2, message: '至少2个字' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} placeholder="核查情况和结论" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One 公示 batch: the listed firms and amounts, its window, and the objections received. */
export function PublicityBatchPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const batch = usePublicityBatch(id);
  const [handling, setHandling] = useState<PolicyObjection | null>(null);
  const b = batch.data;
  if (batch.isLoading || batch.isError || !b) return <RecordLoadCard query={batch} what="公示" />;
  const reviews = hasPermission(me, 'policy:review');
  return (
    <>
      <PageHeader
        title={b.title}
        subTitle={
          <Space wrap size={8}>
            <span className="yq-mono">{b.number}</span>
            {b.active ? <Tag color="processing">公示中</Tag> : <Tag>已结束</Tag>}
          </Space>
        }
        extra={
          <>
            <Button
              icon={<LinkOutlined />}
              onClick={() => {
                void navigator.clipboard?.writeText(publicBatchUrl(b.id)).then(
                  () => message.success('已复制公开页面地址'),
                  () => message.info(publicBatchUrl(b.id)),
                );
              }}
            >
              复制公开链接
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/policy-publicity')}>
              公示列表
            </Button>
          </>
        }
      />
      <Card className="yq-section">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'w', label: '公示期', children: `${formatDateTime(b.startsAt)} 至 ${formatDateTime(b.endsAt)}(${PUBLICITY_WORKING_DAYS}个工作日)` },
            { key: 'n', label: '户数', children: `${b.itemCount} 户` },
            { key: 't', label: '金额合计', children: formatAmount(b.totalAmountFen) },
            ...(b.note ? [{ key: 'note', label: '公示说明', span: 3, children: b.note }] : []),
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          公开页面(无需登录):{' '}
          <a href={`/public/publicity/${b.id}`} target="_blank" rel="noreferrer">
            {publicBatchUrl(b.id)}
          </a>
        </Typography.Text>
      </Card>
      <Card title={`异议(${b.objections.length})`} className="yq-section" styles={{ body: { padding: b.objections.length ? 0 : undefined } }}>
        {b.objections.length === 0 ? (
          <Typography.Text type="secondary">公示期间尚未收到异议</Typography.Text>
        ) : (
          <Table<PolicyObjection>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={b.objections}
            columns={[
              { title: '异议内容', dataIndex: 'content', render: (v: string, o) => <div><div style={{ whiteSpace: 'pre-wrap' }}>{v}</div>{o.enterpriseName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>针对 {o.enterpriseName}</Typography.Text>}</div> },
              { title: '提出人', key: 'who', width: 180, render: (_, o) => <span>{o.submitterName}<br /><span style={{ fontSize: 12, color: '#667085' }}>{o.contact}</span></span> },
              { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
              {
                title: '处理',
                key: 'st',
                width: 240,
                render: (_, o) =>
                  o.status === 'open' ? (
                    reviews ? (
                      <Button size="small" type="primary" onClick={() => setHandling(o)}>
                        处理
                      </Button>
                    ) : (
                      <Tag color="red">{o.statusLabel}</Tag>
                    )
                  ) : (
                    <div>
                      <Tag color={o.status === 'upheld' ? 'red' : 'green'}>{o.statusLabel}</Tag>
                      <div style={{ fontSize: 12 }}>{o.handlingNote}</div>
                      <div style={{ fontSize: 12, color: '#98a2b3' }}>
                        {o.handledByName} {formatDateTime(o.handledAt)}
                      </div>
                    </div>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Card title="公示名单" className="yq-section" styles={{ body: { padding: 0 } }}>
        <Table<PublicityItem>
          rowKey="applicationId"
          pagination={false}
          dataSource={b.items}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string, it) => <Link to={`/policy-applications/${it.applicationId}`}>{v}</Link> },
            { title: '信用代码', dataIndex: 'usccMasked', width: 200, render: (v: string | null) => <span className="yq-mono">{v ?? '—'}</span> },
            { title: '政策', dataIndex: 'policyTitle' },
            { title: '金额', dataIndex: 'amountFen', width: 130, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
            { title: '状态', key: 'st', width: 200, render: (_, it) => (it.status === 'listed' ? <Tag color="blue">公示中</Tag> : <span><Tag color="red">已撤出</Tag>{it.removedReason}</span>) },
          ]}
        />
      </Card>
      {handling && <HandleObjectionModal batchId={b.id} o={handling} onClose={() => setHandling(null)} />}
    </>
  );
}
