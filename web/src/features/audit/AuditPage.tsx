import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, formatDateTime } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useScreens } from '../../components/useScreens';

type AuditChange = { field: string; label: string; before: string; after: string; changed: boolean };

/** An entry as the server presents it: labels in Chinese, the record named by its business number. */
type AuditEntry = {
  id: number;
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string | null;
  entityName: string | null;
  entityLink: string | null;
  changes: AuditChange[] | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

type Facet = { value: string; label: string; count: number };
type VerifyResult = { ok: boolean; checked: number; firstBroken: { id: string; seq: number; parkId: string } | null };

const FILTERS = ['entity', 'entityId', 'actor', 'action', 'from', 'to'] as const;

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', remove: 'red', import: 'cyan', 'force-logout': 'red', escalate: 'orange', overdue: 'orange' };

function actionTag(e: AuditEntry) {
  return <Tag color={ACTION_COLORS[e.action] ?? 'default'}>{e.actionLabel}</Tag>;
}

/** The record: its business number (SQ…, BJ…, ZC…) or name, linked to its page where there is one. */
function RecordName({ e }: { e: AuditEntry }) {
  const name = e.entityName ?? (e.entityId && e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : e.entityId);
  return (
    <span onClick={(ev) => ev.stopPropagation()}>
      <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>{e.entityLabel}</Typography.Text>
      {name && (e.entityLink ? <Link to={e.entityLink}>{name}</Link> : <span className={e.entityName ? undefined : 'yq-mono'}>{name}</span>)}
    </span>
  );
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const [all, setAll] = useState(false);
  const rows = entry.changes;
  if (!rows) {
    return <Typography.Text type="secondary">{entry.requestId ? `请求编号 ${entry.requestId}` : '无字段明细'}</Typography.Text>;
  }
  const changed = rows.filter((r) => r.changed);
  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">
          {changed.length} 个字段有变化{entry.requestId ? ` · 请求编号 ${entry.requestId}` : ''}
        </Typography.Text>
        <Switch size="small" checked={all} onChange={setAll} /> <span style={{ fontSize: 12 }}>显示全部字段</span>
      </Space>
      <Table<AuditChange>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={all ? rows : changed}
        scroll={{ x: 560 }}
        locale={{ emptyText: <EmptyHint description="没有字段变化" /> }}
        rowClassName={(r) => (r.changed ? 'yq-diff-changed' : '')}
        columns={[
          { title: '字段', dataIndex: 'label', width: 160 },
          { title: '修改前', dataIndex: 'before', render: (v: string, r) => <span className={r.changed ? 'yq-diff-before' : ''}>{v}</span> },
          { title: '修改后', dataIndex: 'after', render: (v: string, r) => <span className={r.changed ? 'yq-diff-after' : ''}>{v}</span> },
        ]}
      />
    </div>
  );
}

/** 审计日志: every write, in the officers' words, filtered by any entity type the log holds; .xlsx export. */
export function AuditPage() {
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const query = useMemo(() => {
    const q: Record<string, string | number> = { page, pageSize };
    for (const k of FILTERS) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    return q;
  }, [params, page]);
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>);

  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<{ items: AuditEntry[]; total: number }>('/api/audit', query, signal),
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({ queryKey: ['audit', 'facets'], queryFn: ({ signal }) => api.get<{ entities: Facet[]; actions: Facet[] }>('/api/audit/facets', undefined, signal), staleTime: 60_000 });
  const verify = useMutation({ mutationFn: () => api.get<VerifyResult>('/api/audit/verify') });
  const exporter = useExport(() => api.download('/api/audit', { ...query, format: 'xlsx', page: 1 }, '审计日志.xlsx'));

  const apply = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v.trim());
    setParams(p);
  };
  const reset = () => {
    setDraft(Object.fromEntries(FILTERS.map((k) => [k, ''])) as typeof draft);
    setParams(new URLSearchParams());
  };
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [draft.from ? dayjs(draft.from) : null, draft.to ? dayjs(draft.to) : null];

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: '序号', dataIndex: 'seq', width: 90, render: (v: number) => <span className="yq-mono">#{v}</span> },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, true)}</span> },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text> },
    { title: '动作', dataIndex: 'actionLabel', width: 130, render: (_, e) => actionTag(e) },
    { title: '对象', key: 'entity', render: (_, e) => <RecordName e={e} /> },
  ];

  const verifyResult = verify.data;
  const filtered = FILTERS.some((k) => params.get(k));

  return (
    <>
      <PageHeader
        title="审计日志"
        subTitle="所有写操作的留痕,只增不改,以哈希链防篡改"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={exporter.doExport}>导出 Excel</Button>
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>校验哈希链</Button>
          </Space>
        }
      />
      {verify.isError && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} title={`校验未完成:${errorMessage(verify.error)}`} />}
      {verifyResult &&
        (verifyResult.ok ? (
          <Alert type="success" showIcon closable={{ onClose: () => verify.reset() }} style={{ marginBottom: 12 }} title={`哈希链完整:已校验 ${verifyResult.checked.toLocaleString('zh-CN')} 条记录,未发现篡改。`} />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="哈希链校验失败:审计记录可能被篡改或删除"
            description={
              verifyResult.firstBroken
                ? `已校验 ${verifyResult.checked} 条;第一处断裂在序号 #${verifyResult.firstBroken.seq}(记录 ${verifyResult.firstBroken.id})。请立即联系系统管理员并保全数据库。`
                : `已校验 ${verifyResult.checked} 条。请立即联系系统管理员。`
            }
          />
        ))}
      <FilterBar
        mobile={mobile}
        filters={
          <>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="对象类型"
              value={draft.entity || undefined}
              onChange={(v) => setDraft((d) => ({ ...d, entity: v ?? '' }))}
              options={(facets.data?.entities ?? []).map((f) => ({ value: f.value, label: `${f.label}(${f.count})` }))}
              style={{ width: mobile ? undefined : 170 }}
            />
            <Input allowClear placeholder="业务编号或名称(如 SQ…)" value={draft.entityId} onChange={(e) => setDraft((d) => ({ ...d, entityId: e.target.value }))} style={{ width: mobile ? undefined : 200 }} />
            <Input allowClear placeholder="操作人" value={draft.actor} onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))} style={{ width: mobile ? undefined : 110 }} />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="动作"
              value={draft.action || undefined}
              onChange={(v) => setDraft((d) => ({ ...d, action: v ?? '' }))}
              options={(facets.data?.actions ?? []).map((f) => ({ value: f.value, label: `${f.label}(${f.count})` }))}
              style={{ width: mobile ? undefined : 150 }}
            />
            <DatePicker.RangePicker
              style={mobile ? undefined : { width: 250 }}
              value={range}
              inputReadOnly={mobile}
              allowEmpty={[true, true]}
              onChange={(v) => setDraft((d) => ({ ...d, from: v?.[0] ? v[0].format('YYYY-MM-DD') : '', to: v?.[1] ? v[1].format('YYYY-MM-DD') : '' }))}
              placeholder={['开始日期', '结束日期']}
            />
            <Space>
              <Button type="primary" onClick={() => apply(draft)}>查询</Button>
              <Button onClick={reset} disabled={!filtered && !Object.values(draft).some(Boolean)}>重置</Button>
              <RefreshButton spinning={list.isFetching && !list.isLoading} onClick={() => list.refetch()} />
            </Space>
          </>
        }
      />
      <ResponsiveList<AuditEntry>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ expandable: { expandedRowRender: (e) => <AuditDiff entry={e} />, expandRowByClick: true }, scroll: { x: 900 } }}
        empty={<EmptyHint description={filtered ? '没有符合条件的审计记录' : '暂无审计记录'} />}
        paging={{ page, pageSize, onChange: (p) => apply({ ...Object.fromEntries(params), page: String(p) }), unit: '条', sizeChanger: false, mobileOnlyWhenPaged: true }}
        renderCard={(e) => <MobileAuditCard entry={e} />}
      />
    </>
  );
}

function MobileAuditCard({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <Card className="yq-mobile-card" onClick={() => setOpen((o) => !o)}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span>{actionTag(entry)}<RecordName e={entry} /></span>
        <span className="yq-mono" style={{ color: '#98a2b3' }}>#{entry.seq}</span>
      </div>
      <div className="yq-kv"><span>时间</span><span>{formatDateTime(entry.at, true)}</span></div>
      <div className="yq-kv"><span>操作人</span><span>{entry.actorName ?? '系统'}</span></div>
      {open && (
        <div style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
          <AuditDiff entry={entry} />
        </div>
      )}
      <Typography.Link style={{ fontSize: 12 }}>{open ? '收起' : '查看变更'}</Typography.Link>
    </Card>
  );
}
