import { MutationCache, QueryClient } from '@tanstack/react-query';
import type { ErrorCode } from '@yuanqi/contract';
import { ApiError, errorMessage, isSignedOut } from './api';
import { toastError } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: unknown;
    mutationMeta: {
      /** Codes the mutation presents itself (e.g. CONFLICT as a dialog); others get a toast. */
      quietCodes?: readonly (ErrorCode | 'NETWORK')[];
    };
  }
}

export const queryClient = new QueryClient({
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      // The session is gone: the guard is already on its way to /login.
      if (isSignedOut(error)) return;
      if (error instanceof ApiError && mutation.meta?.quietCodes?.includes(error.code)) return;
      toastError(errorMessage(error));
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not heal by asking again; network hiccups might
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
