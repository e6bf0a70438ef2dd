import type { Key, ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Segmented, Select, type TableColumnType, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { dayjs } from '../format';
import { BoardChip } from '../BoardChip';
import { Countdown } from '../Countdown';
import { FilterBar, RefreshButton, useSearchBox } from '../FilterBar';
import { PageHeader } from '../PageHeader';
import { ResponsiveList, type ListPaging, type ListQuery } from '../ResponsiveList';
import { useExport } from '../useExport';
import type { ParamPatch } from '../useListParams';
import { useScreens } from '../useScreens';
import type { CaseFilterSpec, CaseQueueState } from './useCaseQueue';
import './case-kit.css';

/**
 * One figure of the queue's board (待签收 3 / 已超期 2). Pressing it clears the board's `resets`
 * parameters and sets `patch`; it is shown pressed when `active` says so, by default when the
 * address holds exactly `patch` among the `resets`.
 */
export type CaseBoardChip = { label: string; /** A figure, or a word where the chip counts nothing (全部). */ count: number | string | undefined; patch: ParamPatch; active?: boolean; danger?: boolean };

export type CaseBoard = {
  chips: (CaseBoardChip | null | false)[];
  /** The parameters a chip replaces. */
  resets: string[];
  /** Pressing the pressed chip clears it again. */
  toggle?: boolean;
  /** Chips per row (by default all in one row). */
  columns?: { phone?: number; desktop?: number };
};

type CountdownInput = { dueAt: string | null; remainingWorkingDays: number | null; overdue: boolean; dueKind?: 'accept' | 'answer' | null };

/** The queue's 倒计时 column with the shared Countdown (or the caller's `render`). */
export function countdownColumn<T>({
  of,
  render,
  title = '倒计时',
  key = 'due',
  width = 200,
}: {
  of?: (row: T) => CountdownInput;
  render?: (row: T) => ReactNode;
  title?: string;
  key?: string;
  width?: number;
}): TableColumnType<T> {
  return { title, key, width, render: (_: unknown, row: T) => (render ? render(row) : of ? <Countdown {...of(row)} /> : null) };
}

function FilterControl({ f, state }: { f: CaseFilterSpec; state: CaseQueueState }) {
  const value = state.values[f.param];
  const style = { minWidth: f.width ?? 120 };
  switch (f.kind) {
    case 'select':
    case 'assignee':
      return (
        <Select
          allowClear={f.kind === 'assignee' || (f.allowClear ?? f.defaultValue === undefined)}
          showSearch={f.kind === 'assignee' ? { optionFilterProp: 'label' } : undefined}
          loading={f.kind === 'assignee' ? f.loading : undefined}
          placeholder={f.placeholder ?? f.label}
          value={value}
          options={f.options}
          onChange={(v?: string) => state.setFilter(f, v)}
          style={style}
          aria-label={f.label}
        />
      );
    case 'check':
      return (
        <Checkbox checked={value === 'true'} onChange={(e) => state.setFilter(f, e.target.checked ? 'true' : undefined)}>
          {f.label}
        </Checkbox>
      );
    case 'segmented':
      return <Segmented value={value} options={f.options.map((o) => ({ value: o.value, label: o.label }))} onChange={(v) => state.setFilter(f, String(v))} aria-label={f.label} />;
    case 'date-range': {
      const to = state.values[f.toParam];
      return (
        <DatePicker.RangePicker
          value={[value ? dayjs(value) : null, to ? dayjs(to) : null]}
          onChange={(range) => state.setFilter(f, range?.[0]?.format('YYYY-MM-DD'), { [f.toParam]: range?.[1]?.format('YYYY-MM-DD') })}
          aria-label={f.label}
          style={{ minWidth: f.width ?? 240 }}
        />
      );
    }
    case 'search':
      return null;
    case 'custom':
      return <>{f.render({ value, onChange: (v) => state.setFilter(f, v) })}</>;
  }
}

type Props<T extends { id: Key }> = {
  /** From `useCaseQueue(filters)`: the filters and their values in the address. */
  state: CaseQueueState;
  title: ReactNode;
  /** Under the title; a function gets the total (once loaded) and whether filters are in force. */
  subTitle?: ReactNode | ((s: { total: number | undefined; filtered: boolean }) => ReactNode);
  /** Header buttons (e.g. 代提诉求). */
  extra?: ReactNode;
  /** Adds an 导出 button that downloads this and toasts the file's name. */
  exportFile?: () => Promise<string>;
  board?: CaseBoard;
  /** Between the board and the filters (e.g. a link to a related list). */
  banner?: ReactNode;
  /** The page of cases (a TanStack Query result). */
  list: ListQuery<T>;
  /** Desktop table columns; see `countdownColumn`. */
  columns: TableProps<T>['columns'];
  table?: Parameters<typeof ResponsiveList<T>>[0]['table'];
  /** One case as a phone card. */
  renderCard: (row: T) => ReactNode;
  empty: ReactNode;
  /** Paging options beyond page and size (unit 件, size changer…). */
  paging?: Partial<Omit<ListPaging, 'page' | 'pageSize' | 'onChange'>>;
  /** Adds the 刷新 button (desktop), which refetches the list and calls this (e.g. the board). */
  onRefresh?: () => void;
  /** Fold the filters behind a 筛选 button on phones (true). */
  foldFilters?: boolean;
  /** Search box width on a desktop. */
  searchWidth?: number;
};

/**
 * A work queue: header (with export), board chips that set a filter, the declared filters and
 * search kept in the address, then a table on a desktop or cards on a phone, paged.
 */
export function CaseQueuePage<T extends { id: Key }>({
  state,
  title,
  subTitle,
  extra,
  exportFile,
  board,
  banner,
  list,
  columns,
  table,
  renderCard,
  empty,
  paging,
  onRefresh,
  foldFilters = true,
  searchWidth = 260,
}: Props<T>) {
  const screens = useScreens();
  const mobile = !screens.md;
  const search = state.filters.find((f) => f.kind === 'search');
  const searchBox = useSearchBox(state.q, (q) => state.update({ [search?.param ?? 'q']: q }));
  const { exporting, doExport } = useExport(exportFile ?? (() => Promise.resolve('')));
  const total = list.data?.total;
  const filtered = state.activeCount > 0 || !!state.q;

  const chips = (board?.chips ?? []).filter((c): c is CaseBoardChip => !!c);
  const isOnly = (patch: ParamPatch) =>
    Object.entries(patch).every(([k, v]) => state.params.get(k) === (v ?? null)) && (board?.resets ?? []).every((k) => k in patch || !state.params.get(k));
  const columnCount = (mobile ? board?.columns?.phone : board?.columns?.desktop) ?? chips.length;

  return (
    <>
      <PageHeader
        title={title}
        subTitle={typeof subTitle === 'function' ? subTitle({ total, filtered }) : subTitle}
        extra={
          (extra || exportFile) && (
            <>
              {exportFile && (
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
                  导出
                </Button>
              )}
              {extra}
            </>
          )
        }
      />
      {board && chips.length > 0 && (
        <div className="yq-board" style={{ gridTemplateColumns: `repeat(${columnCount}, minmax(0, 1fr))` }}>
          {chips.map((c) => {
            const active = c.active ?? isOnly(c.patch);
            return (
              <BoardChip
                key={c.label}
                label={c.label}
                value={c.count}
                active={active}
                danger={c.danger}
                onClick={() => state.update({ ...Object.fromEntries(board.resets.map((k) => [k, undefined])), ...(board.toggle && active ? {} : c.patch) })}
              />
            );
          })}
        </div>
      )}
      {banner}
      <FilterBar
        mobile={mobile}
        search={search && { ...searchBox, placeholder: search.placeholder ?? search.label, ariaLabel: search.label, width: search.width ?? searchWidth }}
        activeCount={foldFilters ? state.activeCount : undefined}
        filters={state.filters.filter((f) => f.kind !== 'search' && !(typeof f.hidden === 'function' ? f.hidden(state.values) : f.hidden)).map((f) => <FilterControl key={f.param} f={f} state={state} />)}
        trailing={
          onRefresh &&
          !mobile && (
            <RefreshButton
              spinning={list.isFetching && !list.isLoading}
              onClick={() => {
                void list.refetch();
                onRefresh();
              }}
            />
          )
        }
      />
      <ResponsiveList<T>
        query={list}
        mobile={mobile}
        columns={columns}
        table={table}
        empty={empty}
        skeleton="cards"
        cardListStyle={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
        paging={{ unit: '件', mobileOnlyWhenPaged: true, mobileStyle: { margin: '8px 0' }, ...paging, page: state.page, pageSize: state.pageSize, onChange: state.paginate }}
        renderCard={renderCard}
      />
    </>
  );
}
