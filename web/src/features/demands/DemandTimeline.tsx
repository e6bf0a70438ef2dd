import { Timeline, Typography } from 'antd';
import { ROLE_LABELS, DEMAND_STATUS_LABELS, type DemandEvent, type Role } from '@yuanqi/contract';
import { formatDateTime } from '../../components/format';

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
  const items = [...events].reverse().map((e) => {
    const role = e.actorRole ? (ROLE_LABELS[e.actorRole as Role] ?? '') : '';
    const detail = detailOf(e);
    return {
      key: e.id,
      color: COLORS[e.action] ?? 'blue',
      content: (
        <div className="yq-event">
          <div className="yq-event-head">
            <strong>{e.actionLabel}</strong>
            <span className="yq-event-actor">
              {e.actorName}
              {role && e.action !== 'rate' ? `(${role})` : ''}
            </span>
          </div>
          <div className="yq-event-time">{formatDateTime(e.at)}</div>
          {detail && <div className="yq-event-detail">{detail}</div>}
          {e.note && (
            <Typography.Paragraph className="yq-event-note" style={{ marginBottom: 0 }}>
              {e.note}
            </Typography.Paragraph>
          )}
        </div>
      ),
    };
  });
  return <Timeline items={items} />;
}
