import { useMemo, useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { LoginLogEntry } from '@yuanqi/contract';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, formatDateTime } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useScreens } from '../../components/useScreens';
import { useLoginLog } from './api';

const FILTERS = ['from', 'to', 'username', 'ip', 'result'] as const;

/** 登录日志: successes and failures with address, browser and reason; filters; .xlsx export. */
export function LoginLogPage() {
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = useMemo(() => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>, [params]);
  const [draft, setDraft] = useState(filters);
  const query = useMemo(() => ({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page, pageSize: 20 }), [filters, page]);
  const list = useLoginLog(query);
  const exporter = useExport(() => api.download('/api/admin/login-log', { ...query, format: 'xlsx', page: 1, pageSize: 20 }, '登录日志.xlsx'));
  const apply = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v.trim());
    setParams(p);
  };

  return (
    <>
      <PageHeader
        title="登录日志"
        subTitle="每一次登录的成功与失败:账号、IP地址、浏览器与失败原因"
        extra={<Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={exporter.doExport}>导出 Excel</Button>}
      />
      <FilterBar
        mobile={mobile}
        filters={
          <>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[draft.from ? dayjs(draft.from) : null, draft.to ? dayjs(draft.to) : null]}
              onChange={(v) => setDraft((d) => ({ ...d, from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' }))}
              placeholder={['开始日期', '结束日期']}
            />
            <Input allowClear placeholder="用户名或姓名" value={draft.username} onChange={(e) => setDraft((d) => ({ ...d, username: e.target.value }))} style={{ width: mobile ? undefined : 150 }} />
            <Input allowClear placeholder="IP地址" value={draft.ip} onChange={(e) => setDraft((d) => ({ ...d, ip: e.target.value }))} style={{ width: mobile ? undefined : 140 }} />
            <Select
              allowClear
              placeholder="结果"
              value={draft.result || undefined}
              onChange={(v) => setDraft((d) => ({ ...d, result: v ?? '' }))}
              options={[{ value: 'ok', label: '成功' }, { value: 'failed', label: '失败' }]}
              style={{ width: mobile ? undefined : 100 }}
            />
            <Space>
              <Button type="primary" onClick={() => apply(draft)}>查询</Button>
              <Button onClick={() => { setDraft(Object.fromEntries(FILTERS.map((k) => [k, ''])) as typeof draft); setParams(new URLSearchParams()); }}>重置</Button>
            </Space>
          </>
        }
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<LoginLogEntry>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, onChange: (p) => apply({ ...filters, page: String(p) }) }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, true)}</span> },
            { title: '用户名', dataIndex: 'username', width: 150, render: (v: string, r) => <span>{v}{r.displayName && <div style={{ fontSize: 12, color: '#667085' }}>{r.displayName}</div>}</span> },
            { title: 'IP地址', dataIndex: 'ip', width: 140, render: (v: string) => <span className="yq-mono">{v}</span> },
            { title: '浏览器/系统', dataIndex: 'client', width: 170, render: (v: string | null, r) => <Tooltip title={r.userAgent}>{v ?? '—'}</Tooltip> },
            { title: '结果', dataIndex: 'ok', width: 80, render: (ok: boolean) => (ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
            { title: '失败原因', dataIndex: 'reasonLabel', render: (v: string | null) => v ?? '' },
          ]}
        />
      )}
    </>
  );
}
