import { actorFromCookies } from './auth/cookie';
import { db } from './db';
import { createInnerContext, type Context } from './trpc';

export function requestIp(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? headers.get('x-real-ip');
}

/** Context for an HTTP request: the actor comes from the Auth.js cookie, checked against the sessions table. */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const database = await db();
  const actor = await actorFromCookies(database, headers.get('cookie'));
  return createInnerContext({ db: database, actor, ip: requestIp(headers) });
}
