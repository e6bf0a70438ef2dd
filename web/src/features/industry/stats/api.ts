import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { IndustryCompletenessView, IndustryRankingsView, IndustryStatsView, IndustryTrendView, StatsRankBasis } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { industryKeys } from '../api';

const statsKeys = [...industryKeys.all, 'stats'] as const;

export function useIndustryStats(month: string | undefined) {
  return useQuery({
    queryKey: [...statsKeys, 'overview', month ?? 'latest'],
    queryFn: ({ signal }) => api.get<IndustryStatsView>('/api/industry/stats', month ? { month } : {}, signal),
    placeholderData: keepPreviousData,
  });
}

export type RankingParams = { month?: string; indicator: string; basis: StatsRankBasis; chain?: string; order: 'desc' | 'asc'; limit: number };
export function useIndustryRankings(p: RankingParams, enabled: boolean) {
  return useQuery({
    queryKey: [...statsKeys, 'rankings', p],
    queryFn: ({ signal }) => api.get<IndustryRankingsView>('/api/industry/stats/rankings', { ...p }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useIndustryCompleteness(p: { month?: string; chain?: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...statsKeys, 'completeness', p],
    queryFn: ({ signal }) => api.get<IndustryCompletenessView>('/api/industry/stats/completeness', { ...p }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useIndustryTrend(p: { chain?: string; indicators: string[]; months: number }) {
  return useQuery({
    queryKey: [...statsKeys, 'trend', p],
    queryFn: ({ signal }) => api.get<IndustryTrendView>('/api/industry/stats/trend', { chain: p.chain, indicators: p.indicators.join(','), months: p.months }, signal),
    placeholderData: keepPreviousData,
  });
}

export const exportIndustryStats = (month: string, fallbackName: string) => api.download('/api/industry/stats/export', { month }, fallbackName);
