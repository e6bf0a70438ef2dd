import { useMemo } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Enterprise, Me, Paged } from '@yuanqi/contract';
import { api } from '../../app/api';
import { hasPermission, hasRole } from '../../app/auth';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';

/** A liaison acts only for the firms it serves; the office (and admins) for any firm of the park. */
export function servesOwnFirmsOnly(me: Me): boolean {
  return hasRole(me, 'liaison') && !hasPermission(me, 'demand:dispatch');
}

export function useMyFirms(me: Me, enabled = true) {
  return useQuery({
    queryKey: ['enterprises', 'list', { liaisonId: me.id, page: 1, pageSize: 200, sort: 'name' }],
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/api/enterprises', { liaisonId: me.id, page: 1, pageSize: 200, sort: 'name' }, signal),
    staleTime: 5 * 60_000,
    enabled: enabled && servesOwnFirmsOnly(me),
  });
}

type Props = { me: Me; value?: string | null; onChange?: (id: string | null) => void; id?: string; initialLabel?: string | null };

/** The firm a demand or a visit is for: the liaison's own firms, or a search over the park. */
export function FirmSelect({ me, value, onChange, id, initialLabel }: Props) {
  const firms = useMyFirms(me);
  const options = useMemo(() => (firms.data?.items ?? []).map((e) => ({ value: e.id, label: e.name })), [firms.data]);
  if (!servesOwnFirmsOnly(me)) return <EnterpriseSelect id={id} value={value} onChange={onChange} initialLabel={initialLabel} />;
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={firms.isLoading}
      placeholder={firms.data && options.length === 0 ? '您还没有服务的企业' : '选择您服务的企业(可输入名称搜索)'}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      notFoundContent={firms.isLoading ? '加载中…' : '没有匹配的企业'}
      style={{ width: '100%' }}
    />
  );
}
