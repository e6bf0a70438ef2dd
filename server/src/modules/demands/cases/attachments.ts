import { AppError } from '../../../platform/errors.js';

/** File types a demand may carry: photos, scans and office documents. */
const TYPES = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Extension = keyof typeof TYPES;

export const ALLOWED_EXTENSIONS = Object.keys(TYPES) as Extension[];
export const MAX_ATTACHMENTS_PER_DEMAND = 10;

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

/** What the bytes are, from their signature: never trust the name or the browser's type alone. */
function sniff(buffer: Buffer): 'jpg' | 'png' | 'pdf' | 'ole' | 'zip' | null {
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

/** An OOXML file names its main part in the zip's local headers near the start. */
function zipHas(buffer: Buffer, prefix: string): boolean {
  return buffer.subarray(0, Math.min(buffer.length, 256 * 1024)).includes(Buffer.from(prefix, 'latin1'));
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/**
 * Checks an upload's extension against its magic bytes; answers the content type to store, or a
 * 400 naming the file. Office files must be what their extension says (a .docx holds word/).
 */
export function checkAttachment(filename: string, buffer: Buffer): { contentType: string; filename: string } {
  const clean = cleanFilename(filename);
  const ext = extensionOf(clean) as Extension;
  const fail = (message: string) => new AppError('VALIDATION_FAILED', `文件“${clean}”${message}`, [{ path: 'file', message }]);
  if (!(ext in TYPES)) throw fail(`类型不支持,仅支持 ${ALLOWED_EXTENSIONS.filter((e) => e !== 'jpeg').join('、')}`);
  if (buffer.length === 0) throw fail('是空文件');
  const kind = sniff(buffer);
  const matches =
    ((ext === 'jpg' || ext === 'jpeg') && kind === 'jpg') ||
    (ext === 'png' && kind === 'png') ||
    (ext === 'pdf' && kind === 'pdf') ||
    ((ext === 'doc' || ext === 'xls') && kind === 'ole') ||
    (ext === 'docx' && kind === 'zip' && zipHas(buffer, 'word/')) ||
    (ext === 'xlsx' && kind === 'zip' && zipHas(buffer, 'xl/'));
  if (!matches) throw fail('的内容与扩展名不符(文件可能已损坏或被改名)');
  return { contentType: TYPES[ext], filename: clean };
}

/** Drops any path the browser sent and characters a file name should not carry. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim().slice(-120);
  return cleaned || 'file';
}
