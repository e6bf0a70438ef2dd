import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateRoleRequest,
  DepartmentRequest,
  DepartmentView,
  JobRunView,
  LoginLogEntry,
  MonitorView,
  OnlineSession,
  Paged,
  ParameterGroup,
  RoleView,
  ScheduledJobView,
  UpdateDepartmentRequest,
  UpdateRoleRequest,
} from '@yuanqi/contract';
import { api, type Query } from '../../app/api';

export const adminKeys = {
  roles: ['admin', 'roles'] as const,
  departments: ['departments'] as const,
  loginLog: (q: Query) => ['admin', 'login-log', q] as const,
  sessions: ['admin', 'sessions'] as const,
  jobs: ['admin', 'jobs'] as const,
  runs: (name: string, page: number) => ['admin', 'jobs', name, 'runs', page] as const,
  parameters: ['admin', 'parameters'] as const,
  monitor: ['admin', 'monitor'] as const,
};

export function useRoles(enabled = true) {
  return useQuery({ queryKey: adminKeys.roles, queryFn: ({ signal }) => api.get<{ items: RoleView[] }>('/api/admin/roles', undefined, signal), enabled });
}

export function useSaveRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; body: UpdateRoleRequest } | { create: CreateRoleRequest }) =>
      'create' in v ? api.post<RoleView>('/api/admin/roles', v.create) : api.put<RoleView>(`/api/admin/roles/${v.code}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.roles }),
  });
}

export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (code: string) => api.delete(`/api/admin/roles/${code}`), onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.roles }) });
}

export function useDepartments() {
  return useQuery({ queryKey: adminKeys.departments, queryFn: ({ signal }) => api.get<{ items: DepartmentView[] }>('/api/departments', undefined, signal), staleTime: 60_000 });
}

export function useSaveDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: UpdateDepartmentRequest } | { create: DepartmentRequest }) =>
      'create' in v ? api.post<DepartmentView>('/api/admin/departments', v.create) : api.patch<DepartmentView>(`/api/admin/departments/${v.id}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.departments }),
  });
}

export function useDeleteDepartment() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/admin/departments/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.departments }) });
}

export function useLoginLog(query: Query) {
  return useQuery({ queryKey: adminKeys.loginLog(query), queryFn: ({ signal }) => api.get<Paged<LoginLogEntry>>('/api/admin/login-log', query, signal), placeholderData: keepPreviousData });
}

export function useOnlineSessions() {
  return useQuery({ queryKey: adminKeys.sessions, queryFn: ({ signal }) => api.get<{ items: OnlineSession[] }>('/api/admin/sessions', undefined, signal), refetchInterval: 30_000 });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/admin/sessions/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.sessions }) });
}

export function useJobs() {
  return useQuery({ queryKey: adminKeys.jobs, queryFn: ({ signal }) => api.get<{ items: ScheduledJobView[] }>('/api/admin/jobs', undefined, signal), refetchInterval: 15_000 });
}

export function useJobRuns(name: string | null, page: number) {
  return useQuery({
    queryKey: adminKeys.runs(name ?? '', page),
    queryFn: ({ signal }) => api.get<Paged<JobRunView>>(`/api/admin/jobs/${name}/runs`, { page, pageSize: 10 }, signal),
    enabled: !!name,
    placeholderData: keepPreviousData,
  });
}

export function useRunJob() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (name: string) => api.post<JobRunView>(`/api/admin/jobs/${name}/run`), onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.jobs }) });
}

export function useParameters() {
  return useQuery({ queryKey: adminKeys.parameters, queryFn: ({ signal }) => api.get<{ groups: ParameterGroup[] }>('/api/admin/parameters', undefined, signal) });
}

export function useMonitor() {
  return useQuery({ queryKey: adminKeys.monitor, queryFn: ({ signal }) => api.get<MonitorView>('/api/admin/monitor', undefined, signal), refetchInterval: 10_000 });
}
