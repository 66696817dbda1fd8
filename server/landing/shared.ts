import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingProjectEvents, landingProjects, landingStageEntries } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit, type AuditEntry } from '../audit/audit';
import { now } from '../clock';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { can } from '../permissions';
import type { LandingGate, LandingStage, Transition, Who } from './states';

/** Helpers every landing act shares: who the actor is to a project, authorising a transition, audit, timeline, recipients. */

export type ProjectRow = typeof landingProjects.$inferSelect;
/** The actor's part in a project. The enterprise is the local company taking it up: it reads, reports KPIs, links contracts. */
export type Side = 'team' | 'incubator' | 'enterprise' | 'bureau';

export function isBureau(actor: Actor | null): boolean {
  return actor?.org?.kind === 'bureau' && actor.org.status === 'verified';
}

export function sideOf(actor: Actor | null, project: Pick<ProjectRow, 'incubatorOrgId' | 'teamOrgId' | 'enterpriseOrgId'>): Side | null {
  const orgId = actor?.org?.id;
  if (!orgId) return null;
  if (orgId === project.teamOrgId) return 'team';
  if (orgId === project.incubatorOrgId) return 'incubator';
  if (orgId === project.enterpriseOrgId) return 'enterprise';
  if (isBureau(actor)) return 'bureau';
  return null;
}

/** Loads a project (for update inside `tx` when `lock`), or NOT_FOUND when it does not exist or the actor is outside it. */
export async function loadProject(tx: Db, actor: Actor | null, projectId: string, lock = false): Promise<{ project: ProjectRow; side: Side }> {
  const q = tx.select().from(landingProjects).where(eq(landingProjects.id, projectId));
  const [project] = lock ? await q.for('update') : await q.limit(1);
  const side = project ? sideOf(actor, project) : null;
  if (!project || !side) throw notFound();
  return { project, side };
}

/**
 * May `actor` make a transition whose `by` and permission are `t`'s? Called after the read scope check, so the
 * refusals here (FORBIDDEN) only reach someone who can see the project anyway.
 */
export function authorise(actor: MemberActor, side: Side, t: Pick<Transition<string, string>, 'by' | 'action'>): void {
  const allowed: Record<Who, boolean> = {
    team: side === 'team',
    partner: side === 'team' || side === 'enterprise',
    party: side === 'team' || side === 'enterprise' || side === 'incubator',
    incubator: side === 'incubator',
    bureau: side === 'bureau',
    steward: side === 'incubator' || side === 'bureau',
    system: false,
  };
  if (!allowed[t.by]) throw forbidden('landing.notYourPart');
  const { org } = actor;
  if (t.action && !can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, t.action)) {
    throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
  }
}

export function invalidTransition(kind: 'project' | 'gate', from: string, event: string) {
  return conflict('landing.invalidTransition', { kind, from, event });
}

/** One audit row about a project, in the incubator's log (the project's owner of record). */
export async function auditProject(tx: Db, actor: Actor | null, project: Pick<ProjectRow, 'id' | 'incubatorOrgId'>, entry: Omit<AuditEntry, 'entityType' | 'entityId' | 'orgId'> & { entityType?: string; entityId?: string }) {
  await audit(tx, actor, { entityType: 'landing_project', entityId: project.id, orgId: project.incubatorOrgId, ...entry });
}

export interface EventInput {
  kind: string;
  gate?: LandingGate | null;
  fromStage?: LandingStage | null;
  toStage?: LandingStage | null;
  reason?: string | null;
  data?: Record<string, string | number | null>;
}

/** A line on the project's timeline. */
export async function recordEvent(tx: Db, actor: Actor | null, projectId: string, e: EventInput) {
  await tx.insert(landingProjectEvents).values({
    projectId,
    kind: e.kind,
    at: now(),
    actorUserId: actor?.userId ?? null,
    actorOrgId: actor?.org?.id ?? null,
    gate: e.gate ?? null,
    fromStage: e.fromStage ?? null,
    toStage: e.toStage ?? null,
    reason: e.reason ?? null,
    data: e.data ?? {},
  });
}

/**
 * Moves the project into `to` (the caller looked the transition up): closes the open stage entry, opens the new
 * one, keeps `reached_stage` the furthest progress stage, and writes the timeline line. Guarded on the stage it
 * read, so two concurrent moves cannot both apply.
 */
export async function enterStage(tx: Db, actor: Actor | null, project: ProjectRow, to: LandingStage, event: string, reason: string | null = null): Promise<ProjectRow> {
  const at = now();
  const progress: readonly LandingStage[] = ['incubating', 'accelerating', 'industrializing', 'landed'];
  const reached = progress.includes(to) && progress.indexOf(to) > progress.indexOf(project.reachedStage) ? to : project.reachedStage;
  const [updated] = await tx
    .update(landingProjects)
    .set({ stage: to, reachedStage: reached, stageEnteredAt: at, stageReason: to === 'paused' || to === 'exited' ? reason : null, updatedAt: at })
    .where(and(eq(landingProjects.id, project.id), eq(landingProjects.stage, project.stage)))
    .returning();
  if (!updated) throw invalidTransition('project', project.stage, event);
  await tx
    .update(landingStageEntries)
    .set({ leftAt: at })
    .where(and(eq(landingStageEntries.projectId, project.id), isNull(landingStageEntries.leftAt)));
  await tx.insert(landingStageEntries).values({ projectId: project.id, stage: to, enteredAt: at, reason, enteredBy: actor?.userId ?? null });
  await recordEvent(tx, actor, project.id, { kind: event, fromStage: project.stage, toStage: to, reason });
  await auditProject(tx, actor, project, { action: `landing.${event}`, before: { stage: project.stage }, after: { stage: to, reason } });
  return updated;
}

/** The project's organisations that hear about it: the team, the enterprise (if any), the incubator. */
export function partyOrgIds(project: Pick<ProjectRow, 'incubatorOrgId' | 'teamOrgId' | 'enterpriseOrgId'>): string[] {
  return [project.teamOrgId, project.enterpriseOrgId, project.incubatorOrgId].filter((id): id is string => !!id);
}

export const projectLink = (projectId: string) => `/landing/${projectId}`;
