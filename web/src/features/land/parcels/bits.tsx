import { Tag } from 'antd';
import { LAND_PARCEL_STATUS_COLORS, LAND_PARCEL_STATUS_LABELS, formatWanYuan, type LandParcelStatus } from '@yuanqi/contract';

/** A parcel's state in its map colour. */
export function ParcelStatusTag({ status }: { status: LandParcelStatus }) {
  return (
    <Tag color={LAND_PARCEL_STATUS_COLORS[status]} style={{ color: status === 'reserve' ? '#333' : undefined }}>
      {LAND_PARCEL_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 亩, up to four decimals (no trailing zeros). */
export function formatMu(mu: number | null | undefined): string {
  if (mu === null || mu === undefined) return '—';
  return `${Number(mu.toFixed(4)).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 亩`;
}

/** 亩均 figures are shown in 万元/亩, two decimals. */
export function formatWanPerMu(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `${formatWanYuan(fen)}/亩`;
}

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
