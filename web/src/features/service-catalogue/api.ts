import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApproverOption,
  BulkItemApproverRequest,
  CreateServiceItemRequest,
  HotServiceItem,
  ItemStatsResponse,
  ItemStatsSort,
  ListServiceItemsQuery,
  ServiceItemListResponse,
  ServiceItemView,
  ServiceSynonym,
  ServiceSynonymRequest,
  ServiceSynonymWriteResult,
} from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

const enc = encodeURIComponent;

/** The list/search query as the address holds it (all optional, paging included). */
export type ItemListQuery = Partial<Omit<ListServiceItemsQuery, 'online' | 'chengnuoAllowed'>> & {
  online?: 'true' | 'false';
  chengnuoAllowed?: 'true' | 'false';
  page: number;
  pageSize: number;
};

export type ItemStatsListQuery = {
  from: string;
  to: string;
  department?: string;
  q?: string;
  overOnly?: 'true';
  sort?: ItemStatsSort;
  page: number;
  pageSize: number;
};

/** Keys share the `service-items` root with the 办件 pages, so one invalidation refreshes both. */
export const catalogueKeys = {
  all: ['service-items'] as const,
  list: (q: ItemListQuery) => ['service-items', 'list', q] as const,
  detail: (id: string) => ['service-items', 'detail', id] as const,
  hot: ['service-items', 'hot'] as const,
  departments: ['service-items', 'departments'] as const,
  approvers: ['service-items', 'approver-options'] as const,
  synonyms: ['service-synonyms'] as const,
  stats: (q: ItemStatsListQuery) => ['service-stats', 'items', q] as const,
};

export function useItemList(query: ItemListQuery, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.list(query),
    queryFn: ({ signal }) => api.get<ServiceItemListResponse>('/api/service-items', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useItem(id: string) {
  return useQuery({
    queryKey: catalogueKeys.detail(id),
    queryFn: ({ signal }) => api.get<ServiceItemView>(`/api/service-items/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useHotItems() {
  return useQuery({
    queryKey: catalogueKeys.hot,
    queryFn: ({ signal }) => api.get<HotServiceItem[]>('/api/service-items/hot', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: catalogueKeys.departments,
    queryFn: ({ signal }) => api.get<string[]>('/api/service-items/departments', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useApproverOptions(enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.approvers,
    queryFn: ({ signal }) => api.get<ApproverOption[]>('/api/service-items/approver-options', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

function useStoreItem() {
  const queryClient = useQueryClient();
  return (item: ServiceItemView) => {
    queryClient.setQueryData(catalogueKeys.detail(item.id), item);
    void queryClient.invalidateQueries({ queryKey: ['service-items', 'list'] });
    void queryClient.invalidateQueries({ queryKey: catalogueKeys.approvers });
    void queryClient.invalidateQueries({ queryKey: catalogueKeys.departments });
  };
}

export function useCreateItem() {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: CreateServiceItemRequest) => api.post<ServiceItemView>('/api/service-items', body),
    meta: { quietCodes: ['VALIDATION_FAILED'] },
    onSuccess: store,
  });
}

export function useUpdateItem(id: string) {
  const store = useStoreItem();
  return useMutation({
    mutationFn: (body: CreateServiceItemRequest & { version: number }) => api.put<ServiceItemView>(`/api/service-items/${enc(id)}`, body),
    meta: { quietCodes: ['VALIDATION_FAILED'] },
    onSuccess: store,
  });
}

export function useSetItemStatus() {
  const store = useStoreItem();
  return useMutation({
    mutationFn: ({ id, active, version }: { id: string; active: boolean; version: number }) =>
      api.post<ServiceItemView>(`/api/service-items/${enc(id)}/${active ? 'activate' : 'deactivate'}`, { version }),
    onSuccess: store,
  });
}

export function useSetItemApprovers() {
  const store = useStoreItem();
  return useMutation({
    mutationFn: ({ id, approverIds, version }: { id: string; approverIds: string[]; version: number }) =>
      api.put<ServiceItemView>(`/api/service-items/${enc(id)}/approvers`, { approverIds, version }),
    onSuccess: store,
  });
}

export function useBulkApprover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkItemApproverRequest) => api.post<{ changed: number }>('/api/service-items/approvers', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: catalogueKeys.all }),
  });
}

export function downloadItemTemplate(): Promise<string> {
  return api.download('/api/service-items/import/template', undefined, '事项导入模板.xlsx');
}

export function exportItems(): Promise<string> {
  return api.download('/api/service-items/export', undefined, '事项清单.xlsx');
}

// Synonyms -----------------------------------------------------------------------------------

export function useSynonyms() {
  return useQuery({
    queryKey: catalogueKeys.synonyms,
    queryFn: ({ signal }) => api.get<ServiceSynonym[]>('/api/service-synonyms', undefined, signal),
  });
}

export function useSaveSynonym() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ServiceSynonymRequest }) =>
      id ? api.put<ServiceSynonymWriteResult>(`/api/service-synonyms/${enc(id)}`, body) : api.post<ServiceSynonymWriteResult>('/api/service-synonyms', body),
    meta: { quietCodes: ['VALIDATION_FAILED', 'CONFLICT'] },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.synonyms });
      void queryClient.invalidateQueries({ queryKey: ['service-items', 'list'] });
    },
  });
}

export function useDeleteSynonym() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ServiceSynonymWriteResult>(`/api/service-synonyms/${enc(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.synonyms });
      void queryClient.invalidateQueries({ queryKey: ['service-items', 'list'] });
    },
  });
}

// Statistics ---------------------------------------------------------------------------------

export function useItemStats(query: ItemStatsListQuery) {
  return useQuery({
    queryKey: catalogueKeys.stats(query),
    queryFn: ({ signal }) => api.get<ItemStatsResponse>('/api/service-stats/items', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function exportItemStats(query: Omit<ItemStatsListQuery, 'page' | 'pageSize'>): Promise<string> {
  return api.download('/api/service-stats/items/export', query as Query, '事项效能.xlsx');
}
