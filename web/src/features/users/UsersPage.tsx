import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Dropdown,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type MenuProps,
  type TableProps,
} from 'antd';
import { useScreens } from '../../components/useScreens';
import { EllipsisOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { ROLE_LABELS, ROLES, type Role, type UserSummary } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton } from '../../components/FilterBar';
import { applyFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, formatDate, formatDateTime, fromNow } from '../../components/format';
import { useUpdateUser, useUsers, type UserListQuery } from './api';
import { passwordRule, ROLE_OPTIONS, UserFormModal } from './UserFormModal';

function isLocked(u: UserSummary): boolean {
  return !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());
}

function StatusTag({ user }: { user: UserSummary }) {
  if (!user.isActive) return <Tag color="default">已停用</Tag>;
  if (isLocked(user))
    return (
      <Tooltip title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
        <Tag color="red">已锁定</Tag>
      </Tooltip>
    );
  return <Tag color="green">正常</Tag>;
}

function RoleTags({ roles }: { roles: Role[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={r === 'admin' ? 'red' : r === 'enterprise' ? 'cyan' : r === 'bank' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {ROLE_LABELS[r] ?? r}
        </Tag>
      ))}
    </Space>
  );
}

function readQuery(params: URLSearchParams): UserListQuery {
  const role = params.get('role');
  return {
    q: params.get('q') || undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
}

export function UsersPage() {
  const me = useMe();
  const { modal, message } = App.useApp();
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const [keyword, setKeyword] = useState(query.q ?? '');
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const users = useUsers(query);
  const update = useUpdateUser();

  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const toggleActive = (u: UserSummary) => {
    const deactivate = u.isActive;
    modal.confirm({
      title: deactivate ? `停用用户“${u.displayName}”?` : `启用用户“${u.displayName}”?`,
      content: deactivate ? '停用后该用户将无法登录,已登录的会话也将失效;数据和操作记录会保留,可随时重新启用。' : '启用后该用户可以重新登录。',
      okText: deactivate ? '停用' : '启用',
      okButtonProps: { danger: deactivate },
      cancelText: '取消',
      onOk: () =>
        update.mutateAsync({ id: u.id, body: { isActive: !deactivate } }).then(() => {
          message.success(deactivate ? '已停用' : '已启用');
        }),
    });
  };

  const unlock = (u: UserSummary) =>
    update.mutate(
      { id: u.id, body: { unlock: true } },
      { onSuccess: () => message.success(`已解锁 ${u.displayName},可以重新登录`) },
    );

  const actions = (u: UserSummary): NonNullable<MenuProps['items']> => [
    { key: 'edit', label: '编辑', onClick: () => setEditing(u) },
    { key: 'reset', label: '重置密码', onClick: () => setResetting(u) },
    ...(isLocked(u) ? [{ key: 'unlock', label: '解锁', onClick: () => unlock(u) }] : []),
    { type: 'divider' as const },
    {
      key: 'active',
      label: u.isActive ? '停用' : '启用',
      danger: u.isActive,
      disabled: u.id === me.id,
      onClick: () => toggleActive(u),
    },
  ];

  const columns: TableProps<UserSummary>['columns'] = [
    {
      title: '姓名',
      key: 'name',
      fixed: 'left',
      width: 160,
      render: (_, u) => (
        <div>
          <div style={{ fontWeight: 500 }}>
            {u.displayName}
            {u.id === me.id && <Typography.Text type="secondary">(我)</Typography.Text>}
          </div>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {u.username}
          </div>
        </div>
      ),
    },
    { title: '角色', dataIndex: 'roles', key: 'roles', width: 180, render: (r: Role[]) => <RoleTags roles={r} /> },
    {
      title: '所属单位',
      key: 'org',
      width: 200,
      render: (_, u) => u.enterpriseName ?? u.bankName ?? <Typography.Text type="secondary">园区</Typography.Text>,
    },
    { title: '手机号', dataIndex: 'phone', key: 'phone', width: 130, render: (p: string | null) => (p ? <span className="yq-mono" style={{ whiteSpace: 'nowrap' }}>{p}</span> : '—') },
    { title: '状态', key: 'status', width: 80, render: (_, u) => <StatusTag user={u} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 110,
      render: (v: string | null) => (v ? <Tooltip title={formatDateTime(v)}>{fromNow(v)}</Tooltip> : <Typography.Text type="secondary">从未登录</Typography.Text>),
    },
    { title: '创建日期', dataIndex: 'createdAt', key: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            编辑
          </Button>
          {isLocked(u) && (
            <Button type="link" size="small" onClick={() => unlock(u)}>
              解锁
            </Button>
          )}
          <Dropdown menu={{ items: actions(u).filter((i) => i && i.key !== 'edit' && i.key !== 'unlock') }} trigger={['click']}>
            <Button type="text" size="small" icon={<EllipsisOutlined />} aria-label="更多操作" />
          </Dropdown>
        </Space>
      ),
    },
  ];

  const data = users.data;
  const filtered = !!query.q || !!query.role;
  const empty = filtered ? <EmptyHint description="没有符合条件的用户" /> : <EmptyHint description="还没有用户,点击“新建用户”添加" />;

  return (
    <>
      <PageHeader
        title="用户管理"
        subTitle={data ? `共 ${data.total} 个用户` : '园区工作人员、企业与金融机构账号'}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        }
      />
      <FilterBar
        mobile={mobile}
        search={{
          placeholder: '姓名、用户名或手机号',
          width: 280,
          keyword,
          setKeyword,
          q: query.q,
          onSearch: (q) => set({ q }),
        }}
        filters={<Select allowClear placeholder="全部角色" value={query.role} options={ROLE_OPTIONS} onChange={(v) => set({ role: v })} style={{ minWidth: 160 }} />}
        trailing={<RefreshButton spinning={users.isFetching && !users.isLoading} onClick={() => users.refetch()} />}
      />
      <ResponsiveList<UserSummary>
        query={users}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1100 } }}
        empty={empty}
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: (page) => set({ page }),
          unit: '个',
          plainTotal: true,
          sizeChanger: false,
          mobileOnlyWhenPaged: true,
        }}
        renderCard={(u) => (
          <Card className="yq-mobile-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
              <div>
                <div style={{ fontWeight: 600 }}>
                  {u.displayName} <StatusTag user={u} />
                </div>
                <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
                  {u.username}
                </div>
              </div>
              <Dropdown menu={{ items: actions(u) }} trigger={['click']}>
                <Button icon={<EllipsisOutlined />} aria-label="操作" />
              </Dropdown>
            </div>
            <div style={{ margin: '6px 0' }}>
              <RoleTags roles={u.roles} />
            </div>
            <div className="yq-kv">
              <span>所属单位</span>
              <span>{u.enterpriseName ?? u.bankName ?? '园区'}</span>
            </div>
            <div className="yq-kv">
              <span>手机号</span>
              <span>{u.phone ?? '—'}</span>
            </div>
            <div className="yq-kv">
              <span>最近登录</span>
              <span>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '从未登录'}</span>
            </div>
          </Card>
        )}
      />
      <UserFormModal open={creating} onClose={() => setCreating(false)} />
      <UserFormModal open={!!editing} user={editing ?? undefined} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  return (
    <Modal
      title={user ? `重置密码 · ${user.displayName}` : '重置密码'}
      open={!!user}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      okButtonProps={{ danger: true }}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">重置后该用户须使用新密码登录,请通过安全渠道告知本人。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          user &&
          update.mutate(
            { id: user.id, body: { password: v.password } },
            {
              onSuccess: () => {
                message.success(`已重置 ${user.displayName} 的密码`);
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e),
            },
          )
        }
      >
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }, passwordRule]} extra="至少8位,须同时包含字母和数字">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
