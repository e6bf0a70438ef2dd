import { Spin } from 'antd';

export function PageLoading({ tip = '加载中…', full = false }: { tip?: string; full?: boolean }) {
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: full ? '100vh' : 320 }}
      role="status"
      aria-live="polite"
    >
      <Spin size="large" description={tip} />
    </div>
  );
}
