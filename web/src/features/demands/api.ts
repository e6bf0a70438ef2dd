import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDemandRequest,
  DemandBoardSummary,
  DemandCategory,
  DemandDetail,
  DemandStatus,
  DemandSummary,
  DemandTransitionRequest,
  ListDemandsQuery,
  Paged,
  RateRequest,
  RateableCaseView,
  RatingSubjectType,
  RatingView,
  TargetsView,
} from '@yuanqi/contract';
import { api, type Query, type UploadProgress } from '../../app/api';

/** The list's query as the URL and the API take it (status is a comma list). */
export type DemandListQuery = Partial<Omit<ListDemandsQuery, 'status' | 'overdue' | 'escalated' | 'mine' | 'page' | 'pageSize'>> & {
  status?: string;
  overdue?: 'true' | 'false';
  escalated?: 'true' | 'false';
  mine?: 'true' | 'false';
  page: number;
  pageSize: number;
};

export const demandKeys = {
  all: ['demands'] as const,
  categories: ['demands', 'categories'] as const,
  board: ['demands', 'board'] as const,
  list: (q: DemandListQuery) => ['demands', 'list', q] as const,
  detail: (id: string) => ['demands', 'detail', id] as const,
  pendingRatings: ['ratings', 'pending'] as const,
  targets: (month: string) => ['targets', month] as const,
};

/** Statuses in which someone on the service side must act (a deadline runs). */
export const OPEN_STATUSES: DemandStatus[] = ['submitted', 'accepted', 'in_progress', 'reopened'];
/** What an enterprise still follows: open, or answered and waiting for its confirmation. */
export const FOLLOWED_STATUSES: DemandStatus[] = [...OPEN_STATUSES, 'resolved'];

export function useDemandCategories() {
  const query = useQuery({
    queryKey: demandKeys.categories,
    queryFn: ({ signal }) => api.get<{ items: DemandCategory[] }>('/api/demands/categories', undefined, signal),
    staleTime: 10 * 60_000,
  });
  const items = query.data?.items ?? [];
  return { ...query, items, active: items.filter((c) => c.active) };
}

export function useDemandList(query: DemandListQuery, enabled = true) {
  return useQuery({
    queryKey: demandKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<DemandSummary>>('/api/demands', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDemandBoard(enabled = true) {
  return useQuery({
    queryKey: demandKeys.board,
    queryFn: ({ signal }) => api.get<DemandBoardSummary>('/api/demands/board', undefined, signal),
    enabled,
  });
}

export function useDemand(id: string) {
  return useQuery({
    queryKey: demandKeys.detail(id),
    queryFn: ({ signal }) => api.get<DemandDetail>(`/api/demands/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Stores a fresh detail and marks every list, count and to-do stale. */
function useStoreDemand() {
  const queryClient = useQueryClient();
  return (d: DemandDetail) => {
    queryClient.setQueryData(demandKeys.detail(d.id), d);
    void queryClient.invalidateQueries({ queryKey: ['demands', 'list'] });
    void queryClient.invalidateQueries({ queryKey: demandKeys.board });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useCreateDemand() {
  const store = useStoreDemand();
  return useMutation({
    mutationFn: (body: CreateDemandRequest) => api.post<DemandDetail>('/api/demands', body),
    onSuccess: store,
  });
}

export function useDemandTransition(id: string) {
  const store = useStoreDemand();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DemandTransitionRequest) => api.post<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/transitions`, body),
    onSuccess: store,
    // someone else acted first (409): show the demand as it is now
    onError: () => void queryClient.invalidateQueries({ queryKey: demandKeys.detail(id) }),
  });
}

export function uploadDemandAttachment(id: string, file: File, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<DemandDetail> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/attachments`, form, { onProgress, signal });
}

export function attachmentUrl(demandId: string, attachmentId: string): string {
  return `/api/demands/${encodeURIComponent(demandId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function useRateDemand(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateRequest) => api.post<RatingView>(`/api/demands/${encodeURIComponent(id)}/rating`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: demandKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: demandKeys.pendingRatings });
      void queryClient.invalidateQueries({ queryKey: ['demands', 'list'] });
    },
  });
}

/** The firm's closed cases still waiting for its rating (enterprise users only). */
export function usePendingRatings(enabled = true) {
  return useQuery({
    queryKey: demandKeys.pendingRatings,
    queryFn: ({ signal }) => api.get<{ items: RateableCaseView[] }>('/api/ratings/pending', undefined, signal),
    enabled,
  });
}

/** The ids of this firm's closed cases of one subject type that still wait for its 好差评. */
export function useToRateIds(subjectType: RatingSubjectType): Set<string> {
  const pending = usePendingRatings();
  return useMemo(() => new Set((pending.data?.items ?? []).filter((p) => p.subjectType === subjectType).map((p) => p.subjectId)), [pending.data, subjectType]);
}

export function useTargets(month: string, enabled = true) {
  return useQuery({
    queryKey: demandKeys.targets(month),
    queryFn: ({ signal }) => api.get<TargetsView>(`/api/targets/${month}`, undefined, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
