import { useState } from 'react';
import { App, Button, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { PolicyApplicationDetail, PolicyApplicationFile } from '@yuanqi/contract';
import { errorMessage } from '../../app/api';
import { checkBeforeUpload, FILE_ACCEPT, FILE_HINT, formatSize } from '../../components/files';
import { applicationFileUrl, deleteApplicationFile, policyKeys, uploadApplicationFile } from './api';

function FileLine({ a, f, canEdit }: { a: PolicyApplicationDetail; f: PolicyApplicationFile; canEdit: boolean }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <div className="yq-file">
      <PaperClipOutlined />
      <a href={applicationFileUrl(a.id, f.id)} download={f.filename} title={`下载 ${f.filename}`}>
        {f.filename}
      </a>
      <span style={{ color: '#98a2b3', fontSize: 12, flex: 'none' }}>{formatSize(f.size)}</span>
      {canEdit && (
        <Button
          size="small"
          type="text"
          icon={<DeleteOutlined />}
          aria-label={`删除 ${f.filename}`}
          onClick={() =>
            modal.confirm({
              title: `删除“${f.filename}”?`,
              okText: '删除',
              cancelText: '取消',
              okButtonProps: { danger: true },
              onOk: async () => {
                try {
                  await deleteApplicationFile(a.id, f.id);
                  await queryClient.invalidateQueries({ queryKey: policyKeys.application(a.id) });
                } catch (e) {
                  message.error(errorMessage(e));
                }
              },
            })
          }
        />
      )}
    </div>
  );
}

function MaterialUpload({ a, material }: { a: PolicyApplicationDetail; material: string | null }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<number | null>(null);
  return (
    <Upload
      accept={FILE_ACCEPT}
      multiple
      showUploadList={false}
      beforeUpload={checkBeforeUpload(message, 'now')}
      customRequest={({ file, onSuccess, onError }) => {
        setBusy(0);
        uploadApplicationFile(a.id, file as File, material, (p) => setBusy(p.percent))
          .then(async (res) => {
            onSuccess?.(res);
            await queryClient.invalidateQueries({ queryKey: policyKeys.application(a.id) });
          })
          .catch((e: unknown) => {
            message.error(errorMessage(e));
            onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
          })
          .finally(() => setBusy(null));
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy !== null}>
        {busy !== null ? `上传中 ${busy}%` : '上传'}
      </Button>
    </Upload>
  );
}

/** The application's materials: each required item with its files, upload while editable. */
export function MaterialsPanel({ a, canEdit }: { a: PolicyApplicationDetail; canEdit: boolean }) {
  const named = new Set(a.materials.map((m) => m.name));
  const loose = a.files.filter((f) => !f.material || !named.has(f.material));
  return (
    <div>
      {a.materials.map((m) => (
        <div key={m.name} className="yq-material">
          <div className="yq-material-head">
            <span>
              {m.name} {m.required ? <Tag color={m.files.length ? 'green' : 'red'}>{m.files.length ? '已上传' : '必需'}</Tag> : <Tag>选交</Tag>}
            </span>
            {canEdit && <MaterialUpload a={a} material={m.name} />}
          </div>
          {m.hint && <div style={{ fontSize: 12, color: '#667085' }}>{m.hint}</div>}
          {m.files.map((f) => (
            <FileLine key={f.id} a={a} f={f} canEdit={canEdit} />
          ))}
        </div>
      ))}
      {(loose.length > 0 || canEdit) && (
        <div className="yq-material">
          <div className="yq-material-head">
            <span>其他材料</span>
            {canEdit && <MaterialUpload a={a} material={null} />}
          </div>
          {loose.map((f) => (
            <FileLine key={f.id} a={a} f={f} canEdit={canEdit} />
          ))}
        </div>
      )}
      {canEdit && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {FILE_HINT}
        </Typography.Text>
      )}
    </div>
  );
}
