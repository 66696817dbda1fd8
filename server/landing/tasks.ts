import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingTasks, memberships, users } from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { auditProject, authorise, loadProject, partyOrgIds, projectLink, recordEvent, type ProjectRow } from './shared';

/**
 * Tasks of a project (任务: title, owner, due date, done). The project's parties (team, enterprise, incubator) keep
 * them; an owner is a member of one of those organisations.
 */

type TaskFields = { title: string; ownerUserId: string | null; dueDate: string | null };

async function assertOwner(tx: Db, project: ProjectRow, ownerUserId: string | null) {
  if (!ownerUserId) return;
  const [m] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    // A deleted account (PIPL erasure) keeps its row for authorship but can own nothing new.
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, ownerUserId), inArray(memberships.orgId, partyOrgIds(project)), isNull(users.deletedAt)))
    .limit(1);
  if (!m) throw badRequest('landing.taskOwnerNotMember', { ownerUserId: 'v.landing.taskOwner' });
}

/** The task's project, locked, with the actor authorised on it (NOT_FOUND for a task outside the actor's projects). */
async function lockTask(tx: Db, actor: MemberActor, taskId: string) {
  const [task] = await tx.select().from(landingTasks).where(eq(landingTasks.id, taskId)).limit(1);
  if (!task) throw notFound();
  const { project, side } = await loadProject(tx, actor, task.projectId, true);
  authorise(actor, side, { by: 'party', action: 'landing.manageTasks' });
  const [locked] = await tx.select().from(landingTasks).where(eq(landingTasks.id, taskId)).for('update');
  if (!locked) throw notFound();
  return { project, task: locked };
}

export async function addTask(db: Db, actor: MemberActor, input: TaskFields & { projectId: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'party', action: 'landing.manageTasks' });
    if (project.stage === 'exited') throw conflict('landing.projectExited');
    await assertOwner(tx, project, input.ownerUserId);
    const at = now();
    const [task] = await tx
      .insert(landingTasks)
      .values({ projectId: project.id, title: input.title, ownerUserId: input.ownerUserId, dueDate: input.dueDate, createdBy: actor.userId, createdAt: at, updatedAt: at })
      .returning();
    if (!task) throw new Error('insert task returned no row');
    await recordEvent(tx, actor, project.id, { kind: 'taskAdded', data: { taskId: task.id, title: task.title, due: task.dueDate } });
    await auditProject(tx, actor, project, { action: 'landing.taskAdd', after: { taskId: task.id, ...input } });
    if (task.ownerUserId && task.ownerUserId !== actor.userId) {
      await notify(tx, afterCommit, [task.ownerUserId], 'landing.taskAssigned', { name: project.name, title: task.title, due: task.dueDate }, projectLink(project.id));
    }
    return task;
  });
}

export async function updateTask(db: Db, actor: MemberActor, input: TaskFields & { taskId: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, task } = await lockTask(tx, actor, input.taskId);
    await assertOwner(tx, project, input.ownerUserId);
    const [updated] = await tx
      .update(landingTasks)
      .set({ title: input.title, ownerUserId: input.ownerUserId, dueDate: input.dueDate, updatedAt: now() })
      .where(eq(landingTasks.id, task.id))
      .returning();
    if (!updated) throw notFound();
    await auditProject(tx, actor, project, {
      action: 'landing.taskUpdate',
      before: { taskId: task.id, title: task.title, ownerUserId: task.ownerUserId, dueDate: task.dueDate },
      after: { taskId: task.id, title: updated.title, ownerUserId: updated.ownerUserId, dueDate: updated.dueDate },
    });
    if (updated.ownerUserId && updated.ownerUserId !== task.ownerUserId && updated.ownerUserId !== actor.userId) {
      await notify(tx, afterCommit, [updated.ownerUserId], 'landing.taskAssigned', { name: project.name, title: updated.title, due: updated.dueDate }, projectLink(project.id));
    }
    return updated;
  });
}

export async function setTaskDone(db: Db, actor: MemberActor, input: { taskId: string; done: boolean }) {
  return inTransaction(db, async (tx) => {
    const { project, task } = await lockTask(tx, actor, input.taskId);
    if (!!task.doneAt === input.done) return task;
    const at = now();
    const [updated] = await tx
      .update(landingTasks)
      .set(input.done ? { doneAt: at, doneBy: actor.userId, updatedAt: at } : { doneAt: null, doneBy: null, updatedAt: at })
      .where(eq(landingTasks.id, task.id))
      .returning();
    if (!updated) throw notFound();
    await recordEvent(tx, actor, project.id, { kind: input.done ? 'taskDone' : 'taskReopened', data: { taskId: task.id, title: task.title } });
    await auditProject(tx, actor, project, { action: input.done ? 'landing.taskDone' : 'landing.taskReopen', before: { taskId: task.id, doneAt: task.doneAt }, after: { taskId: task.id, doneAt: updated.doneAt } });
    return updated;
  });
}
