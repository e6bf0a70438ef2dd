import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage, saveBlob } from '../app/api';
import { EmptyHint } from './EmptyHint';
import { PageHeader } from './PageHeader';
import { useScreens } from './useScreens';

/** The server's limit for an Excel import (server/src/platform/uploads.ts, kind xlsx). */
const MAX_BYTES = 10 * 1024 * 1024;
const POLL_MS = 500;

/** One problem in one cell of an imported sheet. */
export type ExcelImportRejection = { row: number; column: string; message: string };
/** What the server answers for an import (directly, or as the result of its job). */
export type ExcelImportResult = { imported: number; updated: number; unchanged: number; rejected: ExcelImportRejection[] };

type ImportJob = {
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  /** 'parse' while rows are read and checked, 'write' while they are saved. */
  phase?: string | null;
  result: ExcelImportResult | null;
  error: { message: string } | null;
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing'; processed: number; total: number; phase?: string | null }
  | { kind: 'done'; result: ExcelImportResult }
  | { kind: 'failed'; message: string };

/** The domain words and places an import page differs by; everything else is shared. */
export type ExcelImportProps = {
  title: string;
  subTitle: string;
  /** POST endpoint taking the multipart `file`, e.g. `/api/enterprises/import`. */
  endpoint: string;
  downloadTemplate: () => Promise<unknown>;
  /** React-query key root refreshed once the import is written. */
  invalidate: string;
  /** Measure word of one imported record: 家 / 项. */
  unit: string;
  /** What is imported, for “没有导入任何企业”. */
  noun: string;
  /** The list page to check the result in: its name (企业库), path and button label. */
  listName: string;
  listPath: string;
  listButton: string;
  /** How the per-row report CSV is named when the file name has no base. */
  reportName: string;
  uploadHint: string;
  rules: ReactNode;
  /** Title shown while the server works, by job phase ('parse' | 'write' | none yet). */
  processingTitle: (phase: string | null | undefined) => string;
  processingNote?: string;
  /** Steps shown above the page (download template → choose → upload → result), if any. */
  steps?: { title: string; content: string }[];
  /** The “, N 项无变化” part of the result line. */
  unchangedText: (n: number) => string;
  /** Said after the counts when no row was rejected (default “。”). */
  allGoodText?: string;
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV with a BOM so that Excel opens the Chinese text correctly. */
function downloadRejections(rows: ExcelImportRejection[], sourceName: string, fallbackName: string) {
  const lines = [['行号', '列', '原因'], ...rows.map((r) => [r.row, r.column, r.message])].map((l) => l.map(csvCell).join(','));
  const blob = new Blob(['\uFEFF', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
  saveBlob(blob, `${sourceName.replace(/\.[^.]+$/, '') || fallbackName}-未导入行报告.csv`);
}

const isResult = (x: unknown): x is ExcelImportResult => !!x && typeof x === 'object' && 'imported' in x && 'rejected' in x;

/** Excel import page: upload with progress, server-side job with progress, then the per-row report. */
export function ExcelImport(props: ExcelImportProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = useScreens();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [templateLoading, setTemplateLoading] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const pollRef = useRef<number | null>(null);

  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (pollRef.current) window.clearTimeout(pollRef.current);
    },
    [],
  );

  const finish = (result: ExcelImportResult) => {
    setPhase({ kind: 'done', result });
    void queryClient.invalidateQueries({ queryKey: [props.invalidate] });
  };

  const poll = (jobId: string, failures = 0) => {
    pollRef.current = window.setTimeout(async () => {
      try {
        const job = await api.get<ImportJob>(`/api/jobs/${encodeURIComponent(jobId)}`);
        if (job.status === 'done' && job.result) return finish(job.result);
        if (job.status === 'failed') return setPhase({ kind: 'failed', message: job.error?.message ?? '导入失败,文件未写入任何数据' });
        setPhase({ kind: 'processing', processed: job.processed, total: job.total, phase: job.phase });
        poll(jobId);
      } catch (e) {
        // a blip in the network should not lose track of a running import
        if (failures < 5) return poll(jobId, failures + 1);
        setPhase({ kind: 'failed', message: `无法获取导入进度:${errorMessage(e)}。导入可能仍在进行,请稍后在${props.listName}中核对。` });
      }
    }, failures ? POLL_MS * 2 : POLL_MS);
  };

  const start = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const answer = await api.upload<{ jobId: string } | ExcelImportResult>(props.endpoint, form, {
        query: { async: 'true' },
        signal: controller.signal,
        onProgress: (p) => setPhase({ kind: 'uploading', percent: p.percent }),
      });
      if (isResult(answer)) return finish(answer);
      setPhase({ kind: 'processing', processed: 0, total: 0 });
      poll(answer.jobId);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        setPhase({ kind: 'idle' });
        message.info('已取消上传');
        return;
      }
      setPhase({ kind: 'failed', message: errorMessage(e) });
    }
  };

  const reset = () => {
    setFile(null);
    setPhase({ kind: 'idle' });
  };

  const getTemplate = async () => {
    setTemplateLoading(true);
    try {
      await props.downloadTemplate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setTemplateLoading(false);
    }
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const current = phase.kind === 'idle' ? (file ? 1 : 0) : busy ? 2 : 3;

  return (
    <>
      <PageHeader
        title={props.title}
        subTitle={props.subTitle}
        extra={
          <Button icon={<DownloadOutlined />} loading={templateLoading} onClick={getTemplate}>
            下载导入模板
          </Button>
        }
      />
      {props.steps && (
        <Card style={{ marginBottom: 16 }}>
          <Steps
            current={current}
            size="small"
            orientation={screens.md ? 'horizontal' : 'vertical'}
            status={phase.kind === 'failed' ? 'error' : undefined}
            items={props.steps}
          />
        </Card>
      )}

      {(phase.kind === 'idle' || phase.kind === 'failed') && (
        <Card>
          {phase.kind === 'failed' && <Alert type="error" showIcon title="导入失败" description={phase.message} style={{ marginBottom: 16 }} />}
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              if (!/\.xlsx$/i.test(f.name)) {
                message.error('请选择 .xlsx 格式的 Excel 文件(旧版 .xls 请先另存为 .xlsx)');
                return Upload.LIST_IGNORE;
              }
              if (f.size > MAX_BYTES) {
                message.error(`文件过大(${formatBytes(f.size)}),单个文件不超过 ${formatBytes(MAX_BYTES)}`);
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              if (phase.kind === 'failed') setPhase({ kind: 'idle' });
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将 Excel 文件拖到此处</p>
            <p className="ant-upload-hint">{props.uploadHint}</p>
          </Upload.Dragger>
          {file && (
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginTop: 16 }}>
              <Space>
                <FileExcelOutlined style={{ color: '#1d6f42', fontSize: 22 }} />
                <span style={{ overflowWrap: 'anywhere' }}>{file.name}</span>
                <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
              </Space>
              <Space>
                <Button onClick={reset}>重新选择</Button>
                <Button type="primary" onClick={start}>
                  开始导入
                </Button>
              </Space>
            </div>
          )}
          <Alert type="info" showIcon style={{ marginTop: 16 }} title="导入规则" description={props.rules} />
        </Card>
      )}

      {busy && (
        <Card>
          <div style={{ maxWidth: 560, margin: '24px auto', textAlign: 'center' }}>
            {phase.kind === 'uploading' ? (
              <>
                <Typography.Title level={5}>正在上传 {file?.name}</Typography.Title>
                <Progress percent={phase.percent} status="active" />
                <Button style={{ marginTop: 16 }} onClick={() => abortRef.current?.abort()}>
                  取消上传
                </Button>
              </>
            ) : (
              <>
                <Typography.Title level={5}>{props.processingTitle(phase.phase)}</Typography.Title>
                <Progress
                  percent={phase.total ? Math.floor((phase.processed / phase.total) * 100) : 0}
                  status="active"
                  format={() => (phase.total ? `${phase.processed}/${phase.total} 行` : '准备中')}
                />
                {props.processingNote && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                    {props.processingNote}
                  </Typography.Paragraph>
                )}
              </>
            )}
          </div>
        </Card>
      )}

      {phase.kind === 'done' && (
        <ImportReport {...props} result={phase.result} fileName={file?.name ?? ''} onAgain={reset} onList={() => navigate(props.listPath)} />
      )}
    </>
  );
}

function ImportReport({
  result,
  fileName,
  onAgain,
  onList,
  unit,
  noun,
  listButton,
  reportName,
  unchangedText,
  allGoodText = '。',
}: ExcelImportProps & { result: ExcelImportResult; fileName: string; onAgain: () => void; onList: () => void }) {
  const rejected = result.rejected ?? [];
  const rowsRejected = new Set(rejected.map((r) => r.row)).size;
  const ok = rejected.length === 0;
  const unchanged = result.unchanged ?? 0;
  const written = result.imported + result.updated + unchanged;
  const counts = `新增 ${result.imported} ${unit},更新 ${result.updated} ${unit}${unchanged ? unchangedText(unchanged) : ''}`;
  return (
    <Card>
      <Result
        status={ok ? 'success' : written > 0 ? 'warning' : 'error'}
        title={ok ? '导入完成' : written > 0 ? '部分导入完成' : `没有导入任何${noun}`}
        subTitle={ok ? `${counts}${allGoodText}` : `${counts};${rowsRejected} 行未导入,原因见下表。`}
        extra={[
          <Button key="list" type="primary" onClick={onList}>
            {listButton}
          </Button>,
          <Button key="again" onClick={onAgain}>
            继续导入
          </Button>,
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16, textAlign: 'center' }}>
        <Col xs={12} sm={6}>
          <Statistic title="新增" value={result.imported} suffix={unit} styles={{ content: { color: '#12b76a' } }} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="更新" value={result.updated} suffix={unit} styles={{ content: { color: '#1554ad' } }} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="无变化" value={unchanged} suffix={unit} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="未导入" value={rowsRejected} suffix="行" styles={{ content: { color: rowsRejected ? '#d92d20' : undefined } }} />
        </Col>
      </Row>
      {!ok && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              未导入的行({rejected.length} 处问题)
            </Typography.Title>
            <Button icon={<DownloadOutlined />} onClick={() => downloadRejections(rejected, fileName, reportName)}>
              下载报告(CSV)
            </Button>
          </div>
          <Table<ExcelImportRejection>
            size="small"
            rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
            dataSource={rejected}
            scroll={{ x: 520 }}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
            locale={{ emptyText: <EmptyHint description="没有未导入的行" /> }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
              { title: '列', dataIndex: 'column', width: 180 },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
