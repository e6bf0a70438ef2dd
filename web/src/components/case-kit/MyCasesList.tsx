import { Fragment, type ReactNode } from 'react';
import { Card, Pagination, Segmented, Skeleton } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { EmptyHint } from '../EmptyHint';
import { QueryError } from '../QueryError';

const CASE_TABS = [
  { value: 'open', label: '办理中' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
] as const;
export type CaseTab = (typeof CASE_TABS)[number]['value'];

/** The 办理中/已办结/全部 tab and page of a firm's own cases, kept in the URL (`?tab=closed&page=2`). */
export function useCaseTabs() {
  const [params, setParams] = useSearchParams();
  const tab: CaseTab = CASE_TABS.find((t) => t.value === params.get('tab'))?.value ?? 'open';
  const page = Math.max(1, Number(params.get('page')) || 1);
  return {
    tab,
    page,
    setTab: (next: CaseTab) => setParams(next === 'open' ? {} : { tab: next }),
    setPage: (p: number) => setParams({ ...(tab === 'open' ? {} : { tab }), page: String(p) }),
  };
}
export type CaseTabs = ReturnType<typeof useCaseTabs>;

/** The slice of a react-query list result this list reads. */
type CaseListQuery<T> = {
  data?: { items: T[]; total: number };
  isError: boolean;
  error: unknown;
  isLoading: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

/** A firm's own cases on a phone: the tabs, then cards with loading, error, empty and simple paging states. */
export function MyCasesList<T extends { id: string }>({
  cases,
  list,
  pageSize,
  empty,
  renderCard,
}: {
  cases: CaseTabs;
  list: CaseListQuery<T>;
  pageSize: number;
  /** Description and action shown when the tab has no case. */
  empty: { description: string; action: ReactNode };
  renderCard: (item: T) => ReactNode;
}) {
  const data = list.data;
  return (
    <>
      <Segmented
        block
        value={cases.tab}
        options={CASE_TABS.map((t) => ({ value: t.value, label: t.label }))}
        onChange={(v) => cases.setTab(v as CaseTab)}
        style={{ marginBottom: 12 }}
      />
      {list.isError && !data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : (
        <div className="yq-card-list" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.isLoading &&
            Array.from({ length: 3 }, (_, i) => (
              <Card key={i} className="yq-mobile-card">
                <Skeleton active paragraph={{ rows: 3 }} />
              </Card>
            ))}
          {data && data.items.length === 0 && (
            <Card>
              <EmptyHint description={empty.description}>{empty.action}</EmptyHint>
            </Card>
          )}
          {data?.items.map((item) => <Fragment key={item.id}>{renderCard(item)}</Fragment>)}
          {data && data.total > pageSize && (
            <Pagination simple align="center" current={cases.page} pageSize={pageSize} total={data.total} onChange={cases.setPage} style={{ margin: '8px 0' }} />
          )}
        </div>
      )}
    </>
  );
}
