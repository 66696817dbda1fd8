import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { creditAppeals, creditEvents, memberships, misconductReports, organizations, users } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { notify } from '../notifications/notify';
import { can, type Action } from '../permissions';
import { inTransaction } from '../transaction';
import { recordCreditEvent } from './ledger';

/**
 * The bureau's credit casework (SPEC §5): integrity events (科研失信, 负面清单 entries, serious or minor, with their
 * document), verified qualifications, appeals against ledger events (upheld, or reversed: 信用修复), and the 举报
 * anyone signed in can file — whose reporter only the bureau ever sees. Every decision is a ledger event, so the
 * report shows the event and the ruling on it side by side.
 */

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => LOCAL_DATE.format(now());

export const creditLink = (orgId: string) => `/credit/${orgId}`;

function isBureau(actor: Actor | null): boolean {
  return actor?.org?.kind === 'bureau' && actor.org.status === 'verified';
}

/** The bureau acts under its permission (the router checked it; the domain does not rely on that). */
function assertBureau(actor: MemberActor, action: Action) {
  const { org } = actor;
  if (!isBureau(actor) || !can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action)) throw forbidden();
}

async function managersOf(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.orgId, orgId));
  return rows.filter((r) => r.role !== 'member').map((r) => r.userId);
}

async function bureauUsers(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(organizations.kind, 'bureau'), eq(organizations.status, 'verified')));
  return rows.map((r) => r.userId);
}

/** The organisation a credit act is about: any organisation but the bureau itself (which is not scored). */
async function subjectOrg(tx: Db, orgId: string) {
  const [org] = await tx.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.id, orgId));
  if (!org || org.kind === 'bureau') throw notFound();
  return org;
}

// ——— integrity and qualifications ———

export async function recordIntegrityEvent(
  db: Db,
  actor: MemberActor,
  input: { orgId: string; severity: 'serious' | 'minor'; negativeList: boolean; note: string; documentRef: string; until: string | null; reportId?: string },
) {
  assertBureau(actor, 'credit.recordIntegrity');
  if (input.until !== null && input.until <= today()) throw badRequest('credit.untilPast', { until: 'credit.untilPast' });
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await subjectOrg(tx, input.orgId);
    let report = null;
    if (input.reportId) {
      [report] = await tx.select().from(misconductReports).where(eq(misconductReports.id, input.reportId)).for('update');
      if (!report || report.subjectOrgId !== org.id) throw badRequest('credit.reportNotOfOrg', { reportId: 'credit.reportNotOfOrg' });
      if (report.status !== 'open') throw conflict('credit.reportClosed');
    }
    const event = await recordCreditEvent(
      tx,
      afterCommit,
      {
        orgId: org.id,
        occurredAt: now(),
        // A negative-list entry is serious by definition (it is a gate).
        data: { kind: 'integrity', severity: input.negativeList ? 'serious' : input.severity, negativeList: input.negativeList, note: input.note, documentRef: input.documentRef, until: input.until },
      },
      { actor },
    );
    if (!event) throw new Error('integrity event not recorded');
    await audit(tx, actor, {
      action: 'credit.integrity',
      entityType: 'organization',
      entityId: org.id,
      orgId: org.id,
      after: { seq: event.seq, severity: event.data.kind === 'integrity' ? event.data.severity : null, negativeList: input.negativeList, documentRef: input.documentRef, until: input.until },
    });
    if (report) {
      await tx
        .update(misconductReports)
        .set({ status: 'recorded', handledBy: actor.userId, handledAt: now(), outcomeNote: input.note, integritySeq: event.seq })
        .where(eq(misconductReports.id, report.id));
      await audit(tx, actor, { action: 'credit.reportRecorded', entityType: 'misconductReport', entityId: report.id, orgId: actor.org.id, after: { integritySeq: event.seq } });
    }
    await notify(
      tx,
      afterCommit,
      await managersOf(tx, org.id),
      'credit.integrityRecorded',
      { orgName: org.name, severity: input.negativeList ? 'serious' : input.severity, negativeList: input.negativeList ? 1 : 0, documentRef: input.documentRef },
      creditLink(org.id),
    );
    return { seq: event.seq };
  });
}

export async function verifyQualification(db: Db, actor: MemberActor, input: { orgId: string; name: string; expires: string | null; reference: string }) {
  assertBureau(actor, 'credit.verifyQualification');
  if (input.expires !== null && input.expires <= today()) throw badRequest('credit.expiresPast', { expires: 'credit.expiresPast' });
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await subjectOrg(tx, input.orgId);
    const event = await recordCreditEvent(
      tx,
      afterCommit,
      { orgId: org.id, occurredAt: now(), data: { kind: 'qualification', name: input.name, expires: input.expires, reference: input.reference } },
      { actor },
    );
    if (!event) throw new Error('qualification not recorded');
    await audit(tx, actor, { action: 'credit.qualification', entityType: 'organization', entityId: org.id, orgId: org.id, after: { seq: event.seq, name: input.name, expires: input.expires } });
    await notify(tx, afterCommit, await managersOf(tx, org.id), 'credit.qualificationVerified', { orgName: org.name, name: input.name, expires: input.expires ?? '' }, creditLink(org.id));
    return { seq: event.seq };
  });
}

// ——— appeals (信用修复) ———

/** The organisation appeals one of its own ledger events, once, with a reason. */
export async function fileAppeal(db: Db, actor: MemberActor, input: { eventSeq: number; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const [event] = await tx
      .select({ kind: creditEvents.kind })
      .from(creditEvents)
      .where(and(eq(creditEvents.orgId, actor.org.id), eq(creditEvents.seq, input.eventSeq)));
    if (!event) throw notFound();
    if (event.kind === 'appeal_ruled') throw badRequest('credit.notAppealable', { eventSeq: 'credit.notAppealable' });
    const [earlier] = await tx
      .select({ n: count() })
      .from(creditAppeals)
      .where(and(eq(creditAppeals.orgId, actor.org.id), eq(creditAppeals.eventSeq, input.eventSeq)));
    if ((earlier?.n ?? 0) > 0) throw conflict('credit.alreadyAppealed');
    const [appeal] = await tx
      .insert(creditAppeals)
      .values({ orgId: actor.org.id, eventSeq: input.eventSeq, reason: input.reason, filedBy: actor.userId, filedAt: now() })
      .onConflictDoNothing()
      .returning();
    if (!appeal) throw conflict('credit.alreadyAppealed');
    await audit(tx, actor, { action: 'credit.appeal', entityType: 'creditAppeal', entityId: appeal.id, orgId: actor.org.id, after: { eventSeq: input.eventSeq, reason: input.reason } });
    await notify(tx, afterCommit, await bureauUsers(tx), 'credit.appealFiled', { orgName: actor.org.name, eventSeq: input.eventSeq }, '/bureau/credit');
    return appeal;
  });
}

/** The bureau upholds or reverses an open appeal; the ruling is appended to the organisation's ledger. */
export async function ruleAppeal(db: Db, actor: MemberActor, input: { appealId: string; decision: 'upheld' | 'reversed'; note: string }) {
  assertBureau(actor, 'credit.ruleAppeal');
  return inTransaction(db, async (tx, afterCommit) => {
    const [appeal] = await tx.select().from(creditAppeals).where(eq(creditAppeals.id, input.appealId)).for('update');
    if (!appeal) throw notFound();
    if (appeal.status !== 'open') throw conflict('credit.appealRuled');
    const org = await subjectOrg(tx, appeal.orgId);
    const event = await recordCreditEvent(
      tx,
      afterCommit,
      { orgId: appeal.orgId, occurredAt: now(), data: { kind: 'appeal_ruled', appealId: appeal.id, targetSeq: appeal.eventSeq, decision: input.decision, note: input.note } },
      { actor, source: `appeal:${appeal.id}` },
    );
    if (!event) throw conflict('credit.appealRuled');
    const [ruled] = await tx
      .update(creditAppeals)
      .set({ status: input.decision, rulingNote: input.note, ruledBy: actor.userId, ruledAt: now(), rulingSeq: event.seq })
      .where(and(eq(creditAppeals.id, appeal.id), eq(creditAppeals.status, 'open')))
      .returning();
    if (!ruled) throw conflict('credit.appealRuled');
    await audit(tx, actor, {
      action: 'credit.ruleAppeal',
      entityType: 'creditAppeal',
      entityId: appeal.id,
      orgId: appeal.orgId,
      before: { status: 'open' },
      after: { status: input.decision, note: input.note, rulingSeq: event.seq },
    });
    await notify(tx, afterCommit, await managersOf(tx, appeal.orgId), 'credit.appealRuled', { orgName: org.name, decision: input.decision, eventSeq: appeal.eventSeq }, creditLink(appeal.orgId));
    return ruled;
  });
}

const filer = alias(users, 'filer');

/** Appeals: the bureau sees all (or one organisation's), an organisation its own. */
export async function listAppeals(db: Db, actor: MemberActor, input: { status?: 'open' | 'upheld' | 'reversed'; orgId?: string; cursor: number; limit: number }) {
  const conditions: SQL[] = [];
  if (isBureau(actor)) {
    if (input.orgId) conditions.push(eq(creditAppeals.orgId, input.orgId));
  } else {
    if (input.orgId && input.orgId !== actor.org.id) throw notFound();
    conditions.push(eq(creditAppeals.orgId, actor.org.id));
  }
  if (input.status) conditions.push(eq(creditAppeals.status, input.status));
  const rows = await db
    .select({
      id: creditAppeals.id,
      orgId: creditAppeals.orgId,
      orgName: organizations.name,
      eventSeq: creditAppeals.eventSeq,
      eventKind: creditEvents.kind,
      eventData: creditEvents.data,
      eventAt: creditEvents.occurredAt,
      reason: creditAppeals.reason,
      status: creditAppeals.status,
      filedAt: creditAppeals.filedAt,
      filedBy: filer.name,
      rulingNote: creditAppeals.rulingNote,
      ruledAt: creditAppeals.ruledAt,
    })
    .from(creditAppeals)
    .innerJoin(organizations, eq(organizations.id, creditAppeals.orgId))
    .leftJoin(creditEvents, and(eq(creditEvents.orgId, creditAppeals.orgId), eq(creditEvents.seq, creditAppeals.eventSeq)))
    .leftJoin(filer, eq(filer.id, creditAppeals.filedBy))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(creditAppeals.status), desc(creditAppeals.filedAt), desc(creditAppeals.id))
    .limit(input.limit + 1)
    .offset(input.cursor);
  return { items: rows.slice(0, input.limit), nextCursor: rows.length > input.limit ? input.cursor + input.limit : null };
}

// ——— 举报 ———

/**
 * Anyone signed in reports suspected misconduct of an organisation, with evidence. The report names the reporter
 * only to the bureau: the reported organisation never learns of it unless the bureau records an integrity event.
 */
export async function reportMisconduct(db: Db, actor: Actor, input: { orgId: string; description: string; evidence: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await subjectOrg(tx, input.orgId);
    if (actor.org?.id === org.id) throw badRequest('credit.reportOwn', { orgId: 'credit.reportOwn' });
    const [report] = await tx
      .insert(misconductReports)
      .values({ subjectOrgId: org.id, reporterUserId: actor.userId, reporterOrgId: actor.org?.id ?? null, description: input.description, evidence: input.evidence, createdAt: now() })
      .returning({ id: misconductReports.id, createdAt: misconductReports.createdAt });
    if (!report) throw new Error('insert report returned no row');
    // In the reporter's own log only (never the reported organisation's).
    await audit(tx, actor, { action: 'credit.report', entityType: 'misconductReport', entityId: report.id, orgId: actor.org?.id ?? null, after: { subjectOrgId: org.id } });
    await notify(tx, afterCommit, await bureauUsers(tx), 'credit.misconductReported', { orgName: org.name }, '/bureau/credit');
    return report;
  });
}

const reporter = alias(users, 'reporter');
const reporterOrg = alias(organizations, 'reporter_org');

/** The bureau's queue of 举报, with who reported (the bureau alone may see it). */
export async function listMisconductReports(db: Db, actor: MemberActor, input: { status?: 'open' | 'recorded' | 'dismissed'; cursor: number; limit: number }) {
  assertBureau(actor, 'credit.readReports');
  const rows = await db
    .select({
      id: misconductReports.id,
      subject: { id: organizations.id, name: organizations.name },
      reporter: { name: reporter.name, email: reporter.email },
      reporterOrgName: reporterOrg.name,
      description: misconductReports.description,
      evidence: misconductReports.evidence,
      status: misconductReports.status,
      createdAt: misconductReports.createdAt,
      handledAt: misconductReports.handledAt,
      outcomeNote: misconductReports.outcomeNote,
      integritySeq: misconductReports.integritySeq,
    })
    .from(misconductReports)
    .innerJoin(organizations, eq(organizations.id, misconductReports.subjectOrgId))
    .leftJoin(reporter, eq(reporter.id, misconductReports.reporterUserId))
    .leftJoin(reporterOrg, eq(reporterOrg.id, misconductReports.reporterOrgId))
    .where(input.status ? eq(misconductReports.status, input.status) : undefined)
    .orderBy(asc(misconductReports.status), desc(misconductReports.createdAt), desc(misconductReports.id))
    .limit(input.limit + 1)
    .offset(input.cursor);
  return { items: rows.slice(0, input.limit), nextCursor: rows.length > input.limit ? input.cursor + input.limit : null };
}

/** The bureau closes a report without recording anything (recording an integrity event closes it as recorded). */
export async function dismissReport(db: Db, actor: MemberActor, input: { reportId: string; note: string }) {
  assertBureau(actor, 'credit.recordIntegrity');
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(misconductReports)
      .set({ status: 'dismissed', handledBy: actor.userId, handledAt: now(), outcomeNote: input.note })
      .where(and(eq(misconductReports.id, input.reportId), eq(misconductReports.status, 'open')))
      .returning({ id: misconductReports.id, status: misconductReports.status });
    if (!row) {
      const [exists] = await tx.select({ id: misconductReports.id }).from(misconductReports).where(eq(misconductReports.id, input.reportId));
      if (!exists) throw notFound();
      throw conflict('credit.reportClosed');
    }
    await audit(tx, actor, { action: 'credit.reportDismissed', entityType: 'misconductReport', entityId: row.id, orgId: actor.org.id, after: { note: input.note } });
    return row;
  });
}
