import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppError } from '@/server/errors';

/**
 * What a server action answers a form: a general error and field errors as translation keys (under the
 * `errors` namespace), plus the values to put back (never passwords). The same keys the tRPC error
 * formatter sends to client-side forms, so one translation serves both.
 */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export interface FormState {
  ok?: boolean;
  error?: Problem;
  fields?: Record<string, Problem>;
  values?: Record<string, string>;
}

/** The error of a failed procedure call as form state; anything unexpected is logged and answered generically. */
/** The domain's AppError, recognised by shape (app/ imports no domain code, only its types). */
function isAppError(e: unknown): e is AppError {
  return e instanceof Error && e.name === 'AppError' && 'messageKey' in e && 'fields' in e;
}

export function formStateFromError(error: unknown, values?: Record<string, string>): FormState {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (isAppError(cause)) {
    return {
      error: { key: cause.messageKey, params: cause.params },
      fields: Object.fromEntries(Object.entries(cause.fields).map(([field, key]) => [field, { key }])),
      values,
    };
  }
  if (cause instanceof ZodError) {
    const fields: Record<string, Problem> = {};
    for (const issue of cause.issues) {
      const path = issue.path.join('.') || '_';
      if (fields[path]) continue;
      const params: Record<string, string | number> = {};
      if ('minimum' in issue) params.min = Number(issue.minimum);
      if ('maximum' in issue) params.max = Number(issue.maximum);
      fields[path] = { key: issue.message.startsWith('v.') ? issue.message : `v.${issue.code}`, params };
    }
    return { error: { key: 'invalidInput' }, fields, values };
  }
  if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return { error: { key: 'unauthorized' }, values };
  console.error('[form]', error);
  return { error: { key: 'internal' }, values };
}

/** A form field's text value ('' when absent). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
