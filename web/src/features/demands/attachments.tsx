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
import { buildPickerProps, checkBeforeUpload, FILE_ACCEPT, FILE_HINT, formatSize } from '../../components/files';
import { formatDateTime } from '../../components/format';
import { attachmentUrl, demandKeys, uploadDemandAttachment } from './api';

export const ATTACHMENT_MAX_COUNT = 10;
export const ATTACHMENT_HINT = `${FILE_HINT},最多 ${ATTACHMENT_MAX_COUNT} 个`;

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
  const props = buildPickerProps(message, { files, onChange, disabled, max: ATTACHMENT_MAX_COUNT, tooMany: `最多上传 ${ATTACHMENT_MAX_COUNT} 个附件` });
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
    accept: FILE_ACCEPT,
    fileList: uploading,
    beforeUpload: checkBeforeUpload(message, 'now', { room, tooMany: `每件诉求最多 ${ATTACHMENT_MAX_COUNT} 个附件(已有 ${demand.attachments.length} 个)` }),
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
