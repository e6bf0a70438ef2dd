import { useState } from 'react';
import { App, Avatar, Button, Popconfirm, Select, Space, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import type { Enterprise } from '@yuanqi/contract';
import { useAssignLiaison, useLiaisons } from './api';

/** Shows the firm's liaison; users with 'enterprise:assign' can change or clear it. */
export function LiaisonAssign({ enterprise, canAssign }: { enterprise: Enterprise; canAssign: boolean }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<string | undefined>(enterprise.liaisonId ?? undefined);
  const liaisons = useLiaisons(canAssign && editing);
  const assign = useAssignLiaison(enterprise.id);

  const save = (liaisonId: string | null) =>
    assign.mutate(liaisonId, {
      onSuccess: (e) => {
        message.success(liaisonId ? `已将驻企专员设为 ${e.liaisonName ?? ''}` : '已取消分配驻企专员');
        setEditing(false);
      },
    });

  const current = (
    <Space align="center" size={12}>
      <Avatar icon={<UserOutlined />} style={{ background: enterprise.liaisonId ? '#1554ad' : '#d0d5dd' }} />
      <div>
        <div style={{ fontWeight: 500 }}>{enterprise.liaisonName ?? '未分配'}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {enterprise.liaisonId ? '首接负责,企业诉求自动派给该专员' : '尚未指定驻企专员'}
        </Typography.Text>
      </div>
    </Space>
  );

  if (!canAssign) return current;

  if (!editing) {
    return (
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        {current}
        <Space>
          <Button
            size="small"
            type="primary"
            ghost
            onClick={() => {
              setChoice(enterprise.liaisonId ?? undefined);
              setEditing(true);
            }}
          >
            {enterprise.liaisonId ? '更换' : '分配'}
          </Button>
          {enterprise.liaisonId && (
            <Popconfirm
              title="取消分配驻企专员?"
              description={`${enterprise.liaisonName ?? '该专员'}将不再负责本企业,新诉求将无人首接。`}
              okText="取消分配"
              okButtonProps={{ danger: true }}
              cancelText="保留"
              onConfirm={() => save(null)}
            >
              <Button size="small" danger loading={assign.isPending}>
                取消分配
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
    );
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        autoFocus
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择驻企专员"
        value={choice}
        onChange={setChoice}
        loading={liaisons.isLoading}
        style={{ width: '100%' }}
        notFoundContent={liaisons.isLoading ? '加载中…' : '没有可选的驻企专员'}
        options={(liaisons.data?.items ?? []).map((l) => ({
          value: l.id,
          label: `${l.displayName}(已服务${l.enterpriseCount}家)`,
        }))}
      />
      <Space>
        <Button type="primary" disabled={!choice || choice === enterprise.liaisonId} loading={assign.isPending} onClick={() => choice && save(choice)}>
          确定
        </Button>
        <Button onClick={() => setEditing(false)}>取消</Button>
      </Space>
    </Space>
  );
}
