import { useQuery } from '@tanstack/react-query';
import type { DashboardFirmList, DeviceSeriesView, FirmDashboardView, IndustryTrendView, OfficeDashboardView, SeriesGrainName } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { industryKeys } from '../api';

/** Live values: the dashboards refresh every half minute (the simulator publishes at that pace). */
const LIVE_MS = 30_000;

export const dashboardKeys = {
  firm: (id: string) => [...industryKeys.all, 'dashboard', 'firm', id] as const,
  office: [...industryKeys.all, 'dashboard', 'office'] as const,
  series: (deviceId: string, metric: string, grain: SeriesGrainName, range: string) => [...industryKeys.all, 'dashboard', 'series', deviceId, metric, grain, range] as const,
  copperTrend: [...industryKeys.all, 'dashboard', 'copper-trend'] as const,
  firms: (q: string | undefined) => [...industryKeys.all, 'dashboard', 'firms', q ?? ''] as const,
};

export function useFirmDashboard(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: dashboardKeys.firm(enterpriseId ?? ''),
    queryFn: ({ signal }) => api.get<FirmDashboardView>(`/api/industry/dashboard/firm/${enterpriseId}`, undefined, signal),
    enabled: !!enterpriseId,
    refetchInterval: LIVE_MS,
  });
}

export function useOfficeDashboard() {
  return useQuery({
    queryKey: dashboardKeys.office,
    queryFn: ({ signal }) => api.get<OfficeDashboardView>('/api/industry/dashboard/office', undefined, signal),
    refetchInterval: LIVE_MS,
  });
}

/** A device metric's series: the last 24 hours by hour or the last 30 days by day. */
export function useDeviceSeries(deviceId: string | null, metric: string | null, range: '24h' | '30d') {
  const grain: SeriesGrainName = range === '24h' ? 'hour' : 'day';
  return useQuery({
    queryKey: dashboardKeys.series(deviceId ?? '', metric ?? '', grain, range),
    queryFn: ({ signal }) => api.get<DeviceSeriesView>(`/api/industry/devices/${deviceId}/series`, { metric, grain }, signal),
    enabled: !!deviceId && !!metric,
    refetchInterval: range === '24h' ? LIVE_MS * 2 : false,
  });
}

/** The copper chain's output and sales (and output value) over 24 months with 同比 (经济运行 statistics). */
export function useCopperTrend() {
  return useQuery({
    queryKey: dashboardKeys.copperTrend,
    queryFn: ({ signal }) => api.get<IndustryTrendView>('/api/industry/stats/trend', { chain: 'copper', indicators: 'copper_output_t,copper_sales_t,output_fen', months: 24 }, signal),
    retry: false,
  });
}

/** The firms whose dashboards the actor may open (search by name). */
export function useDashboardFirms(q: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.firms(q),
    queryFn: ({ signal }) => api.get<DashboardFirmList>('/api/industry/dashboard/firms', { q }, signal),
    refetchInterval: LIVE_MS * 2,
  });
}
