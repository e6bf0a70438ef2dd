import { useState } from 'react';
import { Alert, App, Button, Card, Progress, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ParcelImportReport } from '@yuanqi/contract';
import { api, errorMessage } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { landKeys } from '../api';
import { ParcelStatusTag, formatMu } from './bits';

type Job = { status: 'running' | 'done' | 'failed'; processed: number; total: number; phase: string | null; result: ParcelImportReport | null; error: { message: string } | null };
const PHASES: Record<string, string> = { parse: '读取文件', check: '逐行检查', write: '写入地块' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 导入地块: a GeoJSON FeatureCollection or the .xlsx template; a dry run lists every bad row, and only a clean file is written (all or nothing), with progress. */
export function ParcelImportPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ParcelImportReport | null>(null);
  const [busy, setBusy] = useState<{ processed: number; total: number; phase: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const geojson = !!file && /\.(geo)?json$/i.test(file.name);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setBusy({ processed: 0, total: 0, phase: 'parse' });
    try {
      let started: { jobId: string };
      if (geojson) {
        started = await api.post<{ jobId: string }>('/api/land/parcels/import/geojson', { content: await file.text(), dryRun }, { async: 'true' });
      } else {
        const form = new FormData();
        form.append('file', file);
        started = await api.upload<{ jobId: string }>('/api/land/parcels/import', form, { query: { dryRun: String(dryRun), async: 'true' } });
      }
      for (;;) {
        await sleep(400);
        const job = await api.get<Job>(`/api/jobs/${started.jobId}`);
        if (job.status === 'running') {
          setBusy({ processed: job.processed, total: job.total, phase: job.phase });
          continue;
        }
        if (job.status === 'failed') throw new Error(job.error?.message ?? '导入失败');
        setReport(job.result);
        if (job.result?.written) {
          message.success(`已导入 ${job.result.created} 宗新地块,更新 ${job.result.updated} 宗`);
          void client.invalidateQueries({ queryKey: landKeys.all });
        }
        break;
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const step = report?.written ? 3 : report && report.errors.length === 0 ? 2 : file ? 1 : 0;
  return (
    <>
      <PageHeader
        title="导入地块"
        subTitle="GeoJSON FeatureCollection 或 Excel 模板;先试导入检查,任何一行有错误整个文件都不写入"
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void api.download('/api/land/parcels/import/template', undefined, '地块导入模板.xlsx').catch((e) => message.error(errorMessage(e)))}>
            下载 Excel 模板
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps current={step} size="small" items={[{ title: '选择文件' }, { title: '试导入检查' }, { title: '确认导入' }, { title: '完成' }]} style={{ marginBottom: 16 }} />
        <Upload.Dragger
          accept=".xlsx,.geojson,.json"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            setError(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
          fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .xlsx / .geojson 文件</p>
          <Typography.Text type="secondary">Excel 列:地块编号、名称、用途、面积(亩)、坐标(WKT 或“经度,纬度;…”)、状态、企业统一社会信用代码…;GeoJSON 要素的属性用同样的列名或 code、name、plannedUse、declaredAreaMu、status、uscc</Typography.Text>
        </Upload.Dragger>
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => void run(true)} disabled={!file || !!busy}>
            试导入(只检查)
          </Button>
          <Button type="primary" onClick={() => void run(false)} disabled={!file || !!busy || !report || report.errors.length > 0 || report.written || !report.dryRun}>
            确认导入
          </Button>
        </Space>
        {busy && (
          <div style={{ marginTop: 16 }} data-testid="import-progress">
            <Typography.Text>{PHASES[busy.phase ?? 'parse'] ?? '处理中'}…</Typography.Text>
            <Progress percent={busy.total ? Math.round((busy.processed / busy.total) * 100) : 0} status="active" />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      </Card>
      {report && report.errors.length > 0 && (
        <Card title={`发现 ${report.errors.length} 处错误,未写入任何地块(共 ${report.total} 行,${report.valid} 行无误)`} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.message}`} dataSource={report.errors} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[{ title: '行', dataIndex: 'row', width: 70 }, { title: '列', dataIndex: 'column', width: 160 }, { title: '问题', dataIndex: 'message' }]} />
        </Card>
      )}
      {report && report.errors.length === 0 && (
        <Card size="small" title={report.written ? undefined : `检查通过:${report.total} 行,新增 ${report.created} 宗,更新 ${report.updated} 宗;确认后一次写入`} style={{ marginBottom: 16 }}>
          {report.written && <Result status="success" title={`已导入:新增 ${report.created} 宗,更新 ${report.updated} 宗`} extra={<Link to="/land/parcels">查看地块台账</Link>} />}
          <Table
            size="small"
            rowKey="row"
            dataSource={report.preview}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '地块编号', dataIndex: 'code', render: (c: string, r) => (<Space size={4}>{c}{r.exists && <Tag>更新</Tag>}</Space>) },
              { title: '状态', dataIndex: 'status', render: (s) => <ParcelStatusTag status={s} /> },
              { title: '计算面积', dataIndex: 'areaMu', render: (v: number) => formatMu(v) },
              { title: '证载面积', dataIndex: 'declaredAreaMu', render: (v: number | null, r) => (<span style={{ color: r.areaDiffers ? '#cf1322' : undefined }}>{formatMu(v)}{r.areaDiffers ? '(差异超2%)' : ''}</span>) },
              { title: '企业', dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
