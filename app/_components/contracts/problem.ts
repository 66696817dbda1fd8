import type { Problem } from '../../_lib/form-state';

/**
 * The answer of a failed tRPC call as translation keys (under `errors`): the server's error formatter puts
 * `{ messageKey, params, fields }` in `error.data.app` (server/trpc.ts); a network failure has none.
 */
export interface CallProblem {
  error: Problem;
  fields: Record<string, Problem>;
}

export function problemOf(error: unknown): CallProblem {
  const app = (error as { data?: { app?: { messageKey?: string; params?: Record<string, string | number>; fields?: Record<string, Problem> } } } | null)?.data?.app;
  if (!app?.messageKey) return { error: { key: 'internal' }, fields: {} };
  return { error: { key: app.messageKey, params: app.params }, fields: app.fields ?? {} };
}
