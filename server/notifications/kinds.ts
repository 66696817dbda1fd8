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
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
