import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '@/db/client';
import type { Actor, MemberActor } from './actor';
import { AppError, type AppErrorCode } from './errors';
import { can, type Action } from './permissions';

/**
 * Inner context: what every procedure needs, independent of HTTP. Tests build it directly and the
 * socket.io handshake builds the same actor, so all three paths authorise identically.
 */
export interface Context {
  db: Db;
  actor: Actor | null;
  ip: string | null;
}

export function createInnerContext(ctx: { db: Db; actor: Actor | null; ip?: string | null }): Context {
  return { db: ctx.db, actor: ctx.actor ? { ...ctx.actor, ip: ctx.ip ?? ctx.actor.ip ?? null } : null, ip: ctx.ip ?? null };
}

export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

export interface ErrorData {
  /** Key under messages' `errors` namespace. */
  messageKey: string;
  params: Record<string, string | number>;
  fields: Record<string, FieldError>;
}

const TRPC_CODE: Record<AppErrorCode, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
};

/** zod issues become field errors the forms translate: a schema may name its own key (`v.*`), else the issue code. */
function zodFields(error: ZodError): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    if (fields[path]) continue;
    const params: Record<string, string | number> = {};
    if ('minimum' in issue) params.min = Number(issue.minimum);
    if ('maximum' in issue) params.max = Number(issue.maximum);
    fields[path] = { key: issue.message.startsWith('v.') ? issue.message : `v.${issue.code}`, params };
  }
  return fields;
}

const t = initTRPC.context<Context>().meta<{ action?: Action }>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let data: ErrorData;
    if (cause instanceof AppError) {
      data = {
        messageKey: cause.messageKey,
        params: cause.params,
        fields: Object.fromEntries(Object.entries(cause.fields).map(([k, key]) => [k, { key }])),
      };
    } else if (cause instanceof ZodError) {
      data = { messageKey: 'invalidInput', params: {}, fields: zodFields(cause) };
    } else {
      const key = { UNAUTHORIZED: 'unauthorized', FORBIDDEN: 'forbidden', NOT_FOUND: 'notFound', TOO_MANY_REQUESTS: 'tooManyRequests' } as const;
      data = { messageKey: key[error.code as keyof typeof key] ?? 'internal', params: {}, fields: {} };
    }
    // Never leak internals (SQL, stack) to the client.
    return { ...shape, message: data.messageKey, data: { ...shape.data, stack: undefined, app: data } };
  },
});

/** AppError → TRPCError in one place; anything else is logged and answered as an internal error. */
const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      result.error = new TRPCError({ code: TRPC_CODE[cause.code], message: cause.messageKey, cause });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      console.error(`[trpc] ${path}`, result.error.cause ?? result.error);
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);

/** A signed-in user; narrows `ctx.actor` so handlers never write `!`. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError('UNAUTHORIZED', 'unauthorized');
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** A signed-in user who belongs to an organisation. */
export const memberProcedure = protectedProcedure.use(({ ctx, next }) => {
  const actor = ctx.actor;
  if (!actor.org) throw new AppError('FORBIDDEN', 'noOrganisation');
  return next({ ctx: { ...ctx, actor: actor as MemberActor } });
});

/** A member whose organisation kind, role and verification the permission table allows to do `action`. */
export function permittedProcedure(action: Action) {
  return memberProcedure.meta({ action }).use(({ ctx, next }) => {
    const { org } = ctx.actor;
    if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action)) {
      throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
    }
    return next();
  });
}
