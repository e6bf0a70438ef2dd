import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CopperPriceList,
  CreatePledgeRequest,
  CreateReceiptRequest,
  MarginCallView,
  MarginSweepResult,
  PledgeAmountRequest,
  PledgeDetail,
  PledgeQuote,
  PledgeView,
  ReceiptView,
  SetCopperPriceRequest,
} from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

/** 存铜融 query keys: all under ['finance', 'copper'] so one invalidation refreshes the lot. */
export const copperKeys = {
  all: [...financeKeys.all, 'copper'] as const,
  receipts: (q: Record<string, string | undefined> = {}) => [...financeKeys.all, 'copper', 'receipts', q] as const,
  prices: [...financeKeys.all, 'copper', 'prices'] as const,
  pledges: (q: Record<string, string | undefined> = {}) => [...financeKeys.all, 'copper', 'pledges', q] as const,
  pledge: (id: string) => [...financeKeys.all, 'copper', 'pledge', id] as const,
  calls: (q: Record<string, string | undefined> = {}) => [...financeKeys.all, 'copper', 'calls', q] as const,
  quote: (q: Record<string, string | undefined>) => [...financeKeys.all, 'copper', 'quote', q] as const,
};

export function useReceipts(q: { status?: string; enterpriseId?: string } = {}) {
  return useQuery({ queryKey: copperKeys.receipts(q), queryFn: ({ signal }) => api.get<ReceiptView[]>('/api/finance/copper/receipts', q, signal) });
}
export function usePrices() {
  return useQuery({ queryKey: copperKeys.prices, queryFn: ({ signal }) => api.get<CopperPriceList>('/api/finance/copper/prices', undefined, signal) });
}
export function usePledges(q: { status?: string } = {}) {
  return useQuery({ queryKey: copperKeys.pledges(q), queryFn: ({ signal }) => api.get<PledgeView[]>('/api/finance/copper/pledges', q, signal) });
}
export function usePledge(id: string) {
  return useQuery({ queryKey: copperKeys.pledge(id), queryFn: ({ signal }) => api.get<PledgeDetail>(`/api/finance/copper/pledges/${encodeURIComponent(id)}`, undefined, signal) });
}
export function useMarginCalls(q: { status?: string; overdue?: string } = {}) {
  return useQuery({ queryKey: copperKeys.calls(q), queryFn: ({ signal }) => api.get<MarginCallView[]>('/api/finance/copper/margin-calls', q, signal) });
}
export function useQuote(q: { receiptId?: string; warehouse?: string; receiptNo?: string; pricedOn?: string }, enabled: boolean) {
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>;
  return useQuery({ queryKey: copperKeys.quote(clean), queryFn: ({ signal }) => api.get<PledgeQuote>('/api/finance/copper/quote', clean, signal), enabled });
}

function useCopperMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }) });
}
export const useCreateReceipt = () => useCopperMutation((body: CreateReceiptRequest) => api.post<ReceiptView>('/api/finance/copper/receipts', body));
export const useSetPrice = () => useCopperMutation((body: SetCopperPriceRequest) => api.post<{ priceOn: string; priceFenPerTon: number; replaced: boolean }>('/api/finance/copper/prices', body));
export const useCreatePledge = () => useCopperMutation((body: CreatePledgeRequest) => api.post<PledgeDetail>('/api/finance/copper/pledges', body));
export const usePledgeStep = () =>
  useCopperMutation(({ id, action, body }: { id: string; action: 'top-up' | 'repay' | 'release'; body: Partial<PledgeAmountRequest> }) =>
    api.post<PledgeDetail>(`/api/finance/copper/pledges/${encodeURIComponent(id)}/${action}`, body),
  );
export const useMarginSweep = () => useCopperMutation((_: void) => api.post<MarginSweepResult>('/api/finance/copper/margin-sweep'));

export function downloadPriceTemplate(): Promise<string> {
  return api.download('/api/finance/copper/prices/template', undefined, '铜价导入模板.xlsx');
}
