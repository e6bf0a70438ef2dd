import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMujunThresholdRequest, MujunEvaluateResult, MujunFiguresView, MujunFirmHistory, MujunInefficientView, MujunRankingView, MujunThresholdList, SaveMujunFiguresRequest } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { landKeys } from '../api';

/** 亩均论英雄 query keys: all under ['land', 'evaluation']. */
export const evaluationKeys = {
  all: [...landKeys.all, 'evaluation'] as const,
};
const clean = (q: Record<string, string | number | undefined | null>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>;

export function useRanking(q: { year?: number; grade?: string; chain?: string; q?: string; page: number; pageSize: number }) {
  const query = clean(q);
  return useQuery({ queryKey: [...evaluationKeys.all, 'ranking', query], queryFn: ({ signal }) => api.get<MujunRankingView>('/api/land/evaluation', query, signal) });
}
export function useInefficient(year: number | undefined) {
  return useQuery({ queryKey: [...evaluationKeys.all, 'inefficient', year], queryFn: ({ signal }) => api.get<MujunInefficientView>('/api/land/evaluation/inefficient', clean({ year }), signal) });
}
export function useFigures(q: { year: number; q?: string; page: number; pageSize: number }) {
  const query = clean(q);
  return useQuery({ queryKey: [...evaluationKeys.all, 'figures', query], queryFn: ({ signal }) => api.get<MujunFiguresView>('/api/land/evaluation/figures', query, signal) });
}
export function useFirmHistory(enterpriseId: string | null) {
  return useQuery({
    queryKey: [...evaluationKeys.all, 'firm', enterpriseId],
    enabled: Boolean(enterpriseId),
    queryFn: ({ signal }) => api.get<MujunFirmHistory>(`/api/land/evaluation/firms/${encodeURIComponent(enterpriseId!)}`, undefined, signal),
  });
}
export function useThresholds() {
  return useQuery({ queryKey: [...evaluationKeys.all, 'thresholds'], queryFn: ({ signal }) => api.get<MujunThresholdList>('/api/land/evaluation/thresholds', undefined, signal) });
}

function useLandMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  // an evaluation moves parcels: refresh every land page
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: landKeys.all }) });
}
export const useEvaluateYear = () => useLandMutation((year: number) => api.post<MujunEvaluateResult>(`/api/land/evaluation/years/${year}/evaluate`));
export const useCreateThreshold = () => useLandMutation((body: CreateMujunThresholdRequest) => api.post('/api/land/evaluation/thresholds', body));
export const useSaveFigures = () =>
  useLandMutation(({ enterpriseId, year, body }: { enterpriseId: string; year: number; body: SaveMujunFiguresRequest }) => api.put(`/api/land/evaluation/figures/${enterpriseId}/${year}`, body));

export const exportRanking = (q: { year?: number; grade?: string; chain?: string; q?: string }) => api.download('/api/land/evaluation/export', clean(q), '亩均评价.xlsx');
export const downloadFiguresTemplate = (year: number) => api.download('/api/land/evaluation/figures/template', { year }, `企业亩均数据导入模板-${year}.xlsx`);
