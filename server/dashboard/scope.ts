import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enclaves, landingProjects } from '@/db/schema';
import type { MemberActor } from '../actor';
import { notFound } from '../errors';

/**
 * Whose figures a dashboard shows (SPEC §1: the bureau reads the full dashboard, an incubator its own enclaves only).
 * `enclaveIds: null` is everything; otherwise the figures are those of the named enclaves: their landing projects,
 * and the market acts (needs, contracts, credit) of the organisations those enclaves serve — the incubator that
 * runs them (it posts needs for its enclaves' firms) and the teams and companies whose projects they host.
 */
export interface Scope {
  enclaveIds: string[] | null;
}

export interface EnclaveOption {
  id: string;
  name: string;
  city: string;
}

/** The enclaves the actor may filter by: every enclave for the bureau, its own for an incubator. */
export async function enclaveOptions(db: Db, actor: MemberActor): Promise<EnclaveOption[]> {
  const q = db.select({ id: enclaves.id, name: enclaves.name, city: enclaves.city }).from(enclaves);
  const rows = await (actor.org.kind === 'bureau' ? q : q.where(eq(enclaves.incubatorOrgId, actor.org.id))).orderBy(enclaves.city, enclaves.name);
  return rows;
}

/**
 * The scope of one request. An enclave outside the actor's reach (another incubator's, or none at all) answers
 * NOT_FOUND, exactly as one that does not exist. Only the bureau and incubators reach here (permission table).
 */
export async function resolveScope(db: Db, actor: MemberActor, enclaveId: string | undefined): Promise<Scope> {
  if (actor.org.kind === 'bureau') {
    if (!enclaveId) return { enclaveIds: null };
    const [row] = await db.select({ id: enclaves.id }).from(enclaves).where(eq(enclaves.id, enclaveId));
    if (!row) throw notFound();
    return { enclaveIds: [row.id] };
  }
  if (actor.org.kind !== 'incubator') throw notFound();
  const own = (await enclaveOptions(db, actor)).map((e) => e.id);
  if (!enclaveId) return { enclaveIds: own };
  if (!own.includes(enclaveId)) throw notFound();
  return { enclaveIds: [enclaveId] };
}

/** The organisations a scope covers, as a subquery of ids (`null` scope: no restriction). */
export function scopeOrgIds(scope: Scope): SQL | null {
  if (scope.enclaveIds === null) return null;
  if (scope.enclaveIds.length === 0) return sql`(select null::uuid where false)`;
  const inEnclaves = inArray(landingProjects.enclaveId, scope.enclaveIds);
  return sql`(select ${enclaves.incubatorOrgId} from ${enclaves} where ${inArray(enclaves.id, scope.enclaveIds)}
    union select ${landingProjects.teamOrgId} from ${landingProjects} where ${inEnclaves}
    union select ${landingProjects.enterpriseOrgId} from ${landingProjects} where ${inEnclaves} and ${landingProjects.enterpriseOrgId} is not null)`;
}

/** Landing projects of a scope: a condition on `landing_projects` (undefined: every project). */
export function scopeProjects(scope: Scope): SQL | undefined {
  if (scope.enclaveIds === null) return undefined;
  if (scope.enclaveIds.length === 0) return sql`false`;
  return inArray(landingProjects.enclaveId, scope.enclaveIds);
}
