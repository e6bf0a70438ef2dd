import type { ErrorBody, ErrorCode, ErrorDetail } from '@yuanqi/contract';

/** Every failed request becomes one of these; code branches on `code`, never on `message`. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK';
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly requestId?: string;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details: ErrorDetail[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The server no longer knows the session: never logged in, logged out elsewhere, or timed out (SESSION_EXPIRED). */
export function isSignedOut(error: unknown): error is ApiError {
  return isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'SESSION_EXPIRED') || isApiError(error, 'SESSION_ENDED');
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败,请稍后重试';
}

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server says the session is gone (except for the log-in and me probes). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return null;
}

function csrfHeaders(method: string): Record<string, string> {
  if (method === 'GET' || method === 'HEAD') return {};
  const token = readCookie('yq_csrf');
  return token ? { 'X-CSRF-Token': token } : {};
}

const STATUS_FALLBACK: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求有误' },
  401: { code: 'UNAUTHENTICATED', message: '登录已失效,请重新登录' },
  403: { code: 'FORBIDDEN', message: '没有执行此操作的权限' },
  404: { code: 'NOT_FOUND', message: '记录不存在或无权查看' },
  409: { code: 'CONFLICT', message: '数据已被他人修改,请刷新后重试' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '文件过大' },
  423: { code: 'ACCOUNT_LOCKED', message: '账号已锁定' },
  429: { code: 'TOO_MANY_REQUESTS', message: '操作过于频繁,请稍后再试' },
  // A load balancer with no live process answers 502/504 itself, with no JSON body.
  502: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙,请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙,请稍后再试' },
  504: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙,请稍后再试' },
};

/** Builds an ApiError from a status and the (possibly empty or non-JSON) response text. */
export function toApiError(status: number, text: string, url = ''): ApiError {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = text ? (JSON.parse(text) as Partial<ErrorBody>) : null;
  } catch {
    body = null;
  }
  const fallback = STATUS_FALLBACK[status] ?? { code: 'INTERNAL' as const, message: `服务器出错了(${status}),请稍后重试` };
  const err = body?.error;
  const apiError = new ApiError(
    status,
    err?.code ?? fallback.code,
    err?.message || fallback.message,
    Array.isArray(err?.details) ? err.details : [],
    body?.requestId,
  );
  if (isSignedOut(apiError) && !/\/api\/auth\/(me|login)$/.test(url.split('?')[0]!)) {
    for (const listener of unauthenticatedListeners) listener(apiError);
  }
  return apiError;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined, non-empty values of `query`. */
export function toSearch(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal };

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = `${path}${toSearch(options.query)}`;
  const headers: Record<string, string> = { Accept: 'application/json', ...csrfHeaders(method) };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '网络连接失败,请检查网络后重试');
  }
  if (!response.ok) throw toApiError(response.status, await response.text().catch(() => ''), url);
  return response;
}

async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** RFC 6266 / RFC 5987: prefers `filename*=UTF-8''…`, falls back to `filename="…"`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  if (plain) {
    try {
      return decodeURIComponent(plain[1]!.trim());
    } catch {
      return plain[1]!.trim();
    }
  }
  return fallback;
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a file from the API (the session cookie goes along) and returns its file name. */
async function download(path: string, query?: Query, fallbackName = '下载.xlsx'): Promise<string> {
  const response = await send('GET', path, { query });
  const blob = await response.blob();
  const filename = filenameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  saveBlob(blob, filename);
  return filename;
}

export type UploadProgress = { loaded: number; total: number; percent: number };

/** Multipart upload with upload progress (fetch cannot report it, XMLHttpRequest can). */
function upload<T>(
  path: string,
  form: FormData,
  options: { query?: Query; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  const url = `${path}${toSearch(options.query)}`;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (!options.onProgress) return;
      const total = e.lengthComputable ? e.total : 0;
      options.onProgress({ loaded: e.loaded, total, percent: total ? Math.round((e.loaded / total) * 100) : 0 });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError(xhr.status, 'INTERNAL', '服务器返回了无法识别的内容'));
        }
      } else reject(toApiError(xhr.status, xhr.responseText, url));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败,文件未上传'));
    xhr.onabort = () => reject(new DOMException('已取消上传', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  download,
  upload,
};
