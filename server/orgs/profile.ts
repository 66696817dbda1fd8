import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements, enclaves, orgDisciplines, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, notFound } from '../errors';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { refreshMatchDocuments } from '../matching/documents';
import type { UpdateProfileInput } from './inputs';
import { bureauReviewerIds, lockOrganisation } from './shared';
import { IDENTITY_FIELDS, nextOrgStatus } from './status';

/** The actor's own organisation, private fields included (credit code, rejection reason), with its disciplines. */
export async function readOwnOrganisation(db: Db, actor: MemberActor) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.org.id));
  if (!org) throw notFound();
  const disciplines = await db
    .select({ code: orgDisciplines.disciplineCode })
    .from(orgDisciplines)
    .where(eq(orgDisciplines.orgId, org.id))
    .orderBy(asc(orgDisciplines.disciplineCode));
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    creditCode: org.creditCode,
    hostInstitution: org.hostInstitution,
    status: org.status,
    rejectionReason: org.rejectionReason,
    reviewedAt: org.reviewedAt,
    industryField: org.industryField,
    city: org.city,
    description: org.description,
    website: org.website,
    keywords: org.keywords,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    disciplineCodes: disciplines.map((d) => d.code),
  };
}

type ProfileFields = Pick<
  typeof organizations.$inferSelect,
  'name' | 'creditCode' | 'hostInstitution' | 'industryField' | 'city' | 'description' | 'website' | 'keywords'
>;

function profileOf(org: ProfileFields): ProfileFields {
  return {
    name: org.name,
    creditCode: org.creditCode,
    hostInstitution: org.hostInstitution,
    industryField: org.industryField,
    city: org.city,
    description: org.description,
    website: org.website,
    keywords: org.keywords,
  };
}

/** The fields whose values differ, as before/after objects for the audit log. */
function changes<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * Owners and admins edit the profile, pending organisations included (SPEC §1: they may edit drafts and
 * profile). On a verified organisation, changing an identity field (name, credit code, host institution)
 * sends it back to `pending` and tells the bureau (see ./status.ts).
 */
export async function updateProfile(db: Db, actor: MemberActor, input: UpdateProfileInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, actor.org.id);
    const current = profileOf(org);
    const next: ProfileFields = {
      name: input.name ?? current.name,
      creditCode: input.creditCode ?? current.creditCode,
      hostInstitution: org.kind === 'research_team' ? (input.hostInstitution === undefined ? current.hostInstitution : input.hostInstitution) : null,
      industryField: input.industryField === undefined ? current.industryField : input.industryField,
      city: input.city === undefined ? current.city : input.city,
      description: input.description === undefined ? current.description : input.description,
      website: input.website === undefined ? current.website : input.website,
      keywords: input.keywords ?? current.keywords,
    };
    if (org.kind === 'research_team' && !next.hostInstitution) {
      throw badRequest('invalidInput', { hostInstitution: 'v.hostInstitution.required' });
    }
    // Same rule as registration: an enterprise or incubator holds its code alone; research teams share their host's.
    if (next.creditCode !== current.creditCode && (org.kind === 'enterprise' || org.kind === 'incubator')) {
      const [holder] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(
          and(
            eq(organizations.creditCode, next.creditCode),
            inArray(organizations.kind, ['enterprise', 'incubator']),
            ne(organizations.status, 'rejected'),
            ne(organizations.id, org.id),
          ),
        )
        .limit(1);
      if (holder) throw badRequest('invalidInput', { creditCode: 'v.creditCode.taken' });
    }

    const diff = changes(current, next);
    if (Object.keys(diff.after).length === 0) return { status: org.status, reverification: false };

    const identityChanged = IDENTITY_FIELDS.some((f) => f in diff.after);
    // The bureau is the verifier itself (created verified by admin:create): nobody could verify it again.
    const reverification = org.status === 'verified' && identityChanged && org.kind !== 'bureau';
    const status = reverification ? nextOrgStatus(org.status, 'identityChanged') : org.status;
    await tx
      .update(organizations)
      .set({ ...next, status, updatedAt: now() })
      .where(eq(organizations.id, org.id));
    await audit(tx, actor, {
      action: 'org.updateProfile',
      entityType: 'organization',
      entityId: org.id,
      orgId: org.id,
      before: reverification ? { ...diff.before, status: org.status } : diff.before,
      after: reverification ? { ...diff.after, status } : diff.after,
    });
    // 智能匹配 reads the team's text from its match document: rewritten with the change (server/matching).
    await refreshMatchDocuments(tx, [org.id]);
    if (reverification) {
      await notify(
        tx,
        afterCommit,
        await bureauReviewerIds(tx),
        'bureau.orgPending',
        { orgId: org.id, orgName: next.name, orgKind: org.kind },
        '/bureau/verifications',
      );
    }
    return { status, reverification };
  });
}

/**
 * A rejected organisation, having fixed its profile, asks the bureau to look again (rejected → pending).
 * Idempotent: a pending organisation is already in the queue and a verified one needs no review, so for
 * them nothing happens.
 */
export async function resubmitForVerification(db: Db, actor: MemberActor) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, actor.org.id);
    if (org.status !== 'rejected') return { status: org.status, resubmitted: false };
    const status = nextOrgStatus(org.status, 'resubmit');
    await tx.update(organizations).set({ status, updatedAt: now() }).where(eq(organizations.id, org.id));
    await audit(tx, actor, {
      action: 'org.resubmit',
      entityType: 'organization',
      entityId: org.id,
      orgId: org.id,
      before: { status: org.status, rejectionReason: org.rejectionReason },
      after: { status },
    });
    await notify(
      tx,
      afterCommit,
      await bureauReviewerIds(tx),
      'bureau.orgPending',
      { orgId: org.id, orgName: org.name, orgKind: org.kind },
      '/bureau/verifications',
    );
    return { status, resubmitted: true };
  });
}

/** A research team declares its 一级学科 (codes already checked against the catalogue by the input schema). */
export async function setDisciplines(db: Db, actor: MemberActor, codes: readonly string[]) {
  return inTransaction(db, async (tx) => {
    await lockOrganisation(tx, actor.org.id);
    const current = await tx
      .select({ code: orgDisciplines.disciplineCode })
      .from(orgDisciplines)
      .where(eq(orgDisciplines.orgId, actor.org.id))
      .orderBy(asc(orgDisciplines.disciplineCode));
    const before = current.map((c) => c.code);
    const after = [...new Set(codes)].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return { codes: after };
    await tx.delete(orgDisciplines).where(eq(orgDisciplines.orgId, actor.org.id));
    if (after.length > 0) {
      await tx.insert(orgDisciplines).values(after.map((disciplineCode) => ({ orgId: actor.org.id, disciplineCode })));
    }
    await tx.update(organizations).set({ updatedAt: now() }).where(eq(organizations.id, actor.org.id));
    await audit(tx, actor, {
      action: 'org.setDisciplines',
      entityType: 'organization',
      entityId: actor.org.id,
      orgId: actor.org.id,
      before: { disciplines: before },
      after: { disciplines: after },
    });
    // 智能匹配 reads the team's text from its match document: rewritten with the change (server/matching).
    await refreshMatchDocuments(tx, [actor.org.id]);
    return { codes: after };
  });
}

/**
 * The public profile page's data: what any visitor may see (no credit code, no people, no rejection
 * reason). Verified organisations are public; a pending or rejected one is visible only to its own
 * members (to preview their page) and the bureau — to anyone else it does not exist.
 */
export async function publicProfile(db: Db, actor: Actor | null, orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound();
  const insider = actor?.org && (actor.org.id === org.id || actor.org.kind === 'bureau');
  if (org.status !== 'verified' && !insider) throw notFound();

  const [disciplineRows, achievementRows, enclaveRows] = await Promise.all([
    db
      .select({ code: orgDisciplines.disciplineCode })
      .from(orgDisciplines)
      .where(eq(orgDisciplines.orgId, org.id))
      .orderBy(asc(orgDisciplines.disciplineCode)),
    org.kind === 'research_team'
      ? db
          .select({
            id: achievements.id,
            kind: achievements.kind,
            title: achievements.title,
            abstract: achievements.abstract,
            keywords: achievements.keywords,
            year: achievements.year,
          })
          .from(achievements)
          .where(eq(achievements.orgId, org.id))
          .orderBy(desc(achievements.year), desc(achievements.createdAt))
      : Promise.resolve([]),
    org.kind === 'incubator'
      ? db
          .select({ id: enclaves.id, name: enclaves.name, city: enclaves.city })
          .from(enclaves)
          .where(eq(enclaves.incubatorOrgId, org.id))
          .orderBy(asc(enclaves.city), asc(enclaves.name))
      : Promise.resolve([]),
  ]);
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    status: org.status,
    hostInstitution: org.hostInstitution,
    industryField: org.industryField,
    city: org.city,
    description: org.description,
    website: org.website,
    keywords: org.keywords,
    disciplineCodes: disciplineRows.map((d) => d.code),
    achievements: achievementRows,
    enclaves: enclaveRows,
  };
}

