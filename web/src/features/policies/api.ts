import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConfirmGrantRequest,
  CreatePolicyApplicationRequest,
  CreatePolicyRequest,
  CreatePublicityRequest,
  CreateVersionRequest,
  EnterpriseFacts,
  EnterprisePolicyMatches,
  ExemptionRunReport,
  ExemptionRunSummary,
  FactDefinition,
  PolicyRuleContext,
  FundsOverview,
  HandleObjectionRequest,
  Paged,
  PolicyApplicationDetail,
  PolicyApplicationFile,
  PolicyApplicationPayoutRequest,
  PolicyApplicationSummary,
  PolicyApplicationTransitionRequest,
  PolicyDetail,
  PolicyDocument,
  PolicyDocumentKind,
  PolicyGrantDetail,
  PolicyGrantSummary,
  PolicyMatchRow,
  PolicyObjection,
  PolicyOverview,
  PolicyRuleCheckResult,
  PolicySummary,
  PolicyTestResult,
  PublicityBatchDetail,
  PublicityBatchSummary,
  PublicPublicityBatch,
  PublicPublicityBatchDetail,
  PublishPolicyRequest,
  PutFactsRequest,
  RecommendedPolicies,
  StartRunRequest,
  SubmitObjectionRequest,
  TestRuleRequest,
  UpdatePolicyApplicationRequest,
  UpdatePolicyRequest,
  UpdateVersionRequest,
  Me,
} from '@yuanqi/contract';
import { api, type Query, type UploadProgress } from '../../app/api';
import { hasPermission } from '../../app/auth';

const enc = encodeURIComponent;

/** Query strings as the address keeps them (every value a string). */
export type PolicyListQuery = { q?: string; category?: string; mode?: string; status?: string; page: number; pageSize: number };
export type MatchListQuery = { status?: string; applied?: 'true' | 'false'; q?: string; page: number; pageSize: number };
export type ApplicationListQuery = {
  status?: string;
  queue?: 'first' | 'second' | 'publicity' | 'payout';
  policyId?: string;
  enterpriseId?: string;
  q?: string;
  page: number;
  pageSize: number;
};
export type GrantListQuery = { status?: string; policyId?: string; runId?: string; q?: string; page: number; pageSize: number };
export type RunItemsQuery = { outcome?: 'granted' | 'skipped'; reason?: string; q?: string; page: number; pageSize: number };

export const policyKeys = {
  all: ['policies'] as const,
  list: (q: PolicyListQuery) => ['policies', 'list', q] as const,
  stats: ['policies', 'stats'] as const,
  detail: (id: string) => ['policies', 'detail', id] as const,
  matches: (id: string, q: MatchListQuery) => ['policies', 'matches', id, q] as const,
  runs: (id: string) => ['policies', 'runs', id] as const,
  recommended: (enterpriseId?: string) => ['policies', 'recommended', enterpriseId ?? 'mine'] as const,
  factDefinitions: ['fact-definitions'] as const,
  facts: (enterpriseId: string, year?: number) => ['enterprise-facts', enterpriseId, year ?? 'all'] as const,
  enterpriseMatches: (enterpriseId: string) => ['policies', 'enterprise-matches', enterpriseId] as const,
  applications: (q: ApplicationListQuery) => ['policy-applications', 'list', q] as const,
  application: (id: string) => ['policy-applications', 'detail', id] as const,
  publicity: (q: { active?: string; page: number; pageSize: number }) => ['policy-publicity', 'list', q] as const,
  publicityBatch: (id: string) => ['policy-publicity', 'detail', id] as const,
  run: (id: string, q: RunItemsQuery) => ['policy-runs', id, q] as const,
  grants: (q: GrantListQuery) => ['policy-grants', 'list', q] as const,
  grant: (id: string) => ['policy-grants', 'detail', id] as const,
  publicList: (page: number) => ['public-publicity', 'list', page] as const,
  publicBatch: (id: string) => ['public-publicity', 'detail', id] as const,
};

// ---------------------------------------------------------------------------------------------
// Library
// ---------------------------------------------------------------------------------------------

export function usePolicyList(query: PolicyListQuery, enabled = true) {
  return useQuery({
    queryKey: policyKeys.list(query),
    queryFn: ({ signal }) => api.get<Paged<PolicySummary>>('/api/policies', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Whether the user may read the policy window's figures (GET /api/policies/stats): staff who manage,
 * review or read 申报 — not a firm, and not a role that only reads the library (金融服务中心).
 */
export function readsPolicyOverview(me: Me): boolean {
  return !me.enterpriseId && (hasPermission(me, 'policy:manage') || hasPermission(me, 'policy:review') || hasPermission(me, 'policy-application:read'));
}

export function usePolicyStats(enabled = true) {
  return useQuery({
    queryKey: policyKeys.stats,
    queryFn: ({ signal }) => api.get<PolicyOverview>('/api/policies/stats', undefined, signal),
    enabled,
  });
}

export function usePolicy(id: string) {
  return useQuery({
    queryKey: policyKeys.detail(id),
    queryFn: ({ signal }) => api.get<PolicyDetail>(`/api/policies/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Stores a fresh policy and marks lists stale. */
function useStorePolicy() {
  const queryClient = useQueryClient();
  return (p: PolicyDetail) => {
    queryClient.setQueryData(policyKeys.detail(p.id), p);
    void queryClient.invalidateQueries({ queryKey: ['policies', 'list'] });
    void queryClient.invalidateQueries({ queryKey: policyKeys.stats });
  };
}

export function useCreatePolicy() {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (body: CreatePolicyRequest) => api.post<PolicyDetail>('/api/policies', body),
    onSuccess: store,
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function useUpdatePolicy(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (body: UpdatePolicyRequest) => api.patch<PolicyDetail>(`/api/policies/${enc(id)}`, body),
    onSuccess: store,
  });
}

export function useCreateVersion(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (body: CreateVersionRequest) => api.post<PolicyDetail>(`/api/policies/${enc(id)}/versions`, body),
    onSuccess: store,
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function useUpdateVersion(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: ({ versionId, body }: { versionId: string; body: UpdateVersionRequest }) =>
      api.patch<PolicyDetail>(`/api/policies/${enc(id)}/versions/${enc(versionId)}`, body),
    onSuccess: store,
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function useDiscardVersion(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (versionId: string) => api.delete<PolicyDetail>(`/api/policies/${enc(id)}/versions/${enc(versionId)}`),
    onSuccess: store,
  });
}

export function usePublishPolicy(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (body: PublishPolicyRequest) => api.post<PolicyDetail>(`/api/policies/${enc(id)}/publish`, body),
    onSuccess: store,
  });
}

export function useWithdrawPolicy(id: string) {
  const store = useStorePolicy();
  return useMutation({
    mutationFn: (reason: string) => api.post<PolicyDetail>(`/api/policies/${enc(id)}/withdraw`, { reason }),
    onSuccess: store,
  });
}

export function uploadPolicyDocument(id: string, file: File, kind: PolicyDocumentKind, onProgress?: (p: UploadProgress) => void): Promise<PolicyDocument> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return api.upload<PolicyDocument>(`/api/policies/${enc(id)}/documents`, form, { onProgress });
}

export function policyDocumentUrl(id: string, documentId: string): string {
  return `/api/policies/${enc(id)}/documents/${enc(documentId)}`;
}

export function deletePolicyDocument(id: string, documentId: string): Promise<void> {
  return api.delete<void>(`/api/policies/${enc(id)}/documents/${enc(documentId)}`);
}

/** The server's own reading of a rule (the same engine as the UI's live preview, with the park's catalogue). */
export function validateRuleOnServer(rule: unknown): Promise<PolicyRuleCheckResult> {
  return api.post<PolicyRuleCheckResult>('/api/policies/validate-rule', { rule });
}

export function useTestRule(id: string) {
  return useMutation({
    mutationFn: (body: TestRuleRequest) => api.post<PolicyTestResult>(`/api/policies/${enc(id)}/test`, body),
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function usePolicyMatches(id: string, query: MatchListQuery, enabled = true) {
  return useQuery({
    queryKey: policyKeys.matches(id, query),
    queryFn: ({ signal }) => api.get<Paged<PolicyMatchRow>>(`/api/policies/${enc(id)}/matches`, query as Query, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && !!id,
  });
}

export function exportPolicyMatches(id: string, query: Omit<MatchListQuery, 'page' | 'pageSize'>, title: string): Promise<string> {
  return api.download(`/api/policies/${enc(id)}/matches.xlsx`, query as Query, `${title}-匹配企业.xlsx`);
}

export function rematchPolicy(id: string): Promise<{ jobId: string }> {
  return api.post<{ jobId: string }>(`/api/policies/${enc(id)}/rematch`);
}

export function useRecommended(enterpriseId?: string, enabled = true) {
  return useQuery({
    queryKey: policyKeys.recommended(enterpriseId),
    queryFn: ({ signal }) => api.get<RecommendedPolicies>('/api/policies/recommended', enterpriseId ? { enterpriseId } : undefined, signal),
    enabled,
  });
}

export function useEnterprisePolicyMatches(enterpriseId: string, enabled = true) {
  return useQuery({
    queryKey: policyKeys.enterpriseMatches(enterpriseId),
    queryFn: ({ signal }) => api.get<EnterprisePolicyMatches>(`/api/enterprises/${enc(enterpriseId)}/policy-matches`, undefined, signal),
    enabled: enabled && !!enterpriseId,
  });
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

/** The park's data a rule is checked against beyond the catalogue (its firms' industry codes). */
export function useRuleContext(enabled = true) {
  return useQuery({
    queryKey: ['policies', 'rule-context'],
    queryFn: ({ signal }) => api.get<PolicyRuleContext>('/api/policies/rule-context', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useFactDefinitions(enabled = true) {
  return useQuery({
    queryKey: policyKeys.factDefinitions,
    queryFn: async ({ signal }) => (await api.get<{ items: FactDefinition[] }>('/api/fact-definitions', undefined, signal)).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useEnterpriseFacts(enterpriseId: string, year?: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.facts(enterpriseId, year),
    queryFn: ({ signal }) => api.get<EnterpriseFacts>(`/api/enterprises/${enc(enterpriseId)}/facts`, year ? { year } : undefined, signal),
    enabled: enabled && !!enterpriseId,
  });
}

export function usePutFacts(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutFactsRequest) => api.put<EnterpriseFacts>(`/api/enterprises/${enc(enterpriseId)}/facts`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['enterprise-facts', enterpriseId] });
      void queryClient.invalidateQueries({ queryKey: ['policies'] });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Applications 申报
// ---------------------------------------------------------------------------------------------

export function usePolicyApplications(query: ApplicationListQuery, enabled = true) {
  return useQuery({
    queryKey: policyKeys.applications(query),
    queryFn: ({ signal }) => api.get<Paged<PolicyApplicationSummary>>('/api/policy-applications', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function exportPolicyApplications(query: Omit<ApplicationListQuery, 'page' | 'pageSize'>): Promise<string> {
  return api.download('/api/policy-applications.xlsx', query as Query, '政策申报.xlsx');
}

export function usePolicyApplication(id: string) {
  return useQuery({
    queryKey: policyKeys.application(id),
    queryFn: ({ signal }) => api.get<PolicyApplicationDetail>(`/api/policy-applications/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

function useStoreApplication() {
  const queryClient = useQueryClient();
  return (a: PolicyApplicationDetail) => {
    queryClient.setQueryData(policyKeys.application(a.id), a);
    void queryClient.invalidateQueries({ queryKey: ['policy-applications', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['policies'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useCreateApplication() {
  const store = useStoreApplication();
  return useMutation({
    mutationFn: (body: CreatePolicyApplicationRequest) => api.post<PolicyApplicationDetail>('/api/policy-applications', body),
    onSuccess: store,
  });
}

export function useUpdateApplication(id: string) {
  const store = useStoreApplication();
  return useMutation({
    mutationFn: (body: UpdatePolicyApplicationRequest) => api.patch<PolicyApplicationDetail>(`/api/policy-applications/${enc(id)}`, body),
    onSuccess: store,
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

/** The transition body as sent (the schema fills in optional fields itself). */
export type TransitionBody = Omit<PolicyApplicationTransitionRequest, 'overrideReason'> & { overrideReason?: string | null };

export function useApplicationTransition(id: string) {
  const store = useStoreApplication();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<PolicyApplicationDetail>(`/api/policy-applications/${enc(id)}/transitions`, body),
    onSuccess: store,
    onError: () => void queryClient.invalidateQueries({ queryKey: policyKeys.application(id) }),
  });
}

export function usePayout(id: string) {
  const store = useStoreApplication();
  return useMutation({
    mutationFn: (body: PolicyApplicationPayoutRequest) => api.post<PolicyApplicationDetail>(`/api/policy-applications/${enc(id)}/payout`, body),
    onSuccess: (a) => {
      store(a);
    },
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function uploadApplicationFile(id: string, file: File, material: string | null, onProgress?: (p: UploadProgress) => void): Promise<PolicyApplicationFile> {
  const form = new FormData();
  if (material) form.append('material', material);
  form.append('file', file, file.name);
  return api.upload<PolicyApplicationFile>(`/api/policy-applications/${enc(id)}/files`, form, { onProgress });
}

export function deleteApplicationFile(id: string, fileId: string): Promise<void> {
  return api.delete<void>(`/api/policy-applications/${enc(id)}/files/${enc(fileId)}`);
}

export function applicationFileUrl(id: string, fileId: string): string {
  return `/api/policy-applications/${enc(id)}/files/${enc(fileId)}`;
}

// ---------------------------------------------------------------------------------------------
// 公示
// ---------------------------------------------------------------------------------------------

export function usePublicityBatches(query: { active?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: policyKeys.publicity(query),
    queryFn: ({ signal }) => api.get<Paged<PublicityBatchSummary>>('/api/policy-publicity', query as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicityBatch(id: string) {
  return useQuery({
    queryKey: policyKeys.publicityBatch(id),
    queryFn: ({ signal }) => api.get<PublicityBatchDetail>(`/api/policy-publicity/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreatePublicity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePublicityRequest) => api.post<PublicityBatchDetail>('/api/policy-publicity', body),
    onSuccess: (b) => {
      queryClient.setQueryData(policyKeys.publicityBatch(b.id), b);
      void queryClient.invalidateQueries({ queryKey: ['policy-publicity', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['policy-applications'] });
    },
  });
}

export function useHandleObjection(batchId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: HandleObjectionRequest }) => api.post<PolicyObjection>(`/api/policy-objections/${enc(id)}/handle`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: policyKeys.publicityBatch(batchId) });
      void queryClient.invalidateQueries({ queryKey: ['policy-publicity', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['policy-applications'] });
    },
  });
}

export function usePublicBatches(page: number) {
  return useQuery({
    queryKey: policyKeys.publicList(page),
    queryFn: ({ signal }) => api.get<Paged<PublicPublicityBatch>>('/api/public/policy-publicity', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicBatch(id: string) {
  return useQuery({
    queryKey: policyKeys.publicBatch(id),
    queryFn: ({ signal }) => api.get<PublicPublicityBatchDetail>(`/api/public/policy-publicity/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSubmitObjection(batchId: string) {
  return useMutation({
    mutationFn: (body: SubmitObjectionRequest) => api.post<{ id: string; receivedAt: string }>(`/api/public/policy-publicity/${enc(batchId)}/objections`, body),
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

// ---------------------------------------------------------------------------------------------
// 免申即享 runs and grants
// ---------------------------------------------------------------------------------------------

export function usePolicyRuns(policyId: string, enabled = true) {
  return useQuery({
    queryKey: policyKeys.runs(policyId),
    queryFn: async ({ signal }) => (await api.get<{ items: ExemptionRunSummary[] }>(`/api/policies/${enc(policyId)}/runs`, undefined, signal)).items,
    enabled: enabled && !!policyId,
  });
}

export function useStartRun(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartRunRequest) => api.post<ExemptionRunSummary>(`/api/policies/${enc(policyId)}/runs`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: policyKeys.runs(policyId) }),
  });
}

export function useRunReport(id: string, query: RunItemsQuery, refetchWhileRunning = true) {
  return useQuery({
    queryKey: policyKeys.run(id, query),
    queryFn: ({ signal }) => api.get<ExemptionRunReport>(`/api/policy-runs/${enc(id)}`, query as Query, signal),
    placeholderData: keepPreviousData,
    enabled: !!id,
    refetchInterval: (q) => (refetchWhileRunning && q.state.data?.status === 'running' ? 1000 : false),
  });
}

export function exportRunReport(id: string, number: string): Promise<string> {
  return api.download(`/api/policy-runs/${enc(id)}/report.xlsx`, undefined, `免申即享兑现报告-${number}.xlsx`);
}

export function usePolicyGrants(query: GrantListQuery, enabled = true) {
  return useQuery({
    queryKey: policyKeys.grants(query),
    queryFn: ({ signal }) => api.get<Paged<PolicyGrantSummary>>('/api/policy-grants', query as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePolicyGrant(id: string) {
  return useQuery({
    queryKey: policyKeys.grant(id),
    queryFn: ({ signal }) => api.get<PolicyGrantDetail>(`/api/policy-grants/${enc(id)}`, undefined, signal),
    enabled: !!id,
  });
}

function useStoreGrant() {
  const queryClient = useQueryClient();
  return (g: PolicyGrantDetail) => {
    queryClient.setQueryData(policyKeys.grant(g.id), g);
    void queryClient.invalidateQueries({ queryKey: ['policy-grants', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['policy-runs'] });
    void queryClient.invalidateQueries({ queryKey: ['policies'] });
  };
}

export function useConfirmGrant(id: string) {
  const store = useStoreGrant();
  return useMutation({
    mutationFn: (body: ConfirmGrantRequest) => api.post<PolicyGrantDetail>(`/api/policy-grants/${enc(id)}/confirm`, body),
    onSuccess: store,
    meta: { quietCodes: ['VALIDATION_FAILED'] },
  });
}

export function useCancelGrant(id: string) {
  const store = useStoreGrant();
  return useMutation({
    mutationFn: (reason: string) => api.post<PolicyGrantDetail>(`/api/policy-grants/${enc(id)}/cancel`, { reason }),
    onSuccess: store,
  });
}

// ---------------------------------------------------------------------------------------------
// Background jobs and funds
// ---------------------------------------------------------------------------------------------

export type JobView = {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  phase: string | null;
  result: unknown;
  error: { message: string } | null;
};

/** Polls a background job until it ends. */
export function useJob(jobId: string | null | undefined) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api.get<JobView>(`/api/jobs/${enc(jobId!)}`, undefined, signal),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 800),
  });
}

export function useFunds(enabled = true) {
  return useQuery({
    queryKey: ['funds', 'list', 'for-policies'],
    queryFn: ({ signal }) => api.get<FundsOverview>('/api/funds', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}
