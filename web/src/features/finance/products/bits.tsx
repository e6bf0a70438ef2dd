import { Tag } from 'antd';
import { COLLATERAL_LABELS, INSTITUTION_KIND_LABELS, formatRateBp, type CollateralKind, type InstitutionKind, type ProductState } from '@yuanqi/contract';

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

/** Chain and tag codes of a product's target firms, by their labels; 不限 when none. */
export function targetText(chains: string[], tags: string[], chainLabel: (c: string) => string, tagLabel: (c: string) => string): string {
  const parts = [...chains.map(chainLabel), ...tags.map(tagLabel)];
  return parts.length ? parts.join('、') : '不限';
}
