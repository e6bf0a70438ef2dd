import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { ROLE_LABELS, ROLES, ZPassword, isValidMobile, normalizePhone, type Role, type UpdateUserRequest, type UserSummary } from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { useBanks, useCreateUser, useUpdateUser } from './api';

type FormValues = {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  phone?: string | null;
  enterpriseId?: string | null;
  bankId?: string | null;
};

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const passwordRule = {
  validator: (_: unknown, v: string) => {
    if (!v) return Promise.resolve();
    const r = ZPassword.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '密码不符合要求'));
  },
};

/** Creates a user, or edits one (no username/password here: those have their own actions). */
export function UserFormModal({ open, user, onClose }: { open: boolean; user?: UserSummary; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const roles = Form.useWatch('roles', form) ?? [];
  const needsEnterprise = roles.includes('enterprise');
  const needsBank = roles.includes('bank');
  const banks = useBanks(open && needsBank);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        roles: user.roles,
        phone: user.phone && !user.phone.includes('*') ? user.phone : '',
        enterpriseId: user.enterpriseId,
        bankId: user.bankId,
      });
    }
  }, [open, user, form]);

  const submit = (v: FormValues) => {
    const phone = v.phone?.trim() ? normalizePhone(v.phone.trim()) : null;
    const scope = {
      enterpriseId: v.roles.includes('enterprise') ? (v.enterpriseId ?? null) : null,
      bankId: v.roles.includes('bank') ? (v.bankId ?? null) : null,
    };
    if (!editing) {
      create.mutate(
        { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, roles: v.roles, phone, ...scope },
        {
          onSuccess: (u) => {
            message.success(`已创建用户 ${u.displayName}(${u.username})`);
            onClose();
          },
          onError: (e) => applyFieldErrors(form, e),
        },
      );
      return;
    }
    const body: UpdateUserRequest = { displayName: v.displayName.trim(), roles: v.roles, ...scope };
    // a masked phone stays as it is unless a new number is typed
    const maskedBefore = !!user!.phone && user!.phone.includes('*');
    if (phone || !maskedBefore) body.phone = phone;
    update.mutate(
      { id: user!.id, body },
      {
        onSuccess: () => {
          message.success('已保存');
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Modal
      title={editing ? `编辑用户 · ${user!.displayName}` : '新建用户'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: [] }} preserve={false}>
        {!editing && (
          <>
            <Form.Item
              name="username"
              label="用户名"
              rules={[
                { required: true, whitespace: true, message: '请输入用户名' },
                { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '用户名为3–64位字母、数字或 _ . @ -' },
              ]}
              extra="登录用,创建后不可修改"
            >
              <Input autoComplete="off" maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请输入初始密码' }, passwordRule]} extra="至少8位,须同时包含字母和数字;请通过安全渠道告知本人">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名最多50个字' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <Select mode="multiple" options={ROLE_OPTIONS} placeholder="可多选" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        {needsEnterprise && (
          <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '企业用户须选择所属企业' }]}>
            <EnterpriseSelect initialLabel={user?.enterpriseName} />
          </Form.Item>
        )}
        {needsBank && (
          <Form.Item name="bankId" label="所属银行" rules={[{ required: true, message: '金融机构用户须选择所属银行' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={banks.isLoading}
              options={(banks.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
              placeholder="请选择银行"
            />
          </Form.Item>
        )}
        {needsEnterprise && roles.length > 1 && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="企业用户通常只应有“企业用户”一个角色;同时拥有工作人员角色将看到工作人员的菜单。" />
        )}
        <Form.Item
          name="phone"
          label="手机号"
          validateTrigger="onBlur"
          extra={editing && user!.phone?.includes('*') ? `当前号码 ${user!.phone},不修改请留空` : '用于接收短信通知'}
          rules={[
            {
              validator: (_, v: string | null) =>
                !v || isValidMobile(v) ? Promise.resolve() : Promise.reject(new Error('请输入11位手机号')),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
