import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Row, Segmented, Select, Skeleton, Space, Statistic, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DeviceView } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { ResponsiveList } from '../../../components/ResponsiveList';
import { formatDateTime } from '../../../components/format';
import { readPaging, useListParams } from '../../../components/useListParams';
import { useScreens } from '../../../components/useScreens';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useDevices, useDeviceTypes } from './api';
import { LastValues, OnlineBadge } from './bits';

const ONLINE_FILTERS = [
  { value: '', label: '全部' },
  { value: 'true', label: '在线' },
  { value: 'false', label: '离线' },
];

/** A device as a card: name, type, online dot, last seen and latest values (phones, and the firm's own list). */
function DeviceCard({ d, showFirm }: { d: DeviceView; showFirm: boolean }) {
  return (
    <Link to={`/industry/devices/${d.id}`} style={{ color: 'inherit' }} aria-label={`设备 ${d.name}`}>
      <Card
        size="small"
        className="yq-mobile-card"
        style={{ marginBottom: 12 }}
        title={<span style={{ whiteSpace: 'normal' }}>{d.name}</span>}
        extra={<OnlineBadge device={d} />}
      >
        <div className="yq-device-card-meta">
          <span>
            {d.typeLabel} · {d.code}
          </span>
          <span>最后上报 {d.lastSeenAt ? formatDateTime(d.lastSeenAt) : '—'}</span>
        </div>
        {showFirm && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {d.enterpriseName}
          </Typography.Text>
        )}
        <LastValues values={d.lastValues} />
        {d.rejectedCount > 0 && (
          <div style={{ marginTop: 8 }}>
            <Tag color="orange">拒收 {d.rejectedCount.toLocaleString('zh-CN')} 条</Tag>
          </div>
        )}
      </Card>
    </Link>
  );
}

/** 我的设备 (a firm's own devices as cards) and 设备管理 (the office: every firm's devices with filters). */
export function DevicesPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const navigate = useNavigate();
  const firm = !!me.enterpriseId;
  const canRegister = me.permissions.includes('industry:report') || me.permissions.includes('industry:manage');
  const { params, update, paginate } = useListParams<'q' | 'enterpriseId' | 'typeCode' | 'online'>();
  const { page, pageSize } = readPaging(params);
  const q = params.get('q') ?? undefined;
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const typeCode = params.get('typeCode') ?? undefined;
  const online = params.get('online') ?? '';
  const list = useDevices({ q, enterpriseId, typeCode, online: online || undefined, page, pageSize: firm ? 100 : pageSize });
  const types = useDeviceTypes();
  const search = useSearchBox(q, (v) => update({ q: v }));
  const data = list.data;

  const register = canRegister && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/industry/devices/new')}>
      登记设备
    </Button>
  );

  const summary = data && (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={8} md={6}>
        <Card size="small">
          <Statistic title="设备" value={data.onlineCount + data.offlineCount} suffix="台" />
        </Card>
      </Col>
      <Col xs={8} md={6}>
        <Card size="small">
          <Statistic title="在线" value={data.onlineCount} suffix="台" styles={{ content: { color: '#12b76a' } }} />
        </Card>
      </Col>
      <Col xs={8} md={6}>
        <Card size="small">
          <Statistic title="离线/停用" value={data.offlineCount} suffix="台" styles={{ content: { color: data.offlineCount ? '#f04438' : undefined } }} />
        </Card>
      </Col>
    </Row>
  );

  if (firm) {
    return (
      <>
        <PageHeader title="我的设备" subTitle="本企业接入平台的物联网设备,实时查看在线状态与最新读数" extra={register} />
        {list.isLoading ? (
          <Card>
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        ) : list.isError && !data ? (
          <Card>
            <QueryError error={list.error} onRetry={() => list.refetch()} what="设备" />
          </Card>
        ) : data && data.items.length === 0 ? (
          <Card>
            <EmptyHint description="还没有登记设备。登记后会得到设备令牌,设备用它通过 HTTP 或 MQTT 上报读数。">{register}</EmptyHint>
          </Card>
        ) : (
          <>
            {summary}
            <Row gutter={[12, 0]}>
              {data?.items.map((d) => (
                <Col key={d.id} xs={24} md={12} xl={8}>
                  <DeviceCard d={d} showFirm={false} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </>
    );
  }

  const columns: TableProps<DeviceView>['columns'] = [
    {
      title: '设备',
      key: 'name',
      render: (_, d) => (
        <div>
          <Link to={`/industry/devices/${d.id}`}>{d.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '企业', dataIndex: 'enterpriseName', key: 'firm', ellipsis: true },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 130 },
    { title: '状态', key: 'online', width: 90, render: (_, d) => <OnlineBadge device={d} /> },
    { title: '最后上报', key: 'seen', width: 150, render: (_, d) => (d.lastSeenAt ? formatDateTime(d.lastSeenAt) : <Typography.Text type="secondary">从未上报</Typography.Text>) },
    {
      title: '最新读数',
      key: 'values',
      render: (_, d) =>
        d.lastValues.length ? (
          <Space size={[8, 0]} wrap>
            {d.lastValues.slice(0, 3).map((v) => (
              <span key={v.metric}>
                <Typography.Text type="secondary">{v.label}</Typography.Text> {v.kind === 'flag' ? (v.value ? '开' : '关') : `${v.value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${v.unit ? ` ${v.unit}` : ''}`}
              </span>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '已接收', key: 'accepted', width: 100, align: 'right', render: (_, d) => d.acceptedCount.toLocaleString('zh-CN') },
    {
      title: '拒收',
      key: 'rejected',
      width: 80,
      align: 'right',
      render: (_, d) => (d.rejectedCount ? <Typography.Text type="warning">{d.rejectedCount.toLocaleString('zh-CN')}</Typography.Text> : 0),
    },
  ];

  const activeFilters = [enterpriseId, typeCode, online].filter(Boolean).length;
  return (
    <>
      <PageHeader title="设备管理" subTitle="园区企业接入的物联网设备:在线状态、最后上报时间和拒收情况" extra={register} />
      {summary}
      <FilterBar
        mobile={mobile}
        search={{ placeholder: '设备名称、编号或企业', ariaLabel: '搜索设备', width: 240, ...search }}
        activeCount={activeFilters}
        filters={
          <>
            <div style={{ width: mobile ? '100%' : 240 }}>
              <EnterpriseSelect value={enterpriseId ?? null} onChange={(id) => update({ enterpriseId: id ?? undefined })} placeholder="按企业筛选" />
            </div>
            <Select
              allowClear
              placeholder="设备类型"
              aria-label="设备类型"
              style={{ width: mobile ? '100%' : 160 }}
              value={typeCode}
              onChange={(v) => update({ typeCode: v })}
              options={(types.data ?? []).map((t) => ({ value: t.code, label: t.label }))}
            />
            <Segmented value={online} onChange={(v) => update({ online: String(v) || undefined })} options={ONLINE_FILTERS} />
          </>
        }
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      <ResponsiveList<DeviceView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ size: 'middle', scroll: { x: 1000 } }}
        renderCard={(d) => <DeviceCard d={d} showFirm />}
        empty={<EmptyHint description={activeFilters || q ? '没有符合条件的设备' : '园区企业还没有登记设备'} />}
        paging={{ page, pageSize, onChange: paginate, unit: '台', sizeChanger: true }}
        skeleton="cards"
      />
    </>
  );
}
