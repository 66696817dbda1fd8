import { and, asc, desc, eq, ilike, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import {
  contracts,
  enclaves,
  landingGateSubmissions,
  landingKpiReports,
  landingProjectContracts,
  landingProjectEvents,
  landingProjects,
  landingStageEntries,
  landingTasks,
  memberships,
  organizations,
  users,
} from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { now } from '../clock';
import { can } from '../permissions';
import type { ListProjectsInput } from './inputs';
import { dueDate, previousQuarter, quarterEnd, quarterOf } from './kpi';
import { isBureau, loadProject, partyOrgIds, type ProjectRow, type Side } from './shared';
import { GATES, gateOutOf, isActive, PROJECT_TRANSITIONS, whoMay, DAY_MS } from './states';

/** Reads of landing projects: the board/list, one project with everything on its page, pickers for the forms. */

const teamOrg = alias(organizations, 'team_org');
const enterpriseOrg = alias(organizations, 'enterprise_org');

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The projects an actor may see: the bureau all; an incubator its own; a team or enterprise those it is part of. */
function scope(actor: MemberActor): SQL | undefined {
  if (isBureau(actor)) return undefined;
  if (actor.org.kind === 'incubator') return eq(landingProjects.incubatorOrgId, actor.org.id);
  return or(eq(landingProjects.teamOrgId, actor.org.id), eq(landingProjects.enterpriseOrgId, actor.org.id));
}

/** The gate a project is working on: the one out of its stage (for a paused project, out of the stage it reached). */
function workingGate(p: Pick<ProjectRow, 'stage' | 'reachedStage'>) {
  return gateOutOf(isActive(p.stage) ? p.stage : p.reachedStage);
}

export async function listProjects(db: Db, actor: MemberActor, input: ListProjectsInput) {
  const where = and(
    scope(actor),
    input.stage ? eq(landingProjects.stage, input.stage) : undefined,
    input.enclaveId ? eq(landingProjects.enclaveId, input.enclaveId) : undefined,
    input.field ? eq(landingProjects.field, input.field) : undefined,
    input.q ? or(ilike(landingProjects.name, like(input.q)), ilike(teamOrg.name, like(input.q))) : undefined,
  );
  const rows = await db
    .select({
      id: landingProjects.id,
      name: landingProjects.name,
      stage: landingProjects.stage,
      reachedStage: landingProjects.reachedStage,
      stageEnteredAt: landingProjects.stageEnteredAt,
      stageReason: landingProjects.stageReason,
      field: landingProjects.field,
      enclaveId: enclaves.id,
      enclaveName: enclaves.name,
      city: enclaves.city,
      teamOrgId: landingProjects.teamOrgId,
      teamName: teamOrg.name,
      enterpriseName: enterpriseOrg.name,
      incubatorOrgId: landingProjects.incubatorOrgId,
      updatedAt: landingProjects.updatedAt,
    })
    .from(landingProjects)
    .innerJoin(enclaves, eq(enclaves.id, landingProjects.enclaveId))
    .innerJoin(teamOrg, eq(teamOrg.id, landingProjects.teamOrgId))
    .leftJoin(enterpriseOrg, eq(enterpriseOrg.id, landingProjects.enterpriseOrgId))
    .where(where)
    .orderBy(desc(landingProjects.stageEnteredAt), asc(landingProjects.id))
    .offset(input.cursor)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const subs = ids.length
    ? await db
        .select({ projectId: landingGateSubmissions.projectId, gate: landingGateSubmissions.gate, status: landingGateSubmissions.status })
        .from(landingGateSubmissions)
        .where(inArray(landingGateSubmissions.projectId, ids))
    : [];
  const at = now().getTime();
  return {
    items: page.map((r) => {
      const gate = workingGate(r);
      return {
        ...r,
        daysInStage: Math.floor((at - r.stageEnteredAt.getTime()) / DAY_MS),
        gate,
        gateStatus: (gate && subs.find((s) => s.projectId === r.id && s.gate === gate)?.status) || null,
      };
    }),
    nextCursor: rows.length > input.limit ? input.cursor + input.limit : null,
  };
}

/** What the actor may do on the project page (buttons; the acts still check everything). */
function projectActs(actor: Actor, side: Side, project: ProjectRow) {
  const member = actor.org ? { orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status } : null;
  const steer = (event: 'pause' | 'resume' | 'exit') =>
    PROJECT_TRANSITIONS.some((t) => t.from === project.stage && t.event === event && whoMay(t.by, side) && (!t.action || can(member, t.action)));
  const party = side !== 'bureau';
  return {
    update: side === 'incubator' && project.stage !== 'exited' && can(member, 'landing.update'),
    pause: steer('pause'),
    resume: steer('resume'),
    exit: steer('exit'),
    linkContract: party && can(member, 'landing.linkContract'),
    reportKpi: (side === 'team' || side === 'enterprise') && project.stage !== 'exited' && can(member, 'landing.reportKpi'),
    manageTasks: party && project.stage !== 'exited' && can(member, 'landing.manageTasks'),
  };
}

/** One project with everything its page shows. */
export async function getProject(db: Db, actor: Actor, projectId: string) {
  const { project, side } = await loadProject(db, actor, projectId);
  const [head] = await db
    .select({
      enclave: { id: enclaves.id, name: enclaves.name, city: enclaves.city, address: enclaves.address },
      teamName: teamOrg.name,
      teamKind: teamOrg.kind,
      enterpriseName: enterpriseOrg.name,
      incubatorName: organizations.name,
    })
    .from(landingProjects)
    .innerJoin(enclaves, eq(enclaves.id, landingProjects.enclaveId))
    .innerJoin(teamOrg, eq(teamOrg.id, landingProjects.teamOrgId))
    .leftJoin(enterpriseOrg, eq(enterpriseOrg.id, landingProjects.enterpriseOrgId))
    .innerJoin(organizations, eq(organizations.id, landingProjects.incubatorOrgId))
    .where(eq(landingProjects.id, project.id));
  const [gates, linked, tasks, kpis, events, stays] = await Promise.all([
    db.select().from(landingGateSubmissions).where(eq(landingGateSubmissions.projectId, project.id)),
    db
      .select({ id: contracts.id, subject: contracts.subject, value: contracts.value, status: contracts.status, signedAt: contracts.signedAt, linkedAt: landingProjectContracts.linkedAt })
      .from(landingProjectContracts)
      .innerJoin(contracts, eq(contracts.id, landingProjectContracts.contractId))
      .where(eq(landingProjectContracts.projectId, project.id))
      .orderBy(asc(contracts.signedAt)),
    db
      .select({ id: landingTasks.id, title: landingTasks.title, ownerUserId: landingTasks.ownerUserId, ownerName: users.name, dueDate: landingTasks.dueDate, doneAt: landingTasks.doneAt, createdAt: landingTasks.createdAt })
      .from(landingTasks)
      .leftJoin(users, eq(users.id, landingTasks.ownerUserId))
      .where(eq(landingTasks.projectId, project.id))
      .orderBy(sql`${landingTasks.doneAt} is not null`, asc(landingTasks.dueDate), asc(landingTasks.createdAt)),
    db.select().from(landingKpiReports).where(eq(landingKpiReports.projectId, project.id)).orderBy(asc(landingKpiReports.year), asc(landingKpiReports.quarter)),
    db
      .select({
        id: landingProjectEvents.id,
        kind: landingProjectEvents.kind,
        at: landingProjectEvents.at,
        gate: landingProjectEvents.gate,
        fromStage: landingProjectEvents.fromStage,
        toStage: landingProjectEvents.toStage,
        reason: landingProjectEvents.reason,
        data: landingProjectEvents.data,
        actorName: users.name,
        actorOrgName: organizations.name,
      })
      .from(landingProjectEvents)
      .leftJoin(users, eq(users.id, landingProjectEvents.actorUserId))
      .leftJoin(organizations, eq(organizations.id, landingProjectEvents.actorOrgId))
      .where(eq(landingProjectEvents.projectId, project.id))
      .orderBy(desc(landingProjectEvents.at), desc(landingProjectEvents.id))
      .limit(300),
    db.select().from(landingStageEntries).where(eq(landingStageEntries.projectId, project.id)).orderBy(asc(landingStageEntries.enteredAt)),
  ]);
  const lastQuarter = previousQuarter(quarterOf(now()));
  const reportedLast = kpis.some((k) => k.year === lastQuarter.year && k.quarter === lastQuarter.quarter);
  const at = now().getTime();
  return {
    project: {
      ...project,
      enclave: head?.enclave ?? null,
      teamName: head?.teamName ?? '',
      teamKind: head?.teamKind ?? null,
      enterpriseName: head?.enterpriseName ?? null,
      incubatorName: head?.incubatorName ?? '',
      daysInStage: Math.floor((at - project.stageEnteredAt.getTime()) / DAY_MS),
    },
    side,
    workingGate: workingGate(project),
    gates: GATES.map((gate) => {
      const g = gates.find((s) => s.gate === gate);
      return {
        gate,
        status: g?.status ?? null,
        attempt: g?.attempt ?? 0,
        submittedAt: g?.submittedAt ?? null,
        sendBackReason: g?.sendBackReason ?? null,
        sentBackAt: g?.sentBackAt ?? null,
        approvedAt: g?.approvedAt ?? null,
        signedOffAt: g?.signedOffAt ?? null,
      };
    }),
    stages: stays.map((s) => ({ stage: s.stage, enteredAt: s.enteredAt, leftAt: s.leftAt, reason: s.reason, days: Math.floor(((s.leftAt?.getTime() ?? at) - s.enteredAt.getTime()) / DAY_MS) })),
    contracts: linked,
    tasks,
    kpis: kpis.map((k) => ({ ...k, investment: Number(k.investment), revenue: Number(k.revenue), tax: Number(k.tax) })),
    /** The quarter that just ended, when it is not reported yet, the project existed in it and still reports. */
    kpiDue: !reportedLast && project.stage !== 'exited' && project.createdAt < quarterEnd(lastQuarter) ? { ...lastQuarter, due: dueDate(lastQuarter) } : null,
    timeline: events,
    can: projectActs(actor, side, project),
  };
}

/** Verified research teams and companies to name as a project's team or enterprise (the create form's picker). */
export async function partners(db: Db, input: { q: string; kind?: 'research_team' | 'enterprise' }) {
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, city: organizations.city })
    .from(organizations)
    .where(
      and(
        eq(organizations.status, 'verified'),
        input.kind ? eq(organizations.kind, input.kind) : inArray(organizations.kind, ['research_team', 'enterprise']),
        input.q ? ilike(organizations.name, like(input.q)) : undefined,
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(20);
}

/**
 * The people of the project's parties (team, enterprise, incubator) — whom a task may be given to (tasks.ts
 * `assertOwner` accepts exactly these). Names and organisations only: a party sees the others' people, not their
 * e-mail addresses. Deleted accounts cannot take a task.
 */
export async function projectMembers(db: Db, actor: Actor, projectId: string) {
  const { project } = await loadProject(db, actor, projectId);
  const parties = partyOrgIds(project);
  const rows = await db
    .select({ userId: users.id, name: users.name, orgId: organizations.id, orgName: organizations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(inArray(memberships.orgId, parties), isNull(users.deletedAt)))
    .orderBy(asc(memberships.createdAt));
  // The team first, then the enterprise, then the incubator: the order the page names the parties in.
  return rows.sort((a, b) => parties.indexOf(a.orgId) - parties.indexOf(b.orgId));
}

const contractColumns = { id: contracts.id, subject: contracts.subject, value: contracts.value, status: contracts.status, signedAt: contracts.signedAt };
const ofParties = (parties: string[]) => or(inArray(contracts.clientOrgId, parties), inArray(contracts.providerOrgId, parties));

/** Contracts of the project's team or enterprise not linked yet. */
export async function linkableContracts(db: Db, actor: Actor, projectId: string) {
  const { project } = await loadProject(db, actor, projectId);
  const parties = [project.teamOrgId, project.enterpriseOrgId].filter((id): id is string => !!id);
  const linked = db.select({ id: landingProjectContracts.contractId }).from(landingProjectContracts).where(eq(landingProjectContracts.projectId, project.id));
  return db.select(contractColumns).from(contracts).where(and(ofParties(parties), notInArray(contracts.id, linked))).orderBy(desc(contracts.signedAt)).limit(50);
}

/**
 * The contracts an incubator may link while registering a project (the create form): those of the team and
 * enterprise it picked — the same verified research teams and companies `partners` offers, and the same rule
 * `createProject` checks for `contractIds`.
 */
export async function partnerContracts(db: Db, input: { teamOrgId: string; enterpriseOrgId?: string | null }) {
  const ids = [input.teamOrgId, input.enterpriseOrgId].filter((id): id is string => !!id);
  const parties = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), eq(organizations.status, 'verified'), inArray(organizations.kind, ['research_team', 'enterprise'])));
  if (parties.length === 0) return [];
  return db.select(contractColumns).from(contracts).where(ofParties(parties.map((p) => p.id))).orderBy(desc(contracts.signedAt)).limit(50);
}
