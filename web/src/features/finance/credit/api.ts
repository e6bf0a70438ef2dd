import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreditFormulaView, CreditProfile, CreditProfileResponse, SaveCreditFormulaRequest } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

export const creditKeys = {
  formulas: [...financeKeys.all, 'credit', 'formulas'] as const,
  formula: (id: string) => [...financeKeys.all, 'credit', 'formulas', id] as const,
  profile: (enterpriseId: string) => [...financeKeys.all, 'credit', 'profile', enterpriseId] as const,
};

export function useCreditFormulas() {
  return useQuery({ queryKey: creditKeys.formulas, queryFn: ({ signal }) => api.get<CreditFormulaView[]>('/api/finance/credit/formulas', undefined, signal) });
}
export function useCreditFormula(id: string | undefined) {
  return useQuery({ queryKey: creditKeys.formula(id ?? ''), queryFn: ({ signal }) => api.get<CreditFormulaView>(`/api/finance/credit/formulas/${id}`, undefined, signal), enabled: !!id });
}
export function useCreditProfile(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: creditKeys.profile(enterpriseId ?? ''),
    queryFn: ({ signal }) => api.get<CreditProfileResponse>(`/api/finance/credit/enterprises/${enterpriseId}`, undefined, signal),
    enabled: !!enterpriseId,
  });
}
export function useSaveCreditFormula(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveCreditFormulaRequest) => (id ? api.put<CreditFormulaView>(`/api/finance/credit/formulas/${id}`, body) : api.post<CreditFormulaView>('/api/finance/credit/formulas', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}
export function usePublishCreditFormula() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<CreditFormulaView>(`/api/finance/credit/formulas/${id}/publish`),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}
export function useTestCreditFormula() {
  return useMutation({ mutationFn: ({ id, enterpriseId }: { id: string; enterpriseId: string }) => api.post<CreditProfile>(`/api/finance/credit/formulas/${id}/test`, { enterpriseId }) });
}
