import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateEnterpriseRequest, Enterprise, Paged } from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

export type EnterpriseSort =
  | 'name' | '-name' | 'createdAt' | '-createdAt' | 'annualRevenueFen' | '-annualRevenueFen' | 'headcount' | '-headcount';

export type EnterpriseFilters = {
  q?: string;
  chain?: string;
  tag?: string;
  liaisonId?: string;
  isAboveScale?: 'true' | 'false';
  industryCode?: string;
  sort?: EnterpriseSort;
};

export type EnterpriseListQuery = EnterpriseFilters & { page: number; pageSize: number };

export type HistoryEntry = {
  id: string;
  at: string;
  actorName: string | null;
  action: 'create' | 'update' | 'assign-liaison' | 'import';
  changes: { field: string; label: string; before: unknown; after: unknown }[];
};

export type Liaison = { id: string; displayName: string; enterpriseCount: number };

/** Fields sent on update: anything editable, plus the version the form was loaded at. */
export type EnterprisePatch = Partial<CreateEnterpriseRequest> & { version: number };

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (q: EnterpriseListQuery) => ['enterprises', 'list', q] as const,
  detail: (id: string) => ['enterprises', 'detail', id] as const,
  history: (id: string) => ['enterprises', 'history', id] as const,
  liaisons: ['staff', 'liaisons'] as const,
};

export function useEnterpriseList(query: EnterpriseListQuery, enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/api/enterprises', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Just the total for a filter: pageSize=1 keeps the answer tiny. */
export function useEnterpriseCount(filters: EnterpriseFilters, enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.list({ ...filters, page: 1, pageSize: 1 }),
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/api/enterprises', { ...filters, page: 1, pageSize: 1 } as Query, signal),
    select: (d) => d.total,
    enabled,
  });
}

export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.detail(id),
    queryFn: ({ signal }) => api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useEnterpriseHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.history(id),
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/api/enterprises/${encodeURIComponent(id)}/history`, undefined, signal),
    enabled: !!id && enabled,
  });
}

export function useLiaisons(enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.liaisons,
    queryFn: ({ signal }) => api.get<{ items: Liaison[] }>('/api/staff/liaisons', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

function useStoreEnterprise() {
  const queryClient = useQueryClient();
  return (e: Enterprise) => {
    queryClient.setQueryData(enterpriseKeys.detail(e.id), e);
    void queryClient.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.history(e.id) });
  };
}

export function useCreateEnterprise() {
  const store = useStoreEnterprise();
  return useMutation({
    mutationFn: (body: CreateEnterpriseRequest) => api.post<Enterprise>('/api/enterprises', body),
    onSuccess: store,
  });
}

export function useUpdateEnterprise(id: string) {
  const store = useStoreEnterprise();
  return useMutation({
    mutationFn: (body: EnterprisePatch) => api.patch<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`, body),
    meta: { quietCodes: ['CONFLICT'] },
    onSuccess: store,
  });
}

export function useAssignLiaison(id: string) {
  const store = useStoreEnterprise();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (liaisonId: string | null) => api.put<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}/liaison`, { liaisonId }),
    onSuccess: (e) => {
      store(e);
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.liaisons });
    },
  });
}

export function exportEnterprises(filters: EnterpriseFilters): Promise<string> {
  return api.download('/api/enterprises/export', filters as Query, '企业名录.xlsx');
}

export function downloadImportTemplate(): Promise<string> {
  return api.download('/api/enterprises/import/template', undefined, '企业导入模板.xlsx');
}
