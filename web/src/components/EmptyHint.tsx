import type { ReactNode } from 'react';
import { Empty } from 'antd';

export function EmptyHint({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ padding: '24px 0' }}>
      {children}
    </Empty>
  );
}
