import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateLeadRequest,
  LeadAction,
  LeadDetail,
  LeadFunnel,
  LeadListPage,
  LeadOptions,
  LeadSource,
  UpdateLeadRequest,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { landKeys } from '../api';

/** The lead queue's query as it sits in the address. */
export type LeadListParams = { status?: string; chain?: string; source?: LeadSource; ownerId?: string; q?: string; page: number; pageSize: number };
export type FunnelParams = { from: string; to: string; chain?: string; source?: LeadSource };

/** 招商线索 query keys: all under ['land', 'leads']. */
export const leadKeys = {
  all: [...landKeys.all, 'leads'] as const,
  list: (q: LeadListParams) => [...landKeys.all, 'leads', 'list', q] as const,
  detail: (id: string) => [...landKeys.all, 'leads', 'detail', id] as const,
  options: [...landKeys.all, 'leads', 'options'] as const,
  funnel: (q: FunnelParams) => [...landKeys.all, 'leads', 'funnel', q] as const,
  ofProject: (projectId: string) => [...landKeys.all, 'leads', 'of-project', projectId] as const,
};

export function useLeads(q: LeadListParams) {
  return useQuery({ queryKey: leadKeys.list(q), queryFn: ({ signal }) => api.get<LeadListPage>('/api/land/leads', q as Query, signal), placeholderData: keepPreviousData });
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: ({ signal }) => api.get<LeadDetail>(`/api/land/leads/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useLeadOptions() {
  return useQuery({ queryKey: leadKeys.options, queryFn: ({ signal }) => api.get<LeadOptions>('/api/land/leads/options', undefined, signal), staleTime: 5 * 60_000 });
}

export function useLeadFunnel(q: FunnelParams) {
  return useQuery({ queryKey: leadKeys.funnel(q), queryFn: ({ signal }) => api.get<LeadFunnel>('/api/land/leads/funnel', q as Query, signal), placeholderData: keepPreviousData });
}

export const exportLeadFunnel = (q: FunnelParams) => api.download('/api/land/leads/funnel/export', q as Query, `招商漏斗-${q.from}至${q.to}.xlsx`);

/** The lead an investment project came from (the project page's link); only asked by those who may read leads. */
export function useLeadOfProject(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: leadKeys.ofProject(projectId),
    queryFn: ({ signal }) => api.get<{ lead: { id: string; code: string } | null }>(`/api/land/leads/by-project/${encodeURIComponent(projectId)}`, undefined, signal),
    enabled: enabled && !!projectId,
    staleTime: 60_000,
  });
}

export function useCreateLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLeadRequest) => api.post<LeadDetail>('/api/land/leads', body),
    onSuccess: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function useUpdateLead(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLeadRequest) => api.patch<LeadDetail>(`/api/land/leads/${encodeURIComponent(id)}`, body),
    onSuccess: (data) => {
      client.setQueryData(leadKeys.detail(id), data);
      void client.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}

const PATHS: Record<LeadAction, string> = {
  negotiate: 'negotiations',
  submit_committee: 'submit-committee',
  approve: 'approve',
  reject: 'reject',
  sign: 'sign',
  drop: 'drop',
};

export function useLeadAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: LeadAction; body: Record<string, unknown> }) => api.post<LeadDetail>(`/api/land/leads/${encodeURIComponent(id)}/${PATHS[action]}`, body),
    onSuccess: (data) => {
      client.setQueryData(leadKeys.detail(id), data);
      // a signing also creates a project of the funds module
      void client.invalidateQueries({ queryKey: landKeys.all });
      void client.invalidateQueries({ queryKey: ['commitments'] });
    },
  });
}
