import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api, isApiError } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useScreens } from '../../components/useScreens';

/** The admin's 数据字典: chains, tags, industries and demand categories with their working-day deadlines. */

const CATEGORY_KIND = 'demand_category';

type DictionaryKindInfo = { kind: string; label: string; count: number };
type Entry = { code: string; label: string; sort: number; active: boolean; extra: Record<string, unknown> | null };
type PutEntry = { code: string; label: string; sort?: number; active?: boolean; extra?: Record<string, unknown> };
type FormValues = { code: string; label: string; sort: number; active: boolean; acceptDays?: number; answerDays?: number };

const KIND_HINTS: Record<string, string> = {
  chain: '园区重点产业链,用于企业库分类与统计。',
  tag: '企业标签(高新技术企业、专精特新等),可多选标注企业。',
  industry: '国民经济行业分类(GB/T 4754)代码与名称。',
  [CATEGORY_KIND]: '企业提诉求时选择的类别;签收期限与答复期限按工作日计算,修改后对新的诉求生效。',
  department: '诉求转办时的承办单位。',
};

const dictionaryKeys = {
  kinds: ['dictionary-kinds'] as const,
  entries: (kind: string) => ['dictionaries', kind] as const,
};

function daysOf(entry: Entry, key: 'acceptDays' | 'answerDays'): number | null {
  const v = entry.extra?.[key];
  return typeof v === 'number' ? v : null;
}

function useKinds() {
  return useQuery({
    queryKey: dictionaryKeys.kinds,
    queryFn: ({ signal }) => api.get<{ items: DictionaryKindInfo[] }>('/api/dictionaries', undefined, signal),
  });
}

function useEntries(kind: string | undefined) {
  return useQuery({
    queryKey: dictionaryKeys.entries(kind ?? ''),
    queryFn: ({ signal }) => api.get<{ items: Entry[] }>(`/api/dictionaries/${encodeURIComponent(kind!)}`, undefined, signal),
    enabled: !!kind,
  });
}

function useSaveEntry(kind: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutEntry) => api.put<{ ok: true }>(`/api/dictionaries/${encodeURIComponent(kind)}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['dictionaries'] });
      void queryClient.invalidateQueries({ queryKey: dictionaryKeys.kinds });
      if (kind === CATEGORY_KIND) void queryClient.invalidateQueries({ queryKey: ['demands', 'categories'] });
    },
  });
}

function StatusTag({ active }: { active: boolean }) {
  return active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>;
}

export function DictionariesPage() {
  const { message } = App.useApp();
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const kinds = useKinds();
  const kindList = kinds.data?.items ?? [];
  const requested = params.get('kind');
  const kind = kindList.find((k) => k.kind === requested)?.kind ?? kindList[0]?.kind;
  const info = kindList.find((k) => k.kind === kind);
  const isCategory = kind === CATEGORY_KIND;
  const entries = useEntries(kind);
  const save = useSaveEntry(kind ?? '');
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);

  const selectKind = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('kind', next);
    setParams(p, { replace: true });
    setKeyword('');
  };

  const rows = useMemo(() => {
    const all = entries.data?.items ?? [];
    const q = keyword.trim().toLowerCase();
    return q ? all.filter((e) => e.code.toLowerCase().includes(q) || e.label.toLowerCase().includes(q)) : all;
  }, [entries.data, keyword]);
  const nextSort = useMemo(() => Math.max(0, ...(entries.data?.items ?? []).map((e) => e.sort)) + 1, [entries.data]);

  const toggle = (entry: Entry, active: boolean) => {
    setToggling(entry.code);
    save.mutate(
      { code: entry.code, label: entry.label, active },
      {
        onSuccess: () =>
          message.success(active ? `已启用“${entry.label}”` : `已停用“${entry.label}”:不再可选,已使用它的记录仍显示原名称`),
        onSettled: () => setToggling(null),
      },
    );
  };

  const columns: TableProps<Entry>['columns'] = [
    { title: '排序', dataIndex: 'sort', key: 'sort', width: 70, align: 'right' },
    { title: '编码', dataIndex: 'code', key: 'code', width: 160, render: (c: string) => <span className="yq-mono">{c}</span> },
    {
      title: '名称',
      dataIndex: 'label',
      key: 'label',
      render: (l: string, e) => <span style={e.active ? undefined : { color: '#98a2b3' }}>{l}</span>,
    },
    ...(isCategory
      ? ([
          { title: '签收期限', key: 'acceptDays', width: 120, render: (_: unknown, e: Entry) => (daysOf(e, 'acceptDays') ?? '—') + ' 个工作日' },
          { title: '答复期限', key: 'answerDays', width: 120, render: (_: unknown, e: Entry) => (daysOf(e, 'answerDays') ?? '—') + ' 个工作日' },
        ] satisfies TableProps<Entry>['columns'])
      : []),
    {
      title: '启用',
      key: 'active',
      width: 90,
      render: (_, e) => (
        <Switch size="small" checked={e.active} loading={toggling === e.code} onChange={(v) => toggle(e, v)} aria-label={`${e.active ? '停用' : '启用'}${e.label}`} />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => setEditing(e)} aria-label={`编辑${e.label}`}>
          编辑
        </Button>
      ),
    },
  ];

  if (kinds.isError) return <QueryError error={kinds.error} onRetry={() => kinds.refetch()} />;

  return (
    <>
      <PageHeader
        title="数据字典"
        subTitle="维护产业链、企业标签、行业分类与诉求类别;停用的条目不再可选,已使用它的记录仍显示原名称"
        extra={
          <Button type="primary" icon={<PlusOutlined />} disabled={!kind} onClick={() => setEditing('new')}>
            新增条目
          </Button>
        }
      />
      {kinds.isLoading ? (
        <Skeleton active />
      ) : (
        <Card styles={{ body: { padding: mobile ? 12 : 20 } }}>
          {mobile ? (
            <Select
              style={{ width: '100%', marginBottom: 12 }}
              value={kind}
              onChange={selectKind}
              options={kindList.map((k) => ({ value: k.kind, label: `${k.label}(${k.count})` }))}
              aria-label="字典类型"
            />
          ) : (
            <Tabs
              activeKey={kind}
              onChange={selectKind}
              items={kindList.map((k) => ({ key: k.kind, label: `${k.label} ${k.count}` }))}
              style={{ marginBottom: 4 }}
            />
          )}
          {kind && KIND_HINTS[kind] && <Alert type="info" showIcon title={KIND_HINTS[kind]} style={{ marginBottom: 12 }} />}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, justifyContent: 'space-between', alignItems: 'center' }}>
            <Input.Search allowClear placeholder="按编码或名称筛选" value={keyword} onChange={(e) => setKeyword(e.target.value)} style={{ width: mobile ? '100%' : 260 }} />
            <Space>
              <Typography.Text type="secondary">{entries.data ? `共 ${entries.data.items.length} 项${keyword ? `,筛出 ${rows.length} 项` : ''}` : ''}</Typography.Text>
              <Button icon={<ReloadOutlined spin={entries.isFetching && !entries.isLoading} />} onClick={() => entries.refetch()} aria-label="刷新" />
            </Space>
          </div>
          {entries.isError ? (
            <QueryError error={entries.error} onRetry={() => entries.refetch()} />
          ) : mobile ? (
            entries.isLoading ? (
              <Skeleton active />
            ) : rows.length === 0 ? (
              <Empty description={keyword ? '没有符合条件的条目' : '还没有条目,点击“新增条目”添加'} />
            ) : (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {rows.map((e) => (
                  <Card key={e.code} className="yq-mobile-card" size="small">
                    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
                      <div style={{ minWidth: 0 }}>
                        <div style={{ fontWeight: 600, color: e.active ? undefined : '#98a2b3' }}>
                          {e.label} <StatusTag active={e.active} />
                        </div>
                        <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
                          {e.code}
                        </div>
                      </div>
                      <Button icon={<EditOutlined />} onClick={() => setEditing(e)} aria-label={`编辑${e.label}`} />
                    </div>
                    {isCategory && (
                      <>
                        <div className="yq-kv">
                          <span>签收期限</span>
                          <span>{daysOf(e, 'acceptDays') ?? '—'} 个工作日</span>
                        </div>
                        <div className="yq-kv">
                          <span>答复期限</span>
                          <span>{daysOf(e, 'answerDays') ?? '—'} 个工作日</span>
                        </div>
                      </>
                    )}
                    <div className="yq-kv" style={{ alignItems: 'center' }}>
                      <span>排序 {e.sort}</span>
                      <span>
                        <Switch size="small" checked={e.active} loading={toggling === e.code} onChange={(v) => toggle(e, v)} aria-label={`${e.active ? '停用' : '启用'}${e.label}`} />
                      </span>
                    </div>
                  </Card>
                ))}
              </Space>
            )
          ) : (
            <Table<Entry>
              rowKey="code"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={entries.isLoading}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 项` } : false}
              locale={{ emptyText: <Empty description={keyword ? '没有符合条件的条目' : '还没有条目,点击“新增条目”添加'} /> }}
            />
          )}
        </Card>
      )}
      {kind && (
        <EntryModal
          key={`${kind}:${editing === 'new' ? '+new' : (editing?.code ?? '')}`}
          kindLabel={info?.label ?? kind}
          isCategory={isCategory}
          entry={editing}
          nextSort={nextSort}
          save={save}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** The server names `extra.answerDays`; the form's field is `answerDays`. */
function showSaveErrors(form: ReturnType<typeof Form.useForm<FormValues>>[0], error: unknown): void {
  if (!isApiError(error)) return;
  const extra = error.details.filter((d) => d.path.startsWith('extra.'));
  if (extra.length > 0) form.setFields(extra.map((d) => ({ name: d.path.slice('extra.'.length) as keyof FormValues, errors: [d.message] })));
  const rest = error.details.filter((d) => !d.path.startsWith('extra.'));
  if (rest.length > 0) applyFieldErrors(form, new ApiError(error.status, error.code, error.message, rest, error.requestId));
}

function EntryModal({
  kindLabel,
  isCategory,
  entry,
  nextSort,
  save,
  onClose,
}: {
  kindLabel: string;
  isCategory: boolean;
  entry: Entry | 'new' | null;
  nextSort: number;
  save: ReturnType<typeof useSaveEntry>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const creating = entry === 'new';
  const current = entry && entry !== 'new' ? entry : null;
  const initialValues: Partial<FormValues> = current
    ? {
        code: current.code,
        label: current.label,
        sort: current.sort,
        active: current.active,
        acceptDays: daysOf(current, 'acceptDays') ?? undefined,
        answerDays: daysOf(current, 'answerDays') ?? undefined,
      }
    : { sort: nextSort, active: true, ...(isCategory ? { acceptDays: 1, answerDays: 5 } : {}) };

  const onFinish = (v: FormValues) => {
    const body: PutEntry = { code: v.code.trim(), label: v.label.trim(), sort: v.sort ?? 0, active: v.active };
    if (isCategory) body.extra = { acceptDays: v.acceptDays, answerDays: v.answerDays };
    save.mutate(body, {
      onSuccess: () => {
        message.success(creating ? `已新增“${body.label}”` : `已保存“${body.label}”`);
        onClose();
      },
      onError: (e) => showSaveErrors(form, e),
    });
  };

  const daysRules = (what: string) => [
    { required: true, message: `请填写${what}` },
    { type: 'integer' as const, min: 1, max: 60, message: `${what}为1–60个工作日` },
  ];

  return (
    <Modal
      title={`${creating ? '新增' : '编辑'}${kindLabel.replace(/[((].*$/, '')}${current ? ` · ${current.label}` : ''}`}
      open={!!entry}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} preserve={false}>
        <Form.Item
          name="code"
          label="编码"
          extra={creating ? '1–40位字母、数字、下划线或连字符;保存后不可修改' : '编码保存后不可修改'}
          rules={[
            { required: true, message: '请填写编码' },
            { pattern: /^[\w-]{1,40}$/, message: '编码为1–40位字母、数字、下划线或连字符' },
          ]}
        >
          <Input disabled={!creating} className="yq-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item name="label" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 50, message: '名称最多50个字' }]}>
          <Input autoComplete="off" maxLength={50} showCount />
        </Form.Item>
        {isCategory && (
          <Space size={12} style={{ width: '100%' }} wrap>
              <Form.Item name="acceptDays" label="签收期限" rules={daysRules('签收期限')} extra="提交后几个工作日内签收">
                <InputNumber precision={0} suffix="个工作日" style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name="answerDays" label="答复期限" rules={daysRules('答复期限')} extra="签收后几个工作日内答复">
                <InputNumber precision={0} suffix="个工作日" style={{ width: 150 }} />
              </Form.Item>
          </Space>
        )}
        <Space size={24} wrap>
          <Form.Item name="sort" label="排序" extra="数字小的在前">
            <InputNumber precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked" extra="停用后不再可选">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
