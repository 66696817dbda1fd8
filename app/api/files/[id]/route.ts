import { downloadFile } from '@/server/routers/files-http';

/** Serves an attachment to those allowed to read it (everyone else: 404); see server/routers/files-http.ts. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return downloadFile(req, (await params).id);
}
