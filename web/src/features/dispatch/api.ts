import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  OPEN_DEMAND_STATUSES,
  type CreateDispatchMeetingRequest,
  type DemandBoardSummary,
  type DemandCategory,
  type DemandDetail,
  type DemandStats,
  type DemandStatus,
  type DemandSummary,
  type DispatchMeeting,
  type DispatchMeetingDetail,
  type Paged,
  type PutTargetsRequest,
  type TargetsView,
  type UpdateDispatchItemRequest,
} from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

/** The board's list query as it sits in the URL (strings, as the API takes them). */
export type DemandListQuery = {
  status?: string;
  category?: string;
  assigneeId?: string;
  overdue?: 'true';
  escalated?: 'true';
  q?: string;
  from?: string;
  to?: string;
  sort?: '-createdAt' | 'createdAt' | 'dueAt' | '-updatedAt';
  page: number;
  pageSize: number;
};

/** Keys under `demands` so that the demand pages and these invalidate each other. */
export const dispatchKeys = {
  board: ['demands', 'board'] as const,
  list: (q: DemandListQuery) => ['demands', 'list', q] as const,
  count: (q: Omit<DemandListQuery, 'page' | 'pageSize'>) => ['demands', 'list', { ...q, page: 1, pageSize: 1 }] as const,
  categories: ['demands', 'categories'] as const,
  stats: (from: string, to: string, liaisonId?: string) => ['demands', 'stats', from, to, liaisonId ?? null] as const,
  meetings: (page: number, pageSize: number) => ['dispatch-meetings', 'list', page, pageSize] as const,
  meeting: (id: string) => ['dispatch-meetings', 'detail', id] as const,
  targets: (month: string) => ['targets', month] as const,
};

export const OPEN_STATUS_PARAM = OPEN_DEMAND_STATUSES.join(',');

export function useDemandBoard(enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.board,
    queryFn: ({ signal }) => api.get<DemandBoardSummary>('/api/demands/board', undefined, signal),
    refetchInterval: 120_000,
    enabled,
  });
}

export function useDemandList(query: DemandListQuery) {
  return useQuery({
    queryKey: dispatchKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<DemandSummary>>('/api/demands', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDemandCategories() {
  const query = useQuery({
    queryKey: dispatchKeys.categories,
    queryFn: ({ signal }) => api.get<{ items: DemandCategory[] }>('/api/demands/categories', undefined, signal),
    staleTime: 10 * 60_000,
  });
  const items = query.data?.items ?? [];
  return {
    ...query,
    items,
    options: items.filter((c) => c.active).map((c) => ({ value: c.code, label: c.label })),
    labelOf: (code: string | null | undefined) => (code ? (items.find((c) => c.code === code)?.label ?? code) : '—'),
  };
}

/**
 * Open and overdue demands per category, from the list's totals (one tiny request per category
 * and measure): the board endpoint has no per-category breakdown.
 */
export function useOpenByCategory(categories: DemandCategory[]) {
  const specs = categories.flatMap((c) => [
    { category: c.code, overdue: false },
    { category: c.code, overdue: true },
  ]);
  const results = useQueries({
    queries: specs.map((s) => {
      const q = { status: OPEN_STATUS_PARAM, category: s.category, ...(s.overdue ? { overdue: 'true' as const } : {}) };
      return {
        queryKey: dispatchKeys.count(q),
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Paged<DemandSummary>>('/api/demands', { ...q, page: 1, pageSize: 1 }, signal),
        select: (d: Paged<DemandSummary>) => d.total,
        staleTime: 60_000,
      };
    }),
  });
  const loading = results.some((r) => r.isLoading);
  const rows = categories.map((c, i) => ({ code: c.code, label: c.label, open: results[i * 2]?.data ?? 0, overdue: results[i * 2 + 1]?.data ?? 0 }));
  return { rows, loading, error: results.find((r) => r.error)?.error ?? null };
}

export function useReassign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, assigneeId, note }: { id: string; assigneeId: string; note?: string }) =>
      api.post<DemandDetail>(`/api/demands/${encodeURIComponent(id)}/transitions`, { action: 'reassign', assigneeId, note: note || undefined }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['demands'] }),
  });
}

// 周调度 ----------------------------------------------------------------------------------------

export function useMeetings(page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.meetings(page, pageSize),
    queryFn: ({ signal }) => api.get<Paged<DispatchMeeting>>('/api/dispatch-meetings', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: dispatchKeys.meeting(id),
    queryFn: ({ signal }) => api.get<DispatchMeetingDetail>(`/api/dispatch-meetings/${encodeURIComponent(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDispatchMeetingRequest) => api.post<DispatchMeetingDetail>('/api/dispatch-meetings', body),
    onSuccess: (m) => {
      queryClient.setQueryData(dispatchKeys.meeting(m.id), m);
      void queryClient.invalidateQueries({ queryKey: ['dispatch-meetings', 'list'] });
    },
  });
}

export function useDecideItem(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: UpdateDispatchItemRequest }) =>
      api.patch<DispatchMeetingDetail>(`/api/dispatch-meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}`, body),
    onSuccess: (m) => {
      queryClient.setQueryData(dispatchKeys.meeting(m.id), m);
      void queryClient.invalidateQueries({ queryKey: ['dispatch-meetings', 'list'] });
      // a decision may move a deadline or change the owner
      void queryClient.invalidateQueries({ queryKey: ['demands'] });
    },
  });
}

export function useCloseMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<DispatchMeetingDetail>(`/api/dispatch-meetings/${encodeURIComponent(meetingId)}/close`),
    onSuccess: (m) => {
      queryClient.setQueryData(dispatchKeys.meeting(m.id), m);
      void queryClient.invalidateQueries({ queryKey: ['dispatch-meetings', 'list'] });
    },
  });
}

export function downloadMinutes(meeting: { id: string; heldOn: string }): Promise<string> {
  return api.download(`/api/dispatch-meetings/${encodeURIComponent(meeting.id)}/minutes.docx`, undefined, `周调度会议纪要-${meeting.heldOn}.docx`);
}

// 月战图 ----------------------------------------------------------------------------------------

export function useTargets(month: string) {
  return useQuery({
    queryKey: dispatchKeys.targets(month),
    queryFn: ({ signal }) => api.get<TargetsView>(`/api/targets/${encodeURIComponent(month)}`, undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePutTargets(month: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutTargetsRequest) => api.put<TargetsView>(`/api/targets/${encodeURIComponent(month)}`, body),
    onSuccess: (v) => queryClient.setQueryData(dispatchKeys.targets(month), v),
  });
}

// 统计 ------------------------------------------------------------------------------------------

export function useDemandStats(from: string, to: string, liaisonId?: string) {
  return useQuery({
    queryKey: dispatchKeys.stats(from, to, liaisonId),
    queryFn: ({ signal }) => api.get<DemandStats>('/api/demands/stats', { from, to, liaisonId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function exportDemandStats(from: string, to: string, liaisonId?: string): Promise<string> {
  return api.download('/api/demands/stats.xlsx', { from, to, liaisonId }, `诉求统计-${from}至${to}.xlsx`);
}

// Working-day calendar helpers ------------------------------------------------------------------

export function fetchAddWorkingDays(date: string, days: number) {
  return api.get<{ date: string }>('/api/calendar/add-working-days', { date, days });
}

export function useWorkingDaysBetween(from: string, to: string | null | undefined) {
  return useQuery({
    queryKey: ['calendar', 'between', from, to],
    queryFn: ({ signal }) => api.get<{ days: number }>('/api/calendar/working-days-between', { from, to: to! }, signal),
    enabled: !!to && to >= from,
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export function isOpenStatus(status: DemandStatus): boolean {
  return (OPEN_DEMAND_STATUSES as readonly string[]).includes(status);
}
