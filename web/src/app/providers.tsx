import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import '../components/format';
import { AuthProvider } from './auth';
import { feedback } from './feedback';
import { queryClient } from './queryClient';
import { theme } from './theme';

function FeedbackBridge() {
  const app = AntApp.useApp();
  useEffect(() => {
    feedback.current = app;
    return () => {
      if (feedback.current === app) feedback.current = null;
    };
  }, [app]);
  return null;
}

/**
 * The nonce of this page's Content-Security-Policy: the server writes it on the
 * `<meta property="csp-nonce">` that the build adds (browsers hide the attribute, the property
 * still reads it). antd's CSS-in-JS puts it on every <style> it writes; without it the page's
 * policy refuses those styles.
 */
function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  // The placeholder itself is left only when Vite's dev server serves the page (no policy there).
  return nonce && nonce !== 'YQ_CSP_NONCE' ? nonce : undefined;
}

/**
 * antd passes the nonce to its own style writer, but some helpers beneath it (rc-util's scrollbar
 * measure and scroll lock) create <style> elements without one. Every <style> the app's code
 * creates gets the nonce here; <style> in injected markup (innerHTML) is not created through
 * this call and stays refused.
 */
function stampStyleElements(nonce: string): void {
  const create = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (tag.toLowerCase() === 'style' && !element.nonce) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}

const csp = { nonce: cspNonce() };
if (csp.nonce) stampStyleElements(csp.nonce);

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme} csp={csp}>
      <AntApp message={{ maxCount: 3 }} notification={{ placement: 'topRight' }}>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>{children}</AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
