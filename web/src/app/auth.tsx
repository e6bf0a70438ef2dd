import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, Me, Permission, Role } from '@yuanqi/contract';
import { api, isApiError, isSignedOut, onUnauthenticated, readCookie } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/**
 * Why the session ended, as the server said it, when it timed out (SESSION_EXPIRED: 登录已超时) or
 * an admin ended it (SESSION_ENDED: 强制下线); the log-in page shows it. Cleared by the next log-in
 * or log-out. Module state, not React state, because the probe that learns it runs before any page
 * exists.
 */
let sessionEndNotice: string | null = null;

function noteSessionEnd(error: unknown): void {
  if (isApiError(error, 'SESSION_EXPIRED') || isApiError(error, 'SESSION_ENDED')) sessionEndNotice = (error as { message: string }).message;
}

async function fetchMe(): Promise<Me | null> {
  // The server sets its readable CSRF cookie with the session cookie and clears both together: without
  // it there is no session to ask about. Not asking spares the log-in page a 401, which the browser
  // would log as an error in the console.
  if (readCookie('yq_csrf') === null) return null;
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (e) {
    noteSessionEnd(e);
    if (isSignedOut(e)) return null;
    throw e;
  }
}

/** The server's reason when the user comes to the log-in page because the session ended (timed out or 强制下线). */
export function sessionEndReason(): string | null {
  return sessionEndNotice;
}

export type LogoutOptions = { endOtherSessions?: boolean };

type AuthValue = {
  me: Me | null;
  loading: boolean;
  error: unknown;
  retry: () => void;
  login: (body: LoginRequest) => Promise<Me>;
  logout: (options?: LogoutOptions) => Promise<void>;
  refresh: () => Promise<void>;
  /** True after the user pressed 退出登录 (as opposed to a session that ran out). */
  signedOut: boolean;
};

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
  const [signedOut, setSignedOut] = useState(false);

  // Any request that finds the session gone drops the cached user; the guard then sends the
  // browser to /login and brings it back afterwards.
  useEffect(
    () =>
      onUnauthenticated((error) => {
        noteSessionEnd(error);
        if (queryClient.getQueryData(ME_KEY)) {
          queryClient.setQueryData(ME_KEY, null);
        }
      }),
    [queryClient],
  );

  const login = useCallback(
    async (body: LoginRequest) => {
      const me = await api.post<Me>('/api/auth/login', body);
      sessionEndNotice = null;
      setSignedOut(false);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, me);
      return me;
    },
    [queryClient],
  );

  const logout = useCallback(async (options: LogoutOptions = {}) => {
    try {
      await api.post('/api/auth/logout', options.endOtherSessions ? { endOtherSessions: true } : undefined);
    } catch {
      // the session may already be gone; leaving is what the user asked for
    }
    sessionEndNotice = null;
    setSignedOut(true);
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({
      me: query.data ?? null,
      loading: query.isPending,
      error: query.error,
      retry: () => void query.refetch(),
      login,
      logout,
      refresh,
      signedOut,
    }),
    [query.data, query.isPending, query.error, query, login, logout, refresh, signedOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside an authenticated route');
  return me;
}

export function hasPermission(me: Me | null, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

export function hasRole(me: Me | null, role: Role): boolean {
  return !!me && me.roles.includes(role);
}

/** A user who is nothing but enterprise staff gets the enterprise portal, not the staff desk. */
export function isEnterpriseOnly(me: Me | null): boolean {
  return !!me && me.roles.length > 0 && me.roles.every((r) => r === 'enterprise') && !!me.enterpriseId;
}

/** A financial institution's account (role `bank` only): its own phone-friendly workbench and menu. */
export function isBankOnly(me: Me | null): boolean {
  return !!me && me.roles.length > 0 && me.roles.every((r) => r === 'bank') && !!me.bankId;
}

export function useCan(): (permission: Permission) => boolean {
  const { me } = useAuth();
  return useCallback((permission: Permission) => hasPermission(me, permission), [me]);
}
