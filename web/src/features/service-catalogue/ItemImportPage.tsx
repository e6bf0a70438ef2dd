import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { MATERIALS_CELL_HELP, type ItemImportRejection, type ItemImportResult } from '@yuanqi/contract';
import { api, errorMessage, saveBlob } from '../../app/api';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { downloadItemTemplate, type ItemImportJob } from './api';

const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 500;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing'; processed: number; total: number; phase?: string | null }
  | { kind: 'done'; result: ItemImportResult }
  | { kind: 'failed'; message: string };

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function downloadReport(rows: ItemImportRejection[], sourceName: string) {
  const lines = [['行号', '列', '原因'], ...rows.map((r) => [r.row, r.column, r.message])].map((l) => l.map(csvCell).join(','));
  const blob = new Blob(['\uFEFF', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
  saveBlob(blob, `${sourceName.replace(/\.[^.]+$/, '') || '事项导入'}-未导入行报告.csv`);
}

const isResult = (x: unknown): x is ItemImportResult => !!x && typeof x === 'object' && 'imported' in x && 'rejected' in x;

/** 事项导入: upload with progress, server-side checking with progress, then the per-row report. */
export function ItemImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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

  const finish = (result: ItemImportResult) => {
    setPhase({ kind: 'done', result });
    void queryClient.invalidateQueries({ queryKey: ['service-items'] });
  };

  const poll = (jobId: string, failures = 0) => {
    pollRef.current = window.setTimeout(async () => {
      try {
        const job = await api.get<ItemImportJob>(`/api/jobs/${encodeURIComponent(jobId)}`);
        if (job.status === 'done' && job.result) return finish(job.result);
        if (job.status === 'failed') return setPhase({ kind: 'failed', message: job.error?.message ?? '导入失败,未写入任何数据' });
        setPhase({ kind: 'processing', processed: job.processed, total: job.total, phase: job.phase });
        poll(jobId);
      } catch (e) {
        if (failures < 5) return poll(jobId, failures + 1);
        setPhase({ kind: 'failed', message: `无法获取导入进度:${errorMessage(e)}。导入可能仍在进行,请稍后在事项管理中核对。` });
      }
    }, POLL_MS);
  };

  const start = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const answer = await api.upload<{ jobId: string } | ItemImportResult>('/api/service-items/import', form, {
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

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  return (
    <>
      <PageHeader
        title="事项导入"
        subTitle="从 Excel 实施清单批量新增或更新事项;按实施编码识别,重复导入不会产生重复事项"
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={templateLoading}
            onClick={async () => {
              setTemplateLoading(true);
              try {
                await downloadItemTemplate();
              } catch (e) {
                message.error(errorMessage(e));
              } finally {
                setTemplateLoading(false);
              }
            }}
          >
            下载导入模板
          </Button>
        }
      />
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
                message.error('文件过大,单个文件不超过 20 MB');
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
            <p className="ant-upload-hint">仅支持 .xlsx;表头可在标题行之下,列的顺序不限</p>
          </Upload.Dragger>
          {file && (
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginTop: 16 }}>
              <Space>
                <FileExcelOutlined style={{ color: '#1d6f42', fontSize: 22 }} />
                <span style={{ overflowWrap: 'anywhere' }}>{file.name}</span>
              </Space>
              <Space>
                <Button onClick={reset}>重新选择</Button>
                <Button type="primary" onClick={start}>
                  开始导入
                </Button>
              </Space>
            </div>
          )}
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title="导入规则"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                <li>实施编码、事项名称、事项类型、办件类型、法定/承诺时限、到现场次数新增时必填;已有的实施编码只更新表中出现的列。</li>
                <li>申请材料写在一个单元格里:{MATERIALS_CELL_HELP}</li>
                <li>有问题的行不会导入,逐行列出单元格和原因;全部正确的行在一个事务中写入。</li>
              </ul>
            }
          />
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
                <Typography.Title level={5}>{phase.phase === 'write' ? '正在写入事项清单…' : '正在读取并逐行校验…'}</Typography.Title>
                <Progress
                  percent={phase.total ? Math.floor((phase.processed / phase.total) * 100) : 0}
                  status="active"
                  format={() => (phase.total ? `${phase.processed}/${phase.total} 行` : '准备中')}
                />
              </>
            )}
          </div>
        </Card>
      )}
      {phase.kind === 'done' && <Report result={phase.result} fileName={file?.name ?? ''} onAgain={reset} onList={() => navigate('/admin/service-items')} />}
    </>
  );
}

function Report({ result, fileName, onAgain, onList }: { result: ItemImportResult; fileName: string; onAgain: () => void; onList: () => void }) {
  const rows = new Set(result.rejected.map((r) => r.row)).size;
  const written = result.imported + result.updated + result.unchanged;
  const ok = result.rejected.length === 0;
  const counts = `新增 ${result.imported} 项,更新 ${result.updated} 项${result.unchanged ? `,${result.unchanged} 项无变化` : ''}`;
  return (
    <Card>
      <Result
        status={ok ? 'success' : written > 0 ? 'warning' : 'error'}
        title={ok ? '导入完成' : written > 0 ? '部分导入完成' : '没有导入任何事项'}
        subTitle={ok ? `${counts}。` : `${counts};${rows} 行未导入,原因见下表。`}
        extra={[
          <Button key="list" type="primary" onClick={onList}>
            查看事项
          </Button>,
          <Button key="again" onClick={onAgain}>
            继续导入
          </Button>,
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16, textAlign: 'center' }}>
        <Col xs={12} sm={6}>
          <Statistic title="新增" value={result.imported} suffix="项" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="更新" value={result.updated} suffix="项" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="无变化" value={result.unchanged} suffix="项" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="未导入" value={rows} suffix="行" styles={{ content: { color: rows ? '#d92d20' : undefined } }} />
        </Col>
      </Row>
      {!ok && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              未导入的行({result.rejected.length} 处问题)
            </Typography.Title>
            <Button icon={<DownloadOutlined />} onClick={() => downloadReport(result.rejected, fileName)}>
              下载报告(CSV)
            </Button>
          </div>
          <Table<ItemImportRejection>
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            dataSource={result.rejected}
            scroll={{ x: 520 }}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyHint description="没有未导入的行" /> }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 180 },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
