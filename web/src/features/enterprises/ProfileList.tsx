import type { ReactNode } from 'react';
import { Pagination, Skeleton, Table, type TableProps } from 'antd';
import { EmptyHint } from '../../components/EmptyHint';
import { QueryError } from '../../components/QueryError';
import '../dashboard/dashboard.css';

type PageQuery<T> = {
  data?: { items: T[]; total: number };
  isLoading: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * One list inside a 企业画像 section: a small table on a desktop, a line per record on a phone,
 * with its own pager (the profile holds several lists, so none of them owns the address).
 */
export function ProfileList<T extends { id: string }>({
  query,
  mobile,
  columns,
  renderRow,
  empty,
  page,
  pageSize,
  onPage,
  unit,
}: {
  query: PageQuery<T>;
  mobile: boolean;
  columns: TableProps<T>['columns'];
  renderRow: (item: T) => ReactNode;
  empty: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  unit: string;
}) {
  const total = query.data?.total ?? 0;
  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (mobile) {
    if (query.isLoading) return <Skeleton active title={false} paragraph={{ rows: 4 }} />;
    const items = query.data?.items ?? [];
    if (items.length === 0) return <EmptyHint description={empty} />;
    return (
      <>
        <div className="yq-dash-list">{items.map((item) => renderRow(item))}</div>
        {total > pageSize && <Pagination simple align="center" current={page} pageSize={pageSize} total={total} onChange={onPage} style={{ marginTop: 8 }} />}
      </>
    );
  }
  return (
    <Table<T>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={query.data?.items}
      loading={query.isLoading || query.isFetching}
      locale={{ emptyText: query.isLoading ? ' ' : <EmptyHint description={empty} /> }}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize, total, hideOnSinglePage: true, showSizeChanger: false, showTotal: (t) => `共 ${t} ${unit}`, onChange: onPage }}
    />
  );
}
