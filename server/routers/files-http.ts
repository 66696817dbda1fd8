import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { createRequestContext } from '../context';
import { AppError, type AppErrorCode } from '../errors';
import { openAttachment, uploadNeedAttachment, uploadOwnFile } from '../files/attachments';
import { fromWebStream, MAX_UPLOAD_BYTES } from '../files/storage';

/**
 * The HTTP transport of attachments (files do not travel well through tRPC): thin like a router — read
 * the request, find the actor from the session cookie, call the domain (server/files/attachments.ts),
 * answer. app/api/files/route.ts (upload) and app/api/files/[id]/route.ts (download) mount these.
 *
 * Upload: `POST /api/files?needId=…&confidential=0|1` with the raw bytes as the body (so the browser can
 * report progress and abort) and the file name in `X-File-Name` (URI-encoded, display only). Without
 * `needId` the file is the actor's organisation's own (a team's bid attachment or deliverable); with
 * `for=message` it is a file for a message, which any organisation's member may send; with `for=landing` it is
 * evidence for a landing project's gate, which the project's team (a research team or a company) uploads.
 */

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
};

/** Errors answer like tRPC's: a message key (under `errors`) the page translates, never a sentence. */
function errorResponse(error: AppError): Response {
  const status = error.messageKey === 'files.tooLarge' ? 413 : STATUS[error.code];
  return Response.json({ error: { messageKey: error.messageKey, params: error.params, fields: error.fields } }, { status });
}

const uploadQuery = z
  .object({ needId: z.uuid().optional(), confidential: z.enum(['0', '1']).default('0'), for: z.enum(['message', 'landing']).optional() })
  // An organisation's own file has no annex to be confidential in; a message's file belongs to no need.
  .refine((q) => q.needId === undefined ? q.confidential === '0' : q.for === undefined);

function fileName(header: string | null): string {
  if (!header) return '';
  try {
    return decodeURIComponent(header).slice(0, 300);
  } catch {
    return header.slice(0, 300);
  }
}

export async function handleUpload(db: Db, actor: Actor | null, req: Request): Promise<Response> {
  const query = uploadQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return errorResponse(new AppError('BAD_REQUEST', 'invalidInput'));
  // Refuse an announced oversize body before reading a byte of it; the store enforces the cap anyway.
  const announced = Number(req.headers.get('content-length') ?? NaN);
  if (announced > MAX_UPLOAD_BYTES) {
    return errorResponse(new AppError('BAD_REQUEST', 'files.tooLarge', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  }
  if (!req.body) return errorResponse(new AppError('BAD_REQUEST', 'files.empty'));
  try {
    const upload = { name: fileName(req.headers.get('x-file-name')), body: fromWebStream(req.body), signal: req.signal };
    const { needId, confidential } = query.data;
    const file = needId
      ? await uploadNeedAttachment(db, actor, { ...upload, needId, confidential: confidential === '1' })
      : await uploadOwnFile(db, actor, upload, query.data.for === 'message' ? 'message.attach' : query.data.for === 'landing' ? 'landing.prepareGate' : 'file.uploadOwn');
    return Response.json(file, { status: 201 });
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    // The client aborted the upload (cancel button): nothing was kept; the answer goes nowhere.
    if (req.signal.aborted) return new Response(null, { status: 499 });
    throw e;
  }
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (Chinese file names survive). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function handleDownload(db: Db, actor: Actor | null, id: string): Promise<Response> {
  if (!z.uuid().safeParse(id).success) return errorResponse(new AppError('NOT_FOUND', 'notFound'));
  const opened = await openAttachment(db, actor, id);
  // Not allowed and not there answer alike.
  if (!opened) return errorResponse(new AppError('NOT_FOUND', 'notFound'));
  const { attachment, stream } = opened;
  const image = attachment.contentType.startsWith('image/');
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Length': String(attachment.size),
      'Content-Disposition': contentDisposition(image ? 'inline' : 'attachment', attachment.originalName),
      'X-Content-Type-Options': 'nosniff',
      // Even a file that slipped through as text can never run as a page of this origin.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
      'Cache-Control': 'private, no-store',
      ETag: `"${attachment.sha256}"`,
    },
  });
}

export async function uploadFile(req: Request): Promise<Response> {
  const ctx = await createRequestContext(req.headers);
  return handleUpload(ctx.db, ctx.actor, req);
}

export async function downloadFile(req: Request, id: string): Promise<Response> {
  const ctx = await createRequestContext(req.headers);
  return handleDownload(ctx.db, ctx.actor, id);
}
