import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, needs, notifications } from '@/db/schema';
import { advanceClock, now, resetClock } from '../clock';
import { insertNeed } from '../needs/factories';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { closeDueNeeds, startDeadlineJob } from './deadlines';

const DAY = 24 * 3600 * 1000;

let database: Database;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const deadlineIn = (ms: number) => new Date(now().getTime() + ms);

async function statuses(ids: string[]) {
  const rows = await database.db.select({ id: needs.id, status: needs.status }).from(needs).where(inArray(needs.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

async function deadlineAudits(ids: string[]) {
  return database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'need.deadline'), inArray(auditLog.entityId, ids)));
}

/** A second connection pool to the same test database stands for a second server instance. */
async function secondInstance(): Promise<Database> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  const result: unknown = await database.db.execute(sql`select current_database() as name`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { name: string }[];
  url.pathname = `/${rows[0]?.name}`;
  return openDatabase({ url: url.toString(), max: 3 });
}

describe('deadline job', () => {
  it('closes published needs whose deadline passed — only those — once, audited as the system, and tells the owner', async () => {
    const admin = await insertMember(database.db, owner.org, 'admin');
    const soon = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(DAY) });
    const later = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(10 * DAY) });
    const draft = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'draft', bidDeadline: deadlineIn(DAY) });
    const ids = [soon.id, later.id, draft.id];

    expect(await closeDueNeeds(database.db)).not.toContain(soon.id);
    advanceClock(2 * DAY);
    const closed = await closeDueNeeds(database.db);
    expect(closed.filter((id) => ids.includes(id))).toEqual([soon.id]);
    expect(await statuses(ids)).toEqual({ [soon.id]: 'closed', [later.id]: 'published', [draft.id]: 'draft' });
    // Idempotent: a second pass finds nothing more to do.
    expect((await closeDueNeeds(database.db)).filter((id) => ids.includes(id))).toEqual([]);
    const audits = await deadlineAudits(ids);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: null, entityId: soon.id, before: { status: 'published' }, after: { status: 'closed' } });
    const told = await database.db.select().from(notifications).where(and(eq(notifications.kind, 'need.closed'), inArray(notifications.userId, [owner.user.id, admin.user.id])));
    expect(told.map((n) => n.userId).sort()).toEqual([owner.user.id, admin.user.id].sort());
  });

  it('closes a need whose deadline passed while no job was running, at start-up', async () => {
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(DAY) });
    advanceClock(3 * DAY);
    const closedIds: string[] = [];
    const stop = startDeadlineJob(database.db, { intervalMs: 60_000, onClosed: (ids) => closedIds.push(...ids) });
    await stop();
    expect(closedIds).toContain(need.id);
    expect(await statuses([need.id])).toEqual({ [need.id]: 'closed' });
  });

  it('keeps polling on its timer until stopped', async () => {
    const stop = startDeadlineJob(database.db, { intervalMs: 20 });
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(DAY) });
    advanceClock(2 * DAY);
    for (let i = 0; i < 100 && (await statuses([need.id]))[need.id] !== 'closed'; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(await statuses([need.id])).toEqual({ [need.id]: 'closed' });
  });

  // Lock contention needs real connections: PGlite has one (db/testing.ts lists the driver differences).
  it.runIf(!!process.env.TEST_DATABASE_URL)('two instances racing: each need is closed exactly once, with one audit row', async () => {
    const due = [];
    for (let i = 0; i < 150; i++) {
      due.push(await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(DAY) }));
    }
    const ids = due.map((n) => n.id);
    advanceClock(2 * DAY);
    const second = await secondInstance();
    try {
      const [a, b, c] = await Promise.all([closeDueNeeds(database.db), closeDueNeeds(second.db), closeDueNeeds(second.db)]);
      const all = [...a, ...b, ...c].filter((id) => ids.includes(id));
      expect(all.sort()).toEqual([...ids].sort());
      expect(new Set(all).size).toBe(ids.length);
      const audits = await deadlineAudits(ids);
      expect(audits).toHaveLength(ids.length);
      expect(new Set(audits.map((r) => r.entityId)).size).toBe(ids.length);
      expect(Object.values(await statuses(ids)).every((s) => s === 'closed')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('rows another instance holds are skipped, not waited for, and closed by that instance', async () => {
    const due = [];
    for (let i = 0; i < 6; i++) {
      due.push(await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: deadlineIn(DAY) }));
    }
    const ids = due.map((n) => n.id);
    const held = ids.slice(0, 3);
    advanceClock(2 * DAY);
    const second = await secondInstance();
    try {
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked: () => void = () => {};
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // Instance B is in the middle of a pass holding three of the due rows.
      const holder = second.db.transaction(async (tx) => {
        await tx.select({ id: needs.id }).from(needs).where(inArray(needs.id, held)).for('update');
        locked();
        await released;
      });
      await isLocked;
      const byA = (await closeDueNeeds(database.db)).filter((id) => ids.includes(id));
      expect(byA.sort()).toEqual(ids.slice(3).sort());
      release();
      await holder;
      const byB = (await closeDueNeeds(second.db)).filter((id) => ids.includes(id));
      expect(byB.sort()).toEqual([...held].sort());
      expect(await deadlineAudits(ids)).toHaveLength(ids.length);
    } finally {
      await second.close();
    }
  });
});
