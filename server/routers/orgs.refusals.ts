import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements, enclaves, invitations, memberships, orgDisciplines, organizations } from '@/db/schema';
import type { OrgKind, OrgStatus } from '../actor';
import { now } from '../clock';
import { hashInvitationToken, INVITATION_TTL_MS } from '../orgs/invitations';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Organisation A with an owner, a second member, an achievement or an enclave, disciplines and an open
 * invitation; `snapshot()` is everything A's owner would see of it. Each case targets one of A's
 * resources by id: outsiders must get NOT_FOUND (or FORBIDDEN by kind/role) and A must stay as it was.
 */
async function organisationA(db: Db, kind: OrgKind = 'research_team', status: OrgStatus = 'verified') {
  const { org, actor: owner } = await insertOrgWithOwner(db, { kind, status, description: '甲方简介', keywords: ['精密加工'] });
  const { user: member } = await insertMember(db, org, 'member');
  if (kind === 'research_team') await db.insert(orgDisciplines).values({ orgId: org.id, disciplineCode: '0802' });
  const [achievement] =
    kind === 'research_team'
      ? await db
          .insert(achievements)
          .values({ orgId: org.id, kind: 'patent', title: '一种高精度轴承套圈磨削装置', abstract: '摘要', keywords: ['磨削'], year: 2024 })
          .returning()
      : [];
  const [enclave] =
    kind === 'incubator'
      ? await db.insert(enclaves).values({ incubatorOrgId: org.id, name: '杭州科创飞地', city: '杭州', capacity: 40 }).returning()
      : [];
  const token = crypto.randomBytes(32).toString('base64url');
  const [invitation] = await db
    .insert(invitations)
    .values({
      orgId: org.id,
      tokenHash: hashInvitationToken(token),
      role: 'member',
      invitedBy: owner.userId,
      expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
    })
    .returning();
  if (!invitation) throw new Error('invitation not stored');
  const snapshot = async () => ({
    org: await db.select().from(organizations).where(eq(organizations.id, org.id)),
    disciplines: await db.select().from(orgDisciplines).where(eq(orgDisciplines.orgId, org.id)).orderBy(asc(orgDisciplines.disciplineCode)),
    members: await db.select().from(memberships).where(eq(memberships.orgId, org.id)).orderBy(asc(memberships.userId)),
    achievements: await db.select().from(achievements).where(eq(achievements.orgId, org.id)).orderBy(asc(achievements.id)),
    enclaves: await db.select().from(enclaves).where(eq(enclaves.incubatorOrgId, org.id)).orderBy(asc(enclaves.id)),
    invitations: await db.select().from(invitations).where(eq(invitations.orgId, org.id)).orderBy(asc(invitations.id)),
  });
  return { org, owner, member, achievement, enclave, invitation, token, snapshot };
}

const achievementFields = { kind: 'paper', title: '改写的标题', abstract: '', keywords: [], year: 2023 } as const;
const enclaveFields = { name: '改名的飞地', city: '上海', address: null, capacity: 10 } as const;

export const refusals: RefusalTable = {
  // Procedures on the caller's own organisation: a signed-in outsider acts on its own, A is untouched.
  'orgs.mine': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: undefined, snapshot };
    },
  },
  'orgs.updateProfile': {
    // A patch without identity fields: the outsider edits its own description and stays verified.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: { description: '外来者改写自己的简介', keywords: ['外来'] }, snapshot };
    },
  },
  'orgs.resubmit': {
    // Idempotent for organisations that are not rejected: the outsiders' calls change nothing anywhere.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db, 'enterprise', 'rejected');
      return { input: undefined, snapshot };
    },
  },
  'orgs.setDisciplines': {
    // Only research teams (the pending outsider is one) declare disciplines, and only their own.
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: { codes: ['0805', '0703'] }, snapshot };
    },
  },
  'orgs.publicProfile': { public: 'public organisation profile page: verified organisations only, no private data' },
  'orgs.disciplineCatalogue': { public: 'the national discipline catalogue, the same for everyone' },

  'orgs.achievements.list': {
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: undefined, snapshot };
    },
  },
  'orgs.achievements.create': {
    allowed: ['pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: achievementFields, snapshot };
    },
  },
  'orgs.achievements.update': {
    async setup(db) {
      const { achievement, snapshot } = await organisationA(db);
      return { input: { id: achievement?.id, ...achievementFields }, snapshot };
    },
  },
  'orgs.achievements.delete': {
    async setup(db) {
      const { achievement, snapshot } = await organisationA(db);
      return { input: { id: achievement?.id }, snapshot };
    },
  },

  'orgs.members.list': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: undefined, snapshot };
    },
  },
  'orgs.members.setRole': {
    async setup(db) {
      const { member, snapshot } = await organisationA(db);
      return { input: { userId: member.id, role: 'owner' }, snapshot };
    },
  },
  'orgs.members.remove': {
    async setup(db) {
      const { member, snapshot } = await organisationA(db);
      return { input: { userId: member.id }, snapshot };
    },
  },
  'orgs.members.leave': {
    // The outsiders are their organisations' only owners: refused (last owner), and A is untouched.
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: undefined, snapshot };
    },
  },

  'orgs.invitations.list': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: undefined, snapshot };
    },
  },
  'orgs.invitations.create': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await organisationA(db);
      return { input: { role: 'member' }, snapshot };
    },
  },
  'orgs.invitations.revoke': {
    async setup(db) {
      const { invitation, snapshot } = await organisationA(db);
      return { input: { id: invitation.id }, snapshot };
    },
  },
  'orgs.invitations.preview': { public: 'the invitation page: whoever holds the token (the credential) sees whom it invites to' },
  'orgs.invitations.accept': {
    // Anonymous: sign in first; outsiders already belong to an organisation (one per user).
    async setup(db) {
      const { token, snapshot } = await organisationA(db);
      return { input: { token }, snapshot };
    },
  },
  'orgs.invitations.acceptWithNewAccount': {
    public: 'a visitor creates an account through an invitation link; the token is the credential',
  },

  'orgs.enclaves.list': {
    async setup(db) {
      const { snapshot } = await organisationA(db, 'incubator');
      return { input: undefined, snapshot };
    },
  },
  'orgs.enclaves.create': {
    async setup(db) {
      const { snapshot } = await organisationA(db, 'incubator');
      return { input: enclaveFields, snapshot };
    },
  },
  'orgs.enclaves.update': {
    async setup(db) {
      const { enclave, snapshot } = await organisationA(db, 'incubator');
      return { input: { id: enclave?.id, ...enclaveFields }, snapshot };
    },
  },
  'orgs.enclaves.delete': {
    async setup(db) {
      const { enclave, snapshot } = await organisationA(db, 'incubator');
      return { input: { id: enclave?.id }, snapshot };
    },
  },
};
