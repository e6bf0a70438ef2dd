import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApartmentActionRequest,
  ApartmentApplicationRequest,
  ApartmentApplicationRow,
  ApartmentApplicationView,
  ApartmentOccupancyView,
  ApartmentRuleSetRequest,
  ApartmentRuleSetView,
  ApartmentSummary,
  ApartmentUnitView,
  Paged,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { landKeys } from '../api';

export type ApplicationListQuery = { status?: string; enterpriseId?: string; q?: string; page: number; pageSize: number };

/** 人才公寓 query keys: all under ['land', 'apartments']. */
export const apartmentKeys = {
  all: [...landKeys.all, 'apartments'] as const,
  list: (q: ApplicationListQuery) => [...landKeys.all, 'apartments', 'list', q] as const,
  summary: [...landKeys.all, 'apartments', 'summary'] as const,
  detail: (id: string) => [...landKeys.all, 'apartments', 'detail', id] as const,
  vacant: (id: string, on: string) => [...landKeys.all, 'apartments', 'vacant', id, on] as const,
  waitlist: (q: { page: number; pageSize: number; layout?: string }) => [...landKeys.all, 'apartments', 'waitlist', q] as const,
  next: (layout?: string) => [...landKeys.all, 'apartments', 'next', layout ?? ''] as const,
  occupancy: (on: string) => [...landKeys.all, 'apartments', 'occupancy', on] as const,
  ruleSets: [...landKeys.all, 'apartments', 'rule-sets'] as const,
  currentRules: [...landKeys.all, 'apartments', 'rule-sets', 'current'] as const,
};

export function useApartmentApplications(query: ApplicationListQuery) {
  return useQuery({
    queryKey: apartmentKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<ApartmentApplicationRow>>('/api/land/apartments/applications', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApartmentSummary() {
  return useQuery({ queryKey: apartmentKeys.summary, queryFn: ({ signal }) => api.get<ApartmentSummary>('/api/land/apartments/applications/summary', undefined, signal) });
}

export function useApartmentApplication(id: string) {
  return useQuery({ queryKey: apartmentKeys.detail(id), queryFn: ({ signal }) => api.get<ApartmentApplicationView>(`/api/land/apartments/applications/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useVacantUnits(id: string, on: string, enabled: boolean) {
  return useQuery({
    queryKey: apartmentKeys.vacant(id, on),
    queryFn: ({ signal }) => api.get<ApartmentUnitView[]>(`/api/land/apartments/applications/${encodeURIComponent(id)}/vacant-units`, { on }, signal),
    enabled,
  });
}

export function useApartmentAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApartmentActionRequest) => api.post<ApartmentApplicationView>(`/api/land/apartments/applications/${encodeURIComponent(id)}/actions`, body),
    onSuccess: (data) => {
      client.setQueryData(apartmentKeys.detail(id), data);
      void client.invalidateQueries({ queryKey: landKeys.all });
    },
  });
}

export function useCreateApartmentApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApartmentApplicationRequest) => api.post<ApartmentApplicationView>('/api/land/apartments/applications', body),
    onSuccess: () => client.invalidateQueries({ queryKey: apartmentKeys.all }),
  });
}

export function useWaitlist(q: { page: number; pageSize: number; layout?: string }) {
  return useQuery({
    queryKey: apartmentKeys.waitlist(q),
    queryFn: ({ signal }) => api.get<Paged<ApartmentApplicationRow>>('/api/land/apartments/waitlist', q as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useNextAllocation(layout: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: apartmentKeys.next(layout),
    queryFn: ({ signal }) =>
      api.get<{ application: ApartmentApplicationRow | null; unit: ApartmentUnitView | null; vacant: number }>('/api/land/apartments/waitlist/next', { layout }, signal),
    enabled,
  });
}

export function useOccupancy(on: string) {
  return useQuery({
    queryKey: apartmentKeys.occupancy(on),
    queryFn: ({ signal }) => api.get<ApartmentOccupancyView>('/api/land/apartments/occupancy', { on }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRuleSets() {
  return useQuery({ queryKey: apartmentKeys.ruleSets, queryFn: ({ signal }) => api.get<ApartmentRuleSetView[]>('/api/land/apartments/rule-sets', undefined, signal) });
}

export function useCurrentRules() {
  return useQuery({
    queryKey: apartmentKeys.currentRules,
    queryFn: ({ signal }) => api.get<{ ruleSet: ApartmentRuleSetView | null }>('/api/land/apartments/rule-sets/current', undefined, signal),
    staleTime: 60_000,
  });
}

export function useCreateRuleSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApartmentRuleSetRequest) => api.post<ApartmentRuleSetView>('/api/land/apartments/rule-sets', body),
    onSuccess: () => client.invalidateQueries({ queryKey: apartmentKeys.all }),
  });
}
