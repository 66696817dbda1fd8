import { registrationExport } from '@/server/routers/contracts-http';

/**
 * 技术合同认定登记 export of one contract as CSV or XLSX (`?format=csv|xlsx`), authorised by the session cookie:
 * the parties and the bureau get the file, anyone else 404. See server/routers/contracts-http.ts.
 */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return registrationExport(req, (await params).id);
}
