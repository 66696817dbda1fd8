import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingChecklistTemplates, type ChecklistItemSpec } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { badRequest } from '../errors';
import { isValidCreditCode } from '../orgs/credit-code';
import { inTransaction } from '../transaction';
import type { ChecklistEntryInput, UpdateTemplateInput } from './inputs';
import { GATES, type LandingGate } from './states';

/**
 * Gate checklists (SPEC §8). The defaults below are version 1 of each gate's template, written the first time a
 * template is asked for; the bureau's edits add versions. Labels of default items are translated by key
 * (`landing.items.<key>`); items the bureau adds carry their own label.
 */
export const DEFAULT_CHECKLISTS: Record<LandingGate, ChecklistItemSpec[]> = {
  accelerating: [
    { key: 'prototypeValidated', evidence: 'document', required: true },
    // The company registered in the county: its 统一社会信用代码 (and name, in the text).
    { key: 'localCompanyRegistered', evidence: 'credit_code', required: true },
    { key: 'siteAgreement', evidence: 'document', required: true },
    { key: 'businessPlan', evidence: 'document', required: false },
  ],
  industrializing: [
    { key: 'pilotLine', evidence: 'document', required: true },
    { key: 'investmentInPlace', evidence: 'number', unit: 'wan', required: true },
    { key: 'firstOrders', evidence: 'document', required: true },
    { key: 'firstOrdersCount', evidence: 'number', unit: 'orders', required: true },
    { key: 'environmentalApproval', evidence: 'document', required: false },
  ],
  landed: [
    { key: 'massProduction', evidence: 'document', required: true },
    { key: 'annualRevenue', evidence: 'number', unit: 'wan', required: true },
    { key: 'taxPaid', evidence: 'number', unit: 'wan', required: true },
    { key: 'localEmployees', evidence: 'number', unit: 'people', required: true },
  ],
};

const DEFAULT_KEYS = new Set(Object.values(DEFAULT_CHECKLISTS).flatMap((items) => items.map((i) => i.key)));

export type TemplateRow = typeof landingChecklistTemplates.$inferSelect;

/** The newest template of a gate (writing the default as version 1 if there is none yet). */
export async function currentTemplate(tx: Db, gate: LandingGate): Promise<TemplateRow> {
  const [row] = await tx
    .select()
    .from(landingChecklistTemplates)
    .where(eq(landingChecklistTemplates.gate, gate))
    .orderBy(desc(landingChecklistTemplates.version))
    .limit(1);
  if (row) return row;
  // Two first readers meet on the unique (gate, version): the loser inserts nothing and reads the winner's row.
  await tx
    .insert(landingChecklistTemplates)
    .values({ gate, version: 1, items: DEFAULT_CHECKLISTS[gate], createdAt: now() })
    .onConflictDoNothing();
  const [created] = await tx
    .select()
    .from(landingChecklistTemplates)
    .where(and(eq(landingChecklistTemplates.gate, gate), eq(landingChecklistTemplates.version, 1)))
    .limit(1);
  if (!created) throw new Error(`checklist template of ${gate} vanished`);
  return created;
}

export async function templateById(tx: Db, id: string): Promise<TemplateRow> {
  const [row] = await tx.select().from(landingChecklistTemplates).where(eq(landingChecklistTemplates.id, id)).limit(1);
  if (!row) throw new Error(`checklist template ${id} missing`);
  return row;
}

export async function currentTemplates(db: Db) {
  const out = [];
  for (const gate of GATES) {
    const t = await currentTemplate(db, gate);
    out.push({ gate, version: t.version, items: t.items, createdAt: t.createdAt });
  }
  return out;
}

/**
 * The bureau's edit of a gate's checklist: a new version. Gates already submitted keep the version they were
 * submitted under; drafts follow the new one.
 */
export async function updateTemplate(db: Db, actor: MemberActor, input: UpdateTemplateInput) {
  return inTransaction(db, async (tx) => {
    const before = await currentTemplate(tx, input.gate);
    const items: ChecklistItemSpec[] = input.items.map((i) => ({
      key: i.key,
      ...(i.label ? { label: i.label } : {}),
      evidence: i.evidence,
      ...(i.unit ? { unit: i.unit } : {}),
      required: i.required,
    }));
    const unlabelled = items.find((i) => !i.label && !DEFAULT_KEYS.has(i.key));
    if (unlabelled) throw badRequest('landing.itemLabelRequired', { [`items.${items.indexOf(unlabelled)}.label`]: 'v.landing.itemLabel' });
    const [row] = await tx
      .insert(landingChecklistTemplates)
      .values({ gate: input.gate, version: before.version + 1, items, createdBy: actor.userId, createdAt: now() })
      .returning();
    if (!row) throw new Error('insert checklist template returned no row');
    await audit(tx, actor, {
      action: 'landing.templateUpdate',
      entityType: 'landing_checklist_template',
      entityId: row.id,
      orgId: actor.org.id,
      before: { gate: input.gate, version: before.version, items: before.items },
      after: { gate: input.gate, version: row.version, items },
    });
    return { gate: row.gate, version: row.version, items: row.items };
  });
}

/** An entry as stored: only the fields its item's evidence kind uses. */
export interface EntryValue {
  attachmentIds: string[];
  numberValue: number | null;
  creditCode: string | null;
  text: string | null;
}

/**
 * Shapes an entry by its item's evidence kind and refuses what is malformed (a credit code with a bad check
 * digit). Field errors name `entries.<key>`.
 */
export function shapeEntry(item: ChecklistItemSpec, entry: ChecklistEntryInput): EntryValue {
  const text = entry.text?.trim() || null;
  switch (item.evidence) {
    case 'document':
      // A statement may accompany the documents (e.g. the number of orders in a document item).
      return { attachmentIds: [...new Set(entry.attachmentIds)], numberValue: null, creditCode: null, text };
    case 'number':
      return { attachmentIds: [...new Set(entry.attachmentIds)], numberValue: entry.numberValue, creditCode: null, text };
    case 'credit_code': {
      const code = entry.creditCode?.trim().toUpperCase() || null;
      if (code && !isValidCreditCode(code)) throw badRequest('landing.creditCodeInvalid', { [`entries.${item.key}`]: 'v.creditCode.checkDigit' });
      return { attachmentIds: [...new Set(entry.attachmentIds)], numberValue: null, creditCode: code, text };
    }
    case 'text':
      return { attachmentIds: [...new Set(entry.attachmentIds)], numberValue: null, creditCode: null, text };
  }
}

/** Whether an item's evidence is there (required items must be, to submit). */
export function evidenced(item: ChecklistItemSpec, entry: EntryValue | undefined): boolean {
  if (!entry) return false;
  switch (item.evidence) {
    case 'document':
      return entry.attachmentIds.length > 0;
    case 'number':
      return entry.numberValue !== null;
    case 'credit_code':
      // The company's name goes with its code.
      return entry.creditCode !== null && isValidCreditCode(entry.creditCode) && !!entry.text;
    case 'text':
      return !!entry.text;
  }
}
