import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contractRatings } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { conflict } from '../errors';
import { creditForRatingsRevealed } from '../credit/record';
import { notify } from '../notifications/notify';
import { can } from '../permissions';
import { inTransaction } from '../transaction';
import { authorise, lockContract, managersOf, orgOfSide, otherSide, sideOf, type ContractRow, type Side } from './shared';
import { DAY_MS, NORMAL_ENDS, RATING_BLIND_DAYS } from './states';

/**
 * Double-blind ratings (SPEC §4). A contract that ended normally (completed, or stage_closed at a 赛马制 gate —
 * delivered, not failed) opens ratings: each side rates the other once — quality, timeliness, communication
 * 1–5, a comment, and a private 0–10 "would contract again".
 *
 * Blindness, decided here and enforced by every read of ratings (this module is the only one that selects them):
 * - A side's rating is revealed to the other side when both sides have rated, or 14 days after the contract
 *   ended, whichever comes first. Until then the other side gets `{ revealed: false, revealsAt }` whether or not
 *   the rating exists — not even "they have rated" leaks, so nobody can wait to see whether the other rated
 *   first. (Once a side has rated, its own rating is final; if the other's then stays hidden, it has not rated yet.)
 * - The rating window closes when the ratings reveal by time (14 days): a side that could read the other's
 *   rating before giving its own would break the blindness.
 * - `wouldContractAgain` is never returned to anyone but the rater's own organisation (the credit model reads it
 *   from the table directly). The bureau sees revealed ratings only, like the rated side.
 * - A contract whose client is the bureau (a 揭榜挂帅 list) is rated by the team only: the bureau referees
 *   disputes and does not rate (permission `rating.give`); the team's rating reveals after 14 days.
 */

export type RatingRow = typeof contractRatings.$inferSelect;

/** When a normally ended contract's ratings reveal by time (and the window to rate closes). */
export function revealsAt(contract: Pick<ContractRow, 'endedAt'>): Date | null {
  return contract.endedAt ? new Date(contract.endedAt.getTime() + RATING_BLIND_DAYS * DAY_MS) : null;
}

function ratingsOpen(contract: ContractRow): boolean {
  return NORMAL_ENDS.includes(contract.status) && !!contract.endedAt;
}

/** A side rates the other side of a normally ended contract, once, within the 14-day window. */
export async function giveRating(
  db: Db,
  actor: MemberActor,
  input: { contractId: string; quality: number; timeliness: number; communication: number; wouldContractAgain: number; comment: string },
) {
  return inTransaction(db, async (tx, afterCommit) => {
    const contract = await lockContract(tx, actor, input.contractId);
    authorise(actor, contract, { by: 'party', action: 'rating.give' });
    const side = sideOf(actor, contract) as Side;
    if (!ratingsOpen(contract)) throw conflict('contracts.ratingNotOpen', { status: contract.status });
    const closesAt = revealsAt(contract);
    if (closesAt && now().getTime() >= closesAt.getTime()) throw conflict('contracts.ratingClosed');
    const [row] = await tx
      .insert(contractRatings)
      .values({
        contractId: contract.id,
        raterSide: side,
        raterOrgId: actor.org.id,
        ratedOrgId: orgOfSide(contract, otherSide(side)),
        ratedBy: actor.userId,
        quality: input.quality,
        timeliness: input.timeliness,
        communication: input.communication,
        wouldContractAgain: input.wouldContractAgain,
        comment: input.comment,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('contracts.alreadyRated');
    // Recorded in the rater's own log only (and the bureau's), without the content: the rated side's audit log
    // must not tell it that a rating exists before it is revealed.
    await audit(tx, actor, { action: 'rating.give', entityType: 'contract', entityId: contract.id, orgId: actor.org.id, after: { ratingId: row.id, side } });
    const [other] = await tx
      .select({ id: contractRatings.id })
      .from(contractRatings)
      .where(and(eq(contractRatings.contractId, contract.id), eq(contractRatings.raterSide, otherSide(side))))
      .limit(1);
    // Only the second rating is announced (both are now visible); announcing the first would tell the other side.
    if (other) {
      await creditForRatingsRevealed(tx, afterCommit, contract);
      await notify(
        tx,
        afterCommit,
        await managersOf(tx, [contract.clientOrgId, contract.providerOrgId]),
        'contract.ratingsRevealed',
        { contractId: contract.id, subject: contract.subject },
        `/contracts/${contract.id}`,
      );
    }
    return { id: row.id, side, revealed: !!other };
  });
}

export interface RatingScores {
  quality: number;
  timeliness: number;
  communication: number;
  comment: string;
  createdAt: Date;
}

export type RatingSlot =
  /** The viewer's own side's rating: everything, the private score included. */
  | { state: 'mine'; rating: RatingScores & { wouldContractAgain: number } }
  /** The viewer's side has not rated (and may, while `canRate`). */
  | { state: 'notRated'; canRate: boolean; closesAt: Date | null }
  /** Revealed: scores and comment, never the private score. */
  | { state: 'revealed'; rating: RatingScores }
  /** Not revealed to this viewer: says nothing about whether it exists. */
  | { state: 'hidden'; revealsAt: Date | null }
  /** No rating was given (only said once revealing could no longer change anything). */
  | { state: 'none' };

const scores = (r: RatingRow): RatingScores => ({
  quality: r.quality,
  timeliness: r.timeliness,
  communication: r.communication,
  comment: r.comment,
  createdAt: r.createdAt,
});

/**
 * The ratings of a contract as `actor` may see them: one slot per rating side. The caller has already checked that
 * the actor may read the contract.
 */
export async function ratingsView(db: Db, actor: Actor | null, contract: ContractRow): Promise<{ open: boolean; revealsAt: Date | null; client: RatingSlot; provider: RatingSlot }> {
  const open = ratingsOpen(contract);
  const reveal = revealsAt(contract);
  if (!open) return { open, revealsAt: null, client: { state: 'none' }, provider: { state: 'none' } };
  const rows = await db.select().from(contractRatings).where(eq(contractRatings.contractId, contract.id));
  const bySide = { client: rows.find((r) => r.raterSide === 'client'), provider: rows.find((r) => r.raterSide === 'provider') };
  const at = now();
  const timeUp = !!reveal && at.getTime() >= reveal.getTime();
  const bothRated = !!bySide.client && !!bySide.provider;
  const viewerSide = sideOf(actor, contract);
  const slot = (side: Side): RatingSlot => {
    const row = bySide[side];
    if (viewerSide === side) {
      if (row) return { state: 'mine', rating: { ...scores(row), wouldContractAgain: row.wouldContractAgain } };
      const org = actor?.org;
      const canRate = !timeUp && !!org && can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'rating.give');
      return { state: 'notRated', canRate, closesAt: reveal };
    }
    if (bothRated || timeUp) return row ? { state: 'revealed', rating: scores(row) } : { state: 'none' };
    return { state: 'hidden', revealsAt: reveal };
  };
  return { open, revealsAt: reveal, client: slot('client'), provider: slot('provider') };
}
