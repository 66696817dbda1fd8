import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, bids, needs, notifications } from '@/db/schema';
import { insertBid } from '../bids/factories';
import type { Actor } from '../actor';
import { advanceClock, now, resetClock } from '../clock';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { insertNeed } from './factories';
import { applyNeedEvent, NEED_TRANSITIONS, type NeedEvent } from './states';
import { inTransaction } from '../transaction';

const DAY = 24 * 3600 * 1000;

let database: Database;
let enterprise: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let otherEnterprise: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let pendingEnterprise: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let bureau: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let team: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified', name: '新昌精工轴承有限公司' });
  otherEnterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  pendingEnterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'pending' });
  bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified', name: '新昌县科学技术局' });
  team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const inAMonth = () => new Date(now().getTime() + 30 * DAY);

function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    mode: 'open' as const,
    title: '精密轴承套圈磨削工艺优化',
    summary: '提升精密轴承加工一致性，降低废品率。',
    description: '## 背景\n现有磨削工艺废品率偏高。',
    industryField: 'smart_equipment' as const,
    disciplines: ['0802'],
    keywords: ['轴承', '磨削'],
    expectedResults: '工艺方案与验证报告',
    budgetMin: 30,
    budgetMax: 80.5,
    bidDeadline: inAMonth(),
    deliveryMonths: 12,
    ipTerms: 'shared' as const,
    annexText: '工艺参数表（保密）',
    ndaText: '保密协议全文',
    ...overrides,
  };
}

async function auditCount(entityId?: string) {
  const [row] = await database.db
    .select({ n: count() })
    .from(auditLog)
    .where(entityId ? eq(auditLog.entityId, entityId) : undefined);
  return row?.n ?? 0;
}

async function needRow(id: string) {
  const [row] = await database.db.select().from(needs).where(eq(needs.id, id));
  return row;
}

/** Calls `fn`, expects a tRPC error with `code` (and messageKey), and proves the need and audit log unchanged. */
async function refused(id: string, fn: () => Promise<unknown>, code: string, messageKey?: string) {
  const before = await needRow(id);
  const audits = await auditCount();
  const error = await fn().then(
    () => null,
    (e: { code?: string; message?: string }) => e,
  );
  expect(error, 'expected a refusal').not.toBeNull();
  expect(error?.code).toBe(code);
  if (messageKey) expect(error?.message).toBe(messageKey);
  expect(await needRow(id)).toEqual(before);
  expect(await auditCount()).toBe(audits);
}

describe('drafts', () => {
  it('an enterprise member drafts a need with every field; the draft is audited and only its organisation sees it', async () => {
    const member = await insertMember(database.db, enterprise.org, 'member');
    const caller = callerFor(database.db, member.actor);
    const created = await caller.needs.createDraft(draftInput({ anonymous: true }));
    expect(created.status).toBe('draft');
    const row = await needRow(created.id);
    expect(row).toMatchObject({
      ownerOrgId: enterprise.org.id,
      authorUserId: member.user.id,
      budgetMin: '30.00',
      budgetMax: '80.50',
      anonymous: true,
      disciplines: ['0802'],
      rubric: [
        { key: 'technical', weight: 40 },
        { key: 'team', weight: 20 },
        { key: 'price', weight: 20 },
        { key: 'credit', weight: 20 },
      ],
    });
    expect(row?.searchVector).toContain("'轴承':2A");
    expect(await auditCount(created.id)).toBe(1);

    const own = await caller.needs.get({ id: created.id });
    expect(own.view).toBe('owner');
    await expect(callerFor(database.db, otherEnterprise.actor).needs.get({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, null).needs.get({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await caller.needs.listMine({});
    expect(mine.items.map((n) => n.id)).toContain(created.id);
  });

  it('refuses a rubric that does not sum to 100, a horse race with one award, and min > max budget', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    const bad = [
      draftInput({ rubric: [{ key: 'technical', weight: 50 }, { key: 'price', weight: 20 }] }),
      draftInput({ mode: 'horse_race', awardCount: 1 }),
      draftInput({ budgetMin: 90, budgetMax: 10 }),
      draftInput({ rubric: [{ key: 'innovation', weight: 100 }] }),
    ];
    const audits = await auditCount();
    const fields = [];
    for (const input of bad) {
      const error: unknown = await caller.needs.createDraft(input).catch((e: unknown) => e);
      const cause = (error as { cause?: unknown }).cause;
      fields.push(cause instanceof ZodError ? cause.issues.map((i) => i.message) : []);
    }
    expect(fields).toEqual([['v.need.rubricSum'], ['v.need.awardCount'], ['v.need.budgetOrder'], ['v.need.rubricLabel']]);
    expect(await auditCount()).toBe(audits);
  });

  it('a horse race awards 2–3 and keeps a custom rubric', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    const rubric = [
      { key: 'technical', weight: 50 },
      { key: 'price', weight: 30 },
      { key: 'pilot', label: '中试条件', weight: 20 },
    ];
    const created = await caller.needs.createDraft(draftInput({ mode: 'horse_race', awardCount: 3, rubric }));
    expect(await needRow(created.id)).toMatchObject({ mode: 'horse_race', awardCount: 3, rubric });
  });

  it('an outsider updating someone else’s draft gets NOT_FOUND, with nothing changed and no audit row', async () => {
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id });
    await refused(
      need.id,
      () => callerFor(database.db, otherEnterprise.actor).needs.updateDraft({ id: need.id, fields: draftInput({ title: '被外人改写' }) }),
      'NOT_FOUND',
    );
  });

  it('the owner updates its draft; a published need can no longer be edited', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id });
    await caller.needs.updateDraft({ id: need.id, fields: draftInput({ title: '新标题：陶瓷轴承球精密研磨' }) });
    const row = await needRow(need.id);
    expect(row?.title).toBe('新标题：陶瓷轴承球精密研磨');
    expect(row?.searchVector).toMatch(/'研磨':\d+A/);
    const published = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published' });
    await refused(published.id, () => caller.needs.updateDraft({ id: published.id, fields: draftInput() }), 'CONFLICT', 'needs.notDraft');
  });

  it('a pending organisation may prepare drafts but not publish them (orgNotVerified)', async () => {
    const caller = callerFor(database.db, pendingEnterprise.actor);
    const created = await caller.needs.createDraft(draftInput());
    await refused(created.id, () => caller.needs.publish({ id: created.id }), 'FORBIDDEN', 'orgNotVerified');
  });

  it('the bureau drafts and publishes 揭榜挂帅 lists only', async () => {
    const caller = callerFor(database.db, bureau.actor);
    const audits = await auditCount();
    await expect(caller.needs.createDraft(draftInput())).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'needs.bureauJiebangOnly' });
    expect(await auditCount()).toBe(audits);
    const list = await caller.needs.createDraft(draftInput({ mode: 'jiebang', bounty: 500, budgetMin: null, budgetMax: null }));
    const published = await caller.needs.publish({ id: list.id });
    expect(published.status).toBe('published');
    const row = await needRow(list.id);
    expect(row?.eligibility).toEqual([{ kind: 'verified_org' }]);
    expect(row?.bounty).toBe('500.00');
  });

  it('a research team cannot draft needs', async () => {
    await expect(callerFor(database.db, team.actor).needs.createDraft(draftInput())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('publish', () => {
  it('publishes a complete draft: status, time, audit row, and the public view hides an anonymous owner', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    const created = await caller.needs.createDraft(draftInput({ anonymous: true }));
    const audits = await auditCount(created.id);
    const result = await caller.needs.publish({ id: created.id });
    expect(result.status).toBe('published');
    const row = await needRow(created.id);
    expect(row?.publishedAt).toBeInstanceOf(Date);
    expect(await auditCount(created.id)).toBe(audits + 1);
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'need.publish')));
    expect(entry).toMatchObject({ actorUserId: enterprise.user.id, orgId: enterprise.org.id, before: { status: 'draft' }, after: { status: 'published' } });

    for (const viewer of [null, otherEnterprise.actor, team.actor] as (Actor | null)[]) {
      const view = await callerFor(database.db, viewer).needs.get({ id: created.id });
      expect(view.view).toBe('public');
      expect(view.owner).toBeNull();
      expect(JSON.stringify(view)).not.toContain(enterprise.org.name);
      expect(JSON.stringify(view)).not.toContain('工艺参数表（保密）');
      expect(view.hasAnnex).toBe(true);
    }
  });

  it('refuses a past deadline, a missing bounty, a missing budget — nothing changes', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    const past = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { bidDeadline: new Date(now().getTime() - DAY) });
    await refused(past.id, () => caller.needs.publish({ id: past.id }), 'BAD_REQUEST', 'needs.deadlinePast');

    // The deadline was in the future when drafted but the clock moved past it.
    const later = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { bidDeadline: new Date(now().getTime() + DAY) });
    advanceClock(2 * DAY);
    await refused(later.id, () => caller.needs.publish({ id: later.id }), 'BAD_REQUEST', 'needs.deadlinePast');
    resetClock();

    const noBounty = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { mode: 'jiebang', bounty: null });
    await refused(noBounty.id, () => caller.needs.publish({ id: noBounty.id }), 'BAD_REQUEST', 'needs.incomplete');

    const noBudget = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { budgetMin: null });
    await refused(noBudget.id, () => caller.needs.publish({ id: noBudget.id }), 'BAD_REQUEST', 'needs.incomplete');
  });

  it('refuses publishing twice, an outsider publishing, a member (not owner/admin) publishing', async () => {
    const published = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published' });
    await refused(published.id, () => callerFor(database.db, enterprise.actor).needs.publish({ id: published.id }), 'CONFLICT', 'needs.invalidTransition');
    const draft = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id });
    await refused(draft.id, () => callerFor(database.db, otherEnterprise.actor).needs.publish({ id: draft.id }), 'NOT_FOUND');
    const member = await insertMember(database.db, enterprise.org, 'member');
    await refused(draft.id, () => callerFor(database.db, member.actor).needs.publish({ id: draft.id }), 'FORBIDDEN');
  });

  it('tells the author when an admin publishes their draft (after commit)', async () => {
    const author = await insertMember(database.db, enterprise.org, 'member');
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: author.user.id });
    await callerFor(database.db, enterprise.actor).needs.publish({ id: need.id });
    const rows = await database.db.select().from(notifications).where(eq(notifications.userId, author.user.id));
    expect(rows.map((r) => r.kind)).toEqual(['need.published']);
    expect(rows[0]?.link).toBe(`/needs/${need.id}`);
  });
});

describe('close and cancel', () => {
  it('the owner closes an `open` need early', async () => {
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published', mode: 'open' });
    const result = await callerFor(database.db, enterprise.actor).needs.close({ id: need.id });
    expect(result.status).toBe('closed');
    expect((await needRow(need.id))?.closedAt).toBeInstanceOf(Date);
    expect(await auditCount(need.id)).toBe(1);
  });

  it('refuses closing a `jiebang` or `horse_race` need early, and an outsider closing', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    for (const mode of ['jiebang', 'horse_race'] as const) {
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published', mode });
      await refused(need.id, () => caller.needs.close({ id: need.id }), 'CONFLICT', 'needs.earlyCloseOpenOnly');
    }
    const open = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published' });
    await refused(open.id, () => callerFor(database.db, otherEnterprise.actor).needs.close({ id: open.id }), 'NOT_FOUND');
  });

  it('cancels from draft, published, closed and evaluating with a reason; never after award', async () => {
    const caller = callerFor(database.db, enterprise.actor);
    for (const status of ['draft', 'published', 'closed', 'evaluating'] as const) {
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status });
      const result = await caller.needs.cancel({ id: need.id, reason: '项目调整' });
      expect(result.status).toBe('cancelled');
      const row = await needRow(need.id);
      expect(row).toMatchObject({ status: 'cancelled', cancelReason: '项目调整' });
      const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, need.id), eq(auditLog.action, 'need.cancel')));
      expect(entry).toMatchObject({ before: { status }, after: { status: 'cancelled', reason: '项目调整' } });
    }
    for (const status of ['awarded', 'completed', 'cancelled'] as const) {
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status });
      await refused(need.id, () => caller.needs.cancel({ id: need.id, reason: '' }), 'CONFLICT', 'needs.invalidTransition');
    }
  });

  it('a pending organisation discards its own draft; an outsider cannot cancel it', async () => {
    const need = await insertNeed(database.db, { orgId: pendingEnterprise.org.id, userId: pendingEnterprise.user.id });
    await refused(need.id, () => callerFor(database.db, otherEnterprise.actor).needs.cancel({ id: need.id, reason: '' }), 'NOT_FOUND');
    const result = await callerFor(database.db, pendingEnterprise.actor).needs.cancel({ id: need.id, reason: '' });
    expect(result.status).toBe('cancelled');
  });

  it('teams that accepted the NDA hear that a need was cancelled', async () => {
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published' });
    const teamOwner = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    await callerFor(database.db, teamOwner.actor).needs.acceptNda({ id: need.id });
    await callerFor(database.db, enterprise.actor).needs.cancel({ id: need.id, reason: '需求已解决' });
    const rows = await database.db.select().from(notifications).where(eq(notifications.userId, teamOwner.user.id));
    expect(rows.map((r) => r.kind)).toEqual(['need.cancelled']);
  });

  it('ends the bids in competition (audited, decided) and tells each bidding team; drafts and withdrawn bids stay the team’s', async () => {
    for (const from of ['published', 'closed', 'evaluating'] as const) {
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: from });
      const [submitting, revising, drafting, withdrawing] = await Promise.all(
        [1, 2, 3, 4].map(() => insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' })),
      );
      if (!submitting || !revising || !drafting || !withdrawing) throw new Error('teams not created');
      const admin = await insertMember(database.db, submitting.org, 'admin');
      const placed = await Promise.all(
        ([
          [submitting, 'submitted'],
          [revising, 'revised'],
          [drafting, 'draft'],
          [withdrawing, 'withdrawn'],
        ] as const).map(([t, status]) => insertBid(database.db, { orgId: t.org.id, userId: t.user.id }, need.id, { status })),
      );
      await callerFor(database.db, enterprise.actor).needs.cancel({ id: need.id, reason: '产品路线调整' });

      const after = await database.db.select().from(bids).where(eq(bids.needId, need.id));
      const statusOf = (id: string) => after.find((b) => b.id === id)?.status;
      expect(placed.map((b) => statusOf(b.id)), from).toEqual(['need_cancelled', 'need_cancelled', 'draft', 'withdrawn']);
      for (const bid of placed.slice(0, 2)) {
        expect(after.find((b) => b.id === bid.id)?.decidedAt).not.toBeNull();
        const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, bid.id), eq(auditLog.action, 'bid.needCancelled')));
        expect(entry).toMatchObject({ actorUserId: enterprise.user.id, orgId: bid.orgId, after: { status: 'need_cancelled', needId: need.id } });
      }
      const told = async (userId: string) =>
        (await database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'need.cancelled')))).length;
      expect(await told(submitting.user.id)).toBe(1);
      expect(await told(admin.user.id)).toBe(1);
      expect(await told(revising.user.id)).toBe(1);
      expect(await told(drafting.user.id)).toBe(0);
      expect(await told(withdrawing.user.id)).toBe(0);
    }
  });

  it('a cancellation that fails ends no bid', async () => {
    const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'awarded' });
    const bid = await insertBid(database.db, { orgId: team.org.id, userId: team.user.id }, need.id, { status: 'submitted' });
    await refused(need.id, () => callerFor(database.db, enterprise.actor).needs.cancel({ id: need.id, reason: '' }), 'CONFLICT', 'needs.invalidTransition');
    await refused(need.id, () => callerFor(database.db, otherEnterprise.actor).needs.cancel({ id: need.id, reason: '' }), 'NOT_FOUND');
    const [row] = await database.db.select().from(bids).where(eq(bids.id, bid.id));
    expect(row?.status).toBe('submitted');
  });
});

describe('the transition table', () => {
  it('every transition of the table runs through applyNeedEvent and writes one audit row', async () => {
    for (const t of NEED_TRANSITIONS) {
      const mode = t.modes?.[0] ?? (t.event === 'publish' ? 'open' : 'jiebang');
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: t.from, mode });
      const actor = t.by === 'owner' ? enterprise.actor : null;
      if (t.event === 'deadline') advanceClock(31 * DAY);
      const updated = await inTransaction(database.db, (tx, afterCommit) =>
        applyNeedEvent(tx, afterCommit, actor && actor.org ? (actor as Parameters<typeof applyNeedEvent>[2]) : null, need, t.event),
      );
      resetClock();
      expect(updated.status, `${t.from} --${t.event}--> ${t.to}`).toBe(t.to);
      expect(updated[t.stamp]).toBeInstanceOf(Date);
      const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, need.id));
      expect(entry).toMatchObject({ action: `need.${t.event}`, before: { status: t.from }, after: { status: t.to }, actorUserId: actor?.userId ?? null });
    }
  });

  it('refuses events the table does not have, and system events fired by a user', async () => {
    const cases: Array<[NonNullable<Parameters<typeof insertNeed>[2]>['status'], NeedEvent]> = [
      ['draft', 'close'],
      ['draft', 'award'],
      ['published', 'award'],
      ['closed', 'publish'],
      ['awarded', 'cancel'],
      ['completed', 'complete'],
      ['published', 'deadline'],
      ['awarded', 'complete'],
    ];
    for (const [status, event] of cases) {
      const need = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status });
      const audits = await auditCount();
      await expect(
        inTransaction(database.db, (tx, afterCommit) => applyNeedEvent(tx, afterCommit, enterprise.actor as Parameters<typeof applyNeedEvent>[2], need, event)),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await needRow(need.id)).toEqual(need);
      expect(await auditCount()).toBe(audits);
    }
  });
});
