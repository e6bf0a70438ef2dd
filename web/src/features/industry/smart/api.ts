import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSmartProjectRequest, SaveSmartCostsRequest, SmartProjectDetail, SmartProjectList, UpdateSmartProjectRequest } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { industryKeys } from '../api';

/** 智能化改造 query keys: all under ['industry', 'smart']. */
export const smartKeys = {
  all: [...industryKeys.all, 'smart'] as const,
  list: (q: Record<string, string | undefined>) => [...industryKeys.all, 'smart', 'list', q] as const,
  project: (id: string) => [...industryKeys.all, 'smart', 'project', id] as const,
};

const path = (id: string) => `/api/industry/smart/projects/${encodeURIComponent(id)}`;

export function useSmartProjects(q: { status?: string; enterpriseId?: string } = {}) {
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>;
  return useQuery({ queryKey: smartKeys.list(clean), queryFn: ({ signal }) => api.get<SmartProjectList>('/api/industry/smart/projects', clean, signal) });
}

export function useSmartProject(id: string) {
  return useQuery({ queryKey: smartKeys.project(id), queryFn: ({ signal }) => api.get<SmartProjectDetail>(path(id), undefined, signal) });
}

function useSmartMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: smartKeys.all }) });
}

export const useCreateSmartProject = () => useSmartMutation((body: CreateSmartProjectRequest) => api.post<SmartProjectDetail>('/api/industry/smart/projects', body));
export const useUpdateSmartProject = () => useSmartMutation(({ id, body }: { id: string; body: UpdateSmartProjectRequest }) => api.put<SmartProjectDetail>(path(id), body));
export const useDeleteSmartProject = () => useSmartMutation(({ id, version }: { id: string; version: number }) => api.delete<null>(`${path(id)}?version=${version}`));
export const useSaveSmartCosts = () => useSmartMutation(({ id, body }: { id: string; body: SaveSmartCostsRequest }) => api.put<SmartProjectDetail>(`${path(id)}/costs`, body));

export function downloadCostTemplate(id: string, name: string): Promise<string> {
  return api.download(`${path(id)}/costs/template`, undefined, `${name}-月度成本.xlsx`);
}
