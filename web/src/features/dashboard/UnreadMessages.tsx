import { Skeleton } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime } from '../../components/format';
import { safeLink, useMarkRead, useNotifications } from '../notifications/api';

/** The unread messages panel of every 工作台: open one to read it and go where it points. */
export function UnreadMessages() {
  const navigate = useNavigate();
  const unread = useNotifications({ unread: true, page: 1, pageSize: 6 });
  const markRead = useMarkRead();
  if (unread.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  const items = unread.data?.items ?? [];
  if (items.length === 0) return <EmptyHint description="暂无待办和未读消息" />;
  return (
    <div>
      {items.map((n) => (
        <div
          key={n.id}
          className="yq-note unread"
          role="button"
          tabIndex={0}
          onClick={() => {
            markRead.mutate([n.id]);
            const link = safeLink(n.link);
            if (link) navigate(link);
          }}
        >
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
            <span className="yq-note-title">{n.title}</span>
            <span className="yq-note-time" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(n.createdAt)}
            </span>
          </div>
          {n.body && <div className="yq-note-body">{n.body}</div>}
        </div>
      ))}
      {(unread.data?.unread ?? 0) > items.length && (
        <Link to="/notifications" style={{ display: 'block', textAlign: 'center', marginTop: 8 }}>
          还有 {(unread.data?.unread ?? 0) - items.length} 条未读
        </Link>
      )}
    </div>
  );
}

