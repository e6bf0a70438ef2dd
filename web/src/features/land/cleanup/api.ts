import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddCleanupCasesRequest,
  CleanupCampaignDetail,
  CleanupCampaignView,
  CleanupCandidate,
  CleanupCaseActionRequest,
  CleanupCaseDetail,
  CleanupCaseView,
  CleanupProjectOption,
  CreateCleanupCampaignRequest,
  Paged,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { landKeys } from '../api';

const enc = encodeURIComponent;

/** 闲置用地清理 query keys: all under ['land', 'cleanup'] (a recovery also refreshes the map and parcels through landKeys.all). */
export const cleanupKeys = {
  all: [...landKeys.all, 'cleanup'] as const,
  campaigns: (q: Query) => [...landKeys.all, 'cleanup', 'campaigns', q] as const,
  campaign: (id: string) => [...landKeys.all, 'cleanup', 'campaign', id] as const,
  cases: (id: string, q: Query) => [...landKeys.all, 'cleanup', 'cases', id, q] as const,
  candidates: (id: string) => [...landKeys.all, 'cleanup', 'candidates', id] as const,
  case: (id: string) => [...landKeys.all, 'cleanup', 'case', id] as const,
  projects: (q: string) => [...landKeys.all, 'cleanup', 'projects', q] as const,
};

export function useCampaigns(q: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: cleanupKeys.campaigns(q),
    queryFn: ({ signal }) => api.get<Paged<CleanupCampaignView>>('/api/land/cleanup/campaigns', q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: cleanupKeys.campaign(id), queryFn: ({ signal }) => api.get<CleanupCampaignDetail>(`/api/land/cleanup/campaigns/${enc(id)}`, undefined, signal) });
}

export function useCampaignCases(id: string, q: { status?: string; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: cleanupKeys.cases(id, q),
    queryFn: ({ signal }) => api.get<Paged<CleanupCaseView>>(`/api/land/cleanup/campaigns/${enc(id)}/cases`, q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: cleanupKeys.candidates(id), queryFn: ({ signal }) => api.get<CleanupCandidate[]>(`/api/land/cleanup/campaigns/${enc(id)}/candidates`, undefined, signal), enabled });
}

export function useCleanupCase(id: string) {
  return useQuery({ queryKey: cleanupKeys.case(id), queryFn: ({ signal }) => api.get<CleanupCaseDetail>(`/api/land/cleanup/cases/${enc(id)}`, undefined, signal) });
}

export function useProjectOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: cleanupKeys.projects(q),
    queryFn: ({ signal }) => api.get<CleanupProjectOption[]>('/api/land/cleanup/project-options', { q: q || undefined }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCleanupCampaignRequest) => api.post<CleanupCampaignDetail>('/api/land/cleanup/campaigns', body),
    onSuccess: () => client.invalidateQueries({ queryKey: cleanupKeys.all }),
  });
}

export function useAddCases(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddCleanupCasesRequest) => api.post<CleanupCaseView[]>(`/api/land/cleanup/campaigns/${enc(campaignId)}/cases`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: landKeys.all }),
  });
}

export function useCaseAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CleanupCaseActionRequest) => api.post<CleanupCaseDetail>(`/api/land/cleanup/cases/${enc(id)}/actions`, body),
    onSuccess: (data) => {
      client.setQueryData(cleanupKeys.case(id), data);
      // a recovery moves the parcel: the map, the parcel page and the board all change
      void client.invalidateQueries({ queryKey: landKeys.all });
    },
  });
}

export function downloadNotice(c: { id: string; caseNo: string; parcelCode: string }) {
  return api.download(`/api/land/cleanup/cases/${enc(c.id)}/notice.docx`, undefined, `闲置土地认定及处置告知书-${c.parcelCode}-${c.caseNo}.docx`);
}

export function exportCampaign(c: { id: string; name: string }) {
  return api.download(`/api/land/cleanup/campaigns/${enc(c.id)}/export.xlsx`, undefined, `${c.name}.xlsx`);
}
