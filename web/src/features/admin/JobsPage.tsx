import { useState } from 'react';
import { App, Button, Drawer, Table, Tag, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import type { JobRunView, ScheduledJobView } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { useJobRuns, useJobs, useRunJob } from './api';

function resultTag(ok: boolean | null) {
  if (ok === null) return <Tag>—</Tag>;
  return ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>;
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`;
}

/** 定时任务: every sweep, its schedule and last run; 立即执行 and the run log. */
export function JobsPage() {
  const jobs = useJobs();
  const run = useRunJob();
  const { message } = App.useApp();
  const [logOf, setLogOf] = useState<ScheduledJobView | null>(null);
  const [runningName, setRunningName] = useState<string | null>(null);
  const runNow = async (job: ScheduledJobView) => {
    setRunningName(job.name);
    try {
      const r = await run.mutateAsync(job.name);
      if (r.ok) message.success(`“${job.label}”已执行,用时 ${duration(r.durationMs)}`);
      else message.error(`“${job.label}”执行失败:${r.error ?? ''}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRunningName(null);
    }
  };
  return (
    <>
      <PageHeader title="定时任务" subTitle="系统自动运行的扫描任务。每个任务同一时刻只在一个进程中执行;“立即执行”不会与正在运行的同一任务重叠。" />
      {jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => jobs.refetch()} />
      ) : (
        <Table<ScheduledJobView>
          rowKey="name"
          loading={jobs.isLoading}
          dataSource={jobs.data?.items}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={[
            { title: '任务', dataIndex: 'label', render: (v: string, j) => <span><strong>{v}</strong><div style={{ fontSize: 12, color: '#667085' }}>{j.description}</div></span> },
            { title: '周期', dataIndex: 'schedule', width: 100 },
            { title: '上次执行', dataIndex: 'lastStartedAt', width: 160, render: (v: string | null, j) => (j.running ? <Tag color="processing">执行中</Tag> : v ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, true)}</span> : '尚未执行') },
            { title: '耗时', dataIndex: 'lastDurationMs', width: 100, render: duration },
            { title: '结果', dataIndex: 'lastOk', width: 80, render: resultTag },
            { title: '下次执行', dataIndex: 'nextRunAt', width: 160, render: (v: string | null) => (v ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> : '—') },
            {
              title: '操作',
              key: 'ops',
              width: 190,
              fixed: 'right',
              render: (_, j) => (
                <>
                  <Button size="small" icon={<PlayCircleOutlined />} loading={runningName === j.name} disabled={j.running} onClick={() => runNow(j)}>立即执行</Button>
                  <Button size="small" type="link" onClick={() => setLogOf(j)}>运行记录</Button>
                </>
              ),
            },
          ]}
        />
      )}
      {logOf && <RunLog job={logOf} onClose={() => setLogOf(null)} />}
    </>
  );
}

function RunLog({ job, onClose }: { job: ScheduledJobView; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const runs = useJobRuns(job.name, page);
  return (
    <Drawer open size={760} title={`运行记录:${job.label}`} onClose={onClose}>
      <Table<JobRunView>
        rowKey="id"
        size="small"
        loading={runs.isLoading}
        dataSource={runs.data?.items}
        scroll={{ x: 680 }}
        pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '开始时间', dataIndex: 'startedAt', width: 160, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v, true)}</span> },
          { title: '触发', dataIndex: 'trigger', width: 120, render: (t: string, r) => (t === 'manual' ? `手动 · ${r.triggeredBy ?? ''}` : '定时') },
          { title: '耗时', dataIndex: 'durationMs', width: 90, render: duration },
          { title: '结果', dataIndex: 'ok', width: 70, render: resultTag },
          {
            title: '详情',
            key: 'detail',
            render: (_, r) =>
              r.error ? (
                <Typography.Text type="danger">{r.error}</Typography.Text>
              ) : r.result ? (
                <Tooltip title={JSON.stringify(r.result)}>
                  <span className="yq-mono" style={{ fontSize: 12 }}>{JSON.stringify(r.result).slice(0, 60)}</span>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{r.instance}</Typography.Text>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
