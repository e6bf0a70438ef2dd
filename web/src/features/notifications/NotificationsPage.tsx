import { useState } from 'react';
import { Badge, Button, Card, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { safeLink, useMarkRead, useNotifications, type Notification } from './api';

export function NotificationsPage() {
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useNotifications({ unread: unreadOnly, page, pageSize });
  const markRead = useMarkRead();
  const data = list.data;

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    const link = safeLink(n.link);
    if (link) navigate(link);
  };

  return (
    <>
      <PageHeader
        title="消息"
        subTitle={data ? `共 ${data.total} 条,未读 ${data.unread} 条` : '分派、期限提醒与办理结果'}
        extra={
          <Button disabled={!data?.unread} loading={markRead.isPending} onClick={() => markRead.mutate('all')}>
            全部标为已读
          </Button>
        }
      />
      <Card
        title={
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: '未读' },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        {list.isLoading ? (
          <div style={{ padding: 24 }}>
            <Skeleton active />
          </div>
        ) : list.isError && !data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : !data || data.items.length === 0 ? (
          <EmptyHint description={unreadOnly ? '没有未读消息' : '暂无消息,有新的分派、提醒和结果时会在这里通知您'} />
        ) : (
          <>
            {data.items.map((n) => (
              <div
                key={n.id}
                className={`yq-note page${n.readAt ? '' : ' unread'}`}
                onClick={() => open(n)}
                role="button"
                tabIndex={0}
                onKeyDown={(e) => e.key === 'Enter' && open(n)}
              >
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                  <span className="yq-note-title">
                    {!n.readAt && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                    {n.title}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </div>
                {n.body && <div className="yq-note-body">{n.body}</div>}
              </div>
            ))}
            {data.total > pageSize && (
              <div style={{ padding: 12, display: 'flex', justifyContent: 'center' }}>
                <Pagination current={page} pageSize={pageSize} total={data.total} onChange={setPage} showSizeChanger={false} size="small" />
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
