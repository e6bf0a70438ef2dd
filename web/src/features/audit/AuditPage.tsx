import { useMemo, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Input,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useScreens } from '../../components/useScreens';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { FIELD_LABELS, formatFen } from '@yuanqi/contract';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, formatDateTime } from '../../components/format';

type AuditEntry = {
  id: string;
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

type VerifyResult = { ok: boolean; checked: number; firstBroken: { id: string; seq: number; parkId: string } | null };

const ENTITY_LABELS: Record<string, string> = {
  enterprise: '企业',
  user: '用户',
  calendar: '工作日历',
  calendar_year: '工作日历',
  session: '登录会话',
  dictionary: '字典',
  park: '园区',
  bank: '银行',
};

const ACTION_LABELS: Record<string, { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  delete: { label: '删除', color: 'red' },
  import: { label: '导入', color: 'cyan' },
  'assign-liaison': { label: '分配专员', color: 'purple' },
  login: { label: '登录', color: 'default' },
  logout: { label: '退出', color: 'default' },
  'login-failed': { label: '登录失败', color: 'orange' },
  lock: { label: '锁定', color: 'red' },
  unlock: { label: '解锁', color: 'gold' },
  'change-password': { label: '修改密码', color: 'gold' },
  'reset-password': { label: '重置密码', color: 'gold' },
  'update+reset-password': { label: '修改并重置密码', color: 'gold' },
  'update+unlock': { label: '解锁', color: 'gold' },
  'user.change-password': { label: '修改本人密码', color: 'gold' },
  'calendar.put-year': { label: '设置日历', color: 'blue' },
  seed: { label: '演示数据初始化', color: 'default' },
  bootstrap: { label: '系统初始化', color: 'default' },
};

const DICTIONARY_LABELS: Record<string, string> = { chain: '产业链', tag: '标签', industry: '行业' };

function entityLabel(entity: string): string {
  if (entity.startsWith('dictionary:')) {
    const kind = entity.slice('dictionary:'.length);
    return `字典·${DICTIONARY_LABELS[kind] ?? kind}`;
  }
  return ENTITY_LABELS[entity] ?? entity;
}

const FILTERS = ['entity', 'entityId', 'actor', 'action', 'from', 'to'] as const;

function actionTag(action: string) {
  const a = ACTION_LABELS[action];
  return <Tag color={a?.color ?? 'default'}>{a?.label ?? action}</Tag>;
}

function show(v: unknown, field = ''): string {
  if (v === undefined) return '';
  if (v === null) return '(空)';
  if (field.endsWith('Fen') && typeof v === 'number') return formatFen(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

type DiffRow = { field: string; before: unknown; after: unknown; changed: boolean };

function diffOf(before: unknown, after: unknown): DiffRow[] | null {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(before) && !isObj(after)) return null;
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys.map((field) => ({
    field,
    before: isObj(before) ? b[field] : undefined,
    after: isObj(after) ? a[field] : undefined,
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const [all, setAll] = useState(false);
  const rows = diffOf(entry.before, entry.after);
  if (!rows) {
    return (
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <pre className="yq-pre">{show(entry.before) || '(无)'}</pre>
        <pre className="yq-pre">{show(entry.after) || '(无)'}</pre>
      </div>
    );
  }
  const changed = rows.filter((r) => r.changed);
  const visible = all ? rows : changed;
  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">
          {changed.length} 个字段有变化{entry.requestId ? ` · 请求编号 ${entry.requestId}` : ''}
        </Typography.Text>
        <Switch size="small" checked={all} onChange={setAll} /> <span style={{ fontSize: 12 }}>显示全部字段</span>
      </Space>
      <Table<DiffRow>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={visible}
        scroll={{ x: 560 }}
        locale={{ emptyText: <EmptyHint description="没有字段变化" /> }}
        rowClassName={(r) => (r.changed ? 'yq-diff-changed' : '')}
        columns={[
          {
            title: '字段',
            dataIndex: 'field',
            width: 160,
            render: (f: string) => (
              <span>
                {FIELD_LABELS[f] ?? f}
                {FIELD_LABELS[f] && <div className="yq-mono" style={{ fontSize: 11, color: '#98a2b3' }}>{f}</div>}
              </span>
            ),
          },
          {
            title: '修改前',
            dataIndex: 'before',
            render: (v: unknown, r) => <span className={r.changed ? 'yq-diff-before' : ''}>{show(v, r.field)}</span>,
          },
          {
            title: '修改后',
            dataIndex: 'after',
            render: (v: unknown, r) => <span className={r.changed ? 'yq-diff-after' : ''}>{show(v, r.field)}</span>,
          },
        ]}
      />
    </div>
  );
}

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
  const verify = useMutation({ mutationFn: () => api.get<VerifyResult>('/api/audit/verify') });

  const apply = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v.trim());
    setParams(p);
  };
  const reset = () => {
    const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as typeof draft;
    setDraft(empty);
    setParams(new URLSearchParams());
  };

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [draft.from ? dayjs(draft.from) : null, draft.to ? dayjs(draft.to) : null];

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: '序号', dataIndex: 'seq', width: 90, render: (v: number) => <span className="yq-mono">#{v}</span> },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text> },
    { title: '动作', dataIndex: 'action', width: 110, render: actionTag },
    {
      title: '对象',
      key: 'entity',
      render: (_, e) => (
        <span onClick={(ev) => ev.stopPropagation()}>
          {e.entity === 'enterprise' && e.entityId ? (
            <Link to={`/enterprises/${e.entityId}`}>{entityLabel(e.entity)}</Link>
          ) : (
            entityLabel(e.entity)
          )}
          {e.entityId && (
            <Typography.Text className="yq-mono" type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }} copyable={{ text: e.entityId }}>
              {e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
            </Typography.Text>
          )}
        </span>
      ),
    },
  ];

  const verifyResult = verify.data;
  const filtered = FILTERS.some((k) => params.get(k));

  return (
    <>
      <PageHeader
        title="审计日志"
        subTitle="所有写操作的留痕,只增不改,以哈希链防篡改"
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            校验哈希链
          </Button>
        }
      />
      {verify.isError && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} title={`校验未完成:${errorMessage(verify.error)}`} />}
      {verifyResult &&
        (verifyResult.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 12 }}
            title={`哈希链完整:已校验 ${verifyResult.checked.toLocaleString('zh-CN')} 条记录,未发现篡改。`}
          />
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
            <AutoComplete
              allowClear
              placeholder="对象类型"
              value={draft.entity}
              onChange={(v) => setDraft((d) => ({ ...d, entity: v ?? '' }))}
              options={Object.entries(ENTITY_LABELS)
                .filter(([k]) => k !== 'calendar_year')
                .map(([value, label]) => ({ value, label: `${label}(${value})` }))}
              style={{ width: mobile ? undefined : 130 }}
            />
            <Input allowClear placeholder="对象编号" value={draft.entityId} onChange={(e) => setDraft((d) => ({ ...d, entityId: e.target.value }))} style={{ width: mobile ? undefined : 170 }} />
            <Input allowClear placeholder="操作人" value={draft.actor} onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))} style={{ width: mobile ? undefined : 110 }} />
            <AutoComplete
              allowClear
              placeholder="动作"
              value={draft.action}
              onChange={(v) => setDraft((d) => ({ ...d, action: v ?? '' }))}
              options={Object.entries(ACTION_LABELS).map(([value, a]) => ({ value, label: `${a.label}(${value})` }))}
              style={{ width: mobile ? undefined : 120 }}
            />
            <DatePicker.RangePicker
              style={mobile ? undefined : { width: 250 }}
              value={range}
              inputReadOnly={mobile}
              allowEmpty={[true, true]}
              onChange={(v) =>
                setDraft((d) => ({
                  ...d,
                  // whole calendar days; the server reads them as days in Asia/Shanghai
                  from: v?.[0] ? v[0].format('YYYY-MM-DD') : '',
                  to: v?.[1] ? v[1].format('YYYY-MM-DD') : '',
                }))
              }
              placeholder={['开始日期', '结束日期']}
            />
            <Space>
              <Button type="primary" onClick={() => apply(draft)}>
                查询
              </Button>
              <Button onClick={reset} disabled={!filtered && !Object.values(draft).some(Boolean)}>
                重置
              </Button>
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
        paging={{
          page,
          pageSize,
          onChange: (p) => apply({ ...Object.fromEntries(params), page: String(p) }),
          unit: '条',
          sizeChanger: false,
          mobileOnlyWhenPaged: true,
        }}
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
        <span>
          {actionTag(entry.action)}
          {entityLabel(entry.entity)}
        </span>
        <span className="yq-mono" style={{ color: '#98a2b3' }}>
          #{entry.seq}
        </span>
      </div>
      <div className="yq-kv">
        <span>时间</span>
        <span>{formatDateTime(entry.at, true)}</span>
      </div>
      <div className="yq-kv">
        <span>操作人</span>
        <span>{entry.actorName ?? '系统'}</span>
      </div>
      {open && (
        <div style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
          <AuditDiff entry={entry} />
        </div>
      )}
      <Typography.Link style={{ fontSize: 12 }}>{open ? '收起' : '查看变更'}</Typography.Link>
    </Card>
  );
}
