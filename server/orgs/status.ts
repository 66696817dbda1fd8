import type { OrgStatus } from '../actor';
import { conflict } from '../errors';

/**
 * The verification lifecycle of an organisation (资质审核) as one transition table.
 *
 * - A new organisation is `pending` (registration).
 * - The bureau verifies or rejects a pending one; a rejection carries a reason.
 * - A rejected organisation fixes its profile and resubmits: back to `pending`.
 * - A verified organisation that changes what the bureau checked — its name, its 统一社会信用代码, or a
 *   research team's host institution — goes back to `pending` for re-verification: the bureau vouched for
 *   that identity, not for whatever the profile says later. Other profile fields (description, city,
 *   keywords, disciplines, achievements...) change freely and keep the organisation verified. The bureau's
 *   own organisation is exempt: it is the verifier (created verified by `admin:create`).
 */
export type OrgStatusEvent = 'verify' | 'reject' | 'resubmit' | 'identityChanged';

export const ORG_STATUS_TRANSITIONS: ReadonlyArray<{ from: OrgStatus; event: OrgStatusEvent; to: OrgStatus; by: 'bureau' | 'organisation' }> = [
  { from: 'pending', event: 'verify', to: 'verified', by: 'bureau' },
  { from: 'pending', event: 'reject', to: 'rejected', by: 'bureau' },
  { from: 'rejected', event: 'resubmit', to: 'pending', by: 'organisation' },
  { from: 'verified', event: 'identityChanged', to: 'pending', by: 'organisation' },
];

/** The status after `event`, or a CONFLICT naming why the organisation is not in a state that allows it. */
export function nextOrgStatus(from: OrgStatus, event: OrgStatusEvent): OrgStatus {
  const row = ORG_STATUS_TRANSITIONS.find((t) => t.from === from && t.event === event);
  if (!row) throw conflict(event === 'resubmit' ? 'orgNotRejected' : 'orgNotPending');
  return row.to;
}

/** The profile fields the bureau verified; changing one of them on a verified organisation re-opens review. */
export const IDENTITY_FIELDS = ['name', 'creditCode', 'hostInstitution'] as const;
