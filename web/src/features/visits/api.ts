import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateVisitRequest, DaibanRecord, Paged, Visit, VisitCalendar } from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

export type VisitListQuery = { liaisonId?: string; enterpriseId?: string; from?: string; to?: string; page: number; pageSize: number };

export const visitKeys = {
  list: (q: VisitListQuery) => ['visits', 'list', q] as const,
  detail: (id: string) => ['visits', 'detail', id] as const,
  calendar: (month: string, liaisonId?: string) => ['visits', 'calendar', month, liaisonId ?? null] as const,
  daiban: (q: VisitListQuery) => ['daiban', 'list', q] as const,
};

export function useVisitList(query: VisitListQuery) {
  return useQuery({
    queryKey: visitKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<Visit>>('/api/visits', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: string) {
  return useQuery({
    queryKey: visitKeys.detail(id),
    queryFn: ({ signal }) => api.get<Visit>(`/api/visits/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useVisitCalendar(month: string, liaisonId?: string) {
  return useQuery({
    queryKey: visitKeys.calendar(month, liaisonId),
    queryFn: ({ signal }) => api.get<VisitCalendar>('/api/visits/calendar', { month, liaisonId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDaibanList(query: VisitListQuery, enabled = true) {
  return useQuery({
    queryKey: visitKeys.daiban(query),
    queryFn: ({ signal }) => api.get<Paged<DaibanRecord>>('/api/daiban', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Records the visit with its 代办 and the demands it raised: one request, one transaction. */
export function useCreateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVisitRequest) => api.post<Visit>('/api/visits', body),
    onSuccess: (v) => {
      queryClient.setQueryData(visitKeys.detail(v.id), v);
      void queryClient.invalidateQueries({ queryKey: ['visits', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['visits', 'calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['daiban'] });
      void queryClient.invalidateQueries({ queryKey: ['targets'] });
      if (v.raisedDemands.length > 0) {
        void queryClient.invalidateQueries({ queryKey: ['demands'] });
      }
    },
  });
}
