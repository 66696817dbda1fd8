import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { db } from '../db';
import { getEnv } from '../env';
import { authenticate } from './login';
import { actorForSession, revokeSession, SESSION_MAX_AGE_S } from './sessions';

/** Error codes the login form translates (errors.login.<code>); they never tell whether the email exists. */
class InvalidLogin extends CredentialsSignin {
  code = 'invalid';
}

/** Too many failed attempts for this account or address: refused until the window closes. */
class RateLimitedLogin extends CredentialsSignin {
  code = 'rate_limited';
  constructor(readonly retryAfterS: number) {
    super();
  }
}

export type LoginFailure = { code: 'invalid' } | { code: 'rate_limited'; retryAfterS: number };

/** What a failed `signIn('credentials', …)` means for the login form; null for any other error (rethrow it). */
export function loginFailure(error: unknown): LoginFailure | null {
  if (error instanceof RateLimitedLogin) return { code: 'rate_limited', retryAfterS: error.retryAfterS };
  if (error instanceof CredentialsSignin) return { code: 'invalid' };
  return null;
}

function clientIp(request: Request): string | null {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? request.headers.get('x-real-ip');
}

// Lazy configuration (evaluated per request, not at import): the validated environment is read when serving,
// never while `next build` collects pages.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  trustHost: true,
  // Cookies are httpOnly and SameSite=Lax (Auth.js defaults), and Secure with the __Secure- prefix when the
  // request is HTTPS. A public https:// APP_URL forces Secure even when a TLS-terminating proxy forwards plain HTTP.
  useSecureCookies: getEnv().APP_URL.startsWith('https:') ? true : undefined,
  pages: { signIn: '/login' },
  logger: {
    // A wrong password is an answer, not a server error: keep the log for real failures.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === 'string' ? credentials.email : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        const result = await authenticate(await db(), {
          email,
          password,
          ip: clientIp(request),
          userAgent: request.headers.get('user-agent'),
        });
        if (!result.ok) throw result.reason === 'rate_limited' ? new RateLimitedLogin(result.retryAfterS) : new InvalidLogin();
        return { id: result.userId, sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    // Every time Auth.js reads the cookie it asks the sessions table: a revoked session signs out.
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sid?: string }).sid;
      }
      if (typeof token.sid !== 'string') return null;
      return (await actorForSession(await db(), token.sid)) ? token : null;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub ?? '' }, sid: token.sid };
    },
  },
  events: {
    // Log out ends the session on the server too, so a copied cookie stops working.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await revokeSession(await db(), sid);
    },
  },
}));
