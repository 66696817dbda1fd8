import { uploadFile } from '@/server/routers/files-http';

/** Uploads an attachment (raw body, streamed to storage with a size cap); see server/routers/files-http.ts. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(req: Request) {
  return uploadFile(req);
}
