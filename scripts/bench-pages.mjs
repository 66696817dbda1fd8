// `npm run bench:pages`: Lighthouse 12 (mobile, simulated throttling) in Debian's Chromium on the home,
// login and an organisation's public profile page of the production build, plus the first-load JavaScript
// of each page computed from the build's own chunks (every script the page's HTML loads, gzipped, summed).
// Prints a table, then one line of key=value figures. Goals: performance ≥ 90, accessibility ≥ 95, JS ≤ 170 KB.
//
//   BENCH_RUNS=5 npm run bench:pages      median of 5 Lighthouse runs per page (default 3)
//
// The server is scripts/e2e-server.mjs: its own build dir (.next-e2e), a free port, a fresh seeded database.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const DIST_DIR = '.next-e2e';
const OUT = 'bench-results';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const GOALS = { perf: 90, a11y: 95, jsKb: 170 };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/**
 * One GET on a fresh connection. (fetch's pooled keep-alive sockets go stale while Lighthouse runs for longer
 * than the server's keep-alive timeout, and the next request then fails with "other side closed".)
 */
function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function waitFor(url, ms, server) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}); see ${OUT}/server.log`);
    try {
      if ((await get(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** The JS files a page's HTML loads (script src and script preloads, not nomodule), gzipped from the build directory. */
async function firstLoadJs(url) {
  const html = (await get(url)).body;
  const srcs = new Set();
  for (const m of html.matchAll(/<script\b[^>]*>/g)) {
    const tag = m[0];
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    // nomodule scripts are legacy-browser polyfills that a current browser never downloads.
    if (src && !/\bnomodule\b/i.test(tag)) srcs.add(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && (/\brel="modulepreload"/.test(tag) || (/\brel="preload"/.test(tag) && /\bas="script"/.test(tag)))) srcs.add(href);
  }
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const src of srcs) {
    const pathname = new URL(src, url).pathname;
    if (!pathname.startsWith('/_next/static/')) throw new Error(`script outside the build: ${src}`);
    const file = path.join(DIST_DIR, decodeURIComponent(pathname.slice('/_next'.length)));
    const body = fs.readFileSync(file);
    const size = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += size;
    files.push({ file: path.relative(DIST_DIR, file), gzipBytes: size });
  }
  return { count: srcs.size, rawKb: raw / 1024, gzipKb: gz / 1024, files };
}

function lighthouse(url, outFile) {
  const cli = path.join('node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [
    cli,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${outFile}`,
    '--only-categories=performance,accessibility',
    '--form-factor=mobile',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ];
  const r = spawnSync(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lighthouse failed on ${url}:\n${r.stderr}`);
  return JSON.parse(fs.readFileSync(outFile, 'utf8'));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function summarise(report) {
  const a = report.audits;
  const scripts = (a['network-requests']?.details?.items ?? []).filter((i) => i.resourceType === 'Script');
  const failing = (cat) =>
    report.categories[cat].auditRefs
      .filter((ref) => ref.weight > 0 && a[ref.id]?.score !== null && a[ref.id]?.score < 1)
      .map((ref) => `${ref.id} (${a[ref.id].score})`);
  return {
    perf: Math.round(report.categories.performance.score * 100),
    a11y: Math.round(report.categories.accessibility.score * 100),
    fcpMs: Math.round(a['first-contentful-paint'].numericValue),
    lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(a['total-blocking-time'].numericValue),
    cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(3)),
    siMs: Math.round(a['speed-index'].numericValue),
    transferJsKb: scripts.reduce((s, i) => s + (i.transferSize ?? 0), 0) / 1024,
    perfFailing: failing('performance'),
    a11yFailing: failing('accessibility'),
  };
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const node = process.execPath;

  const buildId = path.join(DIST_DIR, 'BUILD_ID');
  const builtBefore = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const buildStarted = Date.now();
  execFileSync(node, ['scripts/e2e-server.mjs', '--build-only'], { stdio: 'inherit' });
  // Only a build that ran now has a time worth printing (an up-to-date build is reused).
  const buildS = fs.statSync(buildId).mtimeMs !== builtBefore ? (Date.now() - buildStarted) / 1000 : null;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-'));
  const dataDir = path.join(tmp, 'pglite');
  const secret = crypto.randomBytes(32).toString('base64url');
  const seedEnv = { ...process.env, NODE_ENV: 'production', AUTH_SECRET: secret, PGLITE_DIR: dataDir };
  delete seedEnv.DATABASE_URL;
  const seeded = execFileSync(node, ['--import', 'tsx', 'scripts/bench-seed.ts', dataDir], { env: seedEnv, encoding: 'utf8' });
  const org = JSON.parse(seeded.trim().split('\n').at(-1) ?? '{}').org;
  if (!org) throw new Error('the demo seed has no verified organisation to profile');

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(OUT, 'server.log'), 'w');
  const startedAt = Date.now();
  const server = spawn(node, ['scripts/e2e-server.mjs'], {
    env: { ...process.env, PORT: String(port), E2E_PGLITE_DIR: dataDir },
    stdio: ['ignore', log, log],
  });
  try {
    await waitFor(`${base}/`, 120_000, server);
    const firstPageS = (Date.now() - startedAt) / 1000;

    const pages = [
      { key: 'home', path: '/' },
      { key: 'login', path: '/login' },
      { key: 'org', path: `/orgs/${org.id}` },
    ];
    const rows = [];
    for (const page of pages) {
      const url = `${base}${page.path}`;
      const { status } = await get(url);
      if (status !== 200) throw new Error(`${page.path} answered ${status}`);
      await get(url); // warm the server's caches, as a visitor after the first would find them
      const js = await firstLoadJs(url);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(summarise(lighthouse(url, path.join(OUT, `${page.key}-${i + 1}.json`))));
      const perf = median(runs.map((r) => r.perf));
      const best = runs.find((r) => r.perf === perf) ?? runs[0];
      rows.push({ ...page, js, ...best, perf, a11y: median(runs.map((r) => r.a11y)) });
    }

    const pad = (s, n) => String(s).padEnd(n);
    console.log(`\nLighthouse ${RUNS > 1 ? `median of ${RUNS} runs, ` : ''}mobile, Debian Chromium; org page: ${org.name}`);
    console.log(`${pad('page', 7)}${pad('perf', 6)}${pad('a11y', 6)}${pad('JS KB gz', 10)}${pad('scripts', 9)}${pad('FCP ms', 8)}${pad('LCP ms', 8)}${pad('TBT ms', 8)}${pad('CLS', 7)}path`);
    for (const r of rows) {
      console.log(
        `${pad(r.key, 7)}${pad(r.perf, 6)}${pad(r.a11y, 6)}${pad(r.js.gzipKb.toFixed(1), 10)}${pad(r.js.count, 9)}${pad(r.fcpMs, 8)}${pad(r.lcpMs, 8)}${pad(r.tbtMs, 8)}${pad(r.cls, 7)}${r.path}`,
      );
    }
    const misses = [];
    for (const r of rows) {
      if (r.perf < GOALS.perf) misses.push(`${r.key}: performance ${r.perf} < ${GOALS.perf}; failing: ${r.perfFailing.join(', ') || '-'}`);
      if (r.a11y < GOALS.a11y) misses.push(`${r.key}: accessibility ${r.a11y} < ${GOALS.a11y}; failing: ${r.a11yFailing.join(', ')}`);
      else if (r.a11yFailing.length) misses.push(`${r.key}: accessibility audits not passed: ${r.a11yFailing.join(', ')}`);
      if (r.js.gzipKb > GOALS.jsKb) misses.push(`${r.key}: first-load JS ${r.js.gzipKb.toFixed(1)} KB > ${GOALS.jsKb} KB`);
    }
    if (misses.length) console.log(`\nBelow goal or worth a look:\n  ${misses.join('\n  ')}`);
    fs.writeFileSync(path.join(OUT, 'summary.json'), `${JSON.stringify({ buildS, firstPageS, rows }, null, 2)}\n`);
    console.log(`\nReports: ${OUT}/<page>-<run>.json (open in the Lighthouse viewer), ${OUT}/summary.json`);
    const figures = rows.flatMap((r) => [
      `${r.key}_perf=${r.perf}`,
      `${r.key}_a11y=${r.a11y}`,
      `${r.key}_js_kb=${r.js.gzipKb.toFixed(1)}`,
      `${r.key}_lcp_ms=${r.lcpMs}`,
      `${r.key}_tbt_ms=${r.tbtMs}`,
    ]);
    figures.push(`server_start_to_first_page_s=${firstPageS.toFixed(1)}`);
    if (buildS !== null) figures.push(`next_build_s=${buildS.toFixed(1)}`);
    console.log(figures.join(' '));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
