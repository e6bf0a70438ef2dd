import { useEffect, useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useItemSearch, useServiceItem } from './api';

/** A service item by name or code (the catalogue's search), for list filters. */
export function ItemSelect({ value, onChange, style }: { value?: string; onChange: (id: string | undefined) => void; style?: React.CSSProperties }) {
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const t = window.setTimeout(() => setTerm(input.trim()), 300);
    return () => window.clearTimeout(t);
  }, [input]);
  const search = useItemSearch(term, open || !!term);
  // the chosen item's name when it is not among the search results (e.g. after a reload)
  const current = useServiceItem(value ?? '');
  const options = useMemo(() => {
    const list = (search.data?.items ?? []).map((i) => ({ value: i.id, label: i.name, code: i.code }));
    const c = current.data;
    if (value && c && c.id === value && !list.some((o) => o.value === value)) list.unshift({ value, label: c.name, code: c.code });
    return list;
  }, [search.data, value, current.data]);

  return (
    <Select
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      onOpenChange={setOpen}
      placeholder="事项(名称或编码)"
      showSearch={{ filterOption: false, onSearch: setInput }}
      notFoundContent={search.isFetching ? <Spin size="small" /> : '没有匹配的事项'}
      options={options}
      optionRender={(o) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ whiteSpace: 'normal' }}>{o.label}</div>
          {o.data.code && <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>{o.data.code}</div>}
        </div>
      )}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, ...style }}
      aria-label="按事项筛选"
    />
  );
}
