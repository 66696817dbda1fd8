// `npm run credit:score -- --events FILE.jsonl` (CREDIT-AND-MATCHING.md, "Offline check")
// Reads a marketplace history (one JSON object per line, in time order), turns every line into the ledger events
// the platform writes for the same happening (server/credit/history.ts `eventsOfLine`), and scores every
// organisation with the platform's own scorer as of the last event's date. Prints one JSON line per organisation:
// {"org": "...", "score": 0-1000, "grade": "...", "components": {"delivery": 0-1, ...}}.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { eventsOfLine, MemoryLedger, newHistoryState, resultLine, scoreHistory, type HistoryLine } from '@/server/credit/history';

const USAGE = 'usage: npm run credit:score -- --events FILE.jsonl';

async function main(): Promise<number> {
  let file: string | undefined;
  try {
    file = parseArgs({ options: { events: { type: 'string' } }, strict: true }).values.events;
  } catch (error) {
    console.error(`[credit:score] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const state = newHistoryState();
  const ledger = new MemoryLedger();
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let skipped = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (!text) continue;
    let line: HistoryLine;
    try {
      line = JSON.parse(text) as HistoryLine;
    } catch {
      skipped++;
      if (skipped <= 5) console.error(`[credit:score] line ${n}: not JSON, skipped`);
      continue;
    }
    if (!line || typeof line !== 'object' || typeof line.t !== 'string') {
      skipped++;
      continue;
    }
    for (const event of eventsOfLine(state, line)) ledger.append(event);
  }
  const out: string[] = [];
  for (const result of scoreHistory(state, ledger)) out.push(resultLine(result));
  process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
  if (skipped > 0) console.error(`[credit:score] ${skipped} line(s) skipped`);
  return 0;
}

// exitCode, not exit(): a large output to a pipe must be flushed before the process ends.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('[credit:score]', error);
    process.exitCode = 1;
  },
);
