import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AppealDecision,
  AppealStatus,
  AppealView,
  Paged,
  RatingDetailView,
  RatingLevel,
  RatingSettings,
  RatingStatsGroupBy,
  RatingStatsReport,
  RatingView,
  RectificationActionRequest,
  RectificationDetailView,
  RectificationStatus,
  RectificationView,
} from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

/** The ledger's query as it sits in the URL. */
export type RatingListQuery = {
  level?: RatingLevel;
  bad?: 'true' | 'false';
  removed?: 'true' | 'false';
  officerId?: string;
  category?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export type RectificationListQuery = {
  mine?: 'true';
  status?: RectificationStatus;
  overdue?: 'true';
  officerId?: string;
  page: number;
  pageSize: number;
};

export type RatingStatsParams = { from: string; to: string; groupBy?: RatingStatsGroupBy; officerId?: string; subjectType?: 'demand' | 'application' };

export const ratingKeys = {
  all: ['ratings'] as const,
  list: (q: RatingListQuery) => ['ratings', 'list', q] as const,
  detail: (id: string) => ['ratings', 'detail', id] as const,
  stats: (p: RatingStatsParams) => ['ratings', 'stats', p] as const,
  settings: ['ratings', 'settings'] as const,
  rectifications: (q: RectificationListQuery) => ['ratings', 'rectifications', q] as const,
  rectification: (id: string) => ['ratings', 'rectification', id] as const,
  appeals: (status: AppealStatus | undefined, page: number) => ['ratings', 'appeals', status ?? 'all', page] as const,
};

export function useRatings(query: RatingListQuery) {
  return useQuery({
    queryKey: ratingKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<RatingView>>('/api/ratings', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRating(id: string) {
  return useQuery({
    queryKey: ratingKeys.detail(id),
    queryFn: ({ signal }) => api.get<RatingDetailView>(`/api/ratings/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useRatingStats(p: RatingStatsParams, enabled = true) {
  return useQuery({
    queryKey: ratingKeys.stats(p),
    queryFn: ({ signal }) => api.get<RatingStatsReport>('/api/ratings/stats', p as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function exportRatingStats(p: RatingStatsParams): Promise<string> {
  return api.download('/api/ratings/stats.xlsx', p as Query, `好差评统计-${p.from}至${p.to}.xlsx`);
}

export function useRatingSettings(enabled = true) {
  return useQuery({
    queryKey: ratingKeys.settings,
    queryFn: ({ signal }) => api.get<RatingSettings>('/api/ratings/settings', undefined, signal),
    enabled,
  });
}

export function useSaveRatingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { rectifyDays: number }) => api.put<RatingSettings>('/api/ratings/settings', body),
    onSuccess: (s) => queryClient.setQueryData(ratingKeys.settings, s),
  });
}

export function useAppealRating() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ratingId, reason }: { ratingId: string; reason: string }) => api.post<AppealView>(`/api/ratings/${encodeURIComponent(ratingId)}/appeal`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ratingKeys.all }),
  });
}

export function useRectifications(query: RectificationListQuery, enabled = true) {
  return useQuery({
    queryKey: ratingKeys.rectifications(query),
    queryFn: ({ signal }) => api.get<Paged<RectificationView>>('/api/rectifications', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRectification(id: string) {
  return useQuery({
    queryKey: ratingKeys.rectification(id),
    queryFn: ({ signal }) => api.get<RectificationDetailView>(`/api/rectifications/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useRectificationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RectificationActionRequest) => api.post<RectificationDetailView>(`/api/rectifications/${encodeURIComponent(id)}/actions`, body),
    onSuccess: (r) => {
      queryClient.setQueryData(ratingKeys.rectification(id), r);
      void queryClient.invalidateQueries({ queryKey: ['ratings', 'rectifications'] });
      void queryClient.invalidateQueries({ queryKey: ['ratings', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['ratings', 'detail', r.ratingId] });
    },
  });
}

export function useAppeals(status: AppealStatus | undefined, page: number, enabled = true) {
  return useQuery({
    queryKey: ratingKeys.appeals(status, page),
    queryFn: ({ signal }) => api.get<Paged<AppealView>>('/api/appeals', { status, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReviewAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: AppealDecision; reason: string }) =>
      api.post<AppealView>(`/api/appeals/${encodeURIComponent(id)}/review`, { decision, reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ratingKeys.all });
      // a removed review leaves every rate and cancels its rectification
      void queryClient.invalidateQueries({ queryKey: ['demands'] });
    },
  });
}

/** 0.9123 → 91.2%; null → —. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}
