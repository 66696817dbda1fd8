import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contractDeliveries, contractDeliveryFiles, contracts } from '@/db/schema';
import type { Actor } from '../actor';
import { canRead } from './shared';

/**
 * Files the team attached to a delivery belong to the team's organisation (attachments.ownerOrgId) but are read by
 * both parties and the bureau: the client must open what it accepts or rejects. The attachment download
 * (server/files/attachments.ts `canReadAttachment`) asks this for a file that is not attached to a need.
 */
export async function readableAsDeliveryFile(db: Db, actor: Actor | null, attachmentId: string): Promise<boolean> {
  if (!actor?.org) return false;
  const rows = await db
    .select({ clientOrgId: contracts.clientOrgId, providerOrgId: contracts.providerOrgId })
    .from(contractDeliveryFiles)
    .innerJoin(contractDeliveries, eq(contractDeliveries.id, contractDeliveryFiles.deliveryId))
    .innerJoin(contracts, eq(contracts.id, contractDeliveries.contractId))
    .where(eq(contractDeliveryFiles.attachmentId, attachmentId));
  return rows.some((c) => canRead(actor, c));
}
