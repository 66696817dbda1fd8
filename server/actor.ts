export type OrgKind = 'enterprise' | 'research_team' | 'incubator' | 'bureau';
export type OrgStatus = 'pending' | 'verified' | 'rejected';
export type MemberRole = 'owner' | 'admin' | 'member';

/** Who is acting: a signed-in user and, when they belong to one, their organisation and role. */
export interface Actor {
  userId: string;
  sessionId: string;
  name: string;
  org: { id: string; kind: OrgKind; status: OrgStatus; role: MemberRole; name: string } | null;
  ip?: string | null;
}

/** An actor known to belong to an organisation (what `permittedProcedure` hands to handlers). */
export type MemberActor = Actor & { org: NonNullable<Actor['org']> };

/** System actors (jobs, CLI, seed) write audit rows with no user. */
export const SYSTEM = { userId: null, orgId: null } as const;
