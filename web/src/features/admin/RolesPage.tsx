import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Col, Drawer, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { DATA_SCOPES, DATA_SCOPE_LABELS, PERMISSION_GROUPS, type DataScope, type Permission, type RoleView } from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../app/api';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { useDeleteRole, useRoles, useSaveRole } from './api';

type Editing = { role: RoleView | null };

/** 角色与权限: the park's roles, their permissions (grouped as the menu) and data scope. */
export function RolesPage() {
  const roles = useRoles();
  const me = useMe();
  const canEdit = hasPermission(me, 'role:manage');
  const [editing, setEditing] = useState<Editing | null>(null);
  const remove = useDeleteRole();
  const { message } = App.useApp();

  return (
    <>
      <PageHeader
        title="角色与权限"
        subTitle="角色的菜单与操作权限、数据权限。修改后对持有该角色的用户下一次操作即生效;内置角色不可删除、不可改名,并保留系统运行必需的权限。"
        extra={canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ role: null })}>新增角色</Button>}
      />
      {roles.isError ? (
        <QueryError error={roles.error} onRetry={() => roles.refetch()} />
      ) : (
        <Table<RoleView>
          rowKey="code"
          loading={roles.isLoading}
          dataSource={roles.data?.items}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '角色',
              dataIndex: 'name',
              render: (name: string, r) => (
                <Space>
                  <strong>{name}</strong>
                  {r.builtin ? <Tag icon={<LockOutlined />}>内置</Tag> : <Tag color="blue">自定义</Tag>}
                  {r.customised && <Tag color="gold">已调整</Tag>}
                </Space>
              ),
            },
            { title: '编码', dataIndex: 'code', width: 150, render: (c: string) => <span className="yq-mono">{c}</span> },
            { title: '数据权限', dataIndex: 'dataScope', width: 200, render: (s: DataScope) => DATA_SCOPE_LABELS[s] },
            { title: '权限数', key: 'n', width: 90, render: (_, r) => r.permissions.length },
            { title: '用户数', dataIndex: 'userCount', width: 90 },
            { title: '修改时间', dataIndex: 'updatedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              fixed: 'right',
              render: (_, r) => (
                <Space>
                  <Button size="small" type="link" onClick={() => setEditing({ role: r })}>
                    {canEdit ? '编辑权限' : '查看'}
                  </Button>
                  {canEdit && !r.builtin && (
                    <Popconfirm
                      title={`删除角色“${r.name}”?`}
                      onConfirm={() => remove.mutateAsync(r.code).then(() => message.success('已删除'), (e) => message.error(errorMessage(e)))}
                    >
                      <Button size="small" type="link" danger>删除</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <RoleDrawer role={editing.role} readOnly={!canEdit} onClose={() => setEditing(null)} />}
    </>
  );
}

type FormValues = { code: string; name: string; description: string | null; dataScope: DataScope; permissions: Permission[] };

function RoleDrawer({ role, readOnly, onClose }: { role: RoleView | null; readOnly: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const save = useSaveRole();
  const { message } = App.useApp();
  const required = useMemo(() => new Set(role?.requiredPermissions ?? []), [role]);
  const grantable = useMemo(() => new Set(role?.grantablePermissions ?? PERMISSION_GROUPS.flatMap((g) => g.items.map((i) => i.permission))), [role]);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: FormValues) => {
    setError(null);
    try {
      if (role) {
        await save.mutateAsync({
          code: role.code,
          body: { ...(role.builtin ? {} : { name: values.name }), permissions: values.permissions, dataScope: values.dataScope, description: values.description || null },
        });
      } else {
        await save.mutateAsync({ create: { code: values.code, name: values.name, permissions: values.permissions ?? [], dataScope: values.dataScope, description: values.description || null } });
      }
      message.success('已保存,持有该角色的用户下一次操作即按新权限');
      onClose();
    } catch (e) {
      if (isApiError(e) && e.details.length) form.setFields(e.details.map((d) => ({ name: d.path.split('.')[0] as keyof FormValues, errors: [d.message] })));
      setError(errorMessage(e));
    }
  };

  return (
    <Drawer
      open
      size={720}
      title={role ? `${readOnly ? '查看' : '编辑'}角色:${role.name}` : '新增角色'}
      onClose={onClose}
      extra={!readOnly && <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>保存</Button>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        onFinish={submit}
        initialValues={role ? { code: role.code, name: role.name, description: role.description, dataScope: role.dataScope, permissions: role.permissions } : { dataScope: 'park', permissions: [] }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label="角色编码" rules={[{ required: true, message: '请填写角色编码' }]} extra={role ? undefined : '小写字母、数字、下划线,如 office_clerk'}>
              <Input disabled={!!role} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label="角色名称" rules={[{ required: true, message: '请填写角色名称' }]} extra={role?.builtin ? '内置角色不可改名' : undefined}>
              <Input disabled={role?.builtin} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="dataScope" label="数据权限" extra={role && !role.dataScopeEditable ? '外部账号(企业、银行)只能看到账号绑定的企业或机构' : '决定该角色能看到哪些企业的诉求、申报、办件等数据'}>
          <Select
            disabled={role ? !role.dataScopeEditable : false}
            options={DATA_SCOPES.filter((s) => (role && !role.dataScopeEditable) || (s !== 'enterprise' && s !== 'bank')).map((s) => ({ value: s, label: DATA_SCOPE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="permissions" label="功能权限" rules={[{ validator: async () => undefined }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {PERMISSION_GROUPS.map((g) => (
                <Card key={g.label} size="small" title={g.label}>
                  <Row gutter={[8, 4]}>
                    {g.items.map((i) => (
                      <Col key={i.permission} xs={12} sm={8}>
                        <Checkbox value={i.permission} disabled={required.has(i.permission) || !grantable.has(i.permission)}>
                          {i.label}
                          {required.has(i.permission) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>(必需)</Typography.Text>}
                        </Checkbox>
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
