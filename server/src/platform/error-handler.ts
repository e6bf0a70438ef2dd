import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '@yuanqi/contract';
import { AppError } from './errors.js';

type PgError = { code?: string; detail?: string; constraint?: string; message?: string };

export const UNAVAILABLE_MESSAGE = '系统繁忙,请稍后再试';

/** Messages node-postgres and pg-pool raise without a SQLSTATE when the server goes away. */
const CONNECTION_LOST = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection terminated unexpectedly',
  'Client was closed and is not queryable',
];

/**
 * The database is there but cannot serve for now: unreachable (restart, network), shutting down or
 * starting up, read-only, out of disk or memory, a statement cut by `statement_timeout`. The client
 * gets 503 and retries; nothing was acknowledged, so nothing acknowledged is lost.
 */
export function isDatabaseUnavailable(err: PgError & { errno?: unknown; syscall?: string }): boolean {
  const code = err.code ?? '';
  if (/^08/.test(code)) return true; // connection_exception class
  if (/^57P0[1-4]$/.test(code)) return true; // admin/crash shutdown, cannot_connect_now, database_dropped
  if (/^53/.test(code)) return true; // insufficient_resources: disk full, out of memory, too many connections
  if (code === '25006') return true; // read_only_sql_transaction
  if (code === '57014') return true; // query_canceled (statement_timeout)
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') return true;
  const message = err.message ?? '';
  return CONNECTION_LOST.some((m) => message.includes(m));
}

/** Database errors that bad input can cause become 4xx; a duplicate key names what is duplicated. */
function fromDatabase(err: PgError): AppError | null {
  switch (err.code) {
    case '23505':
      return new AppError('CONFLICT', '数据已存在,不能重复提交', [{ path: err.constraint ?? '', message: '重复' }]);
    case '23503':
      return new AppError('VALIDATION_FAILED', '引用的记录不存在', [{ path: err.constraint ?? '', message: '引用的记录不存在' }]);
    case '23514':
      return new AppError('VALIDATION_FAILED', '数据不符合约束条件', [{ path: err.constraint ?? '', message: '数据不符合约束条件' }]);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError('VALIDATION_FAILED', '输入的数据格式不正确或超出范围');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', '数据正被他人修改,请稍后重试');
    default:
      return isDatabaseUnavailable(err) ? new AppError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE) : null;
  }
}

function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', '请求体不是有效的 JSON', [{ path: '', message: '请求体不是有效的 JSON' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', '请求体不能为空');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', '上传的内容过大');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件', [{ path: 'file', message: '请上传文件' }]);
    default:
      break;
  }
  if (err.statusCode === 429) return new AppError('TOO_MANY_REQUESTS', '请求过于频繁,请稍后再试');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('BAD_REQUEST', '请求格式不正确');
  }
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    let appError: AppError | null = null;
    if (error instanceof AppError) appError = error;
    else if (error && typeof error === 'object') {
      appError = fromDatabase(error as PgError) ?? fromFastify(error as FastifyError);
    }
    if (!appError) {
      request.log.error({ err: error }, 'unexpected error');
      appError = new AppError('INTERNAL', '系统繁忙,请稍后再试');
    } else if (appError.status >= 500) {
      request.log.error({ err: error }, 'server error');
    }
    if (appError.code === 'SERVICE_UNAVAILABLE') reply.header('retry-after', '5');
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, details: appError.details },
      requestId: request.id,
    };
    reply.status(appError.status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'NOT_FOUND', message: '接口不存在', details: [] },
      requestId: request.id,
    };
    reply.status(404).send(body);
  });
}
