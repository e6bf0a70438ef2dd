import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';

export type Upload = { filename: string; buffer: Buffer };

/** Reads a multipart body: its files and its plain fields (kind, material …). */
export async function readMultipart(request: FastifyRequest): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件,字段名为 file', [{ path: 'file', message: '请选择要上传的文件' }]);
  }
  const files: Upload[] = [];
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') files.push({ filename: part.filename, buffer: await part.toBuffer() });
    else fields[part.fieldname] = String(part.value ?? '');
  }
  return { files, fields };
}
