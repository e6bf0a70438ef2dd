import { useEffect, useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Enterprise, Paged } from '@yuanqi/contract';
import { api } from '../../app/api';

type Props = {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The name of the already chosen firm, shown before any search runs. */
  initialLabel?: string | null;
  placeholder?: string;
  id?: string;
};

/** Searchable firm picker backed by /api/enterprises?q= (name or USCC). */
export function EnterpriseSelect({ value, onChange, initialLabel, placeholder = '输入企业名称或信用代码搜索', id }: Props) {
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setTerm(input.trim()), 300);
    return () => window.clearTimeout(t);
  }, [input]);

  const search = useQuery({
    queryKey: ['enterprises', 'list', { q: term, page: 1, pageSize: 20, sort: 'name' }],
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/api/enterprises', { q: term, page: 1, pageSize: 20, sort: 'name' }, signal),
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const list = (search.data?.items ?? []).map((e) => ({ value: e.id, label: e.name, uscc: e.uscc }));
    if (value && initialLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: initialLabel, uscc: '' });
    return list;
  }, [search.data, value, initialLabel]);

  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setInput }}
      notFoundContent={search.isFetching ? <Spin size="small" /> : term ? '没有找到匹配的企业' : '暂无企业'}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.label}</div>
          {o.data.uscc && <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>{o.data.uscc}</div>}
        </div>
      )}
      style={{ width: '100%' }}
    />
  );
}
