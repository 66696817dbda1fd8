import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { simulate } from '@/bench/credit/sim';
import { insertOrganization } from '../seed/factories';
import { inTransaction } from '../transaction';
import type { CreditEventData, CreditEventInput } from './events';
import { eventsOfLine, historyOrgs, newHistoryState, resultLine, scoreLines, summariseHistory, MemoryLedger } from './history';
import { recordCreditEvent } from './ledger';
import { CREDIT_PARAMS } from './params';
import { computeCalibration, refreshScores } from './scores';
import { verifyLedgers } from './verify';

/**
 * One marketplace history scored two ways must agree exactly: offline (`credit:score`: the file read into an
 * in-memory ledger) and in the platform (every line turned into the ledger events the product writes, appended
 * with `recordCreditEvent` to the database ledger, then scored from the database as of the last event).
 */

const exec = promisify(execFile);
const market = simulate('mixed', 7, { providers: 30, clients: 14, months: 24, rate: 3, integrityRate: 0.15 });
const lines = market.lines;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('credit:score and the platform ledger agree', () => {
  it('replaying a history through recordCreditEvent gives the same scores as credit:score', async () => {
    const offline = scoreLines(lines).map(resultLine);

    // Reading the whole file first tells which organisations exist and whether each is verified.
    const reading = newHistoryState();
    for (const line of lines) eventsOfLine(reading, line);
    const uuidOf = new Map<string, string>();
    for (const org of historyOrgs(reading)) {
      const row = await insertOrganization(database.db, { kind: org.kind, status: org.verified ? 'verified' : 'pending' });
      uuidOf.set(org.id, row.id);
    }
    const contractUuid = new Map<string, string>();
    const idOf = (x: string) => uuidOf.get(x) ?? x;
    const toPlatform = (e: CreditEventInput): CreditEventInput => {
      const data = { ...e.data } as CreditEventData & { counterpartyOrgId?: string; contractId?: string };
      if ('counterpartyOrgId' in data && data.counterpartyOrgId) data.counterpartyOrgId = idOf(data.counterpartyOrgId);
      if ('contractId' in data && data.contractId) {
        if (!contractUuid.has(data.contractId)) contractUuid.set(data.contractId, crypto.randomUUID());
        data.contractId = contractUuid.get(data.contractId) ?? data.contractId;
      }
      return { orgId: idOf(e.orgId), occurredAt: e.occurredAt, data };
    };

    // The product writes each happening in its own transaction; here a few dozen lines share one, to keep it quick.
    const state = newHistoryState();
    for (let i = 0; i < lines.length; i += 40) {
      const chunk = lines.slice(i, i + 40);
      await inTransaction(database.db, async (tx, afterCommit) => {
        for (const line of chunk) for (const e of eventsOfLine(state, line)) await recordCreditEvent(tx, afterCommit, toPlatform(e));
      });
    }
    expect((await verifyLedgers(database.db)).problems).toEqual([]);

    const asOf = state.lastAt;
    if (!asOf) throw new Error('empty history');
    // The history calibrates itself (its yearly reset) the same way in both.
    const ledger = new MemoryLedger();
    const fresh = newHistoryState();
    for (const line of lines) for (const e of eventsOfLine(fresh, line)) ledger.append(e);
    const offlineCalibration = summariseHistory(fresh, ledger).calibration;
    const { calibration } = await computeCalibration(database.db, asOf);
    expect(calibration).toEqual(offlineCalibration);
    // …and it is a real reset (enough teams), not the defaults.
    expect(calibration.priors.research_team).not.toEqual(CREDIT_PARAMS.priors.research_team);

    const platform = await refreshScores(database.db, [...uuidOf.values()], { asOf, calibration });
    const back = new Map([...uuidOf].map(([k, v]) => [v, k]));
    const platformLines = platform.map((r) => resultLine({ ...r, orgId: back.get(r.orgId) ?? r.orgId }));
    expect(platformLines.sort()).toEqual([...offline].sort());
    expect(platform.length).toBe(uuidOf.size);
    // The market has gated organisations and the ring's unverified clients: the paths that differ are exercised.
    expect(platform.some((r) => r.grade === 'D')).toBe(true);
    expect(platform.some((r) => r.components.ratings.capped)).toBe(true);
  }, 300_000);

  it('npm run credit:score prints the same lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h10-credit-score-'));
    try {
      const file = path.join(dir, 'history.jsonl');
      fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'scripts/credit-score.ts', '--events', file], { cwd: process.cwd(), maxBuffer: 64 << 20 });
      expect(stdout.trim().split('\n')).toEqual(scoreLines(lines).map(resultLine));
      for (const line of stdout.trim().split('\n')) {
        const parsed = JSON.parse(line) as { org: string; score: number; grade: string; components: Record<string, number> };
        expect(Object.keys(parsed)).toEqual(['org', 'score', 'grade', 'components']);
        expect(parsed.score).toBeGreaterThanOrEqual(0);
        expect(parsed.score).toBeLessThanOrEqual(1000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
