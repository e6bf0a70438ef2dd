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
