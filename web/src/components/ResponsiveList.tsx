import { Fragment, type CSSProperties, type Key, type ReactNode } from 'react';
import { Card, Pagination, Skeleton, Table, type TableProps } from 'antd';
import { QueryError } from './QueryError';

/** What a list page's query offers (a TanStack Query result of one page of items). */
export type ListQuery<T> = {
  data?: { items: T[]; total: number };
  error: unknown;
  isError: boolean;
  isLoading: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

export type ListPaging = {
  page: number;
  pageSize: number;
  /** `pageSize` is given only when the table's size changer was used or may have been. */
  onChange: (page: number, pageSize?: number) => void;
  /** 共 N 件: the unit after the total. */
  unit: string;
  /** Total without thousands separators. */
  plainTotal?: boolean;
  /** Offer 10/20/50/100 per page on the desktop table (true), never (false), or antd's default (unset). */
  sizeChanger?: boolean;
  /** The desktop table hides its pager on a single page. */
  hideOnSinglePage?: boolean;
  /** On phones, the pager only when there is more than one page (else whenever there are items). */
  mobileOnlyWhenPaged?: boolean;
  mobileStyle?: CSSProperties;
};

/**
 * A list's body: the load error; on phones a card per item (with skeletons while loading) and a
 * simple pager; on a desktop a table in a card with the pager below.
 */
export function ResponsiveList<T extends { id: Key }>({
  query,
  mobile,
  items = query.data?.items,
  columns,
  table,
  renderCard,
  empty,
  paging,
  skeleton = 'block',
  cardListStyle,
}: {
  query: ListQuery<T>;
  mobile: boolean;
  /** The rows to show; the query's page by default. */
  items?: T[];
  columns: TableProps<T>['columns'];
  /** Further table props (size, scroll, rowClassName, onChange for sorting…). */
  table?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'locale' | 'pagination' | 'rowKey'>;
  renderCard: (item: T) => ReactNode;
  empty: ReactNode;
  paging: ListPaging;
  /** While loading on phones: four card skeletons, or one block. */
  skeleton?: 'cards' | 'block';
  cardListStyle?: CSSProperties;
}) {
  const { data } = query;
  const total = data?.total ?? 0;
  const showTotal = (t: number) => `共 ${paging.plainTotal ? t : t.toLocaleString('zh-CN')} ${paging.unit}`;
  if (query.isError && !data) {
    return (
      <Card>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  if (mobile) {
    return (
      <div className="yq-card-list" style={cardListStyle}>
        {query.isLoading &&
          (skeleton === 'cards' ? (
            Array.from({ length: 4 }, (_, i) => (
              <Card key={i} className="yq-mobile-card">
                <Skeleton active paragraph={{ rows: 2 }} />
              </Card>
            ))
          ) : (
            <Card>
              <Skeleton active />
            </Card>
          ))}
        {data && items?.length === 0 && <Card>{empty}</Card>}
        {items?.map((item) => <Fragment key={item.id}>{renderCard(item)}</Fragment>)}
        {data && total > (paging.mobileOnlyWhenPaged ? paging.pageSize : 0) && (
          <Pagination simple align="center" current={paging.page} pageSize={paging.pageSize} total={total} onChange={(page) => paging.onChange(page)} style={paging.mobileStyle} />
        )}
      </div>
    );
  }
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<T>
        rowKey="id"
        {...table}
        columns={columns}
        dataSource={items}
        loading={query.isLoading || (query.isFetching && query.isPlaceholderData)}
        locale={{ emptyText: query.isLoading ? ' ' : empty }}
        onChange={(p, f, s, extra) => {
          if (extra.action === 'paginate') paging.onChange(p.current ?? 1, paging.sizeChanger ? p.pageSize : undefined);
          table?.onChange?.(p, f, s, extra);
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total,
          ...(paging.sizeChanger === true && { showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }),
          ...(paging.sizeChanger === false && { showSizeChanger: false }),
          ...(paging.hideOnSinglePage && { hideOnSinglePage: true }),
          showTotal,
          style: { padding: '0 16px' },
        }}
      />
    </Card>
  );
}
