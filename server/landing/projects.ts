import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contracts, conversationParticipants, enclaves, landingProjectContracts, landingProjects, landingStageEntries, organizations } from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { bureauMembers, managersOf } from '../contracts/shared';
import { ensureConversation } from '../messaging/conversations';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import type { CreateProjectInput, UpdateProjectInput } from './inputs';
import { auditProject, authorise, enterStage, invalidTransition, loadProject, partyOrgIds, projectLink, recordEvent, type ProjectRow } from './shared';
import { PROJECT_TRANSITIONS, transition, type LandingStage, type ProjectEvent } from './states';

/**
 * Landing projects (SPEC §8): the incubator creates one in its enclave for a team or company, with the project's
 * room (team, enterprise, incubator); it steers it (pause, resume, exit with a reason); the parties link the
 * contracts that belong to its story. Stage advances come only from gates (gates.ts).
 */

/** A partner organisation of a project: verified, and of the kinds that may own or take up a project. */
async function partner(tx: Db, orgId: string, kinds: ReadonlyArray<'research_team' | 'enterprise'>, field: string) {
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.id, orgId), eq(organizations.status, 'verified')))
    .limit(1);
  if (!org || !(kinds as readonly string[]).includes(org.kind)) throw badRequest('landing.partnerNotEligible', { [field]: 'v.landing.partner' });
  return org;
}

/** Contracts may be linked when one of the project's team or enterprise is a party to them. */
async function assertContractsOfParties(tx: Db, project: Pick<ProjectRow, 'teamOrgId' | 'enterpriseOrgId'>, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  const parties = [project.teamOrgId, project.enterpriseOrgId].filter((id): id is string => !!id);
  const rows = await tx
    .select({ id: contracts.id, subject: contracts.subject })
    .from(contracts)
    .where(and(inArray(contracts.id, [...contractIds]), or(inArray(contracts.clientOrgId, parties), inArray(contracts.providerOrgId, parties))));
  if (rows.length !== new Set(contractIds).size) throw badRequest('landing.contractNotOfParties', { contractIds: 'v.landing.contract' });
  return rows;
}

export async function createProject(db: Db, actor: MemberActor, input: CreateProjectInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const [enclave] = await tx
      .select({ id: enclaves.id, name: enclaves.name, city: enclaves.city })
      .from(enclaves)
      .where(and(eq(enclaves.id, input.enclaveId), eq(enclaves.incubatorOrgId, actor.org.id)))
      .limit(1);
    if (!enclave) throw notFound();
    const team = await partner(tx, input.teamOrgId, ['research_team', 'enterprise'], 'teamOrgId');
    const enterprise = input.enterpriseOrgId ? await partner(tx, input.enterpriseOrgId, ['enterprise'], 'enterpriseOrgId') : null;
    if (enterprise && enterprise.id === team.id) throw badRequest('landing.enterpriseIsTeam', { enterpriseOrgId: 'v.landing.enterpriseIsTeam' });
    const at = now();
    const [project] = await tx
      .insert(landingProjects)
      .values({
        name: input.name,
        incubatorOrgId: actor.org.id,
        enclaveId: enclave.id,
        teamOrgId: team.id,
        enterpriseOrgId: enterprise?.id ?? null,
        field: input.field,
        disciplineCodes: input.disciplineCodes,
        description: input.description,
        plannedSite: input.plannedSite,
        targetInvestment: input.targetInvestment?.toFixed(2) ?? null,
        targetRevenue: input.targetRevenue?.toFixed(2) ?? null,
        targetEmployees: input.targetEmployees,
        targetNote: input.targetNote,
        stage: 'incubating',
        reachedStage: 'incubating',
        stageEnteredAt: at,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    if (!project) throw new Error('insert landing project returned no row');
    await tx.insert(landingStageEntries).values({ projectId: project.id, stage: 'incubating', enteredAt: at, enteredBy: actor.userId });
    const room = await ensureConversation(tx, actor, {
      kind: 'landing_project',
      key: `landing_project:${project.id}`,
      landingProjectId: project.id,
      participants: [
        { orgId: team.id, role: 'team' },
        ...(enterprise ? [{ orgId: enterprise.id, role: 'enterprise' }] : []),
        { orgId: actor.org.id, role: 'incubator' },
      ],
    });
    await tx.update(landingProjects).set({ conversationId: room.id }).where(eq(landingProjects.id, project.id));
    await recordEvent(tx, actor, project.id, { kind: 'created', toStage: 'incubating', data: { enclave: enclave.name, city: enclave.city, team: team.name } });
    await auditProject(tx, actor, project, {
      action: 'landing.create',
      after: { name: input.name, enclaveId: enclave.id, teamOrgId: team.id, enterpriseOrgId: enterprise?.id ?? null, field: input.field },
    });
    const linked = await assertContractsOfParties(tx, project, input.contractIds);
    for (const c of linked) await linkOne(tx, actor, project, c);
    await notify(tx, afterCommit, await managersOf(tx, [team.id, ...(enterprise ? [enterprise.id] : [])]), 'landing.created', { name: project.name, incubator: actor.org.name }, projectLink(project.id));
    return { id: project.id, conversationId: room.id };
  });
}

export async function updateProject(db: Db, actor: MemberActor, input: UpdateProjectInput) {
  return inTransaction(db, async (tx) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'incubator', action: 'landing.update' });
    if (project.stage === 'exited') throw conflict('landing.projectExited');
    let enterpriseOrgId = project.enterpriseOrgId;
    if (input.enterpriseOrgId !== project.enterpriseOrgId) {
      // The local enterprise may be named later (when the company is registered), not swapped once it took part.
      if (project.enterpriseOrgId) throw conflict('landing.enterpriseFixed');
      if (input.enterpriseOrgId) {
        const enterprise = await partner(tx, input.enterpriseOrgId, ['enterprise'], 'enterpriseOrgId');
        if (enterprise.id === project.teamOrgId) throw badRequest('landing.enterpriseIsTeam', { enterpriseOrgId: 'v.landing.enterpriseIsTeam' });
        enterpriseOrgId = enterprise.id;
        if (project.conversationId) {
          await ensureParticipant(tx, project.conversationId, enterprise.id);
        }
      }
    }
    const changes = {
      name: input.name,
      field: input.field,
      disciplineCodes: input.disciplineCodes,
      description: input.description,
      plannedSite: input.plannedSite,
      targetInvestment: input.targetInvestment?.toFixed(2) ?? null,
      targetRevenue: input.targetRevenue?.toFixed(2) ?? null,
      targetEmployees: input.targetEmployees,
      targetNote: input.targetNote,
      enterpriseOrgId,
    };
    await tx.update(landingProjects).set({ ...changes, updatedAt: now() }).where(eq(landingProjects.id, project.id));
    await recordEvent(tx, actor, project.id, { kind: 'updated' });
    await auditProject(tx, actor, project, {
      action: 'landing.update',
      before: {
        name: project.name,
        field: project.field,
        plannedSite: project.plannedSite,
        targetInvestment: project.targetInvestment,
        targetRevenue: project.targetRevenue,
        targetEmployees: project.targetEmployees,
        enterpriseOrgId: project.enterpriseOrgId,
      },
      after: changes,
    });
    return { id: project.id };
  });
}

async function ensureParticipant(tx: Db, conversationId: string, orgId: string) {
  await tx.insert(conversationParticipants).values({ conversationId, orgId, role: 'enterprise' }).onConflictDoNothing();
}

const STEER_KINDS: Record<Exclude<ProjectEvent, 'advance'>, 'landing.paused' | 'landing.resumed' | 'landing.exited'> = {
  pause: 'landing.paused',
  resume: 'landing.resumed',
  exit: 'landing.exited',
};
const STEER_EVENT: Record<Exclude<ProjectEvent, 'advance'>, string> = { pause: 'paused', resume: 'resumed', exit: 'exited' };

/** Pause, resume or exit a project (incubator or bureau), with a reason; resuming returns to the stage it was in. */
export async function steerProject(db: Db, actor: MemberActor, event: Exclude<ProjectEvent, 'advance'>, input: { projectId: string; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    const rule = PROJECT_TRANSITIONS.find((t) => t.event === event);
    if (!rule) throw invalidTransition('project', project.stage, event);
    authorise(actor, side, rule);
    const t = transition(PROJECT_TRANSITIONS, project.stage, event);
    if (!t) throw invalidTransition('project', project.stage, event);
    const to: LandingStage = t.to === 'reached' ? project.reachedStage : t.to;
    const updated = await enterStage(tx, actor, project, to, STEER_EVENT[event], input.reason);
    const recipients = await managersOf(tx, partyOrgIds(project));
    await notify(tx, afterCommit, recipients.filter((u) => u !== actor.userId), STEER_KINDS[event], { name: project.name, reason: input.reason }, projectLink(project.id));
    if (side === 'incubator' && event === 'exit') await notify(tx, afterCommit, await bureauMembers(tx), 'landing.exited', { name: project.name, reason: input.reason }, projectLink(project.id));
    return { id: updated.id, stage: updated.stage };
  });
}

async function linkOne(tx: Db, actor: MemberActor, project: ProjectRow, c: { id: string; subject: string }) {
  const [row] = await tx
    .insert(landingProjectContracts)
    .values({ projectId: project.id, contractId: c.id, linkedBy: actor.userId, linkedAt: now() })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('landing.contractAlreadyLinked');
  await recordEvent(tx, actor, project.id, { kind: 'contractLinked', data: { contractId: c.id, subject: c.subject } });
  await auditProject(tx, actor, project, { action: 'landing.linkContract', after: { contractId: c.id } });
}

/** The incubator or the team links a contract of the team or the enterprise to the project. */
export async function linkContract(db: Db, actor: MemberActor, input: { projectId: string; contractId: string }) {
  return inTransaction(db, async (tx) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'party', action: 'landing.linkContract' });
    const [c] = await assertContractsOfParties(tx, project, [input.contractId]);
    if (c) await linkOne(tx, actor, project, c);
    return { projectId: project.id, contractId: input.contractId };
  });
}

export async function unlinkContract(db: Db, actor: MemberActor, input: { projectId: string; contractId: string }) {
  return inTransaction(db, async (tx) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'party', action: 'landing.linkContract' });
    const [row] = await tx
      .delete(landingProjectContracts)
      .where(and(eq(landingProjectContracts.projectId, project.id), eq(landingProjectContracts.contractId, input.contractId)))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, actor, project.id, { kind: 'contractUnlinked', data: { contractId: input.contractId } });
    await auditProject(tx, actor, project, { action: 'landing.unlinkContract', before: { contractId: input.contractId } });
    return { projectId: project.id, contractId: input.contractId };
  });
}
