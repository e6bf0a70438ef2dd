import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArrearsView,
  BillSummaryView,
  BillView,
  BuildingSummaryView,
  BuildingView,
  LandParameterView,
  LeaseQuoteView,
  LeaseSummaryView,
  LeaseView,
  MyPremisesView,
  Paged,
  PremisesOccupancyView,
  ReliefMeasureView,
  ReliefReportView,
} from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { landKeys } from '../api';

/** Every premises key starts with ['land', 'premises'] (or ['land', 'parameters']). */
export const premisesKeys = {
  all: [...landKeys.all, 'premises'] as const,
  parameters: [...landKeys.all, 'parameters'] as const,
};

export const usePremises = <T,>(path: string, query?: Query, enabled = true) =>
  useQuery({ queryKey: [...premisesKeys.all, path, query ?? {}], queryFn: ({ signal }) => api.get<T>(`/api/land/premises${path}`, query, signal), placeholderData: keepPreviousData, enabled });

export const useBuildings = (q: Query, enabled = true) => usePremises<{ date: string; items: BuildingSummaryView[] }>('/buildings', q, enabled);
export const useOccupancy = (date: string) => usePremises<PremisesOccupancyView>('/occupancy', { date });
export const useBuilding = (id: string, date: string, enabled = true) => usePremises<BuildingView>(`/buildings/${id}`, { date }, enabled && !!id);
export const useUnitLeases = (unitId: string | null) => usePremises<LeaseSummaryView[]>(`/units/${unitId}/leases`, undefined, !!unitId);
export const useLeases = (q: Query) => usePremises<Paged<LeaseSummaryView>>('/leases', q);
export const useLease = (id: string) => usePremises<LeaseView>(`/leases/${id}`);
export const useQuote = (q: { unitId?: string; startsOn?: string; rentFenPerM2Month?: number }) =>
  usePremises<LeaseQuoteView>('/leases/quote', q as Query, !!q.unitId && !!q.startsOn);
export const useBills = (q: Query) => usePremises<Paged<BillSummaryView> & { totals: { grossFen: number; reliefFen: number; dueFen: number; paidFen: number } }>('/bills', q);
export const useBill = (id: string) => usePremises<BillView>(`/bills/${id}`);
export const useMeasures = () => usePremises<ReliefMeasureView[]>('/reliefs');
export const useMeasure = (id: string) => usePremises<ReliefReportView>(`/reliefs/${id}`);
export const useArrears = (q: Query) => usePremises<ArrearsView>('/arrears', q);
export const useMine = () => usePremises<MyPremisesView>('/mine');
export const useParameters = () => useQuery({ queryKey: premisesKeys.parameters, queryFn: ({ signal }) => api.get<LandParameterView[]>('/api/land/parameters', undefined, signal) });

/** A write that refreshes every land page on success. */
export function useLandWrite<V, R>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => qc.invalidateQueries({ queryKey: landKeys.all }) });
}
