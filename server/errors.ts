/**
 * The one error type of the domain. `code` decides the HTTP/tRPC status; `messageKey` is a key under the
 * `errors` namespace of messages/, translated where it is shown (never an English sentence from the server).
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PRECONDITION_FAILED';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Field-level errors for forms: field path → message key. */
    readonly fields: Record<string, string> = {},
  ) {
    super(messageKey);
    this.name = 'AppError';
  }
}

/** Outsiders get the same answer whether a resource exists or not. */
export const notFound = () => new AppError('NOT_FOUND', 'notFound');
export const forbidden = (key = 'forbidden') => new AppError('FORBIDDEN', key);
export const badRequest = (key: string, fields: Record<string, string> = {}, params: Record<string, string | number> = {}) =>
  new AppError('BAD_REQUEST', key, params, fields);
export const conflict = (key: string, params: Record<string, string | number> = {}) => new AppError('CONFLICT', key, params);
