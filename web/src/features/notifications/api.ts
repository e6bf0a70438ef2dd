import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
};

export type NotificationPage = { items: Notification[]; total: number; unread: number };

export function useNotifications(query: { unread?: boolean; page: number; pageSize: number }, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: ['notifications', query],
    queryFn: ({ signal }) =>
      api.get<NotificationPage>('/api/notifications', { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.poll ? 60_000 : false,
    refetchOnWindowFocus: options.poll,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') => api.post<{ updated: number }>('/api/notifications/read', { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** Only same-site paths are followed; anything else stays a plain message. */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
