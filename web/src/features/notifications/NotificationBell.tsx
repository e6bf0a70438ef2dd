import { useState } from 'react';
import { Badge, Button, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { EmptyHint } from '../../components/EmptyHint';
import { fromNow } from '../../components/format';
import { safeLink, useMarkRead, useNotifications, type Notification } from './api';

/** The bell's list: the phone's 消息 tab reads its unread count from the same query (one request). */
export const BELL_QUERY = { page: 1, pageSize: 8 };

export function NotificationBell() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications(BELL_QUERY, { poll: true });
  const markRead = useMarkRead();
  const unread = list.data?.unread ?? 0;

  const openItem = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    const link = safeLink(n.link);
    setOpen(false);
    if (link) navigate(link);
  };

  const content = (
    // 320 px, or the phone's width less the pop-up's padding and a margin on each side (fits 375 px)
    <div className="yq-bell-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text strong>消息{unread ? `(${unread} 条未读)` : ''}</Typography.Text>
        <Button type="link" size="small" disabled={!unread} loading={markRead.isPending} onClick={() => markRead.mutate('all')}>
          全部已读
        </Button>
      </div>
      {list.isLoading ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <EmptyHint description="暂无消息" />
      ) : (
        <div style={{ maxHeight: 360, overflow: 'auto' }}>
          {list.data!.items.map((n) => (
            <div key={n.id} className={`yq-note${n.readAt ? '' : ' unread'}`} onClick={() => openItem(n)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && openItem(n)}>
              <div className="yq-note-title">{n.title}</div>
              {n.body && <div className="yq-note-body">{n.body}</div>}
              <div className="yq-note-time yq-nowrap">{fromNow(n.createdAt)}</div>
            </div>
          ))}
        </div>
      )}
      <div style={{ textAlign: 'center', borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 4 }}>
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          查看全部消息
        </Button>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false} classNames={{ root: 'yq-bell-popover' }}>
      <Button type="text" aria-label={unread ? `消息,${unread} 条未读` : '消息'}>
        <Space size={0}>
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Space>
      </Button>
    </Popover>
  );
}
