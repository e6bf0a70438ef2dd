import { useQuery } from '@tanstack/react-query';
import type { FinanceStatistics } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

export function useFinanceStats(period: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: [...financeKeys.all, 'stats', period.from, period.to],
    queryFn: ({ signal }) => api.get<FinanceStatistics>('/api/finance/stats', period, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export const exportFinanceStats = (period: { from: string; to: string }) => api.download('/api/finance/stats/export', period, `金融服务统计-${period.from}至${period.to}.xlsx`);
