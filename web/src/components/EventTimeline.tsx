import { Timeline, Typography } from 'antd';
import { ROLE_LABELS, type Role } from '@yuanqi/contract';
import { formatDateTime } from './format';

/** What a case history entry needs to be shown: the action, who did it (and in what role), when, a note. */
export type TimelineEvent = {
  id: number | string;
  action: string;
  actionLabel: string;
  actorName: string;
  actorRole: string | null;
  note: string | null;
  at: string;
};

/** A case's history — who did what and when, newest first, like a parcel's tracking — coloured and detailed per action. */
export function EventTimeline<E extends TimelineEvent>({
  events,
  colors,
  detailOf,
}: {
  events: E[];
  colors: Partial<Record<E['action'], string>>;
  detailOf: (e: E) => string | null;
}) {
  const items = [...events].reverse().map((e) => {
    const role = e.actorRole ? (ROLE_LABELS[e.actorRole as Role] ?? '') : '';
    const detail = detailOf(e);
    return {
      key: e.id,
      color: colors[e.action as E['action']] ?? 'blue',
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
