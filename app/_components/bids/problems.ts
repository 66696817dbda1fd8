import type { Problem } from '../../_lib/form-state';

/**
 * What a failed tRPC mutation tells a form: the general message and field errors, as keys under the
 * `errors` namespace (server/trpc.ts puts them in `error.data.app`). Field paths lose the `content.`
 * prefix of the bid procedures' input, so zod's and the domain's paths name the same field.
 */
export interface Problems {
  error?: Problem;
  fields: Record<string, Problem>;
}

interface AppData {
  messageKey: string;
  params?: Record<string, string | number>;
  fields?: Record<string, { key: string; params?: Record<string, string | number> }>;
}

export function problemsOf(error: unknown): Problems {
  const app = (error as { data?: { app?: AppData } } | null)?.data?.app;
  if (!app) return { error: { key: 'internal' }, fields: {} };
  const fields: Record<string, Problem> = {};
  for (const [path, problem] of Object.entries(app.fields ?? {})) fields[path.replace(/^content\./, '')] = problem;
  return { error: { key: app.messageKey, params: app.params }, fields };
}

export const NO_PROBLEMS: Problems = { fields: {} };
