import './devices.css';
import type { ReactNode } from 'react';
import { Alert, Badge, Space, Tabs, Tag, Typography } from 'antd';
import { METRIC_KIND_LABELS, type DeviceDetail, type DeviceLastValue, type DeviceMetric, type DeviceView } from '@yuanqi/contract';
import { formatDateTime, fromNow } from '../../../components/format';

/** 在线 / 离线 / 已停用 with a dot. */
export function OnlineBadge({ device }: { device: Pick<DeviceView, 'online' | 'status'> }) {
  if (device.status === 'disabled') return <Badge status="default" text="已停用" />;
  return device.online ? <Badge status="success" text="在线" /> : <Badge status="error" text="离线" />;
}

/** A reading with its unit: "812.5 ℃", "开" / "关" for a flag. */
export function formatValue(value: number, metric: Pick<DeviceMetric, 'unit' | 'kind'>): string {
  if (metric.kind === 'flag') return value ? '开' : '关';
  const text = Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
  return metric.unit ? `${text} ${metric.unit}` : text;
}

/** The latest value of each metric, as small label/value pairs. */
export function LastValues({ values, empty = '尚未收到数据' }: { values: DeviceLastValue[]; empty?: ReactNode }) {
  if (values.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <div className="yq-device-values">
      {values.map((v) => (
        <div key={v.metric} className="yq-device-value">
          <div className="yq-device-value-label">{v.label}</div>
          <div className="yq-device-value-number">{formatValue(v.value, v)}</div>
        </div>
      ))}
    </div>
  );
}

export function lastSeenText(iso: string | null): string {
  return iso ? `${fromNow(iso)}(${formatDateTime(iso)})` : '从未上报';
}

export function MetricTags({ metrics }: { metrics: DeviceMetric[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {metrics.map((m) => (
        <Tag key={m.key} style={{ marginInlineEnd: 0 }}>
          {m.label} <Typography.Text type="secondary">{m.key}</Typography.Text>
          {m.unit ? ` (${m.unit})` : ''} · {METRIC_KIND_LABELS[m.kind]}
        </Tag>
      ))}
    </Space>
  );
}

function Code({ children }: { children: string }) {
  return (
    <Typography.Paragraph copyable={{ text: children, tooltips: ['复制', '已复制'] }} style={{ marginBottom: 8 }}>
      <pre className="yq-device-code">{children}</pre>
    </Typography.Paragraph>
  );
}

/** A sample payload with the device type's first metrics. */
function samplePayload(metrics: DeviceMetric[], withToken: string | null): string {
  const now = new Date();
  now.setMilliseconds(0);
  const readings = metrics.slice(0, 2).map((m) => ({
    metric: m.key,
    value: m.kind === 'flag' ? 1 : m.min !== null && m.min !== undefined && m.max !== null && m.max !== undefined ? Math.round(((m.min + m.max) / 2) * 10) / 10 : 100,
    ts: now.toISOString(),
  }));
  return JSON.stringify(withToken ? { token: withToken, readings } : { readings });
}

/**
 * How a device sends its readings: HTTP (curl) and MQTT (broker address, user name = device id,
 * password = token, topic). `token` is the clear token right after it was issued; otherwise a
 * placeholder.
 */
export function ConnectionGuide({ device, token }: { device: DeviceDetail; token: string | null }) {
  const origin = window.location.origin;
  const host = window.location.hostname;
  const shownToken = token ?? '<设备令牌>';
  const { connection } = device;
  const payload = samplePayload(device.metrics, null);
  const curl = `curl -X POST '${origin}${connection.httpPath}' \\\n  -H 'Authorization: Bearer ${shownToken}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${payload}'`;
  const mqttSettings = [
    `服务器:  ${connection.external ? '(园区 MQTT 服务器,见运维说明)' : `${host}:${connection.mqttPort ?? 1883}`}`,
    `用户名:  ${device.id}`,
    `密码:    ${connection.external ? '(按园区 MQTT 服务器的账号)' : shownToken}`,
    `主题:    ${connection.topic}`,
    `QoS:     1`,
  ].join('\n');
  const mqttPayload = samplePayload(device.metrics, connection.external ? shownToken : null);
  const mosquitto = `mosquitto_pub -h ${host} -p ${connection.mqttPort ?? 1883} -q 1 \\\n  -u '${device.id}' -P '${shownToken}' \\\n  -t '${connection.topic}' \\\n  -m '${mqttPayload}'`;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        读数格式:<code>{'{"readings": [{"metric": 指标编码, "value": 数值, "ts": ISO时间}]}'}</code>,ts 可省略(以服务器收到时间为准),一次最多 5000 条;开关量可用 true/false。
      </Typography.Paragraph>
      <Tabs
        size="small"
        items={[
          { key: 'http', label: 'HTTP', children: <Code>{curl}</Code> },
          {
            key: 'mqtt',
            label: 'MQTT',
            children: (
              <>
                {connection.external && <Alert type="info" showIcon style={{ marginBottom: 8 }} message="本园区使用独立的 MQTT 服务器:报文中须带 token 字段(设备令牌)。" />}
                {!connection.external && connection.mqttPort === null && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="本服务器未开启 MQTT 接入,请使用 HTTP 上报。" />}
                <Code>{mqttSettings}</Code>
                <Typography.Text type="secondary">报文示例(mosquitto_pub):</Typography.Text>
                <Code>{mosquitto}</Code>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

/** The token, shown once, with a copy button and a warning. */
export function TokenNotice({ token }: { token: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      message="设备令牌只显示这一次,请立即复制保存"
      description={
        <>
          <Typography.Paragraph copyable={{ text: token, tooltips: ['复制令牌', '已复制'] }} style={{ marginBottom: 4 }} data-testid="device-token">
            <Typography.Text code strong style={{ wordBreak: 'break-all' }}>
              {token}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">平台只保存令牌的摘要,离开本页后无法再查看;遗失后可在设备详情中重置令牌(旧令牌立即失效)。</Typography.Text>
        </>
      }
    />
  );
}
