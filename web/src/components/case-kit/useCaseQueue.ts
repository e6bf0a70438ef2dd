import type { ReactNode } from 'react';
import { readPaging, useListParams, type ParamPatch } from '../useListParams';

type Option = { value: string; label: ReactNode };

type FilterBase = {
  /** The address parameter the filter is kept in. */
  param: string;
  /** Its accessible name (a check box's text; the placeholder unless `placeholder` is given). */
  label: string;
  placeholder?: string;
  /** The value when the parameter is absent; choosing it removes the parameter. */
  defaultValue?: string;
  /** Read and counted, but no control shown (e.g. a filter only some roles may set, or one that depends on another's value). */
  hidden?: boolean | ((values: Record<string, string | undefined>) => boolean);
  /** Whether a value other than the default counts as a filter in force (true; false for sorting). */
  counts?: boolean;
  /** Parameters removed whenever this one changes. */
  clears?: string[];
  /** Desktop minimum width in px. */
  width?: number;
};

/**
 * A queue's filter, declared as data and kept in the address: a select, a searchable person picker
 * (`assignee`), a check box (`true` or absent), a segmented switch, a date range (`param` holds the
 * first day, `toParam` the last, YYYY-MM-DD), or the search box (`q` by default).
 */
export type CaseFilterSpec =
  | (FilterBase & { kind: 'select'; options: Option[]; allowClear?: boolean })
  | (FilterBase & { kind: 'assignee'; options: Option[]; loading?: boolean })
  | (FilterBase & { kind: 'check' })
  | (FilterBase & { kind: 'segmented'; options: Option[] })
  | (FilterBase & { kind: 'date-range'; toParam: string })
  | (FilterBase & { kind: 'search' })
  /** A control of the page's own (e.g. a select that searches the server), given the value and its setter. */
  | (FilterBase & { kind: 'custom'; render: (props: { value: string | undefined; onChange: (value: string | undefined) => void }) => ReactNode });

/**
 * The state of a queue page in the address: each declared filter's value (its default when absent),
 * the search text, the page, and how many filters are in force; `update` and `paginate` change it.
 */
export function useCaseQueue(filters: CaseFilterSpec[]) {
  const { params, setParams, update, paginate } = useListParams();
  const values: Record<string, string | undefined> = {};
  for (const f of filters) {
    values[f.param] = params.get(f.param) ?? f.defaultValue;
    if (f.kind === 'date-range') values[f.toParam] = params.get(f.toParam) ?? undefined;
  }
  const search = filters.find((f) => f.kind === 'search');
  const q = search ? values[search.param] : undefined;
  const activeCount = filters.filter(
    (f) => f.kind !== 'search' && f.counts !== false && ((values[f.param] ?? '') !== (f.defaultValue ?? '') || (f.kind === 'date-range' && !!values[f.toParam])),
  ).length;
  /** Sets one filter (its default removes it) and clears what it clears. */
  const setFilter = (f: CaseFilterSpec, value: string | undefined, patch: ParamPatch = {}) =>
    update({
      ...Object.fromEntries((f.clears ?? []).map((k) => [k, undefined])),
      [f.param]: value === f.defaultValue ? undefined : value,
      ...patch,
    });
  return { filters, params, setParams, update, paginate, setFilter, values, q, activeCount, ...readPaging(params) };
}
export type CaseQueueState = ReturnType<typeof useCaseQueue>;

