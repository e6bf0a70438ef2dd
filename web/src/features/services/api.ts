import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MATERIAL_FILE_FIELD_PREFIX,
  type ApplicationBoard,
  type ApplicationDetailView,
  type ApplicationView,
  type CreateServiceApplicationRequest,
  type CreateServiceProjectRequest,
  type ListServiceApplicationsQuery,
  type ListServiceProjectsQuery,
  type Paged,
  type PostcheckResultRequest,
  type PostcheckView,
  type RateRequest,
  type RatingView,
  type ServiceApplicationActionRequest,
  type ServiceApplicationSettings,
  type ServiceItemListResponse,
  type ServiceItemView,
  type ServiceProjectDetailView,
  type ServiceProjectView,
  type UpdateServiceProjectRequest,
} from '@yuanqi/contract';
import { api, type Query, type UploadProgress } from '../../app/api';

const enc = encodeURIComponent;

/** A list's query as the address and the API take it (booleans as 'true'). */
export type ApplicationListQuery = Partial<
  Omit<ListServiceApplicationsQuery, 'status' | 'daiban' | 'mine' | 'page' | 'pageSize'>
> & {
  status?: string;
  daiban?: 'true' | 'false';
  mine?: 'true';
  page: number;
  pageSize: number;
};

export type PostcheckListQuery = { status?: string; overdue?: 'true'; itemId?: string; enterpriseId?: string; page: number; pageSize: number };

export const serviceKeys = {
  all: ['service-applications'] as const,
  list: (q: ApplicationListQuery) => ['service-applications', 'list', q] as const,
  board: ['service-applications', 'board'] as const,
  detail: (id: string) => ['service-applications', 'detail', id] as const,
  settings: ['service-applications', 'settings'] as const,
  postchecks: (q: PostcheckListQuery) => ['service-postchecks', 'list', q] as const,
  projects: (q: Partial<ListServiceProjectsQuery>) => ['service-projects', 'list', q] as const,
  project: (id: string) => ['service-projects', 'detail', id] as const,
  item: (id: string) => ['service-items', 'detail', id] as const,
  itemSearch: (q: string) => ['service-items', 'search', q] as const,
};

// ---------------------------------------------------------------------------------------------
// Catalogue reads (SV1's endpoints) the application pages need
// ---------------------------------------------------------------------------------------------

export function useServiceItem(id: string) {
  return useQuery({
    queryKey: serviceKeys.item(id),
    queryFn: ({ signal }) => api.get<ServiceItemView>(`/api/service-items/${enc(id)}`, undefined, signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** Items by name or code, for a filter box. */
export function useItemSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.itemSearch(q),
    queryFn: ({ signal }) => api.get<ServiceItemListResponse>('/api/service-items', { q: q || undefined, page: 1, pageSize: 20, sort: q ? 'relevance' : 'code' }, signal),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------------------------
// Applications 办件
// ---------------------------------------------------------------------------------------------

export function useApplicationList(query: ApplicationListQuery, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<ApplicationView>>('/api/service-applications', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplicationBoard(enabled = true) {
  return useQuery({
    queryKey: serviceKeys.board,
    queryFn: ({ signal }) => api.get<ApplicationBoard>('/api/service-applications/board', undefined, signal),
    enabled,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: serviceKeys.detail(id),
    queryFn: ({ signal }) => api.get<ApplicationDetailView>(`/api/service-applications/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Stores a fresh detail and marks every list, count and to-do stale. */
function useStoreApplication() {
  const queryClient = useQueryClient();
  return (d: ApplicationDetailView) => {
    queryClient.setQueryData(serviceKeys.detail(d.id), d);
    void queryClient.invalidateQueries({ queryKey: ['service-applications', 'list'] });
    void queryClient.invalidateQueries({ queryKey: serviceKeys.board });
    void queryClient.invalidateQueries({ queryKey: ['service-postchecks'] });
    void queryClient.invalidateQueries({ queryKey: ['service-projects'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** Files chosen per material key, sent as `material.<key>` parts. */
export type MaterialFiles = Record<string, File[]>;

function materialForm(files: MaterialFiles, form = new FormData()): FormData {
  for (const [key, list] of Object.entries(files)) for (const f of list) form.append(`${MATERIAL_FILE_FIELD_PREFIX}${key}`, f, f.name);
  return form;
}

export function useCreateApplication() {
  const store = useStoreApplication();
  return useMutation({
    mutationFn: ({ body, files, onProgress }: { body: CreateServiceApplicationRequest; files: MaterialFiles; onProgress?: (p: UploadProgress) => void }) => {
      // the JSON part first, so the server reads the case before the files stream in
      const form = new FormData();
      form.append('payload', JSON.stringify(body));
      return api.upload<ApplicationDetailView>('/api/service-applications', materialForm(files, form), { onProgress });
    },
    onSuccess: store,
  });
}

export function useApplicationAction(id: string) {
  const store = useStoreApplication();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceApplicationActionRequest) => api.post<ApplicationDetailView>(`/api/service-applications/${enc(id)}/actions`, body),
    onSuccess: store,
    // someone else acted first (409): show the case as it is now
    onError: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.detail(id) }),
    // the action's dialog shows the server's refusal itself
    meta: { quietCodes: ['VALIDATION_FAILED', 'BAD_REQUEST', 'INVALID_STATE', 'CONFLICT'] },
  });
}

export function useSupplyMaterials(id: string) {
  const store = useStoreApplication();
  return useMutation({
    mutationFn: ({ files, note, onProgress }: { files: MaterialFiles; note?: string; onProgress?: (p: UploadProgress) => void }) => {
      const form = materialForm(files);
      if (note) form.append('note', note);
      return api.upload<ApplicationDetailView>(`/api/service-applications/${enc(id)}/supply`, form, { onProgress });
    },
    onSuccess: store,
  });
}

export function materialFileUrl(applicationId: string, fileId: string): string {
  return `/api/service-applications/${enc(applicationId)}/materials/${enc(fileId)}`;
}

export function downloadRongqueNotice(d: { id: string; number: string }): Promise<string> {
  return api.download(`/api/service-applications/${enc(d.id)}/rongque-notice.docx`, undefined, `容缺受理通知书-${d.number}.docx`);
}

export function useRateApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RateRequest) => api.post<RatingView>(`/api/service-applications/${enc(id)}/rating`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['service-applications', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['ratings', 'pending'] });
    },
  });
}

export function useApplicationSettings(enabled = true) {
  return useQuery({
    queryKey: serviceKeys.settings,
    queryFn: ({ signal }) => api.get<ServiceApplicationSettings>('/api/service-applications/settings', undefined, signal),
    enabled,
  });
}

export function usePutApplicationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceApplicationSettings) => api.put<ServiceApplicationSettings>('/api/service-applications/settings', body),
    onSuccess: (s) => queryClient.setQueryData(serviceKeys.settings, s),
  });
}

// ---------------------------------------------------------------------------------------------
// Post-checks 事后核查
// ---------------------------------------------------------------------------------------------

export function usePostchecks(query: PostcheckListQuery) {
  return useQuery({
    queryKey: serviceKeys.postchecks(query),
    queryFn: ({ signal }) => api.get<Paged<PostcheckView>>('/api/service-postchecks', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordPostcheck(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PostcheckResultRequest) => api.post<PostcheckView>(`/api/service-postchecks/${enc(id)}/result`, body),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: ['service-postchecks'] });
      void queryClient.invalidateQueries({ queryKey: serviceKeys.detail(p.applicationId) });
      void queryClient.invalidateQueries({ queryKey: ['service-applications', 'list'] });
      void queryClient.invalidateQueries({ queryKey: serviceKeys.board });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Construction projects 工程建设项目
// ---------------------------------------------------------------------------------------------

export type ProjectListQuery = { status?: string; enterpriseId?: string; q?: string; page: number; pageSize: number };

export function useProjects(query: ProjectListQuery, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.projects(query as Partial<ListServiceProjectsQuery>),
    queryFn: ({ signal }) => api.get<Paged<ServiceProjectView>>('/api/service-projects', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: serviceKeys.project(id),
    queryFn: ({ signal }) => api.get<ServiceProjectDetailView>(`/api/service-projects/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServiceProjectRequest) => api.post<ServiceProjectDetailView>('/api/service-projects', body),
    onSuccess: (p) => {
      queryClient.setQueryData(serviceKeys.project(p.id), p);
      void queryClient.invalidateQueries({ queryKey: ['service-projects', 'list'] });
    },
  });
}

export function useUpdateProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateServiceProjectRequest) => api.patch<ServiceProjectDetailView>(`/api/service-projects/${enc(id)}`, body),
    onSuccess: (p) => {
      queryClient.setQueryData(serviceKeys.project(p.id), p);
      void queryClient.invalidateQueries({ queryKey: ['service-projects', 'list'] });
    },
  });
}
