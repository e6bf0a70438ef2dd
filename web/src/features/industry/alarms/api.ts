import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AlarmAction,
  AlarmDetailView,
  AlarmRuleOptions,
  AlarmRuleRequest,
  AlarmRuleView,
  AlarmSeverity,
  AlarmSummary,
  AlarmView,
  Paged,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { industryKeys } from '../api';

/** The alarm list's query as it sits in the URL. */
export type AlarmListQuery = {
  status?: string;
  severity?: AlarmSeverity;
  active?: 'true' | 'false';
  enterpriseId?: string;
  deviceId?: string;
  q?: string;
  page: number;
  pageSize: number;
};

/** 告警 query keys: all under ['industry', 'alarms']. */
export const alarmKeys = {
  all: [...industryKeys.all, 'alarms'] as const,
  list: (q: AlarmListQuery) => [...industryKeys.all, 'alarms', 'list', q] as const,
  summary: [...industryKeys.all, 'alarms', 'summary'] as const,
  detail: (id: string) => [...industryKeys.all, 'alarms', 'detail', id] as const,
  rules: [...industryKeys.all, 'alarms', 'rules'] as const,
  options: [...industryKeys.all, 'alarms', 'rule-options'] as const,
};

export function useAlarms(query: AlarmListQuery) {
  return useQuery({
    queryKey: alarmKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<AlarmView>>('/api/industry/alarms', query as Query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useAlarmSummary() {
  return useQuery({ queryKey: alarmKeys.summary, queryFn: ({ signal }) => api.get<AlarmSummary>('/api/industry/alarms/summary', undefined, signal), refetchInterval: 30_000 });
}

export function useAlarm(id: string) {
  return useQuery({ queryKey: alarmKeys.detail(id), queryFn: ({ signal }) => api.get<AlarmDetailView>(`/api/industry/alarms/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useAlarmAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note, version }: { action: AlarmAction; note?: string; version?: number }) =>
      api.post<AlarmDetailView>(`/api/industry/alarms/${encodeURIComponent(id)}/${action}`, { note, version }),
    onSuccess: (data) => {
      client.setQueryData(alarmKeys.detail(id), data);
      void client.invalidateQueries({ queryKey: alarmKeys.all });
    },
  });
}

export function useAlarmRules() {
  return useQuery({ queryKey: alarmKeys.rules, queryFn: ({ signal }) => api.get<AlarmRuleView[]>('/api/industry/alarm-rules', undefined, signal) });
}

export function useAlarmRuleOptions(enabled = true) {
  return useQuery({ queryKey: alarmKeys.options, queryFn: ({ signal }) => api.get<AlarmRuleOptions>('/api/industry/alarm-rules/options', undefined, signal), enabled, staleTime: 60_000 });
}

function useRuleMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: alarmKeys.all }) });
}

export const useSaveAlarmRule = () =>
  useRuleMutation(({ id, body }: { id?: string; body: AlarmRuleRequest }) =>
    id ? api.put<AlarmRuleView>(`/api/industry/alarm-rules/${encodeURIComponent(id)}`, body) : api.post<AlarmRuleView>('/api/industry/alarm-rules', body),
  );
export const useToggleAlarmRule = () =>
  useRuleMutation(({ id, enabled }: { id: string; enabled: boolean }) => api.post<AlarmRuleView>(`/api/industry/alarm-rules/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`));
export const useDeleteAlarmRule = () => useRuleMutation((id: string) => api.delete<null>(`/api/industry/alarm-rules/${encodeURIComponent(id)}`));
