/**
 * The process entry: one HTTP server carrying Next.js and socket.io, the database opened and migrated
 * before the first request, demo data seeded on a first start of the embedded database, and a clean
 * shutdown on SIGTERM/SIGINT (stop accepting, finish requests, close sockets, close the database).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { closeDatabase } from '@/db/client';
import { database } from './db';
import { getEnv } from './env';

async function main() {
  const started = performance.now();
  const env = getEnv();
  const dev = env.NODE_ENV !== 'production';

  const { db, driver } = await database();
  console.log(`[db] ${driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'} ready and migrated`);
  if (env.seedDemo) {
    const { seedDemoIfEmpty } = await import('./seed/seed');
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) console.log('[seed] demo data loaded (see README for the demo logins)');
  }

  const app = next({ dev, hostname: 'localhost', port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();

  // The e2e server (CLOCK_CONTROL=1, local database) may move the domain clock over HTTP; anywhere else
  // that path is Next's 404 (server/jobs/clock-route.ts).
  const { withClockRoute } = await import('./jobs/clock-route');
  const server = createServer(
    withClockRoute(db, env, (req, res) => {
      // Rate limits and audit rows key on the client address. Unless a trusted proxy sets it, a client
      // could send any X-Forwarded-For: replace it with the address the connection really came from.
      if (!env.TRUST_PROXY) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
      void handle(req, res);
    }),
  );

  const { attachRealtime } = await import('./realtime/server');
  const realtime = await attachRealtime(server, { db, env });

  // socket.io handles its own path (destroyUpgrade: false); every other upgrade is Next's (dev HMR).
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith('/socket.io/')) void nextUpgrade(req, socket, head);
  });

  // Deadlines are read from the database (at start-up, then on a timer): a need is closed even if the
  // server was down at its deadline, and with several instances SKIP LOCKED lets exactly one close it.
  const { startDeadlineJob } = await import('./jobs/deadlines');
  const stopDeadlineJob = startDeadlineJob(db);
  // Ratings revealed by time (14 days, double-blind) enter the credit ledger; every other credit event is written by its act.
  const { startCreditJob } = await import('./credit/job');
  const stopCreditJob = startCreditJob(db);
  // With SMTP: one email to a user whose messages have been unread for 15 minutes (once per unread stretch).
  const { startMessageDigestJob } = await import('./jobs/message-digest');
  const { digestMail } = await import('./digest-mail');
  const { sendMail } = await import('./mail');
  const stopMessageDigestJob = startMessageDigestJob(db, (digest) => sendMail(digestMail(digest)));
  // Landing projects whose quarter ended without a KPI report are reminded once per quarter.
  const { startKpiReminderJob } = await import('./jobs/landing-reminders');
  const stopKpiReminderJob = startKpiReminderJob(db);

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
  console.log(`[server] ready on ${env.APP_URL} in ${Math.round(performance.now() - started)} ms (pid ${process.pid})`);
  // Matching (the index of every team's terms, the segmenter's dictionary) is warmed after readiness, in the
  // background: requests are served meanwhile, and a need's matches asked for during the build join it.
  const { warmMatching } = await import('./matching/matches');
  void warmMatching(db).then((ms) => {
    if (ms !== null) console.log(`[matching] ready in ${ms} ms`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await stopDeadlineJob();
    await stopCreditJob();
    await stopMessageDigestJob();
    await stopKpiReminderJob();
    await realtime.close();
    server.closeIdleConnections();
    await closed;
    await closeDatabase();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
