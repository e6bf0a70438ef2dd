import { App, Button, Card, Col, Descriptions, Form, Input, Row, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ROLE_LABELS, ZPassword } from '@yuanqi/contract';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';

type PasswordForm = { oldPassword: string; newPassword: string; confirm: string };

export function SettingsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useMutation({
    mutationFn: (body: { oldPassword: string; newPassword: string }) => api.post('/api/auth/password', body),
    onSuccess: () => {
      message.success('密码已修改,下次登录请使用新密码');
      form.resetFields();
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
              onFinish={(v) => change.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword })}
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
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                修改密码
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
