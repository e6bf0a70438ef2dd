import { useState } from 'react';
import { App, Button, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import {
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { DemandAttachment, DemandDetail } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../components/format';
import { attachmentUrl, demandKeys, uploadDemandAttachment } from './api';

/** What the server takes (attachments.ts): the extension must match the bytes. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx';
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 10;
export const ATTACHMENT_HINT = '支持 jpg、png、pdf、doc(x)、xls(x),单个不超过 20 MB,最多 10 个';

const EXTENSIONS = ATTACHMENT_ACCEPT.split(',').map((e) => e.slice(1));

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The reason a file cannot be sent, checked before any byte leaves the phone. */
export function fileProblem(file: { name: string; size: number }): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!EXTENSIONS.includes(ext)) return `“${file.name}”类型不支持,仅支持 jpg、png、pdf、doc(x)、xls(x)`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `“${file.name}”大小 ${formatSize(file.size)},超过 20 MB 上限`;
  return null;
}

function iconOf(name: string) {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (ext === 'pdf') return <FilePdfOutlined style={{ color: '#d92d20' }} />;
  if (ext === 'doc' || ext === 'docx') return <FileWordOutlined style={{ color: '#1554ad' }} />;
  if (ext === 'xls' || ext === 'xlsx') return <FileExcelOutlined style={{ color: '#067647' }} />;
  if (ext === 'jpg' || ext === 'jpeg' || ext === 'png') return <FileImageOutlined style={{ color: '#7a5af8' }} />;
  return <FileOutlined />;
}

export function AttachmentList({ demandId, items }: { demandId: string; items: DemandAttachment[] }) {
  if (items.length === 0) return null;
  return (
    <div className="yq-attachments">
      {items.map((a) => (
        <a key={a.id} className="yq-attachment" href={attachmentUrl(demandId, a.id)} download={a.filename} title={`下载 ${a.filename}`}>
          <span className="yq-attachment-icon">{iconOf(a.filename)}</span>
          <span className="yq-attachment-text">
            <span className="yq-attachment-name">{a.filename}</span>
            <span className="yq-attachment-meta">
              {formatSize(a.size)} · {a.uploadedByName ?? '—'} · {formatDateTime(a.uploadedAt)}
            </span>
          </span>
        </a>
      ))}
    </div>
  );
}

/**
 * Files chosen on the filing form, sent once the demand exists. The list shows each file's upload
 * progress while the form submits.
 */
export function AttachmentPicker({ files, onChange, disabled }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; disabled?: boolean }) {
  const { message } = App.useApp();
  const props: UploadProps = {
    multiple: true,
    accept: ATTACHMENT_ACCEPT,
    fileList: files,
    disabled,
    beforeUpload: (file, batch) => {
      const problem = fileProblem(file);
      if (problem) {
        message.error(problem);
        return Upload.LIST_IGNORE;
      }
      const index = batch.indexOf(file);
      if (files.length + index + 1 > ATTACHMENT_MAX_COUNT) {
        message.error(`最多上传 ${ATTACHMENT_MAX_COUNT} 个附件`);
        return Upload.LIST_IGNORE;
      }
      return false;
    },
    onChange: ({ fileList }) => onChange(fileList),
    onRemove: () => !disabled,
  };
  return (
    <>
      <Upload {...props}>
        <Button icon={<PaperClipOutlined />} disabled={disabled || files.length >= ATTACHMENT_MAX_COUNT}>
          添加附件
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {ATTACHMENT_HINT}
      </Typography.Text>
    </>
  );
}

/** Uploads straight to an existing demand, one request per file, each with its progress bar. */
export function AttachmentUploader({ demand }: { demand: DemandDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const room = ATTACHMENT_MAX_COUNT - demand.attachments.length;

  const props: UploadProps = {
    multiple: true,
    accept: ATTACHMENT_ACCEPT,
    fileList: uploading,
    beforeUpload: (file, batch) => {
      const problem = fileProblem(file);
      if (problem) {
        message.error(problem);
        return Upload.LIST_IGNORE;
      }
      if (batch.indexOf(file) + 1 > room) {
        message.error(`每件诉求最多 ${ATTACHMENT_MAX_COUNT} 个附件(已有 ${demand.attachments.length} 个)`);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: ({ file, onProgress, onSuccess, onError }) => {
      uploadDemandAttachment(demand.id, file as File, (p) => onProgress?.({ percent: p.percent }))
        .then((detail) => {
          queryClient.setQueryData(demandKeys.detail(demand.id), detail);
          onSuccess?.(detail);
        })
        .catch((e: unknown) => {
          message.error(errorMessage(e));
          onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
        });
    },
    // a finished file moves to the attachment list above; failures stay with their reason
    onChange: ({ fileList }) =>
      setUploading(fileList.filter((f) => f.status !== 'done').map((f) => (f.status === 'error' ? { ...f, response: errorMessage(f.error) } : f))),
  };
  return (
    <div>
      <Upload {...props}>
        <Button icon={<UploadOutlined />} disabled={room <= 0}>
          上传附件
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {ATTACHMENT_HINT}
      </Typography.Text>
    </div>
  );
}
