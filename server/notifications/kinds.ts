/**
 * Every kind of notification on the platform. A feature adds its kinds here and their texts under
 * `notifications.kinds.<kind>` in messages/ (title and body, interpolating the payload's fields).
 */
export const NOTIFICATION_KINDS = [
  'org.verified',
  'org.rejected',
  'org.memberJoined',
  'org.roleChanged',
  'org.removed',
  'bureau.orgPending',
  'account.passwordChanged',
  'need.published',
  'need.closed',
  'need.cancelled',
  'contract.milestoneSubmitted',
  'contract.milestoneAccepted',
  'contract.milestoneRejected',
  'contract.milestoneEscalated',
  'contract.paymentRecorded',
  'contract.completed',
  'contract.disputeRaised',
  'contract.disputeRuled',
  'contract.stageClosed',
  'contract.stageKept',
  'contract.ratingsRevealed',
  'bid.awarded',
  'bid.notAwarded',
  'review.invited',
  'review.needAwarded',
  'message.new',
  'match.invited',
  'credit.integrityRecorded',
  'credit.qualificationVerified',
  'credit.appealFiled',
  'credit.appealRuled',
  'credit.misconductReported',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
