import { Tag } from 'antd';
import { DEMAND_STATUS_LABELS, type DemandStatus } from '@yuanqi/contract';

const STATUS_COLORS: Record<DemandStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  reopened: 'volcano',
  closed: 'green',
  withdrawn: 'default',
};

export function DemandStatusTag({ status, label }: { status: DemandStatus; label?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label ?? DEMAND_STATUS_LABELS[status]}
    </Tag>
  );
}
