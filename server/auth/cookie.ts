import { decode } from 'next-auth/jwt';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { getEnv } from '../env';
import { actorForSession } from './sessions';

/** Auth.js names its cookie with the __Secure- prefix when served over HTTPS. */
export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return jar;
}

/** The session id inside an Auth.js session cookie, or null if absent or not signed by us. */
export async function sessionIdFromCookies(header: string | null | undefined): Promise<string | null> {
  const jar = parseCookies(header);
  for (const name of SESSION_COOKIES) {
    // Large tokens are chunked by Auth.js as name.0, name.1...; ours is small, but read chunks anyway.
    let token = jar.get(name);
    if (!token && jar.has(`${name}.0`)) {
      token = '';
      for (let i = 0; jar.has(`${name}.${i}`); i++) token += jar.get(`${name}.${i}`);
    }
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: getEnv().AUTH_SECRET, salt: name });
      if (payload && typeof payload.sid === 'string') return payload.sid;
    } catch {
      return null;
    }
  }
  return null;
}

/** Who sent this request (HTTP or socket.io handshake): checked against the sessions table every time. */
export async function actorFromCookies(db: Db, header: string | null | undefined): Promise<Actor | null> {
  const sid = await sessionIdFromCookies(header);
  return sid ? actorForSession(db, sid) : null;
}
