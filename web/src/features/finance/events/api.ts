import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BankFinanceEventDetail,
  FinanceEventDetail,
  FinanceEventIntentionRequest,
  FinanceEventIntentionView,
  FinanceEventOutcomeRequest,
  FinanceEventOutcomeView,
  FinanceEventSignupRequest,
  FinanceEventSignupView,
  FinanceEventSummary,
  FirmFinanceEvent,
  SaveFinanceEventRequest,
} from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

export const eventKeys = {
  all: [...financeKeys.all, 'events'] as const,
  list: [...financeKeys.all, 'events', 'list'] as const,
  detail: (id: string) => [...financeKeys.all, 'events', 'detail', id] as const,
  firm: [...financeKeys.all, 'events', 'firm'] as const,
  bank: [...financeKeys.all, 'events', 'bank'] as const,
  bankDetail: (id: string) => [...financeKeys.all, 'events', 'bank', id] as const,
};

export function useFinanceEvents() {
  return useQuery({ queryKey: eventKeys.list, queryFn: ({ signal }) => api.get<FinanceEventSummary[]>('/api/finance/events', undefined, signal) });
}
export function useFinanceEvent(id: string) {
  return useQuery({ queryKey: eventKeys.detail(id), queryFn: ({ signal }) => api.get<FinanceEventDetail>(`/api/finance/events/${id}`, undefined, signal) });
}
export function useFirmEvents() {
  return useQuery({ queryKey: eventKeys.firm, queryFn: ({ signal }) => api.get<FirmFinanceEvent[]>('/api/finance/events/firm', undefined, signal) });
}
export function useBankEvents() {
  return useQuery({ queryKey: eventKeys.bank, queryFn: ({ signal }) => api.get<FinanceEventSummary[]>('/api/finance/bank/events', undefined, signal) });
}
export function useBankEvent(id: string) {
  return useQuery({ queryKey: eventKeys.bankDetail(id), queryFn: ({ signal }) => api.get<BankFinanceEventDetail>(`/api/finance/bank/events/${id}`, undefined, signal) });
}

function useFinanceMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: financeKeys.all }) });
}

export function useSaveEvent(id?: string) {
  return useFinanceMutation((body: SaveFinanceEventRequest) => (id ? api.put<FinanceEventDetail>(`/api/finance/events/${id}`, body) : api.post<FinanceEventDetail>('/api/finance/events', body)));
}
export function useSignUp(eventId: string) {
  return useFinanceMutation((body: FinanceEventSignupRequest) => api.post<FinanceEventSignupView>(`/api/finance/events/${eventId}/signups`, body));
}
export function useRegisterIntention(eventId: string) {
  return useFinanceMutation((body: FinanceEventIntentionRequest) => api.post<FinanceEventIntentionView>(`/api/finance/bank/events/${eventId}/intentions`, body));
}
export function useRecordOutcome(eventId: string) {
  return useFinanceMutation((body: FinanceEventOutcomeRequest) => api.post<FinanceEventOutcomeView>(`/api/finance/events/${eventId}/outcomes`, body));
}
export const exportOutcomes = (eventId: string) => api.download(`/api/finance/events/${eventId}/outcomes/export`, undefined, '签约结果.xlsx');
