import type { Db } from '@/db/client';

/**
 * Authorisation cases for the procedure walker (server/routers/authorization.test.ts).
 * Every procedure of the app router has one entry, in the `*.refusals.ts` file next to its router:
 *
 * - `setup` builds a resource that belongs to someone else (organisation A, made with the factories)
 *   and the input that targets it. The walker then calls the procedure as an anonymous caller, as the
 *   owner of another verified organisation, and as the owner of a pending organisation. Each must be
 *   refused (UNAUTHORIZED / FORBIDDEN / NOT_FOUND) unless listed in `allowed`, and `snapshot()` — what a
 *   user of A would see of the resource — plus the audit log must be unchanged afterwards.
 * - `allowed` lists callers for whom the call legitimately succeeds because it only acts on the caller's
 *   own data (e.g. `account.changePassword` for a signed-in outsider): the snapshot of A must still be unchanged.
 * - `{ public: 'why' }` marks a procedure that answers anyone by design (health, public profiles, register).
 */
export type Caller = 'anonymous' | 'outsider' | 'pendingOutsider';

export interface RefusalCase {
  setup(db: Db): Promise<{ input: unknown; snapshot?: () => Promise<unknown> }>;
  allowed?: readonly Caller[];
}

export type RefusalTable = Record<string, RefusalCase | { public: string }>;
