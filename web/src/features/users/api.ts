import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, Role, UpdateUserRequest, UserSummary } from '@yuanqi/contract';
import { api } from '../../app/api';

export type UserListQuery = { q?: string; role?: Role; page: number; pageSize: number };
export type Bank = { id: string; name: string; shortName: string | null };

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[]; total: number }>('/api/users', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBanks(enabled = true) {
  return useQuery({
    queryKey: ['banks'],
    queryFn: ({ signal }) => api.get<{ items: Bank[] }>('/api/banks', undefined, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<UserSummary>('/api/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) => api.patch<UserSummary>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
  });
}
