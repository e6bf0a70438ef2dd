import { InputNumber, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { LEAD_SOURCE_LABELS, LEAD_STATUS_COLORS, LEAD_STATUS_LABELS, NEGOTIATION_FORM_LABELS, parseYuanToFen, type LeadSource, type LeadStatus, type NegotiationForm } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { formatWan } from '../../../components/format';
import { useLeadOfProject } from './api';

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  return (
    <Tag color={LEAD_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {LEAD_STATUS_LABELS[status]}
    </Tag>
  );
}

export function SourceTag({ source }: { source: LeadSource }) {
  return (
    <Tag color={source === 'online' ? 'purple' : undefined} style={{ marginInlineEnd: 0 }}>
      {LEAD_SOURCE_LABELS[source]}
    </Tag>
  );
}

export function FormTag({ form }: { form: NegotiationForm }) {
  return (
    <Tag color={form === 'online' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {NEGOTIATION_FORM_LABELS[form]}
    </Tag>
  );
}

/** A lead's amount on screen: the lead pages show 万元 (one money style). */
export const leadAmount = (fen: number | null | undefined) => formatWan(fen);

/** An amount typed in 元, handed on as integer fen (the contract's parser, no float drift). */
export function YuanInput({ value, onChange, id }: { value?: number | null; onChange?: (fen: number | null) => void; id?: string }) {
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      min={0}
      precision={2}
      step={10_000}
      suffix="元"
      placeholder="如 2000000000"
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : parseYuanToFen(v))}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}
      parser={(v) => Number((v ?? '').replace(/[,¥\s元]/g, '')) || 0}
    />
  );
}

/**
 * "来自招商线索 ZS-…" on an investment project's page, for those who may read leads (others never
 * ask: the query is off, so no 403 is drawn).
 */
export function LeadOriginLink({ projectId }: { projectId: string }) {
  const me = useMe();
  const origin = useLeadOfProject(projectId, hasPermission(me, 'investment:read'));
  const lead = origin.data?.lead;
  if (!lead) return null;
  return (
    <span data-testid="lead-origin">
      来自招商线索 <Link to={`/land/leads/${lead.id}`}>{lead.code}</Link>
    </span>
  );
}
