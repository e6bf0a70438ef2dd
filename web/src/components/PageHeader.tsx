import { useEffect, type ReactNode } from 'react';
import { Typography } from 'antd';

export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - 园企通` : '园企通';
  }, [title]);
}

export function PageHeader({ title, subTitle, extra, docTitle }: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; docTitle?: string }) {
  usePageTitle(docTitle ?? (typeof title === 'string' ? title : null));
  return (
    <div className="yq-page-head">
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle && <div className="yq-page-sub">{subTitle}</div>}
      </div>
      {extra && <div className="yq-page-actions">{extra}</div>}
    </div>
  );
}
