// The production server that e2e specs and page benchmarks run against, isolated from a developer's own
// server: its own build directory (.next-e2e, so `npm start`/`npm run dev` keep .next), a port given in PORT,
// a fresh embedded database in a temporary directory (demo data seeded), its own AUTH_SECRET, no Redis, no SMTP.
//
//   PORT=3105 node scripts/e2e-server.mjs          build if the sources changed, then serve
//   node scripts/e2e-server.mjs --build-only       just the build (E2E_REBUILD=1 forces one)
//
// It refuses to run against a database that is not on this machine: E2E_DATABASE_URL may name a local
// PostgreSQL database instead of the embedded one; DATABASE_URL is never inherited.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const DIST_DIR = '.next-e2e';
const SOURCES = ['app', 'server', 'db', 'messages', 'next.config.js', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

function fail(message) {
  console.error(`[e2e-server] ${message}`);
  process.exit(1);
}

function assertLocal(name, url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    fail(`${name} is not a URL`);
  }
  if (!LOCAL_HOSTS.has(host)) fail(`refusing to run e2e against a non-local database (${name} host "${host}"); e2e writes test data.`);
}

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) if (!entry.endsWith('.test.ts')) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

function buildIfStale() {
  const marker = path.join(DIST_DIR, 'BUILD_ID');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  if (built && process.env.E2E_REBUILD !== '1' && !SOURCES.some((s) => newest(s) > built)) {
    console.log(`[e2e-server] ${DIST_DIR} is up to date`);
    return;
  }
  // next build rewrites next-env.d.ts (and would add include entries to tsconfig.json) for its dist dir:
  // put both back so a developer's typecheck keeps pointing at .next.
  const keep = ['next-env.d.ts', 'tsconfig.json'].map((f) => [f, fs.existsSync(f) ? { body: fs.readFileSync(f), st: fs.statSync(f) } : null]);
  const started = Date.now();
  console.log(`[e2e-server] building the production bundle into ${DIST_DIR} ...`);
  try {
    execFileSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      stdio: 'inherit',
      // npm test has type-checked the sources already: the build skips its own pass.
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_SKIP_TYPECHECK: '1', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
  } catch {
    fail('next build failed');
  } finally {
    for (const [f, saved] of keep) {
      if (!saved) fs.rmSync(f, { force: true });
      else if (!fs.readFileSync(f).equals(saved.body)) {
        fs.writeFileSync(f, saved.body);
        fs.utimesSync(f, saved.st.atime, saved.st.mtime); // unchanged sources must not look newer than the build
      }
    }
  }
  console.log(`[e2e-server] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.versions.node.split('.')[0] !== '24') fail(`run through npm or npx so the pinned Node 24 runs this (got ${process.version})`);
for (const name of ['DATABASE_URL', 'E2E_DATABASE_URL']) if (process.env[name]) assertLocal(name, process.env[name]);

buildIfStale();
if (process.argv.includes('--build-only')) process.exit(0);

const port = process.env.PORT;
if (!port) fail('PORT is required');
// E2E_PGLITE_DIR: a database prepared beforehand (the page benchmark seeds it to learn an organisation id); kept.
const keepData = !!process.env.E2E_PGLITE_DIR;
const dataDir = process.env.E2E_PGLITE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kc-e2e-db-'));
const env = { ...process.env };
for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'AUTH_SECRET', 'APP_URL', 'SEED_DEMO']) delete env[name];
Object.assign(env, {
  NODE_ENV: 'production',
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: '1',
  PORT: port,
  HOSTNAME: '127.0.0.1',
  APP_URL: `http://127.0.0.1:${port}`,
  PGLITE_DIR: keepData ? dataDir : path.join(dataDir, 'pglite'),
  AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  SEED_DEMO: '1',
  CLOCK_CONTROL: '1',
});
if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env });
const cleanUp = () => {
  if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 0 : 1));
});
