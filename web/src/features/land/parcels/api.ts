import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LandParcelAction, ParcelDetailView, ParcelFacets, ParcelMapView, ParcelPage, ParcelRequest } from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { landKeys } from '../api';

/** The parcel list's query as it sits in the URL. */
export type ParcelListQuery = { status?: string; zone?: string; plannedUse?: string; enterpriseId?: string; q?: string; areaFlag?: 'differs'; page: number; pageSize: number };

export const parcelKeys = {
  all: [...landKeys.all, 'parcels'] as const,
  list: (q: ParcelListQuery) => [...landKeys.all, 'parcels', 'list', q] as const,
  facets: [...landKeys.all, 'parcels', 'facets'] as const,
  detail: (id: string) => [...landKeys.all, 'parcels', 'detail', id] as const,
  map: [...landKeys.all, 'map'] as const,
  holders: (q: string) => [...landKeys.all, 'parcels', 'holders', q] as const,
};

export function useParcels(query: ParcelListQuery) {
  return useQuery({ queryKey: parcelKeys.list(query), queryFn: ({ signal }) => api.get<ParcelPage>('/api/land/parcels', query as Query, signal), placeholderData: keepPreviousData });
}
export function useParcelFacets() {
  return useQuery({ queryKey: parcelKeys.facets, queryFn: ({ signal }) => api.get<ParcelFacets>('/api/land/parcels/facets', undefined, signal) });
}
export function useParcel(id: string) {
  return useQuery({ queryKey: parcelKeys.detail(id), queryFn: ({ signal }) => api.get<ParcelDetailView>(`/api/land/parcels/${encodeURIComponent(id)}`, undefined, signal), enabled: !!id });
}
export function useParcelMap() {
  return useQuery({ queryKey: parcelKeys.map, queryFn: ({ signal }) => api.get<ParcelMapView>('/api/land/map', undefined, signal), staleTime: 60_000 });
}

export type HolderOptions = {
  firms: { id: string; name: string; uscc: string }[];
  projects: { id: string; code: string; name: string; investor: string; enterpriseId: string | null; enterpriseName: string | null }[];
};
export function useHolders(q: string, enabled: boolean) {
  return useQuery({ queryKey: parcelKeys.holders(q), queryFn: ({ signal }) => api.get<HolderOptions>('/api/land/parcels/holders', { q: q || undefined }, signal), enabled, placeholderData: keepPreviousData });
}

export type StepBody = { on?: string; note?: string; enterpriseId?: string; projectId?: string; landPriceFen?: number };
export function useParcelStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: LandParcelAction; body: StepBody }) => api.post<ParcelDetailView>(`/api/land/parcels/${encodeURIComponent(id)}/actions/${action}`, body),
    onSuccess: (data) => {
      client.setQueryData(parcelKeys.detail(id), data);
      // the map, the list, the campaign board: every land page may show this parcel
      void client.invalidateQueries({ queryKey: landKeys.all });
    },
  });
}

export function useSaveParcel(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ParcelRequest) => (id ? api.put<ParcelDetailView>(`/api/land/parcels/${encodeURIComponent(id)}`, body) : api.post<ParcelDetailView>('/api/land/parcels', body)),
    onSuccess: (data) => {
      client.setQueryData(parcelKeys.detail(data.id), data);
      void client.invalidateQueries({ queryKey: landKeys.all });
    },
  });
}
