import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, needAnnexOpenings, needNdaAcceptances, needs } from '@/db/schema';
import { insertNeed, type NeedOverrides } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Organisation A (a verified enterprise) owns the need; the walker's outsider (another verified
 * enterprise) and pending outsider (a pending research team) must neither see nor change it.
 */
async function needOfA(db: Db, overrides: NeedOverrides = {}) {
  const a = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const need = await insertNeed(db, { orgId: a.org.id, userId: a.user.id }, overrides);
  return { a, need };
}

/** What A sees of its need and everything hanging off it. */
function snapshotOf(db: Db, needId: string) {
  return async () => {
    const [row] = await db.select().from(needs).where(eq(needs.id, needId));
    const [nda] = await db.select({ n: count() }).from(needNdaAcceptances).where(eq(needNdaAcceptances.needId, needId));
    const [openings] = await db.select({ n: count() }).from(needAnnexOpenings).where(eq(needAnnexOpenings.needId, needId));
    const files = await db.select().from(attachments).where(eq(attachments.needId, needId));
    return { row, nda: nda?.n, openings: openings?.n, files };
  };
}

const draftFields = {
  mode: 'open' as const,
  title: '外人改写的标题',
  summary: '改写',
  description: '改写',
  industryField: 'other' as const,
};

export const refusals: RefusalTable = {
  'needs.createDraft': {
    // Creating a draft only ever creates it for the caller's own organisation; A's need is untouched.
    allowed: ['outsider'],
    async setup(db) {
      const { need } = await needOfA(db);
      return { input: draftFields, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.updateDraft': {
    async setup(db) {
      const { need } = await needOfA(db);
      return { input: { id: need.id, fields: draftFields }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.publish': {
    async setup(db) {
      const { need } = await needOfA(db);
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.cancel': {
    async setup(db) {
      const { need } = await needOfA(db, { status: 'published' });
      return { input: { id: need.id, reason: '外人取消' }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.close': {
    async setup(db) {
      const { need } = await needOfA(db, { status: 'published', mode: 'open' });
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.get': {
    // Published needs are public by design; a draft is not: everyone outside A gets NOT_FOUND.
    async setup(db) {
      const { need } = await needOfA(db, { status: 'draft' });
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.listMine': {
    // Lists only the caller's own organisation's needs.
    allowed: ['outsider'],
    async setup(db) {
      const { need } = await needOfA(db);
      return { input: {}, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.stats': { public: 'counts of public needs, verified teams and signed contracts, and the transaction volume: no names, no bids' },
  'needs.search': { public: 'searches published needs by their public fields only (no annex, no anonymous owner)' },
  'needs.acceptNda': {
    async setup(db) {
      const { need } = await needOfA(db, { status: 'published' });
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.openAnnex': {
    async setup(db) {
      const { need } = await needOfA(db, { status: 'published' });
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.annexLog': {
    async setup(db) {
      const { need } = await needOfA(db, { status: 'published' });
      return { input: { id: need.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
  'needs.removeAttachment': {
    async setup(db) {
      const { a, need } = await needOfA(db);
      const [file] = await db
        .insert(attachments)
        .values({
          ownerOrgId: a.org.id,
          needId: need.id,
          storageKey: `refusal${need.id.replace(/-/g, '').slice(0, 25)}`,
          originalName: '工艺参数.pdf',
          contentType: 'application/pdf',
          size: 1234,
          sha256: '0'.repeat(64),
          uploadedBy: a.user.id,
          createdAt: new Date(),
        })
        .returning();
      if (!file) throw new Error('insert attachment failed');
      return { input: { id: file.id }, snapshot: snapshotOf(db, need.id) };
    },
  },
};
