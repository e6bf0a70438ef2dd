import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BankFirmView,
  BankWorkbenchView,
  ConsentScope,
  ConsentView,
  FileNeedRequest,
  NeedActionRequest,
  NeedDetailView,
  NeedView,
  OfferActionRequest,
  OfferDetailView,
  OfferView,
  Paged,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { financeKeys } from '../api';

/** 融资对接 query keys: all under ['finance'] so one invalidation refreshes every finance view. */
export const marketKeys = {
  needs: (q: Query) => [...financeKeys.all, 'needs', q] as const,
  need: (id: string) => [...financeKeys.all, 'need', id] as const,
  offers: (q: Query) => [...financeKeys.all, 'offers', q] as const,
  offer: (id: string) => [...financeKeys.all, 'offer', id] as const,
  workbench: [...financeKeys.all, 'bank-workbench'] as const,
  consents: (q: Query) => [...financeKeys.all, 'consents', q] as const,
  firm: (id: string) => [...financeKeys.all, 'firm', id] as const,
};

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: financeKeys.all });
}

export function useNeeds(q: Query, enabled = true) {
  return useQuery({ queryKey: marketKeys.needs(q), queryFn: ({ signal }) => api.get<Paged<NeedView>>('/api/finance/needs', q, signal), placeholderData: keepPreviousData, enabled });
}
export function useNeed(id: string) {
  return useQuery({ queryKey: marketKeys.need(id), queryFn: ({ signal }) => api.get<NeedDetailView>(`/api/finance/needs/${encodeURIComponent(id)}`, undefined, signal), enabled: !!id });
}
export function useFileNeed() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: FileNeedRequest) => api.post<NeedDetailView>('/api/finance/needs', body), onSuccess: invalidate });
}
export function useNeedAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: NeedActionRequest) => api.post<NeedDetailView>(`/api/finance/needs/${encodeURIComponent(id)}/actions`, body), onSuccess: invalidate });
}
export function useOffers(q: Query) {
  return useQuery({ queryKey: marketKeys.offers(q), queryFn: ({ signal }) => api.get<Paged<OfferView>>('/api/finance/offers', q, signal), placeholderData: keepPreviousData });
}
export function useOffer(id: string) {
  return useQuery({ queryKey: marketKeys.offer(id), queryFn: ({ signal }) => api.get<OfferDetailView>(`/api/finance/offers/${encodeURIComponent(id)}`, undefined, signal), enabled: !!id });
}
export function useOfferAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: OfferActionRequest) => api.post<OfferDetailView>(`/api/finance/offers/${encodeURIComponent(id)}/actions`, body), onSuccess: invalidate });
}
export function useBankWorkbench() {
  return useQuery({ queryKey: marketKeys.workbench, queryFn: ({ signal }) => api.get<BankWorkbenchView>('/api/finance/bank/workbench', undefined, signal), refetchInterval: 60_000 });
}
export function useConsents(q: Query = {}) {
  return useQuery({ queryKey: marketKeys.consents(q), queryFn: ({ signal }) => api.get<ConsentView[]>('/api/finance/consents', q, signal) });
}
export function useSetConsent() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: { enterpriseId?: string; bankId: string; scopes: ConsentScope[] }) => api.post<ConsentView[]>('/api/finance/consents', body), onSuccess: invalidate });
}
export function useRevokeConsent() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<ConsentView[]>(`/api/finance/consents/${encodeURIComponent(id)}/revoke`, { reason }), onSuccess: invalidate });
}
export function useBankFirm(enterpriseId: string | undefined) {
  return useQuery({ queryKey: marketKeys.firm(enterpriseId ?? ''), queryFn: ({ signal }) => api.get<BankFirmView>(`/api/finance/firms/${encodeURIComponent(enterpriseId!)}`, undefined, signal), enabled: !!enterpriseId });
}

/** The finance officer's 立即检查: the escalation sweep now. */
export function useEscalateNow() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.post<{ escalated: number }>('/api/finance/offers/escalate'), onSuccess: invalidate });
}
