import { useQuery } from '@tanstack/react-query';
import type { FundsOverview, ItemStatsResponse, Paged, PayoutList, PolicyGrantSummary, PublicityBatchSummary, VoucherList } from '@yuanqi/contract';
import { api, type Query } from '../../app/api';
import { catalogueKeys, type ItemStatsListQuery } from '../service-catalogue/api';
import { fundKeys, type PayoutQuery, type VoucherQuery } from '../funds/api';
import { policyKeys } from '../policies/api';

/*
 * Reads the 工作台 needs that the domain features expose without an `enabled` switch. They use the
 * domains' own query keys, so a write on a domain page (which invalidates its keys) refreshes the
 * home page too.
 */

export function useActivePublicity(enabled: boolean) {
  const query = { active: 'true', page: 1, pageSize: 5 };
  return useQuery({
    queryKey: policyKeys.publicity(query),
    queryFn: ({ signal }) => api.get<Paged<PublicityBatchSummary>>('/api/policy-publicity', query, signal),
    enabled,
  });
}

export function useActiveFunds(enabled: boolean) {
  const query: Query = { status: 'active' };
  return useQuery({
    queryKey: fundKeys.fundList(query),
    queryFn: ({ signal }) => api.get<FundsOverview>('/api/funds', query, signal),
    enabled,
  });
}

export function usePayoutList(query: PayoutQuery, enabled: boolean) {
  return useQuery({
    queryKey: fundKeys.payoutList(query),
    queryFn: ({ signal }) => api.get<PayoutList>('/api/payouts', query as Query, signal),
    enabled,
  });
}

export function useVoucherList(query: VoucherQuery, enabled: boolean) {
  return useQuery({
    queryKey: fundKeys.voucherList(query),
    queryFn: ({ signal }) => api.get<VoucherList>('/api/vouchers', query as Query, signal),
    enabled,
  });
}

export function useItemStatistics(query: ItemStatsListQuery, enabled: boolean) {
  return useQuery({
    queryKey: catalogueKeys.stats(query),
    queryFn: ({ signal }) => api.get<ItemStatsResponse>('/api/service-stats/items', query as Query, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** 免申即享 grants with the server's full filter (the policies feature's hook has no `enterpriseId`). */
export function useGrantList(query: { status?: string; enterpriseId?: string; page: number; pageSize: number }, enabled: boolean) {
  return useQuery({
    queryKey: ['policy-grants', 'list', query],
    queryFn: ({ signal }) => api.get<Paged<PolicyGrantSummary>>('/api/policy-grants', query, signal),
    enabled,
  });
}
