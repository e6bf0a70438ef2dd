import { Fragment, type ReactNode } from 'react';
import { Button, Card, Pagination, Segmented, Skeleton } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyHint } from '../EmptyHint';
import { PageHeader } from '../PageHeader';
import { QueryError } from '../QueryError';

const CASE_TABS = [
  { value: 'open', label: '办理中' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
] as const;
export type CaseTab = (typeof CASE_TABS)[number]['value'];

/** One tab of a "my cases" list; the first one is the default (absent from the URL). */
export type CaseTabOption<V extends string = CaseTab> = { value: V; label: string };

export type CaseTabs<V extends string = CaseTab> = {
  tab: V;
  page: number;
  tabs: readonly CaseTabOption<V>[];
  setTab: (next: V) => void;
  setPage: (page: number) => void;
};

/**
 * The tab and page of a firm's own cases, kept in the URL (`?tab=closed&page=2`): 办理中/已办结/全部,
 * or the case type's own `tabs` (e.g. 免申即享 beside the applications).
 */
export function useCaseTabs(): CaseTabs;
export function useCaseTabs<V extends string>(tabs: readonly CaseTabOption<V>[]): CaseTabs<V>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above give the tab's type
export function useCaseTabs(tabs: readonly CaseTabOption<string>[] = CASE_TABS): CaseTabs<any> {
  const [params, setParams] = useSearchParams();
  const first = tabs[0]!.value;
  const tab = tabs.find((t) => t.value === params.get('tab'))?.value ?? first;
  const page = Math.max(1, Number(params.get('page')) || 1);
  return {
    tab,
    page,
    tabs,
    setTab: (next) => setParams(next === first ? {} : { tab: next }),
    setPage: (p) => setParams({ ...(tab === first ? {} : { tab }), page: String(p) }),
  };
}

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
type ListProps<T, V extends string> = {
  cases: CaseTabs<V>;
  list: CaseListQuery<T>;
  pageSize: number;
  /** Description and action shown when the tab has no case. */
  empty: { description: string; action: ReactNode };
  renderCard: (item: T) => ReactNode;
};

export function MyCasesList<T extends { id: string }, V extends string = CaseTab>({ cases, list, pageSize, empty, renderCard }: ListProps<T, V>) {
  const data = list.data;
  return (
    <>
      <Segmented
        block
        value={cases.tab}
        options={cases.tabs.map((t) => ({ value: t.value, label: t.label }))}
        onChange={(v) => cases.setTab(v as V)}
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

/**
 * A firm's "my cases" page on a phone: the heading (共 N 件 once loaded, else `hint`) with the button
 * that starts a new case, any banners (to rate, related lists), then `MyCasesList`.
 */
export function MyCasesPage<T extends { id: string }, V extends string = CaseTab>({
  title,
  hint,
  start,
  banners,
  ...list
}: ListProps<T, V> & {
  title: string;
  /** Under the title until the list is loaded. */
  hint: string;
  /** The header's primary button (e.g. 办事指南 → /guide). */
  start: { label: string; icon?: ReactNode; to: string };
  banners?: ReactNode;
}) {
  const navigate = useNavigate();
  const total = list.list.data?.total;
  return (
    <div className="yq-narrow">
      <PageHeader
        title={title}
        subTitle={total !== undefined ? `共 ${total} 件` : hint}
        extra={
          <Button type="primary" icon={start.icon} onClick={() => navigate(start.to)}>
            {start.label}
          </Button>
        }
      />
      {banners}
      <MyCasesList<T, V> {...list} />
    </div>
  );
}
