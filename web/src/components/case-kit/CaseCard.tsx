import type { ReactNode } from 'react';
import { Button, Card, Tag } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import './case-kit.css';

/** A case type's status as a coloured tag: its colour per status, its label. */
export function CaseStatusTag({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}

/**
 * One case as a phone card, opening the case: its number and status, its title linking to it, a
 * meta line, then `children` (countdown, flags, progress). `className`/`numberClassName` keep the
 * case type's own classes beside the kit's.
 */
export function CaseCard({
  to,
  number,
  status,
  title,
  meta,
  overdue = false,
  className,
  numberClassName,
  children,
}: {
  to: string;
  number: ReactNode;
  status: ReactNode;
  title: ReactNode;
  meta?: ReactNode;
  overdue?: boolean;
  className?: string;
  numberClassName?: string;
  children?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Card className={['yq-mobile-card yq-case-card', overdue ? 'overdue' : '', className ?? ''].filter(Boolean).join(' ')} hoverable onClick={() => navigate(to)}>
      <div className="yq-case-head">
        <span className={`yq-mono yq-case-number${numberClassName ? ` ${numberClassName}` : ''}`}>{number}</span>
        <span className="yq-case-status">{status}</span>
      </div>
      <Link to={to} className="yq-case-title" onClick={(e) => e.stopPropagation()}>
        {title}
      </Link>
      {meta && <div className="yq-case-meta">{meta}</div>}
      {children}
    </Card>
  );
}

/**
 * A case page's header buttons: 刷新 (when `refresh` is given) and 返回, which goes back in the
 * browser's history, or to `backTo` when the page was opened directly.
 */
export function CaseHeaderButtons({ backTo, refresh }: { backTo: string; refresh?: { fetching: boolean; onClick: () => void } }) {
  const navigate = useNavigate();
  return (
    <>
      {refresh && (
        <Button icon={<ReloadOutlined spin={refresh.fetching} />} onClick={refresh.onClick} aria-label="刷新">
          刷新
        </Button>
      )}
      <Button icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(backTo))}>
        返回
      </Button>
    </>
  );
}
