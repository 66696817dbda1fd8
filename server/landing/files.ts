import { arrayContains, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingChecklistEntries, landingGateSubmissions, landingProjects } from '@/db/schema';
import type { Actor } from '../actor';
import { sideOf } from './shared';

/**
 * Evidence files of a gate belong to the team's organisation (attachments.ownerOrgId) but are read by every party
 * of the project and the bureau: the incubator must open what it approves, the bureau what it signs off. The
 * attachment download (server/files/attachments.ts `canReadAttachment`) asks this for a file not attached to a need.
 */
export async function readableAsLandingEvidence(db: Db, actor: Actor | null, attachmentId: string): Promise<boolean> {
  if (!actor?.org) return false;
  const rows = await db
    .select({ incubatorOrgId: landingProjects.incubatorOrgId, teamOrgId: landingProjects.teamOrgId, enterpriseOrgId: landingProjects.enterpriseOrgId })
    .from(landingChecklistEntries)
    .innerJoin(landingGateSubmissions, eq(landingGateSubmissions.id, landingChecklistEntries.submissionId))
    .innerJoin(landingProjects, eq(landingProjects.id, landingGateSubmissions.projectId))
    .where(arrayContains(landingChecklistEntries.attachmentIds, [attachmentId]));
  return rows.some((p) => sideOf(actor, p) !== null);
}
