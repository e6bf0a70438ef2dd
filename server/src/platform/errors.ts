import { ERROR_STATUS, FIELD_LABELS, cleanInput, type ErrorCode, type ErrorDetail } from '@yuanqi/contract';
import type { z } from 'zod';

/** The one error type services throw; the error handler renders it. `message` is Chinese. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details: ErrorDetail[] = []) => new AppError('CONFLICT', message, details);
export const invalidState = (message: string) => new AppError('INVALID_STATE', message);

export function labelOf(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  return FIELD_LABELS[last] ?? last;
}

/** Turns zod issues into details that name each field in Chinese. */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const label = path ? labelOf(path) : '请求';
    const message = issue.message.includes(label) ? issue.message : `${label}:${issue.message}`;
    return { path, message };
  });
}

export function validationError(details: ErrorDetail[]): AppError {
  const first = details[0]?.message ?? '输入有误';
  const message = details.length > 1 ? `${first}(共${details.length}处错误)` : first;
  return new AppError('VALIDATION_FAILED', message, details);
}

/**
 * Applies the platform's one text rule (contract `cleanInput`: control characters refused, line
 * breaks folded in single-line fields) to a raw input; throws a 400 naming each refused field.
 */
export function cleanRawInput(input: unknown): unknown {
  const { value, issues } = cleanInput(input, labelOf);
  if (issues.length) throw validationError(issues);
  return value;
}

/** Parses `input` with `schema` or throws a 400 that names every wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(cleanRawInput(input ?? {}));
  if (!result.success) throw validationError(zodDetails(result.error));
  return result.data;
}
