import { useMemo, useState } from 'react';
import { App, Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DepartmentRequest, DepartmentView } from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useDeleteDepartment, useDepartments, useSaveDepartment } from './api';

type Node = DepartmentView & { children?: Node[] };

/** The flat list as a tree (parents first, by sort then name). */
export function departmentTree(items: DepartmentView[]): Node[] {
  const byId = new Map<string, Node>(items.map((d) => [d.id, { ...d }]));
  const roots: Node[] = [];
  for (const d of byId.values()) {
    const parent = d.parentId ? byId.get(d.parentId) : null;
    if (parent) (parent.children ??= []).push(d);
    else roots.push(d);
  }
  return roots;
}

/** 部门管理: the park's organisation tree; 承办单位 are the departments demands can be transferred to. */
export function DepartmentsPage() {
  const list = useDepartments();
  const [editing, setEditing] = useState<{ dept: DepartmentView | null; parentId: string | null } | null>(null);
  const remove = useDeleteDepartment();
  const { message } = App.useApp();
  const tree = useMemo(() => departmentTree(list.data?.items ?? []), [list.data]);

  return (
    <>
      <PageHeader
        title="部门管理"
        subTitle="园区组织机构。标为“承办单位”的部门出现在诉求转办的承办单位列表中;已转办诉求保留当时的单位名称。"
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ dept: null, parentId: null })}>新增部门</Button>}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Node>
          // mounted again once the tree has loaded, so that every branch starts expanded
          key={list.data ? 'loaded' : 'loading'}
          rowKey="id"
          loading={list.isLoading}
          dataSource={tree}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 760 }}
          columns={[
            { title: '部门名称', dataIndex: 'name', render: (n: string, d) => <Space>{n}{!d.active && <Tag>已停用</Tag>}</Space> },
            { title: '承办单位', dataIndex: 'isHandler', width: 100, render: (v: boolean) => (v ? <Tag color="blue">承办单位</Tag> : '—') },
            { title: '负责人', dataIndex: 'leader', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '联系电话', dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '转办诉求', dataIndex: 'demandCount', width: 100 },
            {
              title: '操作',
              key: 'ops',
              width: 210,
              render: (_, d) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing({ dept: null, parentId: d.id })}>新增下级</Button>
                  <Button type="link" size="small" onClick={() => setEditing({ dept: d, parentId: d.parentId })}>编辑</Button>
                  <Popconfirm title={`删除“${d.name}”?`} onConfirm={() => remove.mutateAsync(d.id).then(() => message.success('已删除'), (e) => message.error(errorMessage(e)))}>
                    <Button type="link" size="small" danger>删除</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <DepartmentModal dept={editing.dept} parentId={editing.parentId} all={list.data?.items ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}

function DepartmentModal({ dept, parentId, all, onClose }: { dept: DepartmentView | null; parentId: string | null; all: DepartmentView[]; onClose: () => void }) {
  const [form] = Form.useForm<DepartmentRequest>();
  const save = useSaveDepartment();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const treeData = useMemo(() => {
    type Option = { value: string; title: string; disabled?: boolean; children?: Option[] };
    const toSelect = (nodes: Node[]): Option[] =>
      nodes.map((n) => ({ value: n.id, title: n.name, disabled: n.id === dept?.id, children: n.children ? toSelect(n.children) : undefined }));
    return toSelect(departmentTree(all));
  }, [all, dept]);
  const submit = async (values: DepartmentRequest) => {
    setError(null);
    try {
      const body = { ...values, parentId: values.parentId ?? null, leader: values.leader || null, phone: values.phone || null };
      if (dept) await save.mutateAsync({ id: dept.id, body });
      else await save.mutateAsync({ create: body });
      message.success('已保存');
      onClose();
    } catch (e) {
      if (isApiError(e) && e.details.length) form.setFields(e.details.map((d) => ({ name: d.path as keyof DepartmentRequest, errors: [d.message] })));
      setError(errorMessage(e));
    }
  };
  return (
    <Modal open title={dept ? `编辑部门:${dept.name}` : '新增部门'} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<DepartmentRequest>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={dept ? { name: dept.name, parentId: dept.parentId, isHandler: dept.isHandler, leader: dept.leader, phone: dept.phone, sort: dept.sort, active: dept.active } : { parentId, isHandler: true, active: true, sort: 0 }}
      >
        <Form.Item name="name" label="部门名称" rules={[{ required: true, message: '请填写部门名称' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="parentId" label="上级部门">
          <TreeSelect allowClear treeData={treeData} treeDefaultExpandAll placeholder="无(顶级)" />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="isHandler" label="承办单位(可接收诉求转办)" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={9999} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="leader" label="负责人">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={30} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
