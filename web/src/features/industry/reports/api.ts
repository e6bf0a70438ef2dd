import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateIndicatorRequest,
  FilingStatusQuery,
  FilingStatusView,
  FirmMonthsView,
  IndicatorView,
  IndustrySettingsRequest,
  IndustrySettingsView,
  Paged,
  ReportActionRequest,
  ReporterView,
  ReportListQuery,
  ReportSummaryView,
  ReportView,
  SaveReportRequest,
  UpdateIndicatorRequest,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { industryKeys } from '../api';

export const reportKeys = {
  all: [...industryKeys.all, 'reports'] as const,
  months: (enterpriseId: string | undefined) => [...industryKeys.all, 'reports', 'months', enterpriseId ?? 'mine'] as const,
  list: (q: ReportListQuery) => [...industryKeys.all, 'reports', 'list', q] as const,
  filing: (q: FilingStatusQuery) => [...industryKeys.all, 'reports', 'filing', q] as const,
  report: (id: string) => [...industryKeys.all, 'reports', 'one', id] as const,
  form: (enterpriseId: string | undefined, period: string) => [...industryKeys.all, 'reports', 'form', enterpriseId ?? 'mine', period] as const,
  indicators: [...industryKeys.all, 'indicators'] as const,
  reporters: (q: Query) => [...industryKeys.all, 'reporters', q] as const,
  settings: [...industryKeys.all, 'settings'] as const,
};

export function useFirmMonths(enterpriseId?: string, enabled = true) {
  return useQuery({
    queryKey: reportKeys.months(enterpriseId),
    queryFn: ({ signal }) => api.get<FirmMonthsView>('/api/industry/reports/months', { enterpriseId, months: 12 }, signal),
    enabled,
  });
}

export function useReports(q: ReportListQuery) {
  return useQuery({ queryKey: reportKeys.list(q), queryFn: ({ signal }) => api.get<Paged<ReportSummaryView>>('/api/industry/reports', q as Query, signal), placeholderData: keepPreviousData });
}

export function useFilingStatus(q: FilingStatusQuery) {
  return useQuery({ queryKey: reportKeys.filing(q), queryFn: ({ signal }) => api.get<FilingStatusView>('/api/industry/reports/filing', q as Query, signal), placeholderData: keepPreviousData });
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportKeys.report(id), queryFn: ({ signal }) => api.get<ReportView>(`/api/industry/reports/${encodeURIComponent(id)}`, undefined, signal), enabled: !!id });
}

/** Opens (and on first open creates) the draft of a firm's month. */
export function useReportForm(enterpriseId: string | undefined, period: string) {
  return useQuery({
    queryKey: reportKeys.form(enterpriseId, period),
    queryFn: ({ signal }) => api.get<ReportView>('/api/industry/reports/form', { enterpriseId, period }, signal),
    enabled: !!period,
    retry: false,
  });
}

function useStore() {
  const qc = useQueryClient();
  return (view: ReportView) => {
    qc.setQueryData(reportKeys.report(view.id), view);
    void qc.invalidateQueries({ queryKey: industryKeys.all, predicate: (q) => !(q.queryKey[2] === 'one' && q.queryKey[3] === view.id) });
  };
}

export function useSaveReport(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (body: SaveReportRequest) => api.put<ReportView>(`/api/industry/reports/${id}`, body), onSuccess: store, meta: { quietCodes: ['VALIDATION_FAILED'] } });
}

export function useSubmitReport(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (body: SaveReportRequest) => api.post<ReportView>(`/api/industry/reports/${id}/submit`, body), onSuccess: store, meta: { quietCodes: ['VALIDATION_FAILED'] } });
}

export function useReportAction(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (body: ReportActionRequest) => api.post<ReportView>(`/api/industry/reports/${id}/actions`, body), onSuccess: store, meta: { quietCodes: ['VALIDATION_FAILED'] } });
}

export function useIndicators() {
  return useQuery({ queryKey: reportKeys.indicators, queryFn: ({ signal }) => api.get<IndicatorView[]>('/api/industry/indicators', undefined, signal) });
}

export function useSaveIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateIndicatorRequest | UpdateIndicatorRequest }) =>
      id ? api.patch<IndicatorView>(`/api/industry/indicators/${id}`, body) : api.post<IndicatorView>('/api/industry/indicators', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: industryKeys.all }),
  });
}

export function useReporters(q: { q?: string; filter: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: reportKeys.reporters(q), queryFn: ({ signal }) => api.get<Paged<ReporterView>>('/api/industry/reporters', q, signal), placeholderData: keepPreviousData });
}

export function useSetReporter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ enterpriseId, body }: { enterpriseId: string; body: { reports: boolean; reason: string } | null }) =>
      body ? api.put(`/api/industry/reporters/${enterpriseId}`, body) : api.delete(`/api/industry/reporters/${enterpriseId}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: industryKeys.all }),
  });
}

export function useIndustrySettings() {
  return useQuery({ queryKey: reportKeys.settings, queryFn: ({ signal }) => api.get<IndustrySettingsView>('/api/industry/settings', undefined, signal) });
}

export function useSaveIndustrySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IndustrySettingsRequest) => api.put<IndustrySettingsView>('/api/industry/settings', body),
    onSuccess: (v) => qc.setQueryData(reportKeys.settings, v),
  });
}
