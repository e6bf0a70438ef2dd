import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdjustFundRequest,
  CommitmentItemRequest,
  CreateFundRequest,
  CreateInvestmentProjectRequest,
  CreateProviderRequest,
  FulfilCommitmentRequest,
  FulfilmentReport,
  FundsOverview,
  FundStatement,
  FundSummary,
  InvestmentProjectDetail,
  InvestmentProjectSummary,
  IssueVouchersRequest,
  ManualPayoutRequest,
  Paged,
  PayoutList,
  PayoutSource,
  PayoutView,
  ProviderView,
  RedemptionView,
  ReviewRedemptionRequest,
  UpdateFundRequest,
  UpdateInvestmentProjectRequest,
  UpdateProviderRequest,
  VoucherDetail,
  VoucherList,
  VoucherView,
} from '@yuanqi/contract';
import { api, type Query, type UploadProgress } from '../../app/api';

export const fundKeys = {
  funds: ['funds'] as const,
  fundList: (q: Query) => ['funds', 'list', q] as const,
  fund: (id: string) => ['funds', 'detail', id] as const,
  statement: (id: string, q: Query) => ['funds', 'statement', id, q] as const,
  payouts: ['payouts'] as const,
  payoutList: (q: Query) => ['payouts', 'list', q] as const,
  vouchers: ['vouchers'] as const,
  voucherList: (q: Query) => ['vouchers', 'list', q] as const,
  voucher: (id: string) => ['vouchers', 'detail', id] as const,
  redemptions: (q: Query) => ['vouchers', 'redemptions', q] as const,
  providers: ['vouchers', 'providers'] as const,
  projects: ['commitments'] as const,
  projectList: (q: Query) => ['commitments', 'list', q] as const,
  project: (id: string) => ['commitments', 'detail', id] as const,
  fulfilment: (from: string, to: string) => ['commitments', 'fulfilment', from, to] as const,
};

// ------------------------------------------------------------------ funds

export function useFunds(q: Query = {}) {
  return useQuery({ queryKey: fundKeys.fundList(q), queryFn: ({ signal }) => api.get<FundsOverview>('/api/funds', q, signal), placeholderData: keepPreviousData });
}

export function useFund(id: string) {
  return useQuery({ queryKey: fundKeys.fund(id), queryFn: ({ signal }) => api.get<FundSummary>(`/api/funds/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useStatement(id: string, q: { from?: string; to?: string }) {
  return useQuery({
    queryKey: fundKeys.statement(id, q),
    queryFn: ({ signal }) => api.get<FundStatement>(`/api/funds/${encodeURIComponent(id)}/statement`, q, signal),
    placeholderData: keepPreviousData,
  });
}

export const exportStatement = (id: string, q: { from?: string; to?: string }) => api.download(`/api/funds/${encodeURIComponent(id)}/statement/export`, q, '资金明细账.xlsx');

function useInvalidate() {
  const client = useQueryClient();
  return (...keys: (readonly unknown[])[]) => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useCreateFund() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateFundRequest) => api.post<FundSummary>('/api/funds', body), onSuccess: () => invalidate(fundKeys.funds) });
}

export function useUpdateFund(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: UpdateFundRequest) => api.patch<FundSummary>(`/api/funds/${encodeURIComponent(id)}`, body), onSuccess: () => invalidate(fundKeys.funds) });
}

export function useAdjustFund(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: AdjustFundRequest) => api.post<FundSummary>(`/api/funds/${encodeURIComponent(id)}/adjustments`, body), onSuccess: () => invalidate(fundKeys.funds) });
}

// ------------------------------------------------------------------ payouts

export type PayoutQuery = { fundId?: string; policyId?: string; enterpriseId?: string; periodKey?: string; source?: PayoutSource; status?: string; from?: string; to?: string; q?: string; page: number; pageSize: number };

export function usePayouts(q: PayoutQuery) {
  return useQuery({ queryKey: fundKeys.payoutList(q), queryFn: ({ signal }) => api.get<PayoutList>('/api/payouts', q as Query, signal), placeholderData: keepPreviousData });
}

export const exportPayouts = (q: Omit<PayoutQuery, 'page' | 'pageSize'>) => api.download('/api/payouts/export', q as Query, '拨付记录.xlsx');

export function useManualPayout() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ManualPayoutRequest) => api.post<PayoutView>('/api/payouts', body), onSuccess: () => invalidate(fundKeys.payouts, fundKeys.funds) });
}

export function useReversePayout() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<PayoutView>(`/api/payouts/${encodeURIComponent(id)}/reverse`, { reason }),
    onSuccess: () => invalidate(fundKeys.payouts, fundKeys.funds, fundKeys.projects, fundKeys.vouchers),
  });
}

// ------------------------------------------------------------------ vouchers

export function useProviders(enabled = true) {
  return useQuery({ queryKey: fundKeys.providers, queryFn: ({ signal }) => api.get<{ items: ProviderView[] }>('/api/voucher-providers', undefined, signal), enabled, staleTime: 60_000 });
}

export function useSaveProvider() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateProviderRequest | UpdateProviderRequest }) =>
      id ? api.patch<ProviderView>(`/api/voucher-providers/${encodeURIComponent(id)}`, body) : api.post<ProviderView>('/api/voucher-providers', body),
    onSuccess: () => invalidate(fundKeys.providers),
  });
}

export type VoucherQuery = { enterpriseId?: string; fundId?: string; status?: string; q?: string; page: number; pageSize: number };

export function useVouchers(q: VoucherQuery) {
  return useQuery({ queryKey: fundKeys.voucherList(q), queryFn: ({ signal }) => api.get<VoucherList>('/api/vouchers', q as Query, signal), placeholderData: keepPreviousData });
}

export function useVoucher(id: string | null) {
  return useQuery({
    queryKey: fundKeys.voucher(id ?? ''),
    queryFn: ({ signal }) => api.get<VoucherDetail>(`/api/vouchers/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useIssueVouchers() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: IssueVouchersRequest) => api.post<{ issued: VoucherView[] }>('/api/vouchers', body), onSuccess: () => invalidate(fundKeys.vouchers, fundKeys.funds) });
}

export function useRevokeVoucher() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<VoucherDetail>(`/api/vouchers/${encodeURIComponent(id)}/revoke`, { reason }),
    onSuccess: () => invalidate(fundKeys.vouchers, fundKeys.funds),
  });
}

export function useRedeemVoucher(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ form, onProgress }: { form: FormData; onProgress?: (p: UploadProgress) => void }) =>
      api.upload<VoucherDetail>(`/api/vouchers/${encodeURIComponent(id)}/redemptions`, form, { onProgress }),
    onSuccess: () => invalidate(fundKeys.vouchers),
  });
}

export type RedemptionQuery = { status?: string; providerId?: string; voucherId?: string; page: number; pageSize: number };

export function useRedemptions(q: RedemptionQuery) {
  return useQuery({ queryKey: fundKeys.redemptions(q), queryFn: ({ signal }) => api.get<Paged<RedemptionView>>('/api/voucher-redemptions', q as Query, signal), placeholderData: keepPreviousData });
}

export function useReviewRedemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReviewRedemptionRequest }) => api.post<RedemptionView>(`/api/voucher-redemptions/${encodeURIComponent(id)}/review`, body),
    onSuccess: () => invalidate(fundKeys.vouchers, fundKeys.funds, fundKeys.payouts),
  });
}

export const invoiceUrl = (redemptionId: string) => `/api/voucher-redemptions/${encodeURIComponent(redemptionId)}/file`;

// ------------------------------------------------------------------ commitments

export type ProjectQuery = { q?: string; stage?: string; chain?: string; overdue?: 'true' | 'false'; page: number; pageSize: number };

export function useProjects(q: ProjectQuery) {
  return useQuery({ queryKey: fundKeys.projectList(q), queryFn: ({ signal }) => api.get<Paged<InvestmentProjectSummary>>('/api/investment-projects', q as Query, signal), placeholderData: keepPreviousData });
}

export function useProject(id: string) {
  return useQuery({ queryKey: fundKeys.project(id), queryFn: ({ signal }) => api.get<InvestmentProjectDetail>(`/api/investment-projects/${encodeURIComponent(id)}`, undefined, signal) });
}

export function useFulfilment(from: string, to: string) {
  return useQuery({
    queryKey: fundKeys.fulfilment(from, to),
    queryFn: ({ signal }) => api.get<FulfilmentReport>('/api/commitments/fulfilment', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

function useStoreProject() {
  const client = useQueryClient();
  return (p: InvestmentProjectDetail) => {
    client.setQueryData(fundKeys.project(p.id), p);
    void client.invalidateQueries({ queryKey: fundKeys.projects });
    void client.invalidateQueries({ queryKey: fundKeys.funds });
    void client.invalidateQueries({ queryKey: fundKeys.payouts });
  };
}

export function useCreateProject() {
  const store = useStoreProject();
  return useMutation({ mutationFn: (body: CreateInvestmentProjectRequest) => api.post<InvestmentProjectDetail>('/api/investment-projects', body), onSuccess: store });
}

export function useUpdateProject(id: string) {
  const store = useStoreProject();
  return useMutation({ mutationFn: (body: UpdateInvestmentProjectRequest) => api.patch<InvestmentProjectDetail>(`/api/investment-projects/${encodeURIComponent(id)}`, body), onSuccess: store });
}

export function useProjectAction() {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (a:
      | { kind: 'addItem'; projectId: string; body: CommitmentItemRequest }
      | { kind: 'updateItem'; itemId: string; body: CommitmentItemRequest }
      | { kind: 'cancel'; itemId: string; reason: string }
      | { kind: 'fulfil'; itemId: string; body: FulfilCommitmentRequest }
      | { kind: 'void'; fulfilmentId: string; reason: string }) => {
      switch (a.kind) {
        case 'addItem':
          return api.post<InvestmentProjectDetail>(`/api/investment-projects/${encodeURIComponent(a.projectId)}/items`, a.body);
        case 'updateItem':
          return api.patch<InvestmentProjectDetail>(`/api/commitment-items/${encodeURIComponent(a.itemId)}`, a.body);
        case 'cancel':
          return api.post<InvestmentProjectDetail>(`/api/commitment-items/${encodeURIComponent(a.itemId)}/cancel`, { reason: a.reason });
        case 'fulfil':
          return api.post<InvestmentProjectDetail>(`/api/commitment-items/${encodeURIComponent(a.itemId)}/fulfilments`, a.body);
        case 'void':
          return api.post<InvestmentProjectDetail>(`/api/commitment-fulfilments/${encodeURIComponent(a.fulfilmentId)}/void`, { reason: a.reason });
      }
    },
    onSuccess: store,
  });
}

export type LinkablePayout = { id: string; voucherNumber: string; amountFen: number; paidAt: string; source: PayoutSource; memo: string | null; fundName: string; policyTitle: string | null };

export function useLinkablePayouts(itemId: string | null) {
  return useQuery({
    queryKey: ['commitments', 'linkable', itemId],
    queryFn: ({ signal }) => api.get<{ items: LinkablePayout[] }>(`/api/commitment-items/${encodeURIComponent(itemId!)}/linkable-payouts`, undefined, signal),
    enabled: !!itemId,
  });
}
