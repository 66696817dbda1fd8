import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidFeedback, bidRevisions, bids } from '@/db/schema';
import { defaultMilestones, insertBid, type BidOverrides } from '../bids/factories';
import { insertNeed } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Organisation A (a verified enterprise) owns a published need; team T (a verified research team) has a
 * bid on it. The walker's outsider (another verified enterprise) and pending outsider (a pending research
 * team) must neither see nor change T's bid.
 */
export async function bidOfT(db: Db, overrides: BidOverrides = {}) {
  const a = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const need = await insertNeed(db, { orgId: a.org.id, userId: a.user.id }, { status: 'published' });
  const t = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const bid = await insertBid(db, { orgId: t.org.id, userId: t.user.id }, need.id, overrides);
  return { a, need, t, bid };
}

/** What T sees of its bid. */
export function bidSnapshot(db: Db, bidId: string) {
  return async () => {
    const [row] = await db.select().from(bids).where(eq(bids.id, bidId));
    const revisions = await db.select().from(bidRevisions).where(eq(bidRevisions.bidId, bidId)).orderBy(asc(bidRevisions.number));
    const feedback = await db.select().from(bidFeedback).where(eq(bidFeedback.bidId, bidId));
    return { row, revisions, feedback };
  };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const content = {
  approach: '外人的方案',
  milestones: [{ deliverable: '外人', dueDate: inDays(90), amount: 10 }],
  teamMembers: [{ name: '外人', role: '' }],
};

export const refusals: RefusalTable = {
  'bids.saveDraft': {
    // A pending team may prepare its own draft on a published need; T's bid is untouched.
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { need, bid } = await bidOfT(db);
      return { input: { needId: need.id, content: {} }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.submit': {
    async setup(db) {
      const { need, bid } = await bidOfT(db);
      return { input: { needId: need.id, content }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.revise': {
    async setup(db) {
      const { bid } = await bidOfT(db);
      return { input: { bidId: bid.id, content }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.withdraw': {
    async setup(db) {
      const { bid } = await bidOfT(db);
      return { input: { bidId: bid.id }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.discardDraft': {
    async setup(db) {
      const { bid } = await bidOfT(db, { status: 'draft', milestones: defaultMilestones(10) });
      return { input: { bidId: bid.id }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.get': {
    async setup(db) {
      const { bid } = await bidOfT(db);
      return { input: { bidId: bid.id }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.listMine': {
    // Lists the caller's own team's bids only (empty for the pending team).
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { bid } = await bidOfT(db);
      return { input: {}, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.mineOnNeed': {
    // The caller's own team's bid on a published need (none), never T's.
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { need, bid } = await bidOfT(db);
      return { input: { needId: need.id }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
  'bids.listForNeed': {
    async setup(db) {
      const { need, bid } = await bidOfT(db);
      return { input: { needId: need.id }, snapshot: bidSnapshot(db, bid.id) };
    },
  },
};
