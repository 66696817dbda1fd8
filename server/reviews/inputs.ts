import { z } from 'zod';
import { bidFeedbackCode } from '@/db/schema/bids';
import { fundingMode } from '@/db/schema/contracts';

/**
 * What callers send to the review acts (router and forms share these). Messages starting with `v.` are
 * keys under the `errors` namespace.
 */

export const FEEDBACK_CODES = bidFeedbackCode.enumValues;
export type FeedbackCode = (typeof FEEDBACK_CODES)[number];

const text = (max: number) => z.string().trim().max(max);

export const needIdInput = z.object({ needId: z.uuid() });
export const invitationIdInput = z.object({ invitationId: z.uuid() });

/** A reviewer is named by user id or by the email of an existing account (exactly one of the two). */
export const inviteReviewerInput = z
  .object({
    needId: z.uuid(),
    userId: z.uuid().optional(),
    email: z.email('v.email').trim().toLowerCase().optional(),
  })
  .refine((i) => (i.userId === undefined) !== (i.email === undefined), { path: ['email'], message: 'v.review.userOrEmail' });
export type InviteReviewerInput = z.infer<typeof inviteReviewerInput>;

/** 利益冲突声明: no conflict, or a conflict and what it is (the reviewer is then excluded). */
export const declareCoiInput = z
  .object({
    invitationId: z.uuid(),
    hasConflict: z.boolean(),
    text: text(1000).default(''),
  })
  .refine((d) => !d.hasConflict || d.text.length > 0, { path: ['text'], message: 'v.review.coiTextRequired' });

/**
 * Points per rubric criterion, 0 … the criterion's weight (one decimal at most), so the total runs 0–100
 * and reads as the weighted score directly. Which keys and what maximum come from the need's rubric.
 */
export const scoreBidInput = z.object({
  bidId: z.uuid(),
  scores: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), z.number().min(0).max(100)),
  comment: text(2000).default(''),
});
export type ScoreBidInput = z.infer<typeof scoreBidInput>;

export const feedbackInput = z.object({
  bidId: z.uuid(),
  code: z.enum(FEEDBACK_CODES),
  /** One sentence at least: a code alone is not an answer. */
  text: text(1000).min(4),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const awardInput = z.object({
  needId: z.uuid(),
  /** One bid (`open`, `jiebang`) or 2–3 (`horse_race`). */
  winners: z
    .array(z.uuid())
    .min(1)
    .max(3)
    .refine((ids) => new Set(ids).size === ids.length, 'v.review.duplicateWinner'),
  /** Feedback for the bids not awarded that have none yet (or to replace what was written before). */
  feedback: z.array(feedbackInput).max(200).default([]),
  /** 包干制 instead of funding by milestone, for the contracts this award creates. */
  fundingMode: z.enum(fundingMode.enumValues).default('milestone'),
});
export type AwardInput = z.infer<typeof awardInput>;
