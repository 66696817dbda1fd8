import { count, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import type { AuditEntry } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { now } from '../clock';
import { inTransaction } from '../transaction';
import { flushAudit, type SeedContext } from './context';
import { DEMO_PASSWORD } from './demo-logins';
import { seedNotifications } from './notifications';
import { seedCredit } from './credit';
import { seedLanding } from './landing';
import { seedMarketplace } from './marketplace';
import { seedApplications, seedBureau, seedEnterprises, seedIncubators } from './orgs';
import { createRandom } from './random';
import { seedResearchTeams, seedSecondTeamLogin } from './research-teams';

export { DEMO, DEMO_LOGINS, DEMO_PASSWORD } from './demo-logins';

/**
 * The demo data a first start shows (and `npm run db:seed` loads into any database): realistic,
 * Chinese, and the same on every run. Each domain adds its step here, in order: later steps find the
 * organisations and people of earlier ones in the context by key.
 */
const STEPS: ReadonlyArray<readonly [name: string, step: (ctx: SeedContext) => Promise<void>]> = [
  ['bureau', seedBureau],
  ['enterprises', seedEnterprises],
  ['incubators', seedIncubators],
  ['researchTeams', seedResearchTeams],
  ['applications', seedApplications],
  ['notifications', seedNotifications],
  ['marketplace', seedMarketplace],
  ['credit', seedCredit],
  // Last, so that adding it moved none of the seed's pseudo-random choices before it.
  ['secondTeamLogin', seedSecondTeamLogin],
  // After the market (contracts to link) and with its own generator: the steps before it are unchanged.
  ['landing', seedLanding],
];

/** Fixed seed of the demo's pseudo-random choices (names, codes, dates). */
const DEMO_SEED = 20_261_127;
/** Advisory lock key: two processes starting on one empty database must not both seed it. */
const SEED_LOCK = 726_100_001;

export interface SeedSummary {
  organizations: Record<string, number>;
  users: number;
  counts: Record<string, number>;
  auditRows: number;
  ms: number;
}

async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo data in one transaction, unless the database already has users (then it does nothing
 * and returns null). Deterministic: the same organisations, people, codes and texts every time.
 */
export async function seedDemo(db: Db): Promise<SeedSummary | null> {
  if (await hasUsers(db)) return null;
  const started = performance.now();
  // Hashed once for every demo account, outside the transaction: argon2 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(db, async (tx, afterCommit) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await hasUsers(tx)) return null;
    const auditEntries: AuditEntry[] = [];
    const ctx: SeedContext = {
      tx,
      afterCommit,
      random: createRandom(DEMO_SEED),
      at: now(),
      passwordHash,
      orgs: new Map(),
      audit: (entry) => auditEntries.push(entry),
      emails: new Set(),
      counts: {},
    };
    for (const [, step] of STEPS) await step(ctx);

    const organizations: Record<string, number> = {};
    for (const org of ctx.orgs.values()) {
      const key = `${org.kind}.${org.status}`;
      organizations[key] = (organizations[key] ?? 0) + 1;
    }
    const summary = { organizations, users: ctx.emails.size, counts: ctx.counts };
    ctx.audit({ action: 'seed.demo', entityType: 'system', entityId: 'demo', orgId: null, after: summary });
    await flushAudit(tx, ctx.at, auditEntries);
    // The import and the market's acts write their own audit rows (research teams, needs, bids, contracts …).
    const [audited] = await tx.select({ n: count() }).from(auditLog);
    return { ...summary, auditRows: audited?.n ?? 0, ms: Math.round(performance.now() - started) };
  });
}

/** Seeds the demo data when the database has no users yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  return (await seedDemo(db)) !== null;
}
