import { z } from 'zod';

export const needMatchesInput = z.object({
  needId: z.uuid(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type NeedMatchesInput = z.infer<typeof needMatchesInput>;

export const inviteToBidInput = z.object({
  needId: z.uuid(),
  teamOrgId: z.uuid(),
  /** The owner's own words, sent as a message in a conversation with the team (optional). */
  message: z.string().trim().max(2000).default(''),
});
export type InviteToBidInput = z.input<typeof inviteToBidInput>;

export const recommendationsInput = z.object({
  limit: z.number().int().min(1).max(50).default(10),
});
export type RecommendationsInput = z.infer<typeof recommendationsInput>;

/** The invited team declines an invitation to bid on a need. */
export const needInvitationInput = z.object({
  needId: z.uuid(),
});
export type NeedInvitationInput = z.infer<typeof needInvitationInput>;
