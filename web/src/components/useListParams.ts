import { useSearchParams } from 'react-router-dom';

export type ParamPatch<K extends string = string> = Partial<Record<K, string | number | undefined | null>>;

/**
 * A list page's filters live in the address. `update` sets the given parameters (an empty value
 * removes one) and, unless told otherwise or the patch names a page, goes back to the first page;
 * `paginate` is the pager's handler.
 */
export function useListParams<K extends string = string>() {
  const [params, setParams] = useSearchParams();
  const patchParams = (patch: ParamPatch, resetPage: boolean) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !('page' in patch)) next.delete('page');
    setParams(next);
  };
  const update = (patch: ParamPatch<K | 'page' | 'pageSize'>, resetPage = true) => patchParams(patch, resetPage);
  const paginate = (page: number, pageSize?: number) => patchParams(pageSize ? { page, pageSize } : { page }, false);
  return { params, setParams, update, paginate };
}

/** The page (from 1) and page size (10/20/50/100, else 20) a list page's address asks for. */
export function readPaging(params: URLSearchParams): { page: number; pageSize: number } {
  const size = Number(params.get('pageSize'));
  return { page: Math.max(1, Number(params.get('page')) || 1), pageSize: [10, 20, 50, 100].includes(size) ? size : 20 };
}
