import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDeviceRequest, CreateDeviceTypeRequest, DeviceDetail, DeviceList, DeviceReading, DeviceTokenIssued, DeviceTypeView, UpdateDeviceRequest } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { industryKeys } from '../api';

/** Device query keys: all under ['industry', 'devices']. */
export const deviceKeys = {
  all: [...industryKeys.all, 'devices'] as const,
  list: (q: Record<string, string | number | undefined>) => [...industryKeys.all, 'devices', 'list', q] as const,
  device: (id: string) => [...industryKeys.all, 'devices', 'device', id] as const,
  readings: (id: string, metric?: string, limit?: number) => [...industryKeys.all, 'devices', 'readings', id, metric ?? '', limit ?? 50] as const,
  types: [...industryKeys.all, 'devices', 'types'] as const,
};

const path = (id: string) => `/api/industry/devices/${encodeURIComponent(id)}`;

export function useDevices(q: { enterpriseId?: string; typeCode?: string; online?: string; q?: string; page?: number; pageSize?: number }) {
  const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;
  return useQuery({
    queryKey: deviceKeys.list(clean),
    queryFn: ({ signal }) => api.get<DeviceList>('/api/industry/devices', clean, signal),
    placeholderData: (previous) => previous,
    refetchInterval: 30_000,
  });
}

export function useDevice(id: string) {
  return useQuery({ queryKey: deviceKeys.device(id), queryFn: ({ signal }) => api.get<DeviceDetail>(path(id), undefined, signal), refetchInterval: 15_000 });
}

export function useDeviceReadings(id: string, metric?: string, limit = 50, enabled = true) {
  return useQuery({
    queryKey: deviceKeys.readings(id, metric, limit),
    queryFn: ({ signal }) => api.get<DeviceReading[]>(`${path(id)}/readings`, { limit, metric }, signal),
    refetchInterval: 15_000,
    enabled,
  });
}

export function useDeviceTypes() {
  return useQuery({ queryKey: deviceKeys.types, queryFn: ({ signal }) => api.get<DeviceTypeView[]>('/api/industry/device-types', undefined, signal), staleTime: 60_000 });
}

function useDeviceMutation<B, R>(fn: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: deviceKeys.all }) });
}

export const useCreateDevice = () => useDeviceMutation((body: CreateDeviceRequest) => api.post<DeviceTokenIssued>('/api/industry/devices', body));
export const useUpdateDevice = () => useDeviceMutation(({ id, body }: { id: string; body: UpdateDeviceRequest }) => api.patch<DeviceDetail>(path(id), body));
export const useSetDeviceStatus = () =>
  useDeviceMutation(({ id, version, enable }: { id: string; version: number; enable: boolean }) => api.post<DeviceDetail>(`${path(id)}/${enable ? 'enable' : 'disable'}`, { version }));
export const useRotateToken = () => useDeviceMutation(({ id, version }: { id: string; version: number }) => api.post<DeviceTokenIssued>(`${path(id)}/token`, { version }));
export const useRevokeToken = () => useDeviceMutation(({ id, version }: { id: string; version: number }) => api.post<DeviceDetail>(`${path(id)}/token/revoke`, { version }));
export const useCreateDeviceType = () => useDeviceMutation((body: CreateDeviceTypeRequest) => api.post<DeviceTypeView>('/api/industry/device-types', body));
export const useDeleteDeviceType = () => useDeviceMutation((code: string) => api.delete<null>(`/api/industry/device-types/${encodeURIComponent(code)}`));
