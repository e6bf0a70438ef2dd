import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { TELEMETRY_REJECT_REASON_LABELS, type DeviceDetail, type DeviceReading, type DeviceTokenIssued, type TelemetryRejectReason } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime, toParkTime } from '../../../components/format';
import { applyFieldErrors } from '../../../components/forms';
import { useScreens } from '../../../components/useScreens';
import { Chart } from '../../dispatch/Chart';
import { useDevice, useDeviceReadings, useRevokeToken, useRotateToken, useSetDeviceStatus, useUpdateDevice } from './api';
import { ConnectionGuide, LastValues, OnlineBadge, TokenNotice, formatValue, lastSeenText } from './bits';

function Refusals({ device }: { device: DeviceDetail }) {
  const entries = Object.entries(device.rejectedByReason).filter(([, n]) => n) as [TelemetryRejectReason, number][];
  if (entries.length === 0) return <Typography.Text type="secondary">没有拒收记录</Typography.Text>;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Space size={[8, 8]} wrap>
        {entries
          .sort((a, b) => b[1] - a[1])
          .map(([reason, n]) => (
            <Tag key={reason} color={reason === 'bad_token' || reason === 'device_disabled' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
              {TELEMETRY_REJECT_REASON_LABELS[reason] ?? reason} {n.toLocaleString('zh-CN')}
            </Tag>
          ))}
      </Space>
      {device.lastRejectedAt && (
        <Typography.Text type="secondary">
          最近一次:{formatDateTime(device.lastRejectedAt, true)}
          {device.lastRejectedReason ? `,${TELEMETRY_REJECT_REASON_LABELS[device.lastRejectedReason] ?? device.lastRejectedReason}` : ''}
        </Typography.Text>
      )}
    </Space>
  );
}

function RecentReadings({ device, mobile }: { device: DeviceDetail; mobile: boolean }) {
  const readings = useDeviceReadings(device.id);
  const metricOf = (key: string) => device.metrics.find((m) => m.key === key);
  if (readings.isError) return <QueryError error={readings.error} onRetry={() => readings.refetch()} what="读数" />;
  if (readings.isLoading) return <Skeleton active />;
  const rows = readings.data ?? [];
  if (rows.length === 0) return <Typography.Text type="secondary">尚未收到读数</Typography.Text>;
  if (mobile) {
    return (
      <div>
        {rows.slice(0, 10).map((r) => {
          const m = metricOf(r.metric);
          return (
            <div key={`${r.metric}-${r.ts}`} style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid #f0f0f0', gap: 8 }}>
              <span>
                {m?.label ?? r.metric}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.ts, true)}
                </Typography.Text>
              </span>
              <strong style={{ whiteSpace: 'nowrap' }}>{m ? formatValue(r.value, m) : r.value}</strong>
            </div>
          );
        })}
      </div>
    );
  }
  return (
    <Table<DeviceReading>
      size="small"
      rowKey={(r) => `${r.metric}-${r.ts}`}
      dataSource={rows}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { title: '时间', key: 'ts', render: (_, r) => formatDateTime(r.ts, true), width: 180 },
        { title: '指标', key: 'metric', render: (_, r) => metricOf(r.metric)?.label ?? r.metric },
        { title: '数值', key: 'value', align: 'right', render: (_, r) => (metricOf(r.metric) ? formatValue(r.value, metricOf(r.metric)!) : r.value) },
        { title: '接收时间', key: 'received', render: (_, r) => formatDateTime(r.receivedAt, true), width: 180 },
      ]}
    />
  );
}

/** The latest raw readings of one metric as a line (oldest to newest, park time). */
function ReadingsChart({ device }: { device: DeviceDetail }) {
  const charted = device.metrics.filter((m) => m.kind !== 'flag');
  const [metric, setMetric] = useState(charted[0]?.key);
  const m = charted.find((x) => x.key === metric);
  const readings = useDeviceReadings(device.id, metric, 200, !!metric && device.lastValues.length > 0);
  if (!m || device.lastValues.length === 0) return null;
  const rows = [...(readings.data ?? [])].reverse();
  return (
    <div style={{ marginBottom: 12 }}>
      {charted.length > 1 && (
        <Segmented size="small" value={metric} onChange={(v) => setMetric(String(v))} options={charted.map((x) => ({ value: x.key, label: x.label }))} style={{ marginBottom: 8 }} />
      )}
      {readings.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{m.label}还没有读数</Typography.Text>
      ) : (
        <Chart
          label={`${m.label}最近 ${rows.length} 条读数${m.unit ? `(${m.unit})` : ''}`}
          height={220}
          option={{
            grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
            tooltip: {
              trigger: 'axis',
              formatter: (params: unknown) => {
                const p = (params as { value: [number, number] }[])[0];
                if (!p) return '';
                const [at, v] = p.value;
                return `${toParkTime(new Date(at).toISOString()).format('YYYY-MM-DD HH:mm:ss')}<br/>${m.label} ${formatValue(v, m)}`;
              },
            },
            // a time axis, so uneven gaps between readings show as such (labels in park time)
            xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: (v: number) => toParkTime(new Date(v).toISOString()).format('MM-DD HH:mm') } },
            yAxis: { type: 'value', name: m.unit || m.label, scale: true },
            series: [{ type: 'line', name: m.label, data: rows.map((r) => [Date.parse(r.ts), r.value]), showSymbol: rows.length < 40, smooth: false }],
          }}
        />
      )}
    </div>
  );
}

function EditModal({ device, open, onClose }: { device: DeviceDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; location: string }>();
  const update = useUpdateDevice();
  return (
    <Modal
      title="修改设备信息"
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: device.name, location: device.location ?? '' }}
        onFinish={(v) =>
          update.mutate(
            { id: device.id, body: { name: v.name, location: v.location || null, version: device.version } },
            { onSuccess: onClose, onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item name="name" label="设备名称" rules={[{ required: true, whitespace: true, message: '请填写设备名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="location" label="安装位置">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 设备详情: latest values, recent raw readings, refusals by reason, the token (rotate/revoke) and the connection guide. */
export function DevicePage() {
  const { id = '' } = useParams();
  const screens = useScreens();
  const mobile = !screens.md;
  const { modal } = App.useApp();
  const query = useDevice(id);
  const rotate = useRotateToken();
  const revoke = useRevokeToken();
  const setStatus = useSetDeviceStatus();
  const [issued, setIssued] = useState<DeviceTokenIssued | null>(null);
  const [editing, setEditing] = useState(false);

  if (query.isLoading) {
    return (
      <>
        <PageHeader title="设备详情" />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }
  if (query.isError || !query.data) {
    return (
      <>
        <PageHeader title="设备详情" />
        <Card>
          <QueryError error={query.error} onRetry={() => query.refetch()} what="设备" />
        </Card>
      </>
    );
  }
  const d = query.data;
  const token = issued && issued.device.id === d.id ? issued.token : null;

  const confirmRotate = () =>
    modal.confirm({
      title: '重置设备令牌?',
      content: '重置后旧令牌立即失效,设备须改用新令牌才能继续上报。新令牌只显示一次。',
      okText: '重置令牌',
      okButtonProps: { danger: true },
      onOk: () => rotate.mutateAsync({ id: d.id, version: d.version }).then((r) => setIssued(r)),
    });
  const confirmRevoke = () =>
    modal.confirm({
      title: '吊销设备令牌?',
      content: '吊销后设备无法再上报数据,直到重新生成令牌。',
      okText: '吊销',
      okButtonProps: { danger: true },
      onOk: () => revoke.mutateAsync({ id: d.id, version: d.version }).then(() => setIssued(null)),
    });
  const confirmStatus = () =>
    modal.confirm({
      title: d.status === 'active' ? '停用设备?' : '启用设备?',
      content: d.status === 'active' ? '停用后平台不再接收该设备的数据(已收到的数据保留)。' : '启用后设备可凭令牌继续上报数据。',
      okText: d.status === 'active' ? '停用' : '启用',
      okButtonProps: { danger: d.status === 'active' },
      onOk: () => setStatus.mutateAsync({ id: d.id, version: d.version, enable: d.status !== 'active' }),
    });

  return (
    <>
      <PageHeader
        title={d.name}
        docTitle={`设备 ${d.name}`}
        subTitle={
          <Space size={[12, 4]} wrap>
            <OnlineBadge device={d} />
            <span>
              {d.typeLabel} · {d.code}
            </span>
            <Link to="/industry/devices">返回设备列表</Link>
          </Space>
        }
        extra={
          d.canManage && (
            <Space wrap>
              <Button onClick={() => setEditing(true)}>修改</Button>
              <Button danger={d.status === 'active'} onClick={confirmStatus} loading={setStatus.isPending}>
                {d.status === 'active' ? '停用' : '启用'}
              </Button>
            </Space>
          )
        }
      />
      {d.status === 'disabled' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="设备已停用,平台不接收它的数据。" />}
      {token && (
        <div style={{ marginBottom: 12 }}>
          <TokenNotice token={token} />
        </div>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card title="最新读数" size="small" extra={<Typography.Text type="secondary">最后上报 {lastSeenText(d.lastSeenAt)}</Typography.Text>}>
              <LastValues values={d.lastValues} />
            </Card>
            <Card title="最近原始读数" size="small">
              <ReadingsChart device={d} />
              <RecentReadings device={d} mobile={mobile} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card title="设备信息" size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="所属企业">{d.enterpriseName}</Descriptions.Item>
                <Descriptions.Item label="安装位置">{d.location || '—'}</Descriptions.Item>
                <Descriptions.Item label="已接收读数">{d.acceptedCount.toLocaleString('zh-CN')} 条</Descriptions.Item>
                <Descriptions.Item label="状态变化">{formatDateTime(d.statusChangedAt)}</Descriptions.Item>
                <Descriptions.Item label="登记时间">{formatDateTime(d.createdAt)}</Descriptions.Item>
                {d.simulated && <Descriptions.Item label="数据来源">演示模拟器</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card title={`拒收情况(共 ${d.rejectedCount.toLocaleString('zh-CN')} 次)`} size="small">
              <Refusals device={d} />
            </Card>
            <Card
              title="设备令牌"
              size="small"
              extra={
                d.canManage && (
                  <Space size={4}>
                    <Button size="small" onClick={confirmRotate} loading={rotate.isPending}>
                      {d.hasToken ? '重置令牌' : '生成令牌'}
                    </Button>
                    {d.hasToken && (
                      <Button size="small" danger onClick={confirmRevoke} loading={revoke.isPending}>
                        吊销
                      </Button>
                    )}
                  </Space>
                )
              }
            >
              {d.hasToken ? (
                <Typography.Text>
                  令牌尾号 <Typography.Text code>…{d.tokenHint}</Typography.Text>,生成于 {formatDateTime(d.tokenIssuedAt)}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">令牌已吊销,设备无法上报;重新生成令牌后恢复。</Typography.Text>
              )}
            </Card>
            <Card title="接入方式" size="small">
              <ConnectionGuide device={d} token={token} />
            </Card>
          </Space>
        </Col>
      </Row>
      <EditModal device={d} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
