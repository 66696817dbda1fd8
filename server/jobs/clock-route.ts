import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@/db/client';
import { advanceClock, clockControlEnabled, now, resetClock } from '../clock';
import type { Env } from '../env';
import { closeDueNeeds } from './deadlines';

/**
 * The e2e server's one way to move the domain clock over HTTP (a spec lets a bid deadline pass):
 *
 *   GET  /__e2e/clock                     → { now }
 *   POST /__e2e/clock  { "advanceMs": n } → moves the clock n ms ahead, runs the deadline pass at once
 *   POST /__e2e/clock  { "reset": true }  → back to the real time
 *
 * answered only while clock control is on (CLOCK_CONTROL=1 on a local database, see server/clock.ts);
 * otherwise — any production deployment — the path is a plain 404, like any page that does not exist.
 * It lives in the custom server, outside the Next bundle, so no route of the app can reach the clock.
 * The deadline pass runs before answering, so the next page load sees the need closed (the job's own
 * timer would do it within its interval).
 */
export const CLOCK_PATH = '/__e2e/clock';

const MAX_BODY = 1024;
const MAX_ADVANCE_MS = 400 * 24 * 3600 * 1000;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * Returns a request handler for the clock path, or null when `env` does not allow clock control (the
 * server then passes the path on to Next, which answers 404). `handle` returns false for other paths.
 */
export function clockRoute(db: Db, env: Pick<Env, 'NODE_ENV' | 'CLOCK_CONTROL' | 'DATABASE_URL'>) {
  if (!clockControlEnabled(env)) return null;
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== CLOCK_PATH) return false;
    if (req.method === 'GET') {
      send(res, 200, { now: now().toISOString() });
      return true;
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method not allowed' });
      return true;
    }
    let body: { advanceMs?: unknown; reset?: unknown };
    try {
      body = (await readJson(req)) as typeof body;
    } catch {
      send(res, 400, { error: 'invalid JSON' });
      return true;
    }
    if (body.reset === true) resetClock();
    else if (typeof body.advanceMs === 'number' && Number.isInteger(body.advanceMs) && body.advanceMs > 0 && body.advanceMs <= MAX_ADVANCE_MS) {
      advanceClock(body.advanceMs);
    } else {
      send(res, 400, { error: 'send { advanceMs: positive integer ms } or { reset: true }' });
      return true;
    }
    const closed = await closeDueNeeds(db);
    send(res, 200, { now: now().toISOString(), closed });
    return true;
  };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The server's request listener with the clock path in front of `app` when clock control is on; when it
 * is off, `app` itself (every request, the clock path included, goes to Next).
 */
export function withClockRoute(db: Db, env: Pick<Env, 'NODE_ENV' | 'CLOCK_CONTROL' | 'DATABASE_URL'>, app: Listener): Listener {
  const clock = clockRoute(db, env);
  if (!clock) return app;
  return (req, res) => {
    clock(req, res).then(
      (handled) => {
        if (!handled) app(req, res);
      },
      (error: unknown) => {
        console.error('[clock] request failed', error);
        if (!res.headersSent) send(res, 500, { error: 'clock request failed' });
      },
    );
  };
}
