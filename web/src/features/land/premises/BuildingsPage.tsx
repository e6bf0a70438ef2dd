import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Input, Progress, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { BUILDING_KINDS, BUILDING_KIND_LABELS, type BuildingKind } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { PageLoading } from '../../../components/PageLoading';
import { parkToday } from '../../../components/format';
import { useBuildings, useOccupancy } from './api';
import { BuildingForm } from './forms';
import { DayPicker, areaText, pct } from './bits';

/** 厂房楼宇: every building's let / vacant / maintenance units and occupancy on a chosen day, and the park's figure by kind. */
export function BuildingsPage() {
  const [date, setDate] = useState(parkToday());
  const [kind, setKind] = useState<BuildingKind | ''>('');
  const [q, setQ] = useState('');
  const buildings = useBuildings({ date, kind: kind || undefined, q: q || undefined });
  const occupancy = useOccupancy(date);
  return (
    <>
      <PageHeader title="厂房楼宇" subTitle="任一日期的出租、空置与出租率" extra={<BuildingForm />} />
      <Space wrap style={{ marginBottom: 12 }}>
        <DayPicker value={date} onChange={setDate} />
        <Segmented value={kind} onChange={(v) => setKind(v as BuildingKind | '')} options={[{ value: '', label: '全部' }, ...BUILDING_KINDS.map((k) => ({ value: k, label: BUILDING_KIND_LABELS[k] }))]} />
        <Input.Search allowClear placeholder="楼宇名称或编码" onSearch={setQ} style={{ width: 220 }} />
      </Space>
      {occupancy.data && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic title={`厂房面积(${occupancy.data.date})`} value={areaText(occupancy.data.factories.areaM2)} />
              <Typography.Text type="secondary">
                已租 {areaText(occupancy.data.factories.letAreaM2)},空置 {areaText(occupancy.data.factories.vacantAreaM2)},面积出租率 {pct(occupancy.data.factories.areaOccupancyRate)}
              </Typography.Text>
            </Card>
          </Col>
          {occupancy.data.byKind.map((k) => (
            <Col xs={24} md={6} key={k.kind}>
              <Card size="small" data-testid={`occupancy-${k.kind}`}>
                <Statistic title={`${k.kindLabel}(${k.buildings}栋)`} value={pct(k.occupancyRate)} suffix="出租率" />
                <Typography.Text type="secondary">
                  {k.units}套:已租{k.let},空置{k.vacant},维修{k.maintenance};{areaText(k.areaM2)}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {buildings.error ? (
        <QueryError error={buildings.error} onRetry={() => buildings.refetch()} />
      ) : !buildings.data ? (
        <PageLoading />
      ) : (
        <Row gutter={[12, 12]}>
          {buildings.data.items.map((b) => (
            <Col xs={24} sm={12} lg={8} xl={6} key={b.id}>
              <Link to={`/land/premises/buildings/${b.id}?date=${date}`}>
                <Card size="small" hoverable title={b.name} extra={<Typography.Text type="secondary">{b.kindLabel}</Typography.Text>}>
                  <Progress percent={Math.round((b.counts.occupancyRate ?? 0) * 1000) / 10} size="small" />
                  <Typography.Text>
                    {b.counts.units}套 · 已租{b.counts.let} · 空置{b.counts.vacant} · 维修{b.counts.maintenance}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{areaText(b.counts.areaM2)} · {b.floors}层</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
