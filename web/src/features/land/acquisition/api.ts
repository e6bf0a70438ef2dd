import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcquisitionAreaList,
  AcquisitionAreaView,
  AcquisitionHouseholdPage,
  AcquisitionHouseholdView,
  AcquisitionIncidentView,
  AcquisitionPaymentRequest,
  CreateAcquisitionIncidentRequest,
  ResolveAcquisitionIncidentRequest,
} from '@yuanqi/contract';
import { api } from '../../../app/api';
import { landKeys } from '../api';

/** 征地拆迁 query keys: all under ['land', 'acquisition']. */
export const acquisitionKeys = { all: [...landKeys.all, 'acquisition'] as const };
const clean = (q: Record<string, string | number | undefined | null>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>;

export const useAreas = () => useQuery({ queryKey: [...acquisitionKeys.all, 'areas'], queryFn: ({ signal }) => api.get<AcquisitionAreaList>('/api/land/acquisition/areas', undefined, signal) });
export const useArea = (id: string) => useQuery({ queryKey: [...acquisitionKeys.all, 'area', id], queryFn: ({ signal }) => api.get<AcquisitionAreaView>(`/api/land/acquisition/areas/${encodeURIComponent(id)}`, undefined, signal) });
export function useHouseholds(areaId: string, q: { q?: string; kind?: string; stage?: string; unpaid?: string; page: number; pageSize: number }) {
  const query = clean(q);
  return useQuery({ queryKey: [...acquisitionKeys.all, 'households', areaId, query], queryFn: ({ signal }) => api.get<AcquisitionHouseholdPage>(`/api/land/acquisition/areas/${encodeURIComponent(areaId)}/households`, query, signal) });
}
export const useAreaIncidents = (areaId: string) =>
  useQuery({ queryKey: [...acquisitionKeys.all, 'incidents', areaId], queryFn: ({ signal }) => api.get<AcquisitionIncidentView[]>(`/api/land/acquisition/areas/${encodeURIComponent(areaId)}/incidents`, undefined, signal) });
export const useHousehold = (id: string) =>
  useQuery({ queryKey: [...acquisitionKeys.all, 'household', id], queryFn: ({ signal }) => api.get<AcquisitionHouseholdView & { officer: boolean }>(`/api/land/acquisition/households/${encodeURIComponent(id)}`, undefined, signal) });
export const useIncident = (id: string) =>
  useQuery({ queryKey: [...acquisitionKeys.all, 'incident', id], queryFn: ({ signal }) => api.get<AcquisitionIncidentView>(`/api/land/acquisition/incidents/${encodeURIComponent(id)}`, undefined, signal) });

function useAcqMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: acquisitionKeys.all }) });
}
export const useAddPayment = () => useAcqMutation(({ id, body }: { id: string; body: AcquisitionPaymentRequest }) => api.post(`/api/land/acquisition/households/${id}/payments`, body));
export const useVoidPayment = () => useAcqMutation(({ id, voidReason }: { id: string; voidReason: string }) => api.post(`/api/land/acquisition/payments/${id}/void`, { voidReason }));
export const useCreateIncident = () => useAcqMutation(({ areaId, body }: { areaId: string; body: CreateAcquisitionIncidentRequest }) => api.post<AcquisitionIncidentView>(`/api/land/acquisition/areas/${areaId}/incidents`, body));
export const useResolveIncident = () => useAcqMutation(({ id, body }: { id: string; body: ResolveAcquisitionIncidentRequest }) => api.post<AcquisitionIncidentView>(`/api/land/acquisition/incidents/${id}/resolve`, body));

export const exportHouseholds = (areaId: string, q: Record<string, string | undefined>) => api.download(`/api/land/acquisition/areas/${areaId}/households/export`, clean(q), '征迁住户.xlsx');
export const downloadHouseholdTemplate = (areaId: string) => api.download(`/api/land/acquisition/areas/${areaId}/households/template`, undefined, '征迁住户导入模板.xlsx');
