import { App, Button, Popconfirm, Table, Tag, Tooltip } from 'antd';
import { ROLE_LABELS, type OnlineSession } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, fromNow } from '../../components/format';
import { useEndSession, useOnlineSessions } from './api';

/** 在线用户: the park's live sessions; 强制下线 ends one (the user's next request is refused). */
export function OnlineUsersPage() {
  const list = useOnlineSessions();
  const end = useEndSession();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title="在线用户" subTitle={`当前有效的登录会话${list.data ? `:${list.data.items.length} 个` : ''}。强制下线后,该用户下一次操作将被要求重新登录。`} />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<OnlineSession>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 980 }}
          columns={[
            { title: '用户', dataIndex: 'displayName', width: 160, render: (v: string, s) => <span>{v}<div style={{ fontSize: 12, color: '#667085' }}>{s.username}</div></span> },
            { title: '角色', dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{(ROLE_LABELS as Record<string, string>)[r] ?? r}</Tag>) },
            { title: 'IP地址', dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="yq-mono">{v ?? '—'}</span> },
            { title: '浏览器/系统', dataIndex: 'client', width: 160, render: (v: string | null, s) => <Tooltip title={s.userAgent}>{v ?? '—'}</Tooltip> },
            { title: '登录时间', dataIndex: 'loggedInAt', width: 150, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
            { title: '最后活动', dataIndex: 'lastSeenAt', width: 110, render: (v: string) => fromNow(v) },
            {
              title: '操作',
              key: 'ops',
              width: 110,
              fixed: 'right',
              render: (_, s) =>
                s.current ? (
                  <Tag color="blue">当前登录</Tag>
                ) : (
                  <Popconfirm
                    title={`强制“${s.displayName}”下线?`}
                    description="该会话立即失效,用户需重新登录。"
                    okText="强制下线"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => end.mutateAsync(s.id).then(() => message.success(`已强制 ${s.displayName} 下线`), (e) => message.error(errorMessage(e)))}
                  >
                    <Button size="small" danger>强制下线</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
