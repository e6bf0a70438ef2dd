import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type DictionaryKind = 'chain' | 'tag' | 'industry';
export type DictionaryItem = { code: string; label: string; active?: boolean };

export function useDictionary(kind: DictionaryKind, enabled = true) {
  const query = useQuery({
    queryKey: ['dictionaries', kind],
    queryFn: ({ signal }) => api.get<{ items: DictionaryItem[] }>(`/api/dictionaries/${kind}`, undefined, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const byCode = useMemo(() => new Map(items.map((i) => [i.code, i.label])), [items]);
  /** Label for a code; the code itself while loading or when the dictionary lacks it. */
  const labelOf = useCallback((code: string | null | undefined) => (code ? (byCode.get(code) ?? code) : '—'), [byCode]);
  // A deactivated entry can no longer be picked, but a record that still carries it shows its label.
  const options = useMemo(
    () => [
      ...items.filter((i) => i.active !== false).map((i) => ({ value: i.code, label: i.label })),
      ...items.filter((i) => i.active === false).map((i) => ({ value: i.code, label: `${i.label}(已停用)`, disabled: true })),
    ],
    [items],
  );
  return { items, options, labelOf, isLoading: query.isLoading };
}

const TAG_COLORS = ['blue', 'green', 'purple', 'orange', 'cyan', 'magenta', 'gold', 'geekblue', 'volcano', 'lime'];

/** A stable colour per tag code, so 专精特新 looks the same on every page. */
export function tagColor(code: string): string {
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  return TAG_COLORS[h % TAG_COLORS.length]!;
}
