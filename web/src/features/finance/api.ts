import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FinanceParameterView, InstitutionView, SetFinanceParameterRequest } from '@yuanqi/contract';
import { api } from '../../app/api';

/** Query keys of 金融服务 shared by the sub-domains: every key starts with 'finance'. */
export const financeKeys = {
  all: ['finance'] as const,
  institutions: ['finance', 'institutions'] as const,
  parameters: ['finance', 'parameters'] as const,
};

export function useInstitutions() {
  return useQuery({ queryKey: financeKeys.institutions, queryFn: ({ signal }) => api.get<InstitutionView[]>('/api/finance/institutions', undefined, signal), staleTime: 60_000 });
}

export function useFinanceParameters() {
  return useQuery({ queryKey: financeKeys.parameters, queryFn: ({ signal }) => api.get<FinanceParameterView[]>('/api/finance/parameters', undefined, signal) });
}

export function useSetFinanceParameter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetFinanceParameterRequest) => api.post<FinanceParameterView>('/api/finance/parameters', body),
    onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }),
  });
}
