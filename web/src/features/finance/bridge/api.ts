import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BridgeLoanDetail,
  BridgeLoanPage,
  BridgeLoanStatistics,
  BridgeLoanSummary,
  BridgeLoanView,
  BridgePoolCapitalRequest,
  BridgePoolStatement,
  BridgePoolView,
  CreateBridgeLoanRequest,
  CreateBridgePoolRequest,
} from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

export const bridgeKeys = {
  all: [...financeKeys.all, 'bridge'] as const,
  loans: (q: object) => [...financeKeys.all, 'bridge', 'loans', q] as const,
  loan: (id: string) => [...financeKeys.all, 'bridge', 'loan', id] as const,
  pools: [...financeKeys.all, 'bridge', 'pools'] as const,
  statement: (id: string, q: object) => [...financeKeys.all, 'bridge', 'statement', id, q] as const,
  stats: (q: object) => [...financeKeys.all, 'bridge', 'stats', q] as const,
  overdue: [...financeKeys.all, 'bridge', 'overdue'] as const,
};

export type LoanListQuery = { view?: BridgeLoanView; q?: string; page?: number; pageSize?: number };

export function useBridgeLoans(query: LoanListQuery, enabled = true) {
  return useQuery({
    queryKey: bridgeKeys.loans(query),
    queryFn: ({ signal }) => api.get<BridgeLoanPage>('/api/finance/bridge-loans', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useBridgeLoan(id: string) {
  return useQuery({ queryKey: bridgeKeys.loan(id), queryFn: ({ signal }) => api.get<BridgeLoanDetail>(`/api/finance/bridge-loans/${encodeURIComponent(id)}`, undefined, signal), enabled: !!id });
}

export function useFileBridgeLoan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBridgeLoanRequest) => api.post<BridgeLoanDetail>('/api/finance/bridge-loans', body),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}

export const STEP_PATHS = {
  bank_confirm: 'bank-confirm',
  bank_decline: 'bank-decline',
  approve: 'approve',
  leader_approve: 'leader-approve',
  reject: 'reject',
  withdraw: 'withdraw',
  disburse: 'disburse',
  repay: 'repay',
} as const;
export type StepAction = keyof typeof STEP_PATHS;

export function useBridgeStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: StepAction; body: object }) => api.post<BridgeLoanDetail>(`/api/finance/bridge-loans/${encodeURIComponent(id)}/${STEP_PATHS[action]}`, body),
    onSuccess: (loan) => {
      client.setQueryData(bridgeKeys.loan(id), loan);
      void client.invalidateQueries({ queryKey: financeKeys.all });
    },
  });
}

export function useBridgePools(enabled = true) {
  return useQuery({ queryKey: bridgeKeys.pools, queryFn: ({ signal }) => api.get<BridgePoolView[]>('/api/finance/bridge-pools', undefined, signal), enabled });
}

export function useCreateBridgePool() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBridgePoolRequest) => api.post<BridgePoolView>('/api/finance/bridge-pools', body),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}

export function useMoveCapital(poolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BridgePoolCapitalRequest) => api.post<BridgePoolView>(`/api/finance/bridge-pools/${encodeURIComponent(poolId)}/capital`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}

export function usePoolStatement(poolId: string | undefined, q: { from: string; to: string }) {
  return useQuery({
    queryKey: bridgeKeys.statement(poolId ?? '', q),
    queryFn: ({ signal }) => api.get<BridgePoolStatement>(`/api/finance/bridge-pools/${encodeURIComponent(poolId!)}/statement`, q, signal),
    enabled: !!poolId,
    placeholderData: keepPreviousData,
  });
}

export const exportPoolStatement = (poolId: string, q: { from: string; to: string }) =>
  api.download(`/api/finance/bridge-pools/${encodeURIComponent(poolId)}/statement/export`, q, '转贷资金池明细账.xlsx');

export function useBridgeStats(q: { from: string; to: string }, enabled = true) {
  return useQuery({ queryKey: bridgeKeys.stats(q), queryFn: ({ signal }) => api.get<BridgeLoanStatistics>('/api/finance/bridge-loans/stats', q, signal), enabled, placeholderData: keepPreviousData });
}

export function useOverdueBridgeLoans(enabled = true) {
  return useQuery({ queryKey: bridgeKeys.overdue, queryFn: ({ signal }) => api.get<BridgeLoanSummary[]>('/api/finance/bridge-loans/overdue', undefined, signal), enabled });
}
