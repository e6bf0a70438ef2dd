import type { CSSProperties, ReactNode } from 'react';
import { Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../components/format';
import './dashboard.css';

type Tone = 'warn' | 'danger' | 'good';

/** A count that opens the list it counts. `tone` colours it only when the value is not zero. */
export function Chip({ to, label, value, sub, tone, loading }: { to: string; label: string; value: number | string | undefined; sub?: ReactNode; tone?: Tone; loading?: boolean }) {
  const shown = loading ? '…' : (value ?? '—');
  const lit = !!tone && !loading && (typeof value === 'number' ? value > 0 : value !== undefined);
  return (
    <Link to={to} className={`yq-dash-chip${lit ? ` ${tone}` : ''}`} aria-label={`${label} ${shown}`}>
      <span className="yq-dash-chip-value">{shown}</span>
      <span className="yq-dash-chip-label">{label}</span>
      {sub && <span className="yq-dash-chip-sub">{sub}</span>}
    </Link>
  );
}

/** A grid of chips: `cols` per row on a desktop, `xs` on a phone. */
export function Chips({ cols, xs = 2, children, style }: { cols: number; xs?: number; children: ReactNode; style?: CSSProperties }) {
  return (
    <div className="yq-dash-chips" style={{ '--yq-dash-cols': cols, '--yq-dash-cols-xs': xs, ...style } as CSSProperties}>
      {children}
    </div>
  );
}

/** One to-do or record line: title, a line of details, and what stands on the right (a tag, an amount). */
export function Row({ to, title, sub, side }: { to?: string; title: ReactNode; sub?: ReactNode; side?: ReactNode }) {
  const body = (
    <>
      <div className="yq-dash-row-main">
        <div className="yq-dash-row-title">{title}</div>
        {sub && <div className="yq-dash-row-sub">{sub}</div>}
      </div>
      {side && <div className="yq-dash-row-side">{side}</div>}
    </>
  );
  return to ? (
    <Link to={to} className="yq-dash-row">
      {body}
    </Link>
  ) : (
    <div className="yq-dash-row">{body}</div>
  );
}

/** A small heading inside a card, with an optional link or note on the right. */
export function SubHead({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="yq-dash-subhead">
      <span>{children}</span>
      {extra}
    </div>
  );
}

export function MoneyText({ fen }: { fen: number | null | undefined }) {
  return <span className="yq-dash-money">{formatMoney(fen)}</span>;
}

/** Loading, failure or the content of a block fed by one query. */
export function Loaded({ loading, error, rows = 3, children }: { loading: boolean; error?: boolean; rows?: number; children: ReactNode }) {
  if (loading) return <Skeleton active title={false} paragraph={{ rows }} />;
  if (error) return <Typography.Text type="secondary">暂时无法读取,请稍后刷新</Typography.Text>;
  return <>{children}</>;
}

/** "12.3%" from a 0–1 share; — when there is nothing to divide. */
export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** The Shanghai year's first day for a `YYYY-MM-DD` date. */
export function yearStart(today: string): string {
  return `${today.slice(0, 4)}-01-01`;
}
