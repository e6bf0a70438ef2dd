import { App, Upload, type UploadFile, type UploadProps } from 'antd';

type Message = ReturnType<typeof App.useApp>['message'];

/**
 * What the server takes for any uploaded file (demand attachments, 办件 and 申报 materials): the
 * extension must match the bytes.
 */
export const FILE_ACCEPT = '.jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx';
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
export const FILE_HINT = '支持 jpg、png、pdf、doc(x)、xls(x),单个不超过 20 MB';

const EXTENSIONS = FILE_ACCEPT.split(',').map((e) => e.slice(1));

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
  if (file.size > FILE_MAX_BYTES) return `“${file.name}”大小 ${formatSize(file.size)},超过 20 MB 上限`;
  return null;
}

/**
 * An Upload's `beforeUpload`: refuses (with a message) a file the server would refuse and, given a
 * limit, every file of the batch beyond the `room` left. A kept file is sent at once through the
 * Upload's `customRequest` (`send: 'now'`) or held in its list for the form to send (`'later'`).
 */
export function checkBeforeUpload(
  message: Message,
  send: 'now' | 'later',
  limit?: { room: number; tooMany: string },
): NonNullable<UploadProps['beforeUpload']> {
  return (file, batch) => {
    const problem = fileProblem(file);
    if (problem) {
      message.error(problem);
      return Upload.LIST_IGNORE;
    }
    if (limit && batch.indexOf(file) + 1 > limit.room) {
      message.error(limit.tooMany);
      return Upload.LIST_IGNORE;
    }
    return send === 'now';
  };
}

/**
 * The props of an Upload that only picks files (at most `max`) for a form to send with its own
 * request; nothing is removed while the form is `disabled` (sending).
 */
export function buildPickerProps(
  message: Message,
  { files, onChange, disabled, max, tooMany }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; disabled?: boolean; max: number; tooMany: string },
): UploadProps {
  return {
    multiple: true,
    accept: FILE_ACCEPT,
    fileList: files,
    disabled,
    beforeUpload: checkBeforeUpload(message, 'later', { room: max - files.length, tooMany }),
    onChange: ({ fileList }) => onChange(fileList),
    onRemove: () => !disabled,
  };
}
