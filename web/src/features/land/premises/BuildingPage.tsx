import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Card, Descriptions, Drawer, Space, Table, Tooltip, Typography } from 'antd';
import { UNIT_DAY_STATES, UNIT_DAY_STATE_COLORS, type PremisesUnitDayView } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { formatMoney, parkToday } from '../../../components/format';
import { useBuilding, useUnitLeases } from './api';
import { DayPicker, LeaseStatusTag, StateDot, areaText, pct, rateText } from './bits';
import { LeaseForm, UnitForm } from './forms';

/** 楼宇: a floor × unit grid coloured by each unit's state on the chosen day; a unit opens its leases. */
export function BuildingPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? parkToday();
  const building = useBuilding(id, date);
  const [unit, setUnit] = useState<PremisesUnitDayView | null>(null);
  const leases = useUnitLeases(unit?.id ?? null);
  if (building.error) return <QueryError error={building.error} onRetry={() => building.refetch()} what="楼宇" />;
  if (!building.data) return <PageLoading />;
  const b = building.data;
  const floors = [...new Set(b.units.map((u) => u.floor))].sort((x, y) => y - x);
  return (
    <>
      <PageHeader title={b.name} subTitle={`${b.kindLabel} · ${b.code}`} extra={<UnitForm building={b} />} />
      <Space wrap style={{ marginBottom: 12 }}>
        <DayPicker value={date} onChange={(d) => setParams({ date: d })} />
        {UNIT_DAY_STATES.map((s) => <StateDot key={s} state={s} />)}
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="房源">{b.counts.units}套,{areaText(b.counts.areaM2)}</Descriptions.Item>
        <Descriptions.Item label="已租">{b.counts.let}套,{areaText(b.counts.letAreaM2)}</Descriptions.Item>
        <Descriptions.Item label="空置 / 维修">{b.counts.vacant} / {b.counts.maintenance}</Descriptions.Item>
        <Descriptions.Item label="出租率(套 / 面积)">{pct(b.counts.occupancyRate)} / {pct(b.counts.areaOccupancyRate)}</Descriptions.Item>
      </Descriptions>
      <Card size="small">
        <div style={{ overflowX: 'auto' }}>
          {floors.map((f) => (
            <div key={f} style={{ display: 'flex', alignItems: 'stretch', gap: 6, marginBottom: 6 }}>
              <div style={{ width: 40, flex: 'none', color: '#888', paddingTop: 8 }}>{f}F</div>
              {b.units.filter((u) => u.floor === f).map((u) => (
                <Tooltip key={u.id} title={`${u.code} · ${u.areaM2}㎡${u.layout ? ` · ${u.layout}` : ''}${u.tenantName ? ` · ${u.tenantName}` : ''}`}>
                  <button
                    type="button"
                    data-testid={`unit-${u.code}`}
                    onClick={() => setUnit(u)}
                    style={{ width: 112, minHeight: 52, flex: 'none', border: '1px solid #d9d9d9', borderRadius: 4, background: UNIT_DAY_STATE_COLORS[u.state], cursor: 'pointer', textAlign: 'left', padding: '4px 6px', fontSize: 12, color: u.state === 'vacant' ? '#333' : '#fff' }}
                  >
                    <strong>{u.code}</strong> {u.areaM2}㎡
                    <div style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>{u.tenantName ?? (u.layout || '')}</div>
                  </button>
                </Tooltip>
              ))}
            </div>
          ))}
        </div>
      </Card>
      <Drawer open={!!unit} onClose={() => setUnit(null)} title={unit ? `${b.name} ${unit.code}(${unit.areaM2}㎡)` : ''} width={560}>
        {unit && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {date}:<StateDot state={unit.state} /> {unit.tenantName}
            </Typography.Text>
            {b.kind !== 'apartment' && unit.status === 'available' && <LeaseForm unit={{ id: unit.id, code: `${b.name} ${unit.code}` }} label="签订租约" />}
            <Table
              size="small"
              rowKey="id"
              loading={leases.isLoading}
              dataSource={leases.data ?? []}
              pagination={false}
              locale={{ emptyText: b.kind === 'apartment' ? '人才公寓的入住见人才公寓分配' : '暂无租赁合同' }}
              columns={[
                { title: '合同', dataIndex: 'contractNo', render: (v, l) => <Link to={`/land/premises/leases/${l.id}`}>{v}</Link> },
                { title: '企业', dataIndex: 'enterpriseName' },
                { title: '租期', render: (_, l) => `${l.startsOn} 至 ${l.lastDay}` },
                { title: '租金', render: (_, l) => `${rateText(l.rentFenPerM2Month)},月${formatMoney(l.monthlyRentFen)}` },
                { title: '状态', dataIndex: 'status', render: (s) => <LeaseStatusTag status={s} /> },
              ]}
            />
          </Space>
        )}
      </Drawer>
    </>
  );
}
