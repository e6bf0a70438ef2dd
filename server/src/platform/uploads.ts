import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { cleanText } from '@yuanqi/contract';
import { AppError, cleanRawInput } from './errors.js';
import { inspectXlsx, zipEntryNames } from './xlsx.js';

/**
 * Every uploaded file comes in through here. Each kind has its own size limit, enforced while the
 * bytes stream in (a 2 GB body is cut off at the limit, not buffered), and its own file types,
 * decided by the bytes (magic numbers, the zip's directory), never by the name or the browser's
 * Content-Type. The name's extension must agree with the bytes, because downloads are served with
 * the type stored here. An Excel import is inspected (zip bomb, rows, columns) before anyone parses it.
 */

const TYPES = {
  jpg: { contentType: 'image/jpeg', label: 'jpg' },
  png: { contentType: 'image/png', label: 'png' },
  pdf: { contentType: 'application/pdf', label: 'pdf' },
  doc: { contentType: 'application/msword', label: 'doc' },
  xls: { contentType: 'application/vnd.ms-excel', label: 'xls' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'xlsx' },
} as const;
export type FileType = keyof typeof TYPES;

const MB = 1024 * 1024;

/** The kinds of upload the platform takes, with their limits. */
export const UPLOAD_KINDS = {
  /** 诉求附件, 办件材料, 申报材料, 政策原文: photos, scans and office documents. */
  attachment: { label: '附件', maxBytes: 20 * MB, types: ['jpg', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx'] },
  /** An Excel sheet to import (企业库, 事项清单, 企业数据). */
  xlsx: { label: 'Excel 导入文件', maxBytes: 10 * MB, types: ['xlsx'] },
  /** A photo. */
  image: { label: '图片', maxBytes: 5 * MB, types: ['jpg', 'png'] },
  /** A provider's invoice against an innovation voucher. */
  invoice: { label: '发票', maxBytes: 10 * MB, types: ['pdf', 'jpg', 'png'] },
} as const satisfies Record<string, { label: string; maxBytes: number; types: readonly FileType[] }>;
export type UploadKind = keyof typeof UPLOAD_KINDS;

export type UploadedFile = { field: string; filename: string; contentType: string; buffer: Buffer };
export type MultipartForm = { fields: Record<string, string>; files: UploadedFile[] };

const EXTENSION_TYPES: Record<string, FileType> = { jpg: 'jpg', jpeg: 'jpg', png: 'png', pdf: 'pdf', doc: 'doc', xls: 'xls', docx: 'docx', xlsx: 'xlsx' };

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

/** What the bytes are, from their signature and, for a zip, the parts it holds. */
export function sniffFileType(buffer: Buffer): FileType | 'ole' | null {
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  // doc and xls are both OLE compound files; the name decides which of the two it is
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buffer);
    if (!names || !names.includes('[Content_Types].xml')) return null;
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('word/document.xml')) return 'docx';
  }
  return null;
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** Drops any path the browser sent and characters a file name should not carry. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // The one text rule decides which characters are control characters; in a file name each is
  // replaced (the name is the user's label for the file, its bytes are what counts).
  const text = [...base].map((c) => (cleanText(c, 'name').ok ? c : '_')).join('');
  const cleaned = text.replace(/[\t\r\n<>:"|?*]/g, '_').trim().slice(-120);
  return cleaned || 'file';
}

const typeList = (kind: UploadKind) => UPLOAD_KINDS[kind].types.map((t) => TYPES[t].label).join('、');
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * Checks one file against its kind: an allowed extension, bytes that are what the extension says.
 * Answers the content type to store and the cleaned name, or a 400 naming the file.
 */
export function checkUpload(kind: UploadKind, filename: string, buffer: Buffer, field = 'file'): { contentType: string; filename: string } {
  const clean = cleanFilename(filename);
  const fail = (message: string) => new AppError('VALIDATION_FAILED', `文件“${clean}”${message}`, [{ path: field, message }]);
  const allowed = UPLOAD_KINDS[kind].types as readonly FileType[];
  const claimed = EXTENSION_TYPES[extensionOf(clean)];
  if (allowed.includes('xlsx') && !allowed.includes('xls') && (claimed === 'xls' || startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fail('是旧版 .xls 文件,请在 Excel 中另存为 .xlsx 后再导入');
  }
  if (!claimed || !allowed.includes(claimed)) throw fail(`类型不支持,${UPLOAD_KINDS[kind].label}仅支持 ${typeList(kind)}`);
  if (buffer.length === 0) throw fail('是空文件');
  const sniffed = sniffFileType(buffer);
  const matches = sniffed === claimed || (sniffed === 'ole' && (claimed === 'doc' || claimed === 'xls'));
  if (!matches) {
    const what = claimed === 'xlsx' || claimed === 'xls' ? 'Excel' : claimed === 'docx' || claimed === 'doc' ? 'Word' : claimed.toUpperCase();
    throw fail(`不是有效的${what}文件:内容与扩展名 .${TYPES[claimed].label} 不符(文件可能已损坏或被改名)`);
  }
  return { contentType: TYPES[claimed].contentType, filename: clean };
}

function tooLarge(kind: UploadKind, filename: string, limit: number, field: string): AppError {
  const message = `文件“${cleanFilename(filename)}”超过${UPLOAD_KINDS[kind].label}大小上限 ${sizeText(limit)}`;
  return new AppError('PAYLOAD_TOO_LARGE', message, [{ path: field, message: `${UPLOAD_KINDS[kind].label}不能超过 ${sizeText(limit)}` }]);
}

/** Reads one file part into memory, refusing it the moment it passes `limit` bytes. */
async function readLimited(part: MultipartFile, kind: UploadKind, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    // leaving the loop destroys the stream: busboy stops and the rest of the body is not kept
    if (size > limit) throw tooLarge(kind, part.filename, limit, part.fieldname);
    chunks.push(chunk);
  }
  // the process-wide ceiling (maxUploadBytes) truncates the stream instead of failing it
  if (part.file.truncated) throw tooLarge(kind, part.filename, Math.min(size, limit), part.fieldname);
  return Buffer.concat(chunks, size);
}

export type ReadMultipartOptions = {
  /** The kind of each file field; null refuses the field. One kind: every file field is that kind. */
  kind: UploadKind | ((field: string) => UploadKind | null);
  /** Files beyond this many are refused (400). */
  maxFiles?: number;
  /** The message when the request is not multipart/form-data. */
  notMultipart?: string;
};

/**
 * Reads a multipart/form-data body: its text fields and its files, each streamed within its
 * kind's limit (413) and checked by its bytes (400). An .xlsx import file is inspected too.
 */
export async function readMultipart(request: FastifyRequest, options: ReadMultipartOptions): Promise<MultipartForm> {
  if (!request.isMultipart()) {
    const message = options.notMultipart ?? '请以 multipart/form-data 上传文件,字段名为 file';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', message, [{ path: 'file', message: '请选择要上传的文件' }]);
  }
  const kindOf = typeof options.kind === 'function' ? options.kind : () => options.kind as UploadKind;
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      fields[part.fieldname] = String(part.value ?? '');
      continue;
    }
    const kind = kindOf(part.fieldname);
    if (!kind) {
      part.file.resume();
      throw new AppError('VALIDATION_FAILED', `不接受文件字段“${part.fieldname}”`, [{ path: 'file', message: `文件字段名“${part.fieldname}”不正确` }]);
    }
    if (options.maxFiles !== undefined && files.length >= options.maxFiles) {
      part.file.resume();
      throw new AppError('VALIDATION_FAILED', `一次最多上传 ${options.maxFiles} 个文件`, [{ path: part.fieldname, message: `最多 ${options.maxFiles} 个文件` }]);
    }
    const buffer = await readLimited(part, kind, UPLOAD_KINDS[kind].maxBytes);
    const checked = checkUpload(kind, part.filename, buffer, part.fieldname);
    if (kind === 'xlsx') await inspectXlsx(buffer);
    files.push({ field: part.fieldname, filename: checked.filename, contentType: checked.contentType, buffer });
  }
  // Text fields follow the platform's one text rule, as JSON bodies do (400 naming the field).
  return { fields: cleanRawInput(fields) as Record<string, string>, files };
}

/** One required file (field `file`) of one kind, e.g. an Excel import. */
export async function readSingleFile(request: FastifyRequest, kind: UploadKind): Promise<UploadedFile> {
  const what = kind === 'xlsx' ? '要导入的 Excel 文件' : '要上传的文件';
  // a JSON body or none: the file is what is missing
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', `请以 multipart/form-data 上传${what},字段名为 file`, [{ path: 'file', message: `请选择${what}` }]);
  const { files } = await readMultipart(request, { kind: (field) => (field === 'file' ? kind : null), maxFiles: 1 });
  const file = files[0];
  if (!file) throw new AppError('VALIDATION_FAILED', `请选择${what}(字段名 file)`, [{ path: 'file', message: `请选择${what}` }]);
  return file;
}
