import { z } from 'zod';
import { bidStatus } from '@/db/schema/bids';

/**
 * What callers send to the bid acts (the router validates with these, the bid form shares them). Messages
 * starting with `v.` are keys under the `errors` namespace, shown next to the field.
 */

export const BID_STATUSES = bidStatus.enumValues;
export type BidStatus = (typeof BID_STATUSES)[number];

export const MAX_MILESTONES = 12;
export const MAX_TEAM_MEMBERS = 30;
export const MAX_ACHIEVEMENTS = 20;
export const MAX_ATTACHMENTS = 10;

const text = (max: number) => z.string().trim().max(max);

/** 万元, more than zero, at most two decimals, below numeric(12,2)'s ceiling. */
export const bidAmountSchema = z
  .number()
  .positive()
  .max(9_999_999_999.99)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'v.bid.amountCents');

/** Integer cents: sums of amounts are done in cents, never in floating 万元. */
export const toCents = (amount: number | string) => Math.round(Number(amount) * 100);
export const centsToAmount = (cents: number) => (cents / 100).toFixed(2);

export const milestoneInput = z.object({
  deliverable: text(500).min(1),
  dueDate: z.iso.date('v.bid.dueDate'),
  amount: bidAmountSchema,
});
export type MilestoneInput = z.infer<typeof milestoneInput>;

export const teamMemberInput = z.object({
  name: text(40).min(1),
  role: text(60).default(''),
});

const uniqueIds = (max: number) =>
  z
    .array(z.uuid())
    .max(max)
    .default([])
    .transform((ids) => [...new Set(ids)]);

/**
 * A bid's content as submitted: approach (Markdown), milestones (their sum is the price), team members,
 * the team's own achievements and files. Milestone due dates run in order; whether they lie ahead and
 * whether the price fits the need (a `jiebang` bounty) is checked by the domain, which knows the clock
 * and the need.
 */
export const bidContentInput = z.object({
  approach: text(50_000).min(1),
  milestones: z
    .array(milestoneInput)
    .min(1)
    .max(MAX_MILESTONES)
    .superRefine((list, ctx) => {
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (prev && cur && cur.dueDate < prev.dueDate) ctx.addIssue({ code: 'custom', path: [i, 'dueDate'], message: 'v.bid.dueDateOrder' });
      }
    }),
  teamMembers: z.array(teamMemberInput).min(1).max(MAX_TEAM_MEMBERS),
  achievementIds: uniqueIds(MAX_ACHIEVEMENTS),
  attachmentIds: uniqueIds(MAX_ATTACHMENTS),
});
export type BidContentInput = z.infer<typeof bidContentInput>;

/** A draft may be incomplete: everything may still be empty, but what is there has the right shape. */
export const bidDraftContentInput = z.object({
  approach: text(50_000).default(''),
  milestones: z.array(milestoneInput).max(MAX_MILESTONES).default([]),
  teamMembers: z.array(teamMemberInput).max(MAX_TEAM_MEMBERS).default([]),
  achievementIds: uniqueIds(MAX_ACHIEVEMENTS),
  attachmentIds: uniqueIds(MAX_ATTACHMENTS),
});
export type BidDraftContentInput = z.infer<typeof bidDraftContentInput>;

export const saveDraftInput = z.object({ needId: z.uuid(), content: bidDraftContentInput });
export const submitBidInput = z.object({ needId: z.uuid(), content: bidContentInput });
export const reviseBidInput = z.object({ bidId: z.uuid(), content: bidContentInput });
export const bidIdInput = z.object({ bidId: z.uuid() });
export const needIdInput = z.object({ needId: z.uuid() });
export const getBidInput = z.object({ bidId: z.uuid(), revision: z.number().int().min(1).optional() });
export const listMyBidsInput = z.object({
  status: z.enum(BID_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});
