import { Button, Card, Space, Tag, Tooltip, type TableProps } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { LAND_PARCEL_STATUSES, LAND_PARCEL_STATUS_LABELS, LAND_PLANNED_USES, LAND_PLANNED_USE_LABELS, type ParcelListItem } from '@yuanqi/contract';
import { api, type Query } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate } from '../../../components/format';
import { useParcelFacets, useParcels, type ParcelListQuery } from './api';
import { ParcelStatusTag, formatMu } from './bits';

/** 地块台账: every parcel of the park, filtered by state, zone, use, firm and code; export to .xlsx (re-importable). */
export function ParcelsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const manage = hasPermission(me, 'land:manage');
  const facets = useParcelFacets();
  const f = facets.data;
  const filters: CaseFilterSpec[] = [
    { kind: 'select', param: 'status', label: '按状态筛选', placeholder: '状态', options: LAND_PARCEL_STATUSES.map((s) => ({ value: s, label: LAND_PARCEL_STATUS_LABELS[s] })), width: 110 },
    { kind: 'select', param: 'zone', label: '按片区筛选', placeholder: '片区', options: (f?.zones ?? []).map((z) => ({ value: z, label: z })), width: 150 },
    { kind: 'select', param: 'plannedUse', label: '按用途筛选', placeholder: '用途', options: LAND_PLANNED_USES.map((u) => ({ value: u, label: LAND_PLANNED_USE_LABELS[u] })), width: 130 },
    { kind: 'check', param: 'areaFlag', label: '面积差异超2%' },
    { kind: 'search', param: 'q', label: '搜索地块编号、企业、项目' },
    { kind: 'select', param: 'enterpriseId', label: '企业', options: [], hidden: true },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query: ParcelListQuery = { page: queue.page, pageSize: 20 };
  if (values.status && (LAND_PARCEL_STATUSES as readonly string[]).includes(values.status)) query.status = values.status;
  if (values.zone) query.zone = values.zone;
  if (values.plannedUse && (LAND_PLANNED_USES as readonly string[]).includes(values.plannedUse)) query.plannedUse = values.plannedUse;
  if (values.areaFlag === 'true') query.areaFlag = 'differs';
  if (values.enterpriseId && /^[0-9a-f-]{36}$/i.test(values.enterpriseId)) query.enterpriseId = values.enterpriseId;
  if (queue.q) query.q = queue.q;
  const list = useParcels(query);
  const { page: _p, pageSize: _s, ...exportQuery } = query;

  const columns: TableProps<ParcelListItem>['columns'] = [
    {
      title: '地块编号',
      key: 'code',
      width: 150,
      render: (_, p) => (
        <div>
          <Link to={`/land/parcels/${p.id}`} className="yq-mono" style={{ fontWeight: 500 }}>
            {p.code}
          </Link>
          {p.name && <div style={{ fontSize: 12, color: '#667085' }}>{p.name}</div>}
        </div>
      ),
    },
    { title: '状态', key: 'status', width: 90, render: (_, p) => <ParcelStatusTag status={p.status} /> },
    {
      title: '面积',
      key: 'area',
      width: 150,
      align: 'right',
      render: (_, p) => (
        <div>
          <div>{formatMu(p.areaMu)}</div>
          {p.declaredAreaMu !== null && (
            <div style={{ fontSize: 12, color: p.areaDiffers ? '#cf1322' : '#667085' }}>
              证载 {formatMu(p.declaredAreaMu)}
              {p.areaDiffers && (
                <Tooltip title="按边界计算的面积与证载面积相差超过2%,请核对">
                  <Tag color="red" style={{ marginInlineStart: 4 }}>
                    差异
                  </Tag>
                </Tooltip>
              )}
            </div>
          )}
        </div>
      ),
    },
    { title: '用途', key: 'use', width: 110, render: (_, p) => LAND_PLANNED_USE_LABELS[p.plannedUse] },
    { title: '片区', dataIndex: 'zone', key: 'zone', width: 130 },
    {
      title: '企业 / 项目',
      key: 'holder',
      width: 260,
      ellipsis: true,
      render: (_, p) => (
        <div>
          <div>{p.enterpriseName ?? '—'}</div>
          {p.projectName && <div style={{ fontSize: 12, color: '#667085' }}>{p.projectName}</div>}
        </div>
      ),
    },
    { title: '出让日期', key: 'transferred', width: 110, render: (_, p) => formatDate(p.transferredOn) },
    { title: '状态日期', key: 'since', width: 110, render: (_, p) => formatDate(p.statusSince) },
  ];

  const filtered = !!(query.status || query.zone || query.plannedUse || query.areaFlag || query.q || query.enterpriseId);
  return (
    <CaseQueuePage<ParcelListItem>
      state={queue}
      title="地块台账"
      subTitle={f ? `共 ${Object.values(f.statusCounts).reduce((a, b) => a + b, 0)} 宗,${formatMu(f.totalMu)}` : undefined}
      extra={
        <Space wrap>
          <Link to="/land/map">
            <Button>地块地图</Button>
          </Link>
          {manage && (
            <Link to="/land/parcels/import">
              <Button icon={<ImportOutlined />}>导入</Button>
            </Link>
          )}
          {manage && (
            <Link to="/land/parcels/new">
              <Button type="primary" icon={<PlusOutlined />}>
                登记地块
              </Button>
            </Link>
          )}
        </Space>
      }
      exportFile={() => api.download('/api/land/parcels/export', exportQuery as Query, '地块台账.xlsx')}
      board={{
        resets: ['status'],
        toggle: true,
        columns: { phone: 2, desktop: 6 },
        chips: (['producing', 'construction', 'transferred', 'idle', 'inefficient', 'reserve'] as const).map((s) => ({
          label: LAND_PARCEL_STATUS_LABELS[s],
          count: f?.statusCounts[s],
          patch: { status: s },
          danger: (s === 'idle' || s === 'inefficient') && (f?.statusCounts[s] ?? 0) > 0,
        })),
      }}
      list={list}
      columns={columns}
      table={{ size: 'middle', scroll: { x: 1100 }, onRow: (p) => ({ onClick: () => navigate(`/land/parcels/${p.id}`), style: { cursor: 'pointer' } }) }}
      empty={
        filtered ? (
          <EmptyHint description="没有符合条件的地块">
            <Button onClick={() => queue.setParams({})}>清除筛选</Button>
          </EmptyHint>
        ) : (
          <EmptyHint description="还没有登记地块" />
        )
      }
      paging={{ plainTotal: true }}
      renderCard={(p) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/land/parcels/${p.id}`)}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <span className="yq-mono" style={{ fontWeight: 600 }}>
              {p.code}
            </span>
            <ParcelStatusTag status={p.status} />
          </Space>
          <div style={{ fontSize: 13, marginTop: 4 }}>{p.enterpriseName ?? p.name ?? LAND_PLANNED_USE_LABELS[p.plannedUse]}</div>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {formatMu(p.areaMu)} · {p.zone ?? '—'}
          </div>
        </Card>
      )}
    />
  );
}
