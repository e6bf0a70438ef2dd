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

const csp = { nonce: cspNonce() };

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
