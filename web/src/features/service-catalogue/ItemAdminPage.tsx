import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Dropdown, Modal, Select, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, MoreOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import {
  ITEM_STATUS_LABELS,
  ITEM_TYPE_LABELS,
  ITEM_TYPES,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  visitsLabel,
  type ItemType,
  type ProjectStage,
  type ServiceItemSummary,
  type ServiceItemView,
} from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useExport } from '../../components/useExport';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { api } from '../../app/api';
import {
  catalogueKeys,
  exportItems,
  useApproverOptions,
  useBulkApprover,
  useDepartments,
  useItemList,
  useSetItemApprovers,
  useSetItemStatus,
  type ItemListQuery,
} from './api';
import { ItemBadges, committedText } from './bits';
import { ItemFormDrawer } from './ItemFormDrawer';
import { useQueryClient } from '@tanstack/react-query';
import './catalogue.css';

type Keys = 'q' | 'itemType' | 'department' | 'status' | 'projectStage' | 'approverId' | 'edit';

/** Who acts on one item: the approvers picked here are the only ones who may handle its cases. */
function ApproversModal({ item, onClose }: { item: ServiceItemView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const options = useApproverOptions(!!item);
  const save = useSetItemApprovers();
  const [value, setValue] = useState<string[]>([]);
  useEffect(() => setValue(item?.approverIds ?? []), [item]);
  return (
    <Modal
      open={!!item}
      title={item ? `审批人员:${item.name}` : ''}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={async () => {
        if (!item) return;
        await save.mutateAsync({ id: item.id, approverIds: value, version: item.version });
        message.success('审批人员已更新');
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">只有选定的审批人员能受理和审批本事项的办件;未选定任何人时,办件无人可受理。</Typography.Paragraph>
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={value}
        onChange={setValue}
        loading={options.isLoading}
        optionFilterProp="label"
        options={(options.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName}(负责${a.itemCount}项)` }))}
        aria-label="审批人员"
      />
    </Modal>
  );
}

/** 事项管理: the catalogue with its filters, edit drawer, approver assignment and 启用/停用. */
export function ItemAdminPage() {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams<Keys>();
  const get = (k: Keys) => params.get(k) ?? undefined;
  const query: ItemListQuery = useMemo(
    () => ({
      q: get('q'),
      itemType: get('itemType') as ItemType | undefined,
      department: get('department'),
      status: (get('status') as 'active' | 'inactive' | 'all' | undefined) ?? 'all',
      projectStage: get('projectStage') as ProjectStage | undefined,
      approverId: get('approverId'),
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: Number(params.get('pageSize')) || 20,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [params],
  );
  const list = useItemList(query);
  const departments = useDepartments();
  const approvers = useApproverOptions();
  const setStatus = useSetItemStatus();
  const bulk = useBulkApprover();
  const box = useSearchBox(query.q, (q) => update({ q }));
  const [editing, setEditing] = useState<{ open: boolean; item: ServiceItemView | null }>({ open: false, item: null });
  const [assigning, setAssigning] = useState<ServiceItemView | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const { exporting, doExport } = useExport(exportItems);

  const loadItem = (id: string) => queryClient.fetchQuery({ queryKey: catalogueKeys.detail(id), queryFn: () => api.get<ServiceItemView>(`/api/service-items/${encodeURIComponent(id)}`) });

  // ?edit=<id> (from the guide page's 编辑事项) opens the drawer on that item
  const editId = get('edit');
  useEffect(() => {
    if (!editId) return;
    loadItem(editId)
      .then((item) => setEditing({ open: true, item }))
      .catch(() => message.error('事项不存在或已被删除'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editId]);

  const openEdit = async (id: string) => setEditing({ open: true, item: await loadItem(id) });
  const closeEdit = () => {
    setEditing({ open: false, item: null });
    if (editId) update({ edit: undefined }, false);
  };

  const toggleStatus = (row: ServiceItemSummary) => {
    const active = row.status !== 'active';
    const run = async () => {
      await setStatus.mutateAsync({ id: row.id, active, version: row.version });
      message.success(active ? `已启用“${row.name}”` : `已停用“${row.name}”`);
    };
    if (active) return void run();
    modal.confirm({
      title: `停用“${row.name}”?`,
      content: '停用后办事指南不再显示该事项,也不再受理新的申请;已受理的办件照常办理,统计数据保留。',
      okText: '停用',
      okButtonProps: { danger: true },
      onOk: run,
    });
  };

  const bulkAssign = (mode: 'add' | 'remove') => {
    let approverId: string | undefined;
    modal.confirm({
      title: mode === 'add' ? `为选中的 ${selected.length} 个事项添加审批人员` : `从选中的 ${selected.length} 个事项移除审批人员`,
      content: (
        <Select
          style={{ width: '100%', marginTop: 8 }}
          placeholder="选择审批人员"
          onChange={(v: string) => (approverId = v)}
          options={(approvers.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
        />
      ),
      okText: '确定',
      onOk: async () => {
        if (!approverId) {
          message.warning('请选择审批人员');
          throw new Error('no approver');
        }
        const r = await bulk.mutateAsync({ itemIds: selected, approverId, mode });
        message.success(`已更新 ${r.changed} 个事项`);
        setSelected([]);
      },
    });
  };

  const rowMenu = (row: ServiceItemSummary) => ({
    items: [
      { key: 'guide', label: '查看办事指南' },
      { key: 'approvers', label: '审批人员' },
      { key: 'status', label: row.status === 'active' ? '停用' : '启用', danger: row.status === 'active' },
    ],
    onClick: async ({ key }: { key: string }) => {
      if (key === 'guide') navigate(`/guide/items/${row.id}`);
      if (key === 'approvers') setAssigning(await loadItem(row.id));
      if (key === 'status') toggleStatus(row);
    },
  });

  const activeFilters = [query.itemType, query.department, query.projectStage, query.approverId, query.status !== 'all' ? query.status : undefined].filter(Boolean).length;

  return (
    <>
      <PageHeader
        title="事项管理"
        subTitle="政务服务事项实施清单:时限、材料(关键/容缺/承诺)、审批人员"
        extra={
          <>
            <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/admin/service-items/import')}>
              导入
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
              导出
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, item: null })}>
              新增事项
            </Button>
          </>
        }
      />
      <FilterBar
        mobile={mobile}
        activeCount={activeFilters}
        search={{ ...box, placeholder: '名称、编码或办事人的说法', width: 260, ariaLabel: '搜索事项' }}
        filters={
          <>
            <Select allowClear placeholder="事项类型" value={query.itemType} onChange={(v) => update({ itemType: v })} options={ITEM_TYPES.map((t) => ({ value: t, label: ITEM_TYPE_LABELS[t] }))} style={{ width: 130 }} />
            <Select allowClear placeholder="实施主体" value={query.department} onChange={(v) => update({ department: v })} options={(departments.data ?? []).map((d) => ({ value: d, label: d }))} style={{ width: 170 }} />
            <Select
              allowClear
              placeholder="工程建设阶段"
              value={query.projectStage}
              onChange={(v) => update({ projectStage: v })}
              options={[{ value: 'any', label: '全部工程建设事项' }, ...PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))]}
              style={{ width: 170 }}
            />
            <Select allowClear placeholder="审批人员" value={query.approverId} onChange={(v) => update({ approverId: v })} options={(approvers.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))} style={{ width: 170 }} />
            <Select
              value={query.status}
              onChange={(v) => update({ status: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: '全部状态' },
                { value: 'active', label: ITEM_STATUS_LABELS.active },
                { value: 'inactive', label: ITEM_STATUS_LABELS.inactive },
              ]}
              style={{ width: 110 }}
            />
          </>
        }
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      {selected.length > 0 && !mobile && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <span>已选 {selected.length} 项</span>
            <Button size="small" icon={<TeamOutlined />} onClick={() => bulkAssign('add')}>
              添加审批人员
            </Button>
            <Button size="small" onClick={() => bulkAssign('remove')}>
              移除审批人员
            </Button>
            <Button size="small" type="link" onClick={() => setSelected([])}>
              取消选择
            </Button>
          </Space>
        </Card>
      )}
      <ResponsiveList<ServiceItemSummary>
        query={list}
        mobile={mobile}
        empty={<EmptyHint description={query.q ? `没有与“${query.q}”相关的事项` : '暂无事项,可新增或从 Excel 导入'} />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '项', sizeChanger: true }}
        table={{
          size: 'middle',
          scroll: { x: 1160 },
          rowSelection: { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true },
          rowClassName: (r) => (r.status === 'inactive' ? 'ant-table-row-disabled' : ''),
        }}
        columns={[
          { title: '实施编码', dataIndex: 'code', width: 200, render: (c: string) => <span className="yq-mono" style={{ fontSize: 12 }}>{c}</span> },
          {
            title: '事项名称',
            dataIndex: 'name',
            width: 280,
            render: (name: string, r) => (
              <>
                <a
                  href={`/guide/items/${r.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void openEdit(r.id);
                  }}
                >
                  {name}
                </a>
                <div style={{ fontSize: 12, color: '#667085' }}>
                  {ITEM_TYPE_LABELS[r.itemType]}
                  {r.mainItem && r.mainItem !== name ? ` · ${r.mainItem}` : ''}
                  {r.projectStage ? ` · ${PROJECT_STAGE_LABELS[r.projectStage]}` : ''}
                </div>
              </>
            ),
          },
          { title: '实施主体', dataIndex: 'department', width: 130 },
          { title: '时限(法定/承诺)', width: 120, render: (_v, r) => (r.caseKind === 'instant' ? <Tag color="green">即办</Tag> : `${r.legalDays} / ${r.committedDays} 日`) },
          { title: '跑动', dataIndex: 'visits', width: 90, render: (v: number) => visitsLabel(v) },
          { title: '材料', dataIndex: 'materialCount', width: 60 },
          { title: '审批人员', dataIndex: 'approverCount', width: 84, render: (n: number) => (n === 0 ? <Tag color="red">未分配</Tag> : `${n}人`) },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: 'active' | 'inactive') => <Tag color={s === 'active' ? 'green' : 'default'}>{ITEM_STATUS_LABELS[s]}</Tag> },
          {
            title: '操作',
            width: 120,
            fixed: 'right',
            render: (_v, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => void openEdit(r.id)}>
                  编辑
                </Button>
                <Dropdown menu={rowMenu(r)} trigger={['click']}>
                  <Button type="text" size="small" icon={<MoreOutlined />} aria-label="更多操作" />
                </Dropdown>
              </Space>
            ),
          },
        ]}
        renderCard={(r) => (
          <Card className="yq-mobile-card" onClick={() => void openEdit(r.id)}>
            <div style={{ fontWeight: 500 }}>{r.name}</div>
            <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>{r.code}</div>
            <div style={{ fontSize: 13, marginTop: 4 }}>
              {committedText(r)} · {r.department} · 审批人员 {r.approverCount} 人
            </div>
            <ItemBadges item={r} />
            <div style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
              <Button size="small" danger={r.status === 'active'} onClick={() => toggleStatus(r)}>
                {r.status === 'active' ? '停用' : '启用'}
              </Button>
            </div>
          </Card>
        )}
      />
      <ItemFormDrawer open={editing.open} item={editing.item} onClose={closeEdit} onSaved={closeEdit} />
      <ApproversModal item={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}
