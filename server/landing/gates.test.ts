import { and, asc, count, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, conversationParticipants, conversations, landingProjectEvents, landingStageEntries, notifications } from '@/db/schema';
import { insertBureau, outcome } from '../contracts/test-fixtures';
import { AppError } from '../errors';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { fullEvidence, insertEvidenceFile, landingFixture, localCreditCode, passGate, projectSnapshot, type Party } from './test-fixtures';

let database: Database;
let db: Db;
let bureau: Party;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
});
afterAll(() => database.close());

async function auditCount() {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

async function timeline(projectId: string) {
  const rows = await db.select().from(landingProjectEvents).where(eq(landingProjectEvents.projectId, projectId)).orderBy(asc(landingProjectEvents.id));
  return rows.map((r) => [r.kind, r.gate, r.toStage, r.reason]);
}

async function notified(userId: string, kind: string) {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return row?.n ?? 0;
}

/** A refused call changes nothing: same project (gates, evidence, stages, KPIs, tasks) and no audit row. */
async function refusedWithoutChange(projectId: string, call: () => Promise<unknown>) {
  const before = await projectSnapshot(db, projectId);
  const audits = await auditCount();
  const result = await outcome(call());
  expect(await projectSnapshot(db, projectId)).toEqual(before);
  expect(await auditCount()).toBe(audits);
  return result;
}

describe('landing project gates', () => {
  it('creates the project with its room (team, enterprise, incubator) and its first stage', async () => {
    const fx = await landingFixture(db, { bureau });
    const page = await callerFor(db, fx.incubator.actor).landing.get({ projectId: fx.projectId });
    expect(page.project.stage).toBe('incubating');
    expect(page.project.conversationId).toBeTruthy();
    const [room] = await db.select().from(conversations).where(eq(conversations.landingProjectId, fx.projectId));
    expect(room?.kind).toBe('landing_project');
    const parts = await db.select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, room?.id ?? ''));
    expect(parts.map((p) => [p.orgId, p.role]).sort()).toEqual(
      [
        [fx.team.org.id, 'team'],
        [fx.enterprise.org.id, 'enterprise'],
        [fx.incubator.org.id, 'incubator'],
      ].sort(),
    );
    expect(await timeline(fx.projectId)).toEqual([['created', null, 'incubating', null]]);
    expect(await notified(fx.team.user.id, 'landing.created')).toBe(1);
  });

  it('walks every gate: submit, send back with reasons, resubmit, approve; the bureau signs off the last two; no stage moves without its gate', async () => {
    const fx = await landingFixture(db, { bureau });
    const team = callerFor(db, fx.team.actor);
    const incubator = callerFor(db, fx.incubator.actor);
    const bureauCaller = callerFor(db, fx.bureau.actor);
    const id = fx.projectId;

    // Gate 1 (incubating → accelerating): incomplete evidence is refused with the missing items named.
    const evidence = await fullEvidence(db, fx.team.org.id, 'accelerating');
    await team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: evidence.slice(0, 1) });
    const incomplete: unknown = await team.landing.submitGate({ projectId: id, gate: 'accelerating' }).catch((e: unknown) => e);
    expect(incomplete).toBeInstanceOf(TRPCError);
    const cause = (incomplete as TRPCError).cause;
    expect(cause).toBeInstanceOf(AppError);
    expect((cause as AppError).messageKey).toBe('landing.checklistIncomplete');
    expect((cause as AppError).fields).toEqual({ 'entries.localCompanyRegistered': 'v.landing.evidenceMissing', 'entries.siteAgreement': 'v.landing.evidenceMissing' });

    await team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: evidence });
    expect(await team.landing.submitGate({ projectId: id, gate: 'accelerating' })).toMatchObject({ status: 'submitted', attempt: 1 });
    expect(await notified(fx.incubator.user.id, 'landing.gateSubmitted')).toBe(1);
    // Submitted evidence is frozen until it comes back.
    expect(await outcome(team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: evidence }))).toBe('CONFLICT:landing.gateNotEditable');

    await incubator.landing.sendBackGate({ projectId: id, gate: 'accelerating', reason: '场地协议缺少盖章页，请补充。' });
    const back = await team.landing.gate({ projectId: id, gate: 'accelerating' });
    expect(back).toMatchObject({ status: 'sent_back', sendBackReason: '场地协议缺少盖章页，请补充。', sentBackByOrg: fx.incubator.org.name, can: { edit: true, submit: true } });
    expect(await notified(fx.team.user.id, 'landing.gateSentBack')).toBe(1);
    expect((await team.landing.get({ projectId: id })).project.stage).toBe('incubating');

    const fixedSite = { itemKey: 'siteAgreement', attachmentIds: [await insertEvidenceFile(db, fx.team.org.id, '场地协议（盖章）.pdf')], numberValue: null, creditCode: null, text: null };
    await team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: [fixedSite] });
    expect(await team.landing.submitGate({ projectId: id, gate: 'accelerating' })).toMatchObject({ status: 'submitted', attempt: 2 });
    expect(await incubator.landing.approveGate({ projectId: id, gate: 'accelerating' })).toMatchObject({ status: 'approved', stage: 'accelerating' });
    const afterFirst = await team.landing.get({ projectId: id });
    expect(afterFirst.project).toMatchObject({ stage: 'accelerating', reachedStage: 'accelerating', localCompanyName: '新昌精测智能装备有限公司' });
    expect(afterFirst.project.localCreditCode).toBe(evidence[1]?.creditCode);
    expect(await notified(fx.team.user.id, 'landing.gateApproved')).toBe(1);

    // Gate 2 (accelerating → industrializing): the incubator's approval is not enough.
    await team.landing.saveGate({ projectId: id, gate: 'industrializing', entries: await fullEvidence(db, fx.team.org.id, 'industrializing') });
    await team.landing.submitGate({ projectId: id, gate: 'industrializing' });
    expect(await incubator.landing.approveGate({ projectId: id, gate: 'industrializing' })).toMatchObject({ status: 'approved', stage: 'accelerating' });
    expect(await notified(fx.bureau.user.id, 'landing.gateAwaitingSignOff')).toBeGreaterThan(0);
    // Without the bureau's sign-off the project is still accelerating: the next gate cannot even be prepared.
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'landed', entries: [] }))).toBe('CONFLICT:landing.gateNotNext');
    expect(await refusedWithoutChange(id, () => incubator.landing.signOffGate({ projectId: id, gate: 'industrializing' }))).toBe('FORBIDDEN:forbidden');
    expect((await bureauCaller.landing.reviewQueue()).map((r) => [r.projectId, r.gate])).toContainEqual([id, 'industrializing']);
    expect(await bureauCaller.landing.signOffGate({ projectId: id, gate: 'industrializing' })).toMatchObject({ status: 'signed_off', stage: 'industrializing' });

    // Gate 3 (industrializing → landed): the bureau sends it back once, then signs off.
    await team.landing.saveGate({ projectId: id, gate: 'landed', entries: await fullEvidence(db, fx.team.org.id, 'landed') });
    await team.landing.submitGate({ projectId: id, gate: 'landed' });
    await incubator.landing.approveGate({ projectId: id, gate: 'landed' });
    await bureauCaller.landing.sendBackGate({ projectId: id, gate: 'landed', reason: '纳税证明与营收口径不一致，请核对。' });
    expect(await team.landing.gate({ projectId: id, gate: 'landed' })).toMatchObject({ status: 'sent_back', sentBackByOrg: fx.bureau.org.name });
    await team.landing.submitGate({ projectId: id, gate: 'landed' });
    await incubator.landing.approveGate({ projectId: id, gate: 'landed' });
    expect(await bureauCaller.landing.signOffGate({ projectId: id, gate: 'landed' })).toMatchObject({ stage: 'landed' });

    const final = await team.landing.get({ projectId: id });
    expect(final.project).toMatchObject({ stage: 'landed', reachedStage: 'landed' });
    expect(final.stages.map((s) => [s.stage, s.leftAt === null])).toEqual([
      ['incubating', false],
      ['accelerating', false],
      ['industrializing', false],
      ['landed', true],
    ]);
    expect((await timeline(id)).map((e) => e[0])).toEqual([
      'created',
      'gateSubmitted',
      'gateSentBack',
      'gateSubmitted',
      'gateApproved',
      'stageEntered',
      'gateSubmitted',
      'gateApproved',
      'gateSignedOff',
      'stageEntered',
      'gateSubmitted',
      'gateApproved',
      'gateSentBack',
      'gateSubmitted',
      'gateApproved',
      'gateSignedOff',
      'stageEntered',
    ]);
    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['landing.create', 'landing.gate.submit', 'landing.gate.sendBack', 'landing.gate.approve', 'landing.gate.signOff', 'landing.stageEntered']));
  });

  it('refuses skipping a stage, approving one’s own gate, another project’s team, a missing sign-off, and outsiders (NOT_FOUND) — changing nothing', async () => {
    const fx = await landingFixture(db, { bureau });
    const other = await landingFixture(db, { bureau });
    const id = fx.projectId;
    const team = callerFor(db, fx.team.actor);
    const incubator = callerFor(db, fx.incubator.actor);

    // Skipping a stage: the gate into industrialisation while still incubating.
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'industrializing', entries: [] }))).toBe('CONFLICT:landing.gateNotNext');
    expect(await refusedWithoutChange(id, () => team.landing.submitGate({ projectId: id, gate: 'landed' }))).toBe('CONFLICT:landing.gateNotNext');

    await team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: await fullEvidence(db, fx.team.org.id, 'accelerating') });
    // Approving a gate that was never submitted.
    expect(await refusedWithoutChange(id, () => incubator.landing.approveGate({ projectId: id, gate: 'accelerating' }))).toBe('CONFLICT:landing.invalidTransition');
    await team.landing.submitGate({ projectId: id, gate: 'accelerating' });

    // Approving one's own gate: the submitting team cannot approve (nor sign off, nor send back) its gate.
    expect(await refusedWithoutChange(id, () => team.landing.approveGate({ projectId: id, gate: 'accelerating' }))).toBe('FORBIDDEN:forbidden');
    expect(await refusedWithoutChange(id, () => team.landing.sendBackGate({ projectId: id, gate: 'accelerating', reason: '自己退回试试' }))).toBe('FORBIDDEN:forbidden');
    // …and the incubator cannot submit one.
    expect(await refusedWithoutChange(id, () => incubator.landing.submitGate({ projectId: id, gate: 'accelerating' }))).toBe('FORBIDDEN:forbidden');

    // A team of another project: NOT_FOUND, as for a project that does not exist.
    const otherTeam = callerFor(db, other.team.actor);
    expect(await refusedWithoutChange(id, () => otherTeam.landing.submitGate({ projectId: id, gate: 'accelerating' }))).toBe('NOT_FOUND:notFound');
    expect(await refusedWithoutChange(id, () => otherTeam.landing.saveGate({ projectId: id, gate: 'accelerating', entries: [] }))).toBe('NOT_FOUND:notFound');
    expect(await refusedWithoutChange(id, () => otherTeam.landing.get({ projectId: id }))).toBe('NOT_FOUND:notFound');
    // Another project's incubator cannot approve it.
    expect(await refusedWithoutChange(id, () => callerFor(db, other.incubator.actor).landing.approveGate({ projectId: id, gate: 'accelerating' }))).toBe('NOT_FOUND:notFound');
    // Outsiders.
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    expect(await outcome(callerFor(db, outsider.actor).landing.gate({ projectId: id, gate: 'accelerating' }))).toBe('NOT_FOUND:notFound');
    expect((await callerFor(db, outsider.actor).landing.list({})).items).toEqual([]);
    // The bureau signs off only the last two gates.
    expect(await refusedWithoutChange(id, () => callerFor(db, fx.bureau.actor).landing.signOffGate({ projectId: id, gate: 'accelerating' }))).toBe('CONFLICT:landing.noSignOff');
    // A plain member of the team prepares but does not submit.
    const member = await insertMember(db, fx.team.org, 'member');
    expect(await outcome(callerFor(db, member.actor).landing.submitGate({ projectId: id, gate: 'accelerating' }))).toBe('FORBIDDEN:forbidden');

    await incubator.landing.approveGate({ projectId: id, gate: 'accelerating' });
    await team.landing.saveGate({ projectId: id, gate: 'industrializing', entries: await fullEvidence(db, fx.team.org.id, 'industrializing') });
    await team.landing.submitGate({ projectId: id, gate: 'industrializing' });
    await incubator.landing.approveGate({ projectId: id, gate: 'industrializing' });
    // The bureau's sign-off missing: still accelerating; approving again is not a sign-off.
    expect(await refusedWithoutChange(id, () => incubator.landing.approveGate({ projectId: id, gate: 'industrializing' }))).toBe('CONFLICT:landing.invalidTransition');
    expect((await team.landing.get({ projectId: id })).project.stage).toBe('accelerating');
    const stays = await db.select().from(landingStageEntries).where(eq(landingStageEntries.projectId, id));
    expect(stays.map((s) => s.stage).sort()).toEqual(['accelerating', 'incubating']);
  });

  it('refuses bad evidence: a wrong credit code, another organisation’s files, an unknown item', async () => {
    const fx = await landingFixture(db, { bureau });
    const id = fx.projectId;
    const team = callerFor(db, fx.team.actor);
    const good = localCreditCode(4242);
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: [{ itemKey: 'localCompanyRegistered', creditCode: bad, text: '某公司' }] }))).toBe(
      'BAD_REQUEST:landing.creditCodeInvalid',
    );
    const foreign = await insertEvidenceFile(db, fx.incubator.org.id);
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: [{ itemKey: 'prototypeValidated', attachmentIds: [foreign] }] }))).toBe(
      'BAD_REQUEST:landing.filesNotYours',
    );
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'accelerating', entries: [{ itemKey: 'madeUp', text: 'x' }] }))).toBe('BAD_REQUEST:landing.unknownItem');
  });

  it('pauses (gates stop), resumes into the stage it was in, and exits with a reason', async () => {
    const fx = await landingFixture(db, { bureau });
    const id = fx.projectId;
    const team = callerFor(db, fx.team.actor);
    const incubator = callerFor(db, fx.incubator.actor);
    await passGate(db, fx, 'accelerating');
    expect(await refusedWithoutChange(id, () => team.landing.pause({ projectId: id, reason: '团队想暂停' }))).toBe('FORBIDDEN:forbidden');
    expect(await incubator.landing.pause({ projectId: id, reason: '核心成员变动，待团队重组。' })).toMatchObject({ stage: 'paused' });
    expect(await refusedWithoutChange(id, () => team.landing.saveGate({ projectId: id, gate: 'industrializing', entries: [] }))).toBe('CONFLICT:landing.projectNotActive');
    expect(await refusedWithoutChange(id, () => incubator.landing.pause({ projectId: id, reason: '再暂停一次' }))).toBe('CONFLICT:landing.invalidTransition');
    const paused = await team.landing.get({ projectId: id });
    expect(paused.project).toMatchObject({ stage: 'paused', reachedStage: 'accelerating', stageReason: '核心成员变动，待团队重组。' });
    expect(await incubator.landing.resume({ projectId: id, reason: '团队重组完成。' })).toMatchObject({ stage: 'accelerating' });
    expect(await callerFor(db, fx.bureau.actor).landing.exit({ projectId: id, reason: '企业决定不在新昌落地。' })).toMatchObject({ stage: 'exited' });
    expect(await refusedWithoutChange(id, () => incubator.landing.resume({ projectId: id, reason: '恢复' }))).toBe('CONFLICT:landing.invalidTransition');
    const exited = await team.landing.get({ projectId: id });
    expect(exited.project).toMatchObject({ stage: 'exited', reachedStage: 'accelerating', stageReason: '企业决定不在新昌落地。' });
    expect(exited.stages.map((s) => s.stage)).toEqual(['incubating', 'accelerating', 'paused', 'accelerating', 'exited']);
    expect(exited.can).toMatchObject({ pause: false, resume: false, exit: false, reportKpi: false });
  });

  it('applies a checklist edit to gates not yet submitted only', async () => {
    const submitted = await landingFixture(db, { bureau });
    const draft = await landingFixture(db, { bureau });
    const sub = callerFor(db, submitted.team.actor);
    await sub.landing.saveGate({ projectId: submitted.projectId, gate: 'accelerating', entries: await fullEvidence(db, submitted.team.org.id, 'accelerating') });
    await sub.landing.submitGate({ projectId: submitted.projectId, gate: 'accelerating' });
    await callerFor(db, draft.team.actor).landing.saveGate({ projectId: draft.projectId, gate: 'accelerating', entries: [] });

    const bureauCaller = callerFor(db, bureau.actor);
    const before = (await bureauCaller.landing.templates()).find((t) => t.gate === 'accelerating');
    if (!before) throw new Error('no template');
    expect(await outcome(callerFor(db, submitted.incubator.actor).landing.updateTemplate({ gate: 'accelerating', items: before.items }))).toBe('FORBIDDEN:forbidden');
    const edited = await bureauCaller.landing.updateTemplate({
      gate: 'accelerating',
      items: [...before.items, { key: 'talentPlan', label: '人才引进计划', evidence: 'document', required: true }],
    });
    expect(edited.version).toBe(before.version + 1);

    const draftGate = await callerFor(db, draft.team.actor).landing.gate({ projectId: draft.projectId, gate: 'accelerating' });
    expect(draftGate.items.map((i) => i.key)).toContain('talentPlan');
    const submittedGate = await sub.landing.gate({ projectId: submitted.projectId, gate: 'accelerating' });
    expect(submittedGate.items.map((i) => i.key)).not.toContain('talentPlan');
    // Sent back, it keeps the version it was submitted under: the resubmission needs no new item.
    await callerFor(db, submitted.incubator.actor).landing.sendBackGate({ projectId: submitted.projectId, gate: 'accelerating', reason: '请补充说明。' });
    expect(await sub.landing.submitGate({ projectId: submitted.projectId, gate: 'accelerating' })).toMatchObject({ status: 'submitted', attempt: 2 });
    // The new project's gate needs it.
    await callerFor(db, draft.team.actor).landing.saveGate({ projectId: draft.projectId, gate: 'accelerating', entries: await fullEvidence(db, draft.team.org.id, 'accelerating') });
    expect(await outcome(callerFor(db, draft.team.actor).landing.submitGate({ projectId: draft.projectId, gate: 'accelerating' }))).toBe('BAD_REQUEST:landing.checklistIncomplete');
    // Put the default back for the other tests of this file.
    await bureauCaller.landing.updateTemplate({ gate: 'accelerating', items: before.items });
  });

  it('shows each incubator only its own projects; teams see theirs; the bureau sees all', async () => {
    const a = await landingFixture(db, { bureau });
    const b = await landingFixture(db, { bureau });
    const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
    expect(ids((await callerFor(db, a.incubator.actor).landing.list({})).items)).toEqual([a.projectId]);
    expect(ids((await callerFor(db, b.team.actor).landing.list({})).items)).toEqual([b.projectId]);
    expect(ids((await callerFor(db, a.enterprise.actor).landing.list({})).items)).toEqual([a.projectId]);
    const all = ids((await callerFor(db, bureau.actor).landing.list({ limit: 200 })).items);
    expect(all).toEqual(expect.arrayContaining([a.projectId, b.projectId]));
    expect(await outcome(callerFor(db, a.incubator.actor).landing.get({ projectId: b.projectId }))).toBe('NOT_FOUND:notFound');
  });
});
