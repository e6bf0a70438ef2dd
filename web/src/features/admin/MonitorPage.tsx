import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { useMonitor } from './api';

function bytes(n: number | null): string {
  if (n === null) return '—';
  if (n > 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

function uptime(s: number): string {
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${d ? `${d}天` : ''}${h}小时${m}分`;
}

/** 系统监控: the answering process, the database and the background work (refreshes every 10 s). */
export function MonitorPage() {
  const m = useMonitor();
  if (m.isError) return <QueryError error={m.error} onRetry={() => m.refetch()} />;
  const d = m.data;
  return (
    <>
      <PageHeader title="系统监控" subTitle={d ? `数据更新于 ${formatDateTime(d.time, true)}(每10秒刷新;多进程部署时显示应答本次请求的进程)` : '加载中…'} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="应用进程" size="small" loading={m.isLoading}>
            {d && (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="实例">{d.process.instance}</Descriptions.Item>
                <Descriptions.Item label="运行时长">{uptime(d.process.uptimeSeconds)}</Descriptions.Item>
                <Descriptions.Item label="内存(RSS)">{bytes(d.process.rssBytes)}</Descriptions.Item>
                <Descriptions.Item label="堆内存">{`${bytes(d.process.heapUsedBytes)} / ${bytes(d.process.heapTotalBytes)}`}</Descriptions.Item>
                <Descriptions.Item label="Node.js">{d.process.node}</Descriptions.Item>
                <Descriptions.Item label="系统">{`${d.process.platform} · ${d.process.cpus} 核 · 负载 ${d.process.loadAverage.join(' / ')}`}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="数据库" size="small" loading={m.isLoading}>
            {d && (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="引擎">{d.database.engine}</Descriptions.Item>
                <Descriptions.Item label="版本">{d.database.version}</Descriptions.Item>
                <Descriptions.Item label="数据量">{bytes(d.database.sizeBytes)}</Descriptions.Item>
                <Descriptions.Item label="结构版本(迁移)"><span className="yq-mono">{d.database.migration ?? '—'}</span></Descriptions.Item>
                <Descriptions.Item label="连接池">{d.database.pool ? `共 ${d.database.pool.size} · 空闲 ${d.database.pool.idle} · 等待 ${d.database.pool.waiting}` : '内嵌数据库(单连接)'}</Descriptions.Item>
                <Descriptions.Item label="查询延迟">{`${d.database.latencyMs} 毫秒`}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="后台任务与队列" size="small" loading={m.isLoading}>
            {d && (
              <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
                <Descriptions.Item label="导入等后台任务运行中">{d.queues.jobsRunning}</Descriptions.Item>
                <Descriptions.Item label="近24小时失败">{d.queues.jobsFailed24h}</Descriptions.Item>
                <Descriptions.Item label="定时任务执行中">{d.queues.scheduledRunning}</Descriptions.Item>
                <Descriptions.Item label="最近一次定时任务">
                  {d.queues.lastSweep ? (
                    <span>
                      {formatDateTime(d.queues.lastSweep.at, true)} {d.queues.lastSweep.ok === false ? <Tag color="red">失败</Tag> : <Tag color="green">成功</Tag>}
                    </span>
                  ) : (
                    '尚未执行'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="在线会话">{d.queues.onlineSessions}</Descriptions.Item>
                <Descriptions.Item label="未读站内消息">{d.queues.unreadNotifications}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
