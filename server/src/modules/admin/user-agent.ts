/** 浏览器 / 系统 of a user agent, as the log-in log and the online list show it (best effort). */
export function describeClient(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browser =
    /MicroMessenger\//.test(ua) ? '微信' :
    /Edg\//.test(ua) ? 'Edge' :
    /HeadlessChrome\//.test(ua) ? 'Chrome(无界面)' :
    /Chrome\//.test(ua) ? 'Chrome' :
    /Firefox\//.test(ua) ? 'Firefox' :
    /Safari\//.test(ua) ? 'Safari' :
    /curl\//i.test(ua) ? 'curl' : null;
  const system =
    /iPhone|iPad/.test(ua) ? 'iOS' :
    /Android/.test(ua) ? 'Android' :
    /Windows/.test(ua) ? 'Windows' :
    /Mac OS X/.test(ua) ? 'macOS' :
    /Linux/.test(ua) ? 'Linux' : null;
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(' · ') : ua.slice(0, 40);
}
