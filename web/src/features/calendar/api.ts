import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarYear, PutCalendarYearRequest } from '@yuanqi/contract';
import { api } from '../../app/api';

export type CalendarDay = CalendarYear['days'][number];

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: ({ signal }) => api.get<CalendarYear>(`/api/calendar/years/${year}`, undefined, signal),
    // keep the page (and the deadline tool) in place while another year loads
    placeholderData: keepPreviousData,
  });
}

export function useSaveCalendarYear(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutCalendarYearRequest) => api.put<CalendarYear>(`/api/calendar/years/${year}`, body),
    onSuccess: (data) => {
      if (data && typeof data === 'object' && 'days' in data) queryClient.setQueryData(['calendar', 'year', year], data);
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}

export function addWorkingDays(date: string, days: number) {
  return api.get<{ date: string }>('/api/calendar/add-working-days', { date, days });
}
