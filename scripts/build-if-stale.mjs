// `npm start` builds the production bundle only when it is missing or older than the sources,
// so a fresh clone builds once and later starts are fast.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const marker = '.next/BUILD_ID';
const sources = ['app', 'server', 'db', 'messages', 'next.config.js', 'package-lock.json', 'postcss.config.mjs'];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
if (!built || sources.some((s) => newest(s) > built)) {
  console.log(built ? '[start] sources changed: rebuilding' : '[start] first start: building the app (about a minute)');
  execSync('npx next build', { stdio: 'inherit' });
}
