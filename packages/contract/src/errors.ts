/**
 * Error codes of the HTTP API. Every code maps to exactly one HTTP status; the `satisfies`
 * check makes a missing mapping a compile error.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  CALENDAR_YEAR_MISSING: 400,
  UNAUTHENTICATED: 401,
  /** The session ran past its idle or absolute timeout (the web says 登录已超时). */
  SESSION_EXPIRED: 401,
  /** The session was ended by an admin (在线用户 → 强制下线). */
  SESSION_ENDED: 401,
  INVALID_CREDENTIALS: 401,
  /** Too many failed log-ins from this address: the log-in needs an image captcha. */
  CAPTCHA_REQUIRED: 400,
  CAPTCHA_INVALID: 400,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  ACCOUNT_LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  /** The database cannot be reached or refuses writes for now (restart, read-only, disk full): retry later. */
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetail = { path: string; message: string };

/** The body of every failed API response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
  requestId?: string;
};
