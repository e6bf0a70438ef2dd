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

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp message={{ maxCount: 3 }} notification={{ placement: 'topRight' }}>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>{children}</AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
