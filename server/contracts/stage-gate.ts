import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contracts, needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { badRequest, conflict, notFound } from '../errors';
import { creditForContractEnd } from '../credit/record';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { completeNeedIfDone, fireContractEvent } from './contracts';
import { authorise, managersOf } from './shared';
import { CONTRACT_TRANSITIONS } from './states';

/**
 * The 赛马制 stage gate (SPEC §2): the owner of a `horse_race` need keeps the best team(s) and closes the other
 * teams' contracts as `stage_closed` — a normal end that counts as delivered for their credit, not a failure.
 * Once per need: the gate is passed when any of its contracts is stage_closed. Accepted but unpaid milestones of
 * a closed contract stay payable.
 */
export async function passStageGate(db: Db, actor: MemberActor, input: { needId: string; keep: readonly string[]; note?: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const [owned] = await tx
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.id, input.needId), eq(needs.ownerOrgId, actor.org.id)))
      .limit(1);
    if (!owned) throw notFound();
    // Lock order everywhere: contracts, then their need (a payment locks its contract, then completes the need).
    const all = await tx.select().from(contracts).where(eq(contracts.needId, owned.id)).orderBy(asc(contracts.signedAt), asc(contracts.id)).for('update');
    const [need] = await tx.select().from(needs).where(eq(needs.id, owned.id)).for('update');
    if (!need) throw notFound();
    const rule = CONTRACT_TRANSITIONS.find((t) => t.event === 'stageClose');
    const first = all[0];
    if (!first || !rule) throw conflict('contracts.noContracts');
    authorise(actor, first, rule);
    if (need.mode !== 'horse_race') throw conflict('contracts.stageGateHorseRaceOnly');
    if (all.some((c) => c.status === 'stage_closed')) throw conflict('contracts.stageGateDone');
    if (all.some((c) => c.status === 'disputed')) throw conflict('contracts.stageGateDisputed');
    const keep = new Set(input.keep);
    for (const id of keep) {
      const kept = all.find((c) => c.id === id);
      if (!kept) throw badRequest('contracts.keepNotOfNeed', { keep: 'contracts.keepNotOfNeed' });
      if (kept.status !== 'active' && kept.status !== 'completed') throw badRequest('contracts.keepNotRunning', { keep: 'contracts.keepNotRunning' });
    }
    const closing = all.filter((c) => !keep.has(c.id) && c.status === 'active');
    if (closing.length === 0) throw badRequest('contracts.stageGateNothingToClose', { keep: 'contracts.stageGateNothingToClose' });
    const note = input.note?.trim() || null;
    const closed = [];
    for (const contract of closing) {
      const ended = await fireContractEvent(tx, actor, contract, 'stageClose', { endReason: note });
      closed.push(ended);
      await creditForContractEnd(tx, afterCommit, actor, ended);
      await notify(
        tx,
        afterCommit,
        await managersOf(tx, [contract.providerOrgId]),
        'contract.stageClosed',
        { contractId: contract.id, subject: contract.subject },
        `/contracts/${contract.id}`,
      );
    }
    const keptRows = all.filter((c) => keep.has(c.id));
    for (const contract of keptRows) {
      await notify(
        tx,
        afterCommit,
        await managersOf(tx, [contract.providerOrgId]),
        'contract.stageKept',
        { contractId: contract.id, subject: contract.subject },
        `/contracts/${contract.id}`,
      );
    }
    // The kept team may already have finished: then the need completes now.
    await completeNeedIfDone(tx, afterCommit, need.id);
    return { closed: closed.map((c) => ({ id: c.id, status: c.status })), kept: keptRows.map((c) => c.id) };
  });
}
