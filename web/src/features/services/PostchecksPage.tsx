import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popover, Radio, Segmented, Tag, Typography, type TableProps } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { DEFAULT_POSTCHECK_DAYS, type PostcheckResultRequest, type PostcheckView } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatDate, formatDateTime } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useApplicationSettings, usePostchecks, usePutApplicationSettings, useRecordPostcheck, type PostcheckListQuery } from './api';
import { ItemSelect } from './ItemSelect';
import '../demands/demands.css';
import './services.css';

const TABS = [
  { value: 'scheduled', label: '待核查' },
  { value: 'overdue', label: '已逾期' },
  { value: 'passed', label: '核查属实' },
  { value: 'failed', label: '虚假承诺' },
  { value: 'all', label: '全部' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function readQuery(params: URLSearchParams): PostcheckListQuery & { tab: Tab } {
  const tab = (TABS.find((t) => t.value === params.get('tab'))?.value ?? 'scheduled') as Tab;
  return {
    tab,
    status: tab === 'overdue' ? 'scheduled' : tab === 'all' ? undefined : tab,
    overdue: tab === 'overdue' ? 'true' : undefined,
    itemId: params.get('itemId') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
}

function StatusTag({ p }: { p: PostcheckView }) {
  if (p.status === 'scheduled') return <Tag color={p.overdue ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>{p.overdue ? '核查逾期' : p.statusLabel}</Tag>;
  return <Tag color={p.status === 'passed' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>{p.statusLabel}</Tag>;
}

function RecordModal({ p, onClose }: { p: PostcheckView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PostcheckResultRequest>();
  const record = useRecordPostcheck(p.id);
  const result = Form.useWatch('result', form);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setFailure(null);
    try {
      await record.mutateAsync({ result: values.result, note: values.note.trim() });
      message.success(values.result === 'failed' ? '已记录虚假承诺,审批决定已撤销' : '核查通过');
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`事后核查 ${p.applicationNumber}`}
      okText="提交核查结果"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ danger: result === 'failed' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {p.enterpriseName} · {p.itemName} · 核查期限 {formatDate(p.dueAt)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} disabled={record.isPending}>
        <Form.Item name="result" label="核查结果" rules={[{ required: true, message: '请选择核查结果' }]}>
          <Radio.Group
            options={[
              { value: 'passed', label: '承诺属实' },
              { value: 'failed', label: '虚假承诺' },
            ]}
          />
        </Form.Item>
        {result === 'failed' && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title="确认虚假承诺将撤销原审批决定,并在企业信用中标记“承诺失信”,此后不再对其适用容缺受理和告知承诺。" />
        )}
        <Form.Item
          name="note"
          label="核查情况"
          rules={[
            { required: true, whitespace: true, message: '请填写核查情况' },
            { min: 5, message: '核查情况至少5个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder="核查方式、时间、发现的情况及依据" />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={failure} />}
    </Modal>
  );
}

/** The park's post-check period after a 告知承诺 decision (service:manage). */
function SettingsButton() {
  const { message } = App.useApp();
  const settings = useApplicationSettings();
  const put = usePutApplicationSettings();
  const [days, setDays] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const current = settings.data?.postcheckDays ?? DEFAULT_POSTCHECK_DAYS;
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setDays(current);
      }}
      trigger="click"
      title="核查期限"
      content={
        <div style={{ width: 240 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            告知承诺件办结后,多少个工作日内完成事后核查(对新办结的办件生效)。
          </Typography.Paragraph>
          <InputNumber min={1} max={120} precision={0} value={days} onChange={(v) => setDays(v)} suffix="个工作日" style={{ width: '100%' }} aria-label="核查期限" />
          <Button
            type="primary"
            block
            style={{ marginTop: 8 }}
            loading={put.isPending}
            disabled={!days || days === current}
            onClick={async () => {
              await put.mutateAsync({ postcheckDays: days! });
              message.success('已保存');
              setOpen(false);
            }}
          >
            保存
          </Button>
        </div>
      }
    >
      <Button icon={<SettingOutlined />}>核查期限:{current}个工作日</Button>
    </Popover>
  );
}

/** 事后核查: 告知承诺 decisions to verify, by due date; a false promise revokes the decision. */
export function PostchecksPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, setParams, update, paginate } = useListParams();
  const { tab, ...query } = useMemo(() => readQuery(params), [params]);
  const list = usePostchecks(query);
  const [recording, setRecording] = useState<PostcheckView | null>(null);
  const manages = hasPermission(me, 'service:manage');

  const columns: TableProps<PostcheckView>['columns'] = [
    {
      title: '办件',
      key: 'number',
      width: 190,
      render: (_, p) => (
        <div>
          <Link to={`/services/applications/${p.applicationId}`} className="yq-mono">
            {p.applicationNumber}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>安排于 {formatDate(p.createdAt)}</div>
        </div>
      ),
    },
    { title: '事项', dataIndex: 'itemName', key: 'item', width: 220 },
    { title: '企业', key: 'firm', width: 200, render: (_, p) => <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> },
    {
      title: '核查期限',
      key: 'due',
      width: 120,
      render: (_, p) => <span style={{ color: p.overdue && p.status === 'scheduled' ? '#d92d20' : undefined }}>{formatDate(p.dueAt)}</span>,
    },
    { title: '状态', key: 'status', width: 100, render: (_, p) => <StatusTag p={p} /> },
    {
      title: '核查结果',
      key: 'result',
      render: (_, p) =>
        p.checkedAt ? (
          <div>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.result }} style={{ marginBottom: 0 }}>
              {p.result}
            </Typography.Paragraph>
            <div style={{ fontSize: 12, color: '#667085' }}>
              {p.checkedByName} · {formatDateTime(p.checkedAt)}
            </div>
          </div>
        ) : p.canRecord ? (
          <Button size="small" type="primary" onClick={() => setRecording(p)}>
            录入核查结果
          </Button>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="事后核查" subTitle="告知承诺件办结后按期核查承诺是否属实;虚假承诺将撤销决定并记入信用" extra={manages && <SettingsButton />} />
      <Segmented
        value={tab}
        options={TABS.map((t) => ({ value: t.value, label: t.label }))}
        onChange={(v) => setParams(v === 'scheduled' ? {} : { tab: String(v) })}
        style={{ marginBottom: 12 }}
        block={mobile}
      />
      <FilterBar
        mobile={mobile}
        filters={<ItemSelect value={query.itemId} onChange={(v) => update({ itemId: v })} />}
        trailing={!mobile && <RefreshButton spinning={list.isFetching && !list.isLoading} onClick={() => void list.refetch()} />}
      />
      <ResponsiveList<PostcheckView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ rowClassName: (p) => (p.overdue && p.status === 'scheduled' ? 'yq-row-overdue' : ''), scroll: { x: 1000 } }}
        empty={<EmptyHint description={tab === 'scheduled' ? '暂无待核查的告知承诺件' : '没有符合条件的核查'} />}
        skeleton="cards"
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '件', mobileOnlyWhenPaged: true }}
        renderCard={(p) => (
          <Card className={`yq-mobile-card yq-check-card${p.overdue && p.status === 'scheduled' ? ' overdue' : ''}`}>
            <div className="yq-app-card-head">
              <Link to={`/services/applications/${p.applicationId}`} className="yq-mono yq-app-number">
                {p.applicationNumber}
              </Link>
              <StatusTag p={p} />
            </div>
            <div className="yq-app-title">{p.itemName}</div>
            <div className="yq-app-meta">
              <span>{p.enterpriseName}</span>
              <span>期限 {formatDate(p.dueAt)}</span>
            </div>
            {p.result && <Typography.Paragraph style={{ marginTop: 6, marginBottom: 0, fontSize: 13 }}>{p.result}</Typography.Paragraph>}
            {p.canRecord && p.status === 'scheduled' && (
              <Button type="primary" block style={{ marginTop: 8 }} onClick={() => setRecording(p)}>
                录入核查结果
              </Button>
            )}
          </Card>
        )}
      />
      {recording && <RecordModal p={recording} onClose={() => setRecording(null)} />}
    </>
  );
}
