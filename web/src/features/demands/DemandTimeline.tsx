import { DEMAND_STATUS_LABELS, type DemandEvent } from '@yuanqi/contract';
import { EventTimeline } from '../../components/EventTimeline';

const COLORS: Partial<Record<DemandEvent['action'], string>> = {
  submit: 'blue',
  accept: 'blue',
  answer: 'green',
  confirm: 'green',
  auto_close: 'green',
  rate: 'green',
  reject: 'red',
  escalate: 'red',
  withdraw: 'gray',
  remind: 'gray',
  attach: 'gray',
  dispatch: 'orange',
  reassign: 'orange',
  transfer: 'orange',
};

function detailOf(e: DemandEvent): string | null {
  const data = e.data ?? {};
  if (e.action === 'transfer' && typeof data.department === 'string') return `转至 ${data.department}`;
  if (e.action === 'reassign' && typeof data.assigneeName === 'string') return `改由 ${data.assigneeName} 负责`;
  if (e.action === 'dispatch' && typeof data.newDueDate === 'string') return `新期限 ${data.newDueDate}`;
  if (e.action === 'rate') return null;
  if (e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus) return `状态:${DEMAND_STATUS_LABELS[e.toStatus]}`;
  return null;
}

/** Who did what and when, newest first, like a parcel's tracking history. */
export function DemandTimeline({ events }: { events: DemandEvent[] }) {
  return <EventTimeline events={events} colors={COLORS} detailOf={detailOf} />;
}
