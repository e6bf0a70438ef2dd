import { useMemo, useState } from 'react';
import { AutoComplete, Button, Card, Descriptions, Empty, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import {
  LAND_PARCEL_STATUSES,
  LAND_PARCEL_STATUS_COLORS,
  LAND_PARCEL_STATUS_LABELS,
  LAND_PLANNED_USE_LABELS,
  mujunTaxColor,
  mujunTaxLegend,
  MUJUN_NO_DATA_COLOR,
  type MapParcelView,
} from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useScreens } from '../../../components/useScreens';
import { useParcelMap } from './api';
import { GRADE_COLORS, ParcelStatusTag, formatMu, formatWanPerMu } from './bits';
import { ParcelMap, type MapParcel } from './ParcelMap';

type Mode = 'status' | 'tax';

function Legend({ mode, year, counts }: { mode: Mode; year: number | null; counts: Record<string, number> }) {
  const items =
    mode === 'status'
      ? LAND_PARCEL_STATUSES.map((s) => ({ color: LAND_PARCEL_STATUS_COLORS[s], label: `${LAND_PARCEL_STATUS_LABELS[s]}(${counts[s] ?? 0})` }))
      : [...mujunTaxLegend(), { color: MUJUN_NO_DATA_COLOR, label: '未评价' }];
  return (
    <div data-testid="map-legend">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {mode === 'status' ? '按地块状态着色' : year ? `按 ${year} 年亩均税收着色` : '尚无亩均评价结果'}
      </Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 6 }}>
        {items.map((i) => (
          <span key={i.label} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontSize: 12 }}>
            <span style={{ width: 14, height: 10, background: i.color, border: '1px solid #8c8c8c', display: 'inline-block' }} />
            {i.label}
          </span>
        ))}
      </div>
    </div>
  );
}

function Selected({ parcel, year }: { parcel: MapParcelView; year: number | null }) {
  return (
    <div data-testid="map-selected">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {parcel.code}
        </Typography.Title>
        <ParcelStatusTag status={parcel.status} />
      </Space>
      <Descriptions column={1} size="small">
        {parcel.name && <Descriptions.Item label="名称">{parcel.name}</Descriptions.Item>}
        <Descriptions.Item label="面积">{formatMu(parcel.areaMu)}</Descriptions.Item>
        <Descriptions.Item label="用途">{LAND_PLANNED_USE_LABELS[parcel.plannedUse]}</Descriptions.Item>
        <Descriptions.Item label="片区">{parcel.zone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="企业">{parcel.enterpriseName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="招商项目">{parcel.projectName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={year ? `${year}年亩均税收` : '亩均税收'}>{formatWanPerMu(parcel.taxPerMuFen)}</Descriptions.Item>
        <Descriptions.Item label="亩均等级">{parcel.grade ? <Tag color={GRADE_COLORS[parcel.grade]}>{parcel.grade} 类</Tag> : '—'}</Descriptions.Item>
      </Descriptions>
      <Link to={`/land/parcels/${parcel.id}`}>
        <Button type="primary" block style={{ marginTop: 8 }}>
          打开地块页
        </Button>
      </Link>
    </div>
  );
}

/** 地块地图: the park's base layer and every parcel, coloured by state or by 亩均税收; click for the firm and figures; search flies to a parcel. */
export function MapPage() {
  const data = useParcelMap();
  const [mode, setMode] = useState<Mode>('status');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const screens = useScreens();
  const narrow = !screens.lg;

  const parcels = data.data?.parcels;
  const drawn: MapParcel[] = useMemo(
    () =>
      (parcels ?? []).map((p) => ({
        id: p.id,
        code: p.code,
        boundary: p.boundary,
        color: mode === 'status' ? LAND_PARCEL_STATUS_COLORS[p.status] : mujunTaxColor(p.taxPerMuFen),
        label: `${p.code} ${p.enterpriseName ?? LAND_PARCEL_STATUS_LABELS[p.status]}`,
      })),
    [parcels, mode],
  );
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const p of parcels ?? []) c[p.status] = (c[p.status] ?? 0) + 1;
    return c;
  }, [parcels]);
  const options = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return [];
    return (parcels ?? [])
      .filter((p) => p.code.toLowerCase().includes(q) || (p.enterpriseName ?? '').toLowerCase().includes(q) || (p.projectName ?? '').toLowerCase().includes(q))
      .slice(0, 12)
      .map((p) => ({ value: p.id, label: `${p.code} ${p.enterpriseName ?? p.projectName ?? LAND_PARCEL_STATUS_LABELS[p.status]}` }));
  }, [parcels, search]);

  if (data.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (data.isError || !data.data) return <QueryError error={data.error} onRetry={() => data.refetch()} what="地块地图" />;
  const m = data.data;
  const selected = m.parcels.find((p) => p.id === selectedId) ?? null;
  const totalMu = m.parcels.reduce((a, p) => a + p.areaMu, 0);

  const side = (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <AutoComplete
        style={{ width: '100%' }}
        options={options}
        value={search}
        onChange={setSearch}
        onSelect={(id: string) => {
          setSelectedId(id);
          setSearch(m.parcels.find((p) => p.id === id)?.code ?? '');
        }}
        placeholder="搜索地块编号或企业名称"
        allowClear
        aria-label="搜索地块"
      />
      <Segmented<Mode>
        block
        value={mode}
        onChange={setMode}
        options={[
          { value: 'status', label: '按状态' },
          { value: 'tax', label: '按亩均税收' },
        ]}
      />
      <Legend mode={mode} year={m.year} counts={counts} />
      <Card size="small" title="地块信息">
        {selected ? <Selected parcel={selected} year={m.year} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="点击地图上的地块查看企业、项目与亩均数据" />}
      </Card>
    </Space>
  );

  return (
    <>
      <PageHeader
        title="地块地图"
        subTitle={`${m.parcels.length} 宗地块,共 ${formatMu(Math.round(totalMu * 100) / 100)}`}
        extra={
          <Link to="/land/parcels">
            <Button icon={<AimOutlined />}>地块台账</Button>
          </Link>
        }
      />
      <div style={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', gap: 16, alignItems: 'stretch' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <ParcelMap features={m.features} parcels={drawn} bounds={m.bounds} onSelect={setSelectedId} focusId={selectedId} height={narrow ? 420 : 'calc(100vh - 190px)'} />
        </div>
        <div style={{ width: narrow ? '100%' : 320, flex: 'none' }}>{side}</div>
      </div>
    </>
  );
}
