import { defaultConfig, type AppConfig } from './context.js';

/**
 * TRUST_PROXY as Fastify's `trustProxy` takes it. Unset or empty: nobody (the socket address is
 * the client). A whole number: that many proxies in front. Otherwise a comma-separated list of
 * addresses, CIDRs or the names `loopback`, `linklocal`, `uniquelocal`. `true` is refused: it
 * would believe any client's X-Forwarded-For.
 */
export function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === '*') {
    throw new Error('TRUST_PROXY=true would let any client choose its own address: give the proxy addresses (e.g. 127.0.0.1) or a hop count');
  }
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry)) throw new Error(`TRUST_PROXY: cannot read "${entry}"`);
  }
  return entries.join(', ');
}

/** FRAME_ANCESTORS: space- or comma-separated origins (https://screen.example.gov.cn). */
export function parseFrameAncestors(value: string | undefined): string[] {
  const origins = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[\w.-]+(:\d+)?$/.test(origin) && origin !== "'self'") throw new Error(`FRAME_ANCESTORS: "${origin}" is not an origin like https://screen.example.gov.cn`);
  }
  return origins;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) throw new Error(`${name}: expected a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  return n;
}

/** The log-in, session and header settings of AppConfig read from the environment (docs/OPERATIONS.md). */
export function securityConfigFromEnv(env: NodeJS.ProcessEnv): Pick<
  AppConfig,
  'trustProxy' | 'frameAncestors' | 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'sessionCacheSeconds' | 'loginCaptchaAfter' | 'loginIpLimit'
> {
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    frameAncestors: parseFrameAncestors(env.FRAME_ANCESTORS),
    sessionIdleMinutes: positive(env, 'SESSION_IDLE_MINUTES', defaultConfig.sessionIdleMinutes),
    sessionAbsoluteHours: positive(env, 'SESSION_ABSOLUTE_HOURS', defaultConfig.sessionAbsoluteHours),
    sessionCacheSeconds: positive(env, 'SESSION_CACHE_SECONDS', defaultConfig.sessionCacheSeconds, true),
    loginCaptchaAfter: positive(env, 'LOGIN_CAPTCHA_AFTER', defaultConfig.loginCaptchaAfter, true),
    loginIpLimit: positive(env, 'LOGIN_IP_LIMIT', defaultConfig.loginIpLimit),
  };
}
