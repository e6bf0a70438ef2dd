import { Tag } from 'antd';
import {
  COLLATERAL_LABELS,
  INSTITUTION_KIND_LABELS,
  formatRateBp,
  formatTermRange,
  formatWanRange,
  type CollateralKind,
  type InstitutionKind,
  type ProductState,
  type ProductView,
} from '@yuanqi/contract';

const STATE_COLORS: Record<ProductState, string> = { draft: 'default', available: 'green', scheduled: 'blue', expired: 'orange', withdrawn: 'red' };

export function ProductStateTag({ state, label }: { state: ProductState; label: string }) {
  return <Tag color={STATE_COLORS[state]}>{label}</Tag>;
}

export function CollateralTags({ kinds }: { kinds: CollateralKind[] }) {
  return (
    <span className="yq-product-tags">
      {kinds.map((k) => (
        <Tag key={k} color={k === 'none' ? 'green' : undefined}>
          {COLLATERAL_LABELS[k]}
        </Tag>
      ))}
    </span>
  );
}

const KIND_COLORS: Partial<Record<InstitutionKind, string>> = { bank: 'blue', guarantee: 'purple', insurance: 'cyan', microloan: 'gold', securities: 'magenta', leasing: 'geekblue', fund: 'volcano' };

export function InstitutionKindTag({ kind }: { kind: InstitutionKind }) {
  return <Tag color={KIND_COLORS[kind]}>{INSTITUTION_KIND_LABELS[kind]}</Tag>;
}

/** "3.45%起" — the rate a firm compares first. */
export const rateFrom = (minBp: number, maxBp: number) => (minBp === maxBp ? formatRateBp(minBp) : `${formatRateBp(minBp)}起`);

/** A product card's three figures: rate from, amount range, term range (phone lists). */
export function ProductFigures({ p }: { p: Pick<ProductView, 'rateMinBp' | 'rateMaxBp' | 'amountMinFen' | 'amountMaxFen' | 'termMinMonths' | 'termMaxMonths'> }) {
  return (
    <div className="figures">
      <div>
        <div className="v rate">{rateFrom(p.rateMinBp, p.rateMaxBp)}</div>
        <div className="k">年利率</div>
      </div>
      <div>
        <div className="v">{formatWanRange(p.amountMinFen, p.amountMaxFen).replace('万元', '万')}</div>
        <div className="k">额度</div>
      </div>
      <div>
        <div className="v">{formatTermRange(p.termMinMonths, p.termMaxMonths).replace('个月', '月')}</div>
        <div className="k">期限</div>
      </div>
    </div>
  );
}

/** Chain and tag codes of a product's target firms, by their labels; 不限 when none. */
export function targetText(chains: string[], tags: string[], chainLabel: (c: string) => string, tagLabel: (c: string) => string): string {
  const parts = [...chains.map(chainLabel), ...tags.map(tagLabel)];
  return parts.length ? parts.join('、') : '不限';
}
