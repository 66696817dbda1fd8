/**
 * Session security over HTTP, through the real route handlers (app/api/auth and app/api/trpc) with the
 * real Auth.js configuration: log in with the Credentials provider, call a protected procedure with the
 * cookie, end the session (logout, password change), replay the old cookie and get 401.
 */
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { getEnv } from '../env';
import { FACTORY_PASSWORD, insertOrgWithOwner } from '../seed/factories';
import { DEFAULT_LOGIN_POLICY, LoginLimiter, MemoryRateLimitStore } from './rate-limit';
import { createSession } from './sessions';

let database: Database;
let trpc: { GET: (req: Request) => Promise<Response>; POST: (req: Request) => Promise<Response> };
let auth: { GET: (req: Request) => Promise<Response>; POST: (req: Request) => Promise<Response> };

const processDatabase = globalThis as unknown as { __kcDatabase?: Promise<Database> };

beforeAll(async () => {
  database = await createTestDatabase();
  // The route handlers use the process-wide database (server/db.ts): make it this test's database.
  processDatabase.__kcDatabase = Promise.resolve(database);
  trpc = await import('@/app/api/trpc/[trpc]/route');
  auth = (await import('@/app/api/auth/[...nextauth]/route')) as typeof auth;
});
afterAll(async () => {
  processDatabase.__kcDatabase = undefined;
  await database.close();
});

/** The cookies a response sets, by name, with their attributes as sent. */
function setCookies(response: Response): Map<string, { value: string; attributes: string }> {
  const jar = new Map<string, { value: string; attributes: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), { value: pair.slice(i + 1), attributes: attributes.join(';') });
  }
  return jar;
}

/** Logs in through Auth.js exactly as a browser form post does (CSRF token and cookie first). */
async function logIn(origin: string, email: string, password: string) {
  const csrfResponse = await auth.GET(new Request(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = [...setCookies(csrfResponse)].map(([name, c]) => `${name}=${c.value}`).join('; ');
  const response = await auth.POST(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/org` }),
    }),
  );
  return { response, csrfToken, csrfCookie, cookies: setCookies(response) };
}

function me(cookie: string, origin = 'http://localhost:3000') {
  return trpc.GET(new Request(`${origin}/api/trpc/account.me`, { headers: { cookie } }));
}

describe('session cookies over HTTP', () => {
  it('after logout, replaying the old cookie gets 401', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const origin = 'http://localhost:3000';
    const login = await logIn(origin, user.email ?? '', FACTORY_PASSWORD);
    expect(login.response.status).toBe(302);
    const session = login.cookies.get('authjs.session-token');
    if (!session) throw new Error('no session cookie was set');
    // httpOnly and SameSite=Lax; over plain HTTP not Secure (the browser would drop it).
    expect(session.attributes).toMatch(/HttpOnly/i);
    expect(session.attributes).toMatch(/SameSite=Lax/i);
    expect(session.attributes).not.toMatch(/Secure/i);

    const cookie = `authjs.session-token=${session.value}`;
    const before = await me(cookie);
    expect(before.status).toBe(200);
    expect(JSON.stringify(await before.json())).toContain(user.id);

    const logout = await auth.POST(
      new Request(`${origin}/api/auth/signout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${login.csrfCookie}; ${cookie}` },
        body: new URLSearchParams({ csrfToken: login.csrfToken, callbackUrl: origin }),
      }),
    );
    expect(logout.status).toBe(302);
    // The browser's copy is cleared…
    expect(setCookies(logout).get('authjs.session-token')?.attributes).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    // …and a copy kept elsewhere no longer works: the session row is revoked on the server.
    const replay = await me(cookie);
    expect(replay.status).toBe(401);
  });

  it('a wrong password sets no session cookie and answers with the `invalid` code', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const login = await logIn('http://localhost:3000', user.email ?? '', 'Wrong#Pass2026');
    expect(login.cookies.has('authjs.session-token')).toBe(false);
    expect(login.response.headers.get('location')).toMatch(/error=CredentialsSignin&code=invalid/);
  });

  it('after 10 failures the login is refused with the `rate_limited` code, even with the right password', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    // The process-wide limiter, without real waits between tries.
    const holder = globalThis as unknown as { __kcLoginLimiter?: Promise<LoginLimiter> };
    const previous = holder.__kcLoginLimiter;
    holder.__kcLoginLimiter = Promise.resolve(new LoginLimiter(new MemoryRateLimitStore(), DEFAULT_LOGIN_POLICY, async () => {}));
    try {
      for (let i = 0; i < 10; i++) {
        const attempt = await logIn('http://localhost:3000', user.email ?? '', 'Wrong#Pass2026');
        expect(attempt.response.headers.get('location')).toMatch(/code=invalid/);
      }
      const locked = await logIn('http://localhost:3000', user.email ?? '', FACTORY_PASSWORD);
      expect(locked.response.headers.get('location')).toMatch(/code=rate_limited/);
      expect(locked.cookies.has('authjs.session-token')).toBe(false);
    } finally {
      holder.__kcLoginLimiter = previous;
    }
  });

  it('over HTTPS the cookie is __Secure- prefixed and Secure, and it authenticates', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const origin = 'https://kechuang.example.cn';
    const login = await logIn(origin, user.email ?? '', FACTORY_PASSWORD);
    const session = login.cookies.get('__Secure-authjs.session-token');
    if (!session) throw new Error('no secure session cookie was set');
    expect(session.attributes).toMatch(/; ?Secure/i);
    expect(session.attributes).toMatch(/HttpOnly/i);
    expect(session.attributes).toMatch(/SameSite=Lax/i);
    expect((await me(`__Secure-authjs.session-token=${session.value}`, origin)).status).toBe(200);
  });

  it('with an https:// APP_URL the cookie is Secure even when a TLS-terminating proxy forwards plain HTTP', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const holder = globalThis as unknown as { __kcEnv?: ReturnType<typeof getEnv> };
    const env = getEnv();
    holder.__kcEnv = { ...env, APP_URL: 'https://kechuang.example.cn' };
    try {
      const login = await logIn('http://10.0.0.5:3000', user.email ?? '', FACTORY_PASSWORD);
      const session = login.cookies.get('__Secure-authjs.session-token');
      expect(session?.attributes).toMatch(/; ?Secure/i);
      expect(login.cookies.has('authjs.session-token')).toBe(false);
    } finally {
      holder.__kcEnv = env;
    }
  });

  it('after a password change, replaying another device’s old cookie gets 401; the changing device stays signed in', async () => {
    const { user } = await insertOrgWithOwner(database.db);
    const secret = getEnv().AUTH_SECRET;
    const cookieFor = async (sid: string) =>
      `authjs.session-token=${await encode({ token: { sub: user.id, sid }, secret, salt: 'authjs.session-token' })}`;
    const laptop = await cookieFor(await createSession(database.db, user.id));
    const phone = await cookieFor(await createSession(database.db, user.id));
    expect((await me(laptop)).status).toBe(200);
    expect((await me(phone)).status).toBe(200);

    const change = await trpc.POST(
      new Request('http://localhost:3000/api/trpc/account.changePassword', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: laptop },
        body: JSON.stringify({ json: { currentPassword: FACTORY_PASSWORD, newPassword: 'Changed#Pass2026' } }),
      }),
    );
    expect(change.status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(200);
  });

  it('the personal-data download answers the cookie’s owner, as a JSON attachment, and 401 without a session', async () => {
    const { user, sessionId } = await insertOrgWithOwner(database.db);
    const { GET } = await import('@/app/api/account/export/route');
    const cookie = `authjs.session-token=${await encode({ token: { sub: user.id, sid: sessionId }, secret: getEnv().AUTH_SECRET, salt: 'authjs.session-token' })}`;
    const response = await GET(new Request('http://localhost:3000/api/account/export', { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="kechuang-personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = (await response.json()) as { user: { id: string; email: string } };
    expect(data.user).toMatchObject({ id: user.id, email: user.email });
    const anonymous = await GET(new Request('http://localhost:3000/api/account/export'));
    expect(anonymous.status).toBe(401);
  });

  it('a cookie signed with another secret, or none, gets 401', async () => {
    const { user, sessionId } = await insertOrgWithOwner(database.db);
    const forged = await encode({ token: { sub: user.id, sid: sessionId }, secret: 'another-secret-another-secret-0123456789', salt: 'authjs.session-token' });
    expect((await me(`authjs.session-token=${forged}`)).status).toBe(401);
    expect((await me('')).status).toBe(401);
  });
});
