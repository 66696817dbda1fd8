import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, enclaves, landingChecklistEntries, landingGateSubmissions, landingProjects, organizations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { now } from '../clock';
import { bureauMembers, managersOf } from '../contracts/shared';
import { badRequest, conflict } from '../errors';
import { notify } from '../notifications/notify';
import { can } from '../permissions';
import { inTransaction } from '../transaction';
import { currentTemplate, evidenced, shapeEntry, templateById, type EntryValue } from './checklists';
import type { SaveGateInput } from './inputs';
import { auditProject, authorise, enterStage, invalidTransition, isBureau, loadProject, partyOrgIds, projectLink, recordEvent, type ProjectRow, type Side } from './shared';
import {
  completingStatus,
  EDITABLE,
  gateFrom,
  gateOutOf,
  GATE_TRANSITIONS,
  isActive,
  SIGN_OFF_GATES,
  transition,
  whoMay,
  type GateEvent,
  type LandingGate,
} from './states';

/**
 * Stage gates (SPEC §8): the team prepares the evidence of the gate out of its current stage and submits it; the
 * incubator approves or sends it back with reasons; the bureau signs off the last two gates (or sends them back).
 * The project advances exactly when its gate is complete — never otherwise. Each act locks the project row
 * first, so two acts on one project never interleave.
 */

export type SubmissionRow = typeof landingGateSubmissions.$inferSelect;

/** The gate must be the one out of the project's current stage, and the project must be moving (not paused / exited). */
function assertGateIsNext(project: ProjectRow, gate: LandingGate) {
  if (!isActive(project.stage)) throw conflict('landing.projectNotActive', { stage: project.stage });
  if (gateOutOf(project.stage) !== gate) throw conflict('landing.gateNotNext', { gate, stage: project.stage });
}

async function lockSubmission(tx: Db, projectId: string, gate: LandingGate): Promise<SubmissionRow | null> {
  const [row] = await tx
    .select()
    .from(landingGateSubmissions)
    .where(and(eq(landingGateSubmissions.projectId, projectId), eq(landingGateSubmissions.gate, gate)))
    .for('update');
  return row ?? null;
}

async function entriesOf(tx: Db, submissionId: string): Promise<Map<string, EntryValue>> {
  const rows = await tx.select().from(landingChecklistEntries).where(eq(landingChecklistEntries.submissionId, submissionId));
  return new Map(rows.map((r) => [r.itemKey, { attachmentIds: r.attachmentIds, numberValue: r.numberValue === null ? null : Number(r.numberValue), creditCode: r.creditCode, text: r.text }]));
}

/** The rule an actor fires for `event` on this gate: found by the submission's status, else the first rule of the event (to authorise before refusing the state). */
function ruleFor(event: GateEvent, status: SubmissionRow['status'] | null, gate: LandingGate, side: Side) {
  const exact = status ? transition(GATE_TRANSITIONS, status, event, gate) : undefined;
  if (exact) return { rule: exact, exact: true };
  const any = GATE_TRANSITIONS.find((t) => t.event === event && whoMay(t.by, side)) ?? GATE_TRANSITIONS.find((t) => t.event === event);
  if (!any) throw new Error(`no gate transition for ${event}`);
  return { rule: any, exact: false };
}

async function moveGate(tx: Db, actor: Actor, project: ProjectRow, sub: SubmissionRow, event: GateEvent, changes: Partial<typeof landingGateSubmissions.$inferInsert>, reason: string | null = null) {
  const t = transition(GATE_TRANSITIONS, sub.status, event, sub.gate);
  if (!t || t.to === 'reached') throw invalidTransition('gate', sub.status, event);
  const [updated] = await tx
    .update(landingGateSubmissions)
    .set({ ...changes, status: t.to, updatedAt: now() })
    .where(and(eq(landingGateSubmissions.id, sub.id), eq(landingGateSubmissions.status, sub.status)))
    .returning();
  if (!updated) throw invalidTransition('gate', sub.status, event);
  const kind = { submit: 'gateSubmitted', approve: 'gateApproved', sendBack: 'gateSentBack', signOff: 'gateSignedOff' }[event];
  await recordEvent(tx, actor, project.id, { kind, gate: sub.gate, reason, data: { attempt: updated.attempt } });
  await auditProject(tx, actor, project, {
    action: `landing.gate.${event}`,
    before: { gate: sub.gate, status: sub.status },
    after: { gate: sub.gate, status: updated.status, attempt: updated.attempt, ...(reason ? { reason } : {}) },
  });
  return updated;
}

/** The team saves the gate's evidence (a draft, or a gate sent back). Creates the submission on first save. */
export async function saveGate(db: Db, actor: MemberActor, input: SaveGateInput) {
  return inTransaction(db, async (tx) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'team', action: 'landing.prepareGate' });
    assertGateIsNext(project, input.gate);
    let sub = await lockSubmission(tx, project.id, input.gate);
    if (sub && !EDITABLE.includes(sub.status)) throw conflict('landing.gateNotEditable', { status: sub.status });
    // A gate never submitted follows the newest checklist; one sent back keeps the version it was submitted under.
    const template = !sub || sub.status === 'draft' ? await currentTemplate(tx, input.gate) : await templateById(tx, sub.templateId);
    const at = now();
    if (!sub) {
      const [created] = await tx
        .insert(landingGateSubmissions)
        .values({ projectId: project.id, gate: input.gate, status: 'draft', templateId: template.id, note: input.note, createdAt: at, updatedAt: at })
        .returning();
      if (!created) throw new Error('insert gate submission returned no row');
      sub = created;
    } else {
      await tx.update(landingGateSubmissions).set({ templateId: template.id, note: input.note, updatedAt: at }).where(eq(landingGateSubmissions.id, sub.id));
    }
    const items = new Map(template.items.map((i) => [i.key, i]));
    const shaped: Array<{ key: string; value: EntryValue }> = [];
    for (const entry of input.entries) {
      const item = items.get(entry.itemKey);
      if (!item) throw badRequest('landing.unknownItem', { [`entries.${entry.itemKey}`]: 'v.landing.unknownItem' });
      shaped.push({ key: item.key, value: shapeEntry(item, entry) });
    }
    const fileIds = [...new Set(shaped.flatMap((s) => s.value.attachmentIds))];
    if (fileIds.length > 0) {
      const own = await tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(inArray(attachments.id, fileIds), eq(attachments.ownerOrgId, project.teamOrgId)));
      if (own.length !== fileIds.length) throw badRequest('landing.filesNotYours', { entries: 'landing.filesNotYours' });
    }
    const submissionId = sub.id;
    if (shaped.length > 0) {
      // One statement for the whole checklist: each item's row is inserted or replaced.
      await tx
        .insert(landingChecklistEntries)
        .values(
          shaped.map(({ key, value }) => ({
            submissionId,
            itemKey: key,
            attachmentIds: value.attachmentIds,
            numberValue: value.numberValue === null ? null : value.numberValue.toFixed(2),
            creditCode: value.creditCode,
            text: value.text,
            updatedBy: actor.userId,
            updatedAt: at,
          })),
        )
        .onConflictDoUpdate({
          target: [landingChecklistEntries.submissionId, landingChecklistEntries.itemKey],
          set: {
            attachmentIds: sql`excluded.attachment_ids`,
            numberValue: sql`excluded.number_value`,
            creditCode: sql`excluded.credit_code`,
            text: sql`excluded.text`,
            updatedBy: sql`excluded.updated_by`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    await auditProject(tx, actor, project, {
      action: 'landing.gate.save',
      after: { gate: input.gate, status: sub.status, entries: shaped.map((s) => ({ key: s.key, ...s.value })) },
    });
    return { projectId: project.id, gate: input.gate, status: sub.status };
  });
}

export async function submitGate(db: Db, actor: MemberActor, input: { projectId: string; gate: LandingGate }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    const sub = await lockSubmission(tx, project.id, input.gate);
    const { rule } = ruleFor('submit', sub?.status ?? null, input.gate, side);
    authorise(actor, side, rule);
    assertGateIsNext(project, input.gate);
    if (!sub) throw badRequest('landing.checklistIncomplete');
    if (!transition(GATE_TRANSITIONS, sub.status, 'submit', input.gate)) throw invalidTransition('gate', sub.status, 'submit');
    const template = sub.status === 'draft' ? await currentTemplate(tx, input.gate) : await templateById(tx, sub.templateId);
    const entries = await entriesOf(tx, sub.id);
    const missing = template.items.filter((i) => i.required && !evidenced(i, entries.get(i.key)));
    if (missing.length > 0) {
      throw badRequest('landing.checklistIncomplete', Object.fromEntries(missing.map((i) => [`entries.${i.key}`, 'v.landing.evidenceMissing'])));
    }
    const updated = await moveGate(tx, actor, project, sub, 'submit', { templateId: template.id, attempt: sub.attempt + 1, submittedAt: now(), submittedBy: actor.userId });
    await notify(tx, afterCommit, await managersOf(tx, [project.incubatorOrgId]), 'landing.gateSubmitted', { name: project.name, gate: input.gate }, projectLink(project.id));
    return { projectId: project.id, gate: updated.gate, status: updated.status, attempt: updated.attempt };
  });
}

/**
 * Completes a gate: the project enters the gate's stage. The first gate's checklist names the company registered
 * in the county; the project keeps its name and 统一社会信用代码.
 */
async function advance(tx: Db, actor: Actor, project: ProjectRow, sub: SubmissionRow) {
  if (sub.gate === 'accelerating') {
    const template = await templateById(tx, sub.templateId);
    const entries = await entriesOf(tx, sub.id);
    const codeItem = template.items.find((i) => i.evidence === 'credit_code' && entries.get(i.key)?.creditCode);
    const entry = codeItem ? entries.get(codeItem.key) : undefined;
    if (entry?.creditCode) {
      await tx.update(landingProjects).set({ localCreditCode: entry.creditCode, localCompanyName: entry.text }).where(eq(landingProjects.id, project.id));
    }
  }
  return enterStage(tx, actor, project, sub.gate, 'stageEntered');
}

export async function approveGate(db: Db, actor: MemberActor, input: { projectId: string; gate: LandingGate; note?: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    const sub = await lockSubmission(tx, project.id, input.gate);
    const { rule } = ruleFor('approve', sub?.status ?? null, input.gate, side);
    authorise(actor, side, rule);
    assertGateIsNext(project, input.gate);
    if (!sub) throw invalidTransition('gate', 'none', 'approve');
    const approved = await moveGate(tx, actor, project, sub, 'approve', { approvedAt: now(), approvedBy: actor.userId }, input.note || null);
    const team = await managersOf(tx, [project.teamOrgId]);
    if (completingStatus(input.gate) === 'approved') {
      const moved = await advance(tx, actor, project, approved);
      await notify(tx, afterCommit, team, 'landing.gateApproved', { name: project.name, gate: input.gate }, projectLink(project.id));
      return { projectId: project.id, gate: approved.gate, status: approved.status, stage: moved.stage };
    }
    await notify(tx, afterCommit, team, 'landing.gateApproved', { name: project.name, gate: input.gate }, projectLink(project.id));
    await notify(tx, afterCommit, await bureauMembers(tx), 'landing.gateAwaitingSignOff', { name: project.name, gate: input.gate }, projectLink(project.id));
    return { projectId: project.id, gate: approved.gate, status: approved.status, stage: project.stage };
  });
}

/** The incubator sends a submitted gate back, or the bureau an approved last gate, with reasons. */
export async function sendBackGate(db: Db, actor: MemberActor, input: { projectId: string; gate: LandingGate; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    const sub = await lockSubmission(tx, project.id, input.gate);
    const { rule } = ruleFor('sendBack', sub?.status ?? null, input.gate, side);
    authorise(actor, side, rule);
    assertGateIsNext(project, input.gate);
    if (!sub) throw invalidTransition('gate', 'none', 'sendBack');
    const updated = await moveGate(
      tx,
      actor,
      project,
      sub,
      'sendBack',
      { sentBackAt: now(), sentBackBy: actor.userId, sentBackByOrgId: actor.org.id, sendBackReason: input.reason },
      input.reason,
    );
    const recipients = await managersOf(tx, side === 'bureau' ? [project.teamOrgId, project.incubatorOrgId] : [project.teamOrgId]);
    await notify(tx, afterCommit, recipients, 'landing.gateSentBack', { name: project.name, gate: input.gate, reason: input.reason }, projectLink(project.id));
    return { projectId: project.id, gate: updated.gate, status: updated.status };
  });
}

/** The bureau signs off an approved last gate: the project advances. */
export async function signOffGate(db: Db, actor: MemberActor, input: { projectId: string; gate: LandingGate; note?: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    const sub = await lockSubmission(tx, project.id, input.gate);
    const { rule } = ruleFor('signOff', sub?.status ?? null, input.gate, side);
    authorise(actor, side, rule);
    if (!SIGN_OFF_GATES.includes(input.gate)) throw conflict('landing.noSignOff', { gate: input.gate });
    assertGateIsNext(project, input.gate);
    if (!sub) throw invalidTransition('gate', 'none', 'signOff');
    const signed = await moveGate(tx, actor, project, sub, 'signOff', { signedOffAt: now(), signedOffBy: actor.userId }, input.note || null);
    const moved = await advance(tx, actor, project, signed);
    await notify(tx, afterCommit, await managersOf(tx, partyOrgIds(project)), 'landing.gateSignedOff', { name: project.name, gate: input.gate }, projectLink(project.id));
    return { projectId: project.id, gate: signed.gate, status: signed.status, stage: moved.stage };
  });
}

/** What the actor may do with a gate now (the form's buttons). */
function gateActs(actor: Actor, side: Side, project: ProjectRow, gate: LandingGate, status: SubmissionRow['status'] | null) {
  const member = actor.org ? { orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status } : null;
  const next = isActive(project.stage) && gateOutOf(project.stage) === gate;
  const may = (event: GateEvent) => {
    const t = transition(GATE_TRANSITIONS, status ?? 'draft', event, gate);
    return !!t && next && whoMay(t.by, side) && (!t.action || can(member, t.action)) && (event !== 'submit' || status !== null);
  };
  return {
    edit: next && side === 'team' && (status === null || EDITABLE.includes(status)) && can(member, 'landing.prepareGate'),
    submit: may('submit'),
    approve: may('approve'),
    sendBack: may('sendBack'),
    signOff: may('signOff'),
  };
}

/** One gate of a project: its status, checklist (template items with the evidence given) and the actor's acts. */
export async function gateView(db: Db, actor: Actor, input: { projectId: string; gate: LandingGate }) {
  const { project, side } = await loadProject(db, actor, input.projectId);
  const [sub] = await db
    .select()
    .from(landingGateSubmissions)
    .where(and(eq(landingGateSubmissions.projectId, project.id), eq(landingGateSubmissions.gate, input.gate)))
    .limit(1);
  const template = !sub || sub.status === 'draft' ? await currentTemplate(db, input.gate) : await templateById(db, sub.templateId);
  const entries = sub ? await entriesOf(db, sub.id) : new Map<string, EntryValue>();
  const fileIds = [...new Set([...entries.values()].flatMap((e) => e.attachmentIds))];
  const files = fileIds.length
    ? await db.select({ id: attachments.id, name: attachments.originalName, size: attachments.size, contentType: attachments.contentType }).from(attachments).where(inArray(attachments.id, fileIds))
    : [];
  const fileById = new Map(files.map((f) => [f.id, f]));
  let sentBackByOrg: string | null = null;
  if (sub?.sentBackByOrgId) {
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, sub.sentBackByOrgId)).limit(1);
    sentBackByOrg = org?.name ?? null;
  }
  return {
    projectId: project.id,
    gate: input.gate,
    from: gateFrom(input.gate),
    needsSignOff: SIGN_OFF_GATES.includes(input.gate),
    status: sub?.status ?? null,
    attempt: sub?.attempt ?? 0,
    note: sub?.note ?? '',
    submittedAt: sub?.submittedAt ?? null,
    sentBackAt: sub?.sentBackAt ?? null,
    sendBackReason: sub?.sendBackReason ?? null,
    sentBackByOrg,
    approvedAt: sub?.approvedAt ?? null,
    signedOffAt: sub?.signedOffAt ?? null,
    templateVersion: template.version,
    items: template.items.map((item) => {
      const entry = entries.get(item.key) ?? null;
      return {
        ...item,
        done: evidenced(item, entry ?? undefined),
        entry: entry && { ...entry, files: entry.attachmentIds.map((id) => fileById.get(id)).filter((f) => !!f) },
      };
    }),
    can: gateActs(actor, side, project, input.gate, sub?.status ?? null),
  };
}

/**
 * Gates waiting for the actor: an incubator's submitted gates (its projects), the bureau's approved last gates
 * awaiting sign-off. Anyone else waits for nothing.
 */
export async function reviewQueue(db: Db, actor: MemberActor) {
  const where =
    actor.org.kind === 'incubator'
      ? and(eq(landingGateSubmissions.status, 'submitted'), eq(landingProjects.incubatorOrgId, actor.org.id))
      : isBureau(actor)
        ? and(eq(landingGateSubmissions.status, 'approved'), inArray(landingGateSubmissions.gate, [...SIGN_OFF_GATES]))
        : null;
  if (!where) return [];
  return db
    .select({
      projectId: landingProjects.id,
      name: landingProjects.name,
      stage: landingProjects.stage,
      gate: landingGateSubmissions.gate,
      status: landingGateSubmissions.status,
      attempt: landingGateSubmissions.attempt,
      submittedAt: landingGateSubmissions.submittedAt,
      approvedAt: landingGateSubmissions.approvedAt,
      teamName: organizations.name,
      enclaveName: enclaves.name,
      city: enclaves.city,
    })
    .from(landingGateSubmissions)
    .innerJoin(landingProjects, eq(landingProjects.id, landingGateSubmissions.projectId))
    .innerJoin(organizations, eq(organizations.id, landingProjects.teamOrgId))
    .innerJoin(enclaves, eq(enclaves.id, landingProjects.enclaveId))
    .where(where)
    .orderBy(asc(landingGateSubmissions.submittedAt))
    .limit(200);
}

