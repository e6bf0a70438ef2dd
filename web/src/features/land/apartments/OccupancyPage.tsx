import { Card, Col, DatePicker, Progress, Row, Statistic, Table } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { ApartmentOccupancyView } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { dayjs, parkToday } from '../../../components/format';
import { useOccupancy } from './api';

type BuildingRow = ApartmentOccupancyView['byBuilding'][number];
type FirmRow = ApartmentOccupancyView['byFirm'][number];
type LayoutRow = ApartmentOccupancyView['byLayout'][number];

/** 公寓入住情况 on any day: totals, by building, by firm (its staff living there), by layout, the waitlist and the waits. */
export function OccupancyPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('on');
  const on = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : parkToday();
  const q = useOccupancy(on);
  const o = q.data;
  const pct = (n: number, total: number) => (total ? `${((n * 100) / total).toFixed(1)}%` : '—');

  return (
    <div>
      <PageHeader
        title="人才公寓入住情况"
        subTitle="任一日期的在住、已配房待入住、空置与轮候"
        extra={
          <DatePicker
            allowClear={false}
            value={dayjs(on)}
            onChange={(d) => d && setParams(d.format('YYYY-MM-DD') === parkToday() ? {} : { on: d.format('YYYY-MM-DD') })}
            disabledDate={(d) => d.isAfter(dayjs(parkToday()).add(1, 'year'), 'day')}
            aria-label="日期"
          />
        }
      />
      {q.isError && !o ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <div style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="公寓总数(套)" value={o?.total ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="在住" value={o?.occupied ?? '—'} suffix={o ? <span style={{ fontSize: 13 }}>入住率 {o.occupancyPct}%</span> : null} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="已配房待入住" value={o?.allocated ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="空置可分配" value={o?.vacant ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="轮候人数" value={o?.waitlist ?? '—'} suffix={o?.waitlistAverageDays != null ? <span style={{ fontSize: 13 }}>平均已等 {o.waitlistAverageDays} 天</span> : null} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title="近一年配房平均等待"
                  value={o?.allocatedAverageWaitDays ?? '—'}
                  suffix={o ? <span style={{ fontSize: 13 }}>天 · {o.allocationsLastYear} 套</span> : null}
                />
              </Card>
            </Col>
          </Row>
          {o && (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Progress
                percent={o.total ? Math.round(((o.occupied + o.allocated) * 1000) / o.total) / 10 : 0}
                success={{ percent: o.occupancyPct }}
                format={() => `${o.occupancyPct}% 在住`}
              />
              <div style={{ fontSize: 12, color: '#667085' }}>
                绿色:在住 {o.occupied} 套;蓝色:已配房待入住 {o.allocated} 套;停用或维修 {o.unavailable} 套
              </div>
            </Card>
          )}
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="按楼栋">
                <Table<BuildingRow>
                  rowKey="buildingId"
                  size="small"
                  pagination={false}
                  loading={q.isLoading}
                  dataSource={o?.byBuilding ?? []}
                  scroll={{ x: 480 }}
                  columns={[
                    { title: '楼栋', dataIndex: 'name', key: 'name' },
                    { title: '总数', dataIndex: 'total', key: 'total', align: 'right' },
                    { title: '在住', dataIndex: 'occupied', key: 'occupied', align: 'right' },
                    { title: '待入住', dataIndex: 'allocated', key: 'allocated', align: 'right' },
                    { title: '空置', dataIndex: 'vacant', key: 'vacant', align: 'right' },
                    { title: '入住率', key: 'pct', align: 'right', render: (_, b) => pct(b.occupied, b.total) },
                  ]}
                />
              </Card>
              <Card size="small" title="按户型" style={{ marginTop: 12 }}>
                <Table<LayoutRow>
                  rowKey="layout"
                  size="small"
                  pagination={false}
                  dataSource={o?.byLayout ?? []}
                  columns={[
                    { title: '户型', dataIndex: 'layout', key: 'layout' },
                    { title: '总数', dataIndex: 'total', key: 'total', align: 'right' },
                    { title: '空置', dataIndex: 'vacant', key: 'vacant', align: 'right' },
                    { title: '轮候中意向', dataIndex: 'waitlistPreferring', key: 'w', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={`按企业(${o?.byFirm.length ?? 0} 家)`}>
                <Table<FirmRow>
                  rowKey="enterpriseId"
                  size="small"
                  dataSource={o?.byFirm ?? []}
                  pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
                  scroll={{ x: 460 }}
                  columns={[
                    { title: '企业', dataIndex: 'name', key: 'name', ellipsis: true },
                    { title: '员工在住', dataIndex: 'occupied', key: 'occupied', align: 'right' },
                    { title: '待入住', dataIndex: 'allocated', key: 'allocated', align: 'right' },
                    { title: '轮候', dataIndex: 'waitlisted', key: 'waitlisted', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}
