import { createTranslator } from 'next-intl';
import type { Db } from '@/db/client';
import enDashboard from '@/messages/en/dashboard.json';
import enLanding from '@/messages/en/landing.json';
import enNeeds from '@/messages/en/needs.json';
import zhDashboard from '@/messages/zh-CN/dashboard.json';
import zhLanding from '@/messages/zh-CN/landing.json';
import zhNeeds from '@/messages/zh-CN/needs.json';
import type { Actor } from '../actor';
import { createRequestContext } from '../context';
import { dashboardOverview } from '../dashboard/dashboard';
import { cellValue, columnHeader, dashboardExportInput, dashboardFilterInput, type DashboardTranslate } from '../dashboard/inputs';
import { AppError } from '../errors';
import { can } from '../permissions';
import { localeOf, NO_STORE, tableDownload } from './download';

/**
 * The HTTP transport of the dashboard's table exports (a file download does not travel through tRPC), thin like a
 * router: `GET /api/dashboard/export?table=volume&format=csv|xlsx&from=2026-01&to=2026-06&field=…&enclave=…`.
 * The same permission and scope as `dashboard.overview` (another incubator's enclave: 404), the same table the page
 * shows under the chart, in the caller's language.
 */

const MESSAGES = {
  'zh-CN': { dashboard: zhDashboard, needs: zhNeeds, landing: zhLanding },
  en: { dashboard: enDashboard, needs: enNeeds, landing: enLanding },
} as const;

const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
const refuse = (code: string, messageKey: string) => Response.json({ error: { messageKey } }, { status: STATUS[code] ?? 400, headers: NO_STORE });

export async function handleDashboardExport(db: Db, actor: Actor | null, url: URL, cookieHeader: string | null): Promise<Response> {
  const q = url.searchParams;
  const what = dashboardExportInput.safeParse({ table: q.get('table'), format: q.get('format') ?? 'csv' });
  const filters = dashboardFilterInput.safeParse({
    from: q.get('from') ?? undefined,
    to: q.get('to') ?? undefined,
    field: q.get('field') ?? undefined,
    enclaveId: q.get('enclave') ?? undefined,
  });
  if (!actor) return refuse('UNAUTHORIZED', 'unauthorized');
  if (!actor.org || !can({ orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status }, 'dashboard.read')) return refuse('FORBIDDEN', 'forbidden');
  if (!what.success || !filters.success) return refuse('BAD_REQUEST', 'invalidInput');
  let overview;
  try {
    overview = await dashboardOverview(db, { ...actor, org: actor.org }, filters.data);
  } catch (e) {
    if (e instanceof AppError) return refuse(e.code, e.messageKey);
    throw e;
  }
  const locale = localeOf(cookieHeader);
  const translator = createTranslator({ locale, messages: MESSAGES[locale] });
  const t = translator as unknown as DashboardTranslate & ((key: string, values: Record<string, string>) => string);
  const table = overview.tables[what.data.table];
  const rows = [table.columns.map((c) => columnHeader(c.key, t)), ...table.rows.map((row) => row.map((v, i) => cellValue(table.columns[i]?.kind ?? 'text', v, t)))];
  const title = t(`dashboard.sections.${what.data.table}`);
  const base = t('dashboard.export.fileName', { table: title, from: overview.filters.from, to: overview.filters.to });
  return tableDownload(what.data.format, base, title, rows);
}

export async function dashboardExport(req: Request): Promise<Response> {
  const ctx = await createRequestContext(req.headers);
  return handleDashboardExport(ctx.db, ctx.actor, new URL(req.url), req.headers.get('cookie'));
}
