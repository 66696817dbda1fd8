import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enclaves } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { conflict, notFound } from '../errors';
import { now } from '../clock';
import { inTransaction } from '../transaction';
import type { EnclaveInput } from './inputs';
import { hasPgCode } from './shared';

/**
 * 科创飞地 run by an incubator (杭州, 上海, 深圳...). Landing projects start in an enclave. Every query
 * carries the incubator's id: another organisation's enclave answers NOT_FOUND.
 */

const columns = {
  id: enclaves.id,
  name: enclaves.name,
  city: enclaves.city,
  address: enclaves.address,
  capacity: enclaves.capacity,
  createdAt: enclaves.createdAt,
};

const own = (actor: MemberActor, id: string) => and(eq(enclaves.id, id), eq(enclaves.incubatorOrgId, actor.org.id));

export async function listEnclaves(db: Db, actor: MemberActor) {
  return db
    .select(columns)
    .from(enclaves)
    .where(eq(enclaves.incubatorOrgId, actor.org.id))
    .orderBy(asc(enclaves.city), asc(enclaves.name));
}

export async function createEnclave(db: Db, actor: MemberActor, input: EnclaveInput) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(enclaves)
      .values({ ...input, incubatorOrgId: actor.org.id, createdAt: now() })
      .returning(columns);
    if (!row) throw new Error('insert enclave returned no row');
    await audit(tx, actor, { action: 'enclave.create', entityType: 'enclave', entityId: row.id, orgId: actor.org.id, after: input });
    return row;
  });
}

export async function updateEnclave(db: Db, actor: MemberActor, id: string, input: EnclaveInput) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select(columns).from(enclaves).where(own(actor, id)).for('update');
    if (!before) throw notFound();
    const [row] = await tx.update(enclaves).set(input).where(own(actor, id)).returning(columns);
    if (!row) throw notFound();
    await audit(tx, actor, {
      action: 'enclave.update',
      entityType: 'enclave',
      entityId: id,
      orgId: actor.org.id,
      before: { name: before.name, city: before.city, address: before.address, capacity: before.capacity },
      after: input,
    });
    return row;
  });
}

/** Deleting an enclave that landing projects still refer to is refused: their history must keep its origin. */
export async function deleteEnclave(db: Db, actor: MemberActor, id: string) {
  try {
    return await inTransaction(db, async (tx) => {
      const [row] = await tx.delete(enclaves).where(own(actor, id)).returning(columns);
      if (!row) throw notFound();
      await audit(tx, actor, {
        action: 'enclave.delete',
        entityType: 'enclave',
        entityId: id,
        orgId: actor.org.id,
        before: { name: row.name, city: row.city, address: row.address, capacity: row.capacity },
      });
      return { id };
    });
  } catch (e) {
    if (hasPgCode(e, '23503')) throw conflict('enclaveInUse');
    throw e;
  }
}
