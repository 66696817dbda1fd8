import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { needs } from '@/db/schema';
import { now, resetClock } from '../clock';
import { insertNeed } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import { CLOCK_PATH, clockRoute, withClockRoute } from './clock-route';

const DAY = 24 * 3600 * 1000;

let database: Database;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
const servers: Server[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await database.close();
});
afterEach(() => resetClock());

/** A server wired like server/main.ts: the clock route (when allowed) in front of "Next", here a plain 404. */
async function serve(env: Parameters<typeof clockRoute>[1]): Promise<string> {
  const server = createServer(
    withClockRoute(database.db, env, (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${CLOCK_PATH}`;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the e2e clock route', () => {
  it('does not exist in a production build: without CLOCK_CONTROL=1, or on a remote database, the path is a 404 and time stays', async () => {
    const refused = [
      { NODE_ENV: 'production', CLOCK_CONTROL: '0' },
      { NODE_ENV: 'development', CLOCK_CONTROL: '0' },
      { NODE_ENV: 'production', CLOCK_CONTROL: '1', DATABASE_URL: 'postgres://app@db.example.com:5432/kechuang' },
    ] as const;
    for (const env of refused) {
      expect(clockRoute(database.db, env), JSON.stringify(env)).toBeNull();
      const url = await serve(env);
      const before = now().getTime();
      const res = await post(url, { advanceMs: 30 * DAY });
      expect(res.status).toBe(404);
      expect((await fetch(url)).status).toBe(404);
      expect(Math.abs(now().getTime() - before)).toBeLessThan(5_000);
    }
  });

  it('with CLOCK_CONTROL=1 on a local database: moves the clock and closes the needs whose deadline passed, before answering', async () => {
    const url = await serve({ NODE_ENV: 'production', CLOCK_CONTROL: '1', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    const due = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: new Date(now().getTime() + DAY) });
    const before = Date.parse(((await (await fetch(url)).json()) as { now: string }).now);

    const res = await post(url, { advanceMs: 2 * DAY });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { now: string; closed: string[] };
    expect(Date.parse(body.now) - before).toBeGreaterThanOrEqual(2 * DAY);
    expect(body.closed).toContain(due.id);
    const [row] = await database.db.select({ status: needs.status }).from(needs).where(eq(needs.id, due.id));
    expect(row?.status).toBe('closed');

    const back = await post(url, { reset: true });
    expect(back.status).toBe(200);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('refuses a malformed request without moving the clock', async () => {
    const url = await serve({ NODE_ENV: 'test', CLOCK_CONTROL: '0' });
    for (const body of [{}, { advanceMs: -5 }, { advanceMs: 1.5 }, { advanceMs: '86400000' }, { advanceMs: 10_000 * DAY }]) {
      expect((await post(url, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await fetch(url, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });
});
