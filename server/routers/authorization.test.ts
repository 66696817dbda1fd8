import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog } from '@/db/schema';
import type { Actor } from '../actor';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import type { Caller, RefusalCase, RefusalTable } from '../test/refusals';
import { appRouter } from './_app';

/**
 * Walks every procedure of the app router: each must have refusal cases (in a *.refusals.ts file next
 * to its router) proving that an anonymous caller, a user of another organisation and a user of a pending
 * organisation are refused and that nothing changed.
 */
const modules = import.meta.glob<{ refusals: RefusalTable }>('./*.refusals.ts', { eager: true });
const table: RefusalTable = Object.assign({}, ...Object.values(modules).map((m) => m.refusals));
const procedures = Object.keys(appRouter._def.procedures).sort();

let database: Database;
let callers: Record<Caller, Actor | null>;
beforeAll(async () => {
  database = await createTestDatabase();
  const outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
  const pending = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
  callers = { anonymous: null, outsider: outsider.actor, pendingOutsider: pending.actor };
});
afterAll(() => database.close());

function call(actor: Actor | null, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerFor(database.db, actor);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

async function auditCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

describe('authorisation of every procedure', () => {
  it('every procedure has refusal cases (or is declared public with a reason)', () => {
    const missing = procedures.filter((p) => !table[p]);
    expect(missing, `procedures without refusal cases: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(table).filter((p) => !procedures.includes(p));
    expect(stale, `refusal cases for procedures that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  for (const path of procedures) {
    const entry = table[path];
    if (!entry || 'public' in entry) continue;
    const refusal: RefusalCase = entry;
    for (const who of ['anonymous', 'outsider', 'pendingOutsider'] as const) {
      it(`${path}: ${who} ${refusal.allowed?.includes(who) ? 'acts only on its own data' : 'is refused'}, nothing changes`, async () => {
        const { input, snapshot } = await refusal.setup(database.db);
        const before = snapshot ? await snapshot() : undefined;
        const audits = await auditCount();
        const outcome = await call(callers[who], path, input).then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
        if (refusal.allowed?.includes(who)) {
          expect(outcome).toBe('ok');
        } else {
          expect(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']).toContain(outcome);
          expect(await auditCount()).toBe(audits);
        }
        if (snapshot) expect(await snapshot()).toEqual(before);
      });
    }
  }
});
