import { App, Button, Card, Checkbox, Col, Descriptions, Form, Input, List, Popconfirm, Row, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ZPassword, type ChangePasswordRequest, type SessionInfo } from '@yuanqi/contract';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';

type PasswordForm = { oldPassword: string; newPassword: string; confirm: string; endOtherSessions: boolean };

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** A short, readable name for a browser's user agent (微信, Chrome on Android …). */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return '未知设备';
  const browser = /MicroMessenger/i.test(userAgent)
    ? '微信'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : '浏览器';
  const system = /Android/i.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/i.test(userAgent)
      ? 'iOS'
      : /Windows/i.test(userAgent)
        ? 'Windows'
        : /Mac OS/i.test(userAgent)
          ? 'macOS'
          : /Linux/i.test(userAgent)
            ? 'Linux'
            : '';
  return system ? `${browser} · ${system}` : browser;
}

/** 登录设备: the user's sessions, and 退出其他设备 to end all but this one. */
function SessionsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => api.get<SessionInfo[]>('/api/auth/sessions', undefined, signal) });
  const endOthers = useMutation({
    mutationFn: () => api.post<{ endedSessions: number }>('/api/auth/sessions/end-others'),
    onSuccess: ({ endedSessions }) => {
      message.success(endedSessions > 0 ? `已退出其他 ${endedSessions} 台设备` : '没有其他设备在登录');
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const others = (sessions.data ?? []).filter((x) => !x.current).length;
  return (
    <Card
      title="登录设备"
      extra={
        <Popconfirm title="退出其他设备?" description="其他设备上的登录将立即失效,需重新登录。" okText="退出其他设备" cancelText="取消" onConfirm={() => endOthers.mutate()}>
          <Button danger loading={endOthers.isPending} disabled={sessions.isPending || others === 0}>
            退出其他设备
          </Button>
        </Popconfirm>
      }
    >
      {sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <List
          loading={sessions.isPending}
          dataSource={sessions.data ?? []}
          locale={{ emptyText: '没有登录中的设备' }}
          renderItem={(item) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <>
                    {deviceName(item.userAgent)} {item.current && <Tag color="green">本机</Tag>}
                  </>
                }
                description={
                  <Typography.Text type="secondary">
                    {item.ip ?? '地址未知'} · 登录于 {formatDateTime(item.createdAt)} · 最近活动 {formatDateTime(item.lastSeenAt)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function SettingsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<{ endedSessions: number }>('/api/auth/password', body),
    onSuccess: ({ endedSessions }) => {
      message.success(endedSessions > 0 ? `密码已修改,其他 ${endedSessions} 台设备已退出登录` : '密码已修改,下次登录请使用新密码');
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <>
      <PageHeader title="个人设置" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="账号信息">
            <Descriptions
              column={1}
              items={[
                { key: 'name', label: '姓名', children: me.displayName },
                { key: 'username', label: '用户名', children: <span className="yq-mono">{me.username}</span> },
                {
                  key: 'roles',
                  label: '角色',
                  children: me.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {ROLE_LABELS[r] ?? r}
                    </Tag>
                  )),
                },
                { key: 'park', label: '所属园区', children: me.parkName },
                ...(me.enterpriseName ? [{ key: 'ent', label: '所属企业', children: me.enterpriseName }] : []),
                ...(me.bankName ? [{ key: 'bank', label: '所属银行', children: me.bankName }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="修改密码">
            <Form
              form={form}
              layout="vertical"
              style={{ maxWidth: 420 }}
              initialValues={{ endOtherSessions: true }}
              onFinish={(v) => change.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword, endOtherSessions: v.endOtherSessions })}
            >
              <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label="新密码"
                extra="至少8位,须同时包含字母和数字"
                dependencies={['oldPassword']}
                rules={[
                  { required: true, message: '请输入新密码' },
                  {
                    validator: (_, v: string) => {
                      if (!v) return Promise.resolve();
                      const r = ZPassword.safeParse(v);
                      return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '密码不符合要求'));
                    },
                  },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string) =>
                      v && v === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与原密码相同')) : Promise.resolve(),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label="确认新密码"
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: '请再次输入新密码' },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string) =>
                      !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="endOtherSessions" valuePropName="checked" extra="其他电脑、手机上的登录将立即失效">
                <Checkbox>同时退出其他设备</Checkbox>
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                修改密码
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24}>
          <SessionsCard />
        </Col>
      </Row>
    </>
  );
}
