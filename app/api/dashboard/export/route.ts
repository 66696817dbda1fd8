import { dashboardExport } from '@/server/routers/dashboard-http';

/**
 * One dashboard table as CSV or XLSX (`?table=…&format=csv|xlsx` plus the page's filters), authorised by the session
 * cookie like `dashboard.overview`. See server/routers/dashboard-http.ts.
 */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return dashboardExport(req);
}
