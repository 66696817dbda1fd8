import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { advanceClock, now, resetClock } from '../clock';
import { FACTORY_PASSWORD, insertUser } from '../seed/factories';
import { authenticate } from './login';
import { DEFAULT_LOGIN_POLICY, LoginLimiter, MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './rate-limit';

const REDIS_URL = process.env.REDIS_URL;
const WINDOW = DEFAULT_LOGIN_POLICY.windowMs;

/** The limiter under test, with the waits recorded instead of slept. */
function limiterOn(store: RateLimitStore) {
  const waits: number[] = [];
  const limiter = new LoginLimiter(store, DEFAULT_LOGIN_POLICY, async (ms) => {
    waits.push(ms);
  });
  return { limiter, waits };
}

const email = () => `rl-${crypto.randomBytes(4).toString('hex')}@test.kechuang.cn`;
const ip = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;

afterEach(() => resetClock());

/** One body of behaviour for both stores: the in-memory one and Redis (shared by every instance). */
function storeSuite(makeStore: () => RateLimitStore) {
  it('counts within a window and starts over once it has closed', async () => {
    const store = makeStore();
    const key = `k-${crypto.randomBytes(4).toString('hex')}`;
    const t0 = now().getTime();
    expect(await store.get(key, t0)).toBeNull();
    expect(await store.increment(key, 1000, t0)).toEqual({ count: 1, resetAt: t0 + 1000 });
    expect(await store.increment(key, 1000, t0 + 500)).toEqual({ count: 2, resetAt: t0 + 1000 });
    expect(await store.get(key, t0 + 999)).toEqual({ count: 2, resetAt: t0 + 1000 });
    expect(await store.get(key, t0 + 1000)).toBeNull();
    expect(await store.increment(key, 1000, t0 + 1000)).toEqual({ count: 1, resetAt: t0 + 2000 });
    await store.reset(key);
    expect(await store.get(key, t0 + 1001)).toBeNull();
  });

  it('slows repeated tries on an account, then refuses them until the window passes', async () => {
    const { limiter, waits } = limiterOn(makeStore());
    const account = email();
    for (let i = 1; i <= 10; i++) {
      const decision = await limiter.begin(account, ip());
      expect(decision.allowed, `attempt ${i}`).toBe(true);
      if (decision.allowed) await decision.attempt.failed();
    }
    // Three free tries, then 1 s, 2 s, 4 s and 8 s at most.
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    const refused = await limiter.begin(account, ip());
    expect(refused.allowed).toBe(false);
    // Real milliseconds pass between the first attempt (which opened the window) and now.
    expect(refused.allowed ? 0 : refused.retryAfterS).toBeGreaterThan(WINDOW / 1000 - 10);
    // The same email in other capitals and spaces is the same account.
    expect((await limiter.begin(`  ${account.toUpperCase()} `, ip())).allowed).toBe(false);

    advanceClock(WINDOW - 60_000);
    const stillRefused = await limiter.begin(account, ip());
    expect(stillRefused.allowed ? 0 : stillRefused.retryAfterS).toBeGreaterThan(50);
    expect(stillRefused.allowed ? 0 : stillRefused.retryAfterS).toBeLessThanOrEqual(60);
    advanceClock(60_000);
    expect((await limiter.begin(account, ip())).allowed).toBe(true);
  });

  it('a successful login clears the account counter', async () => {
    const { limiter, waits } = limiterOn(makeStore());
    const account = email();
    for (let i = 0; i < 5; i++) {
      const d = await limiter.begin(account, null);
      if (d.allowed) await d.attempt.failed();
    }
    const ok = await limiter.begin(account, null);
    if (!ok.allowed) throw new Error('expected allowed');
    await ok.attempt.succeeded();
    waits.length = 0;
    for (let i = 0; i < 3; i++) await limiter.begin(account, null);
    expect(waits).toEqual([]);
  });

  it('refuses an address after 50 failures, whatever email it tries next', async () => {
    const { limiter } = limiterOn(makeStore());
    const address = ip();
    for (let i = 0; i < DEFAULT_LOGIN_POLICY.ipLimit; i++) {
      const d = await limiter.begin(email(), address);
      expect(d.allowed).toBe(true);
      if (d.allowed) await d.attempt.failed();
    }
    const refused = await limiter.begin(email(), address);
    expect(refused.allowed).toBe(false);
    // Other addresses are not affected.
    expect((await limiter.begin(email(), ip())).allowed).toBe(true);
  });

  it('successful logins from one address (an office behind NAT) never block it', async () => {
    const { limiter } = limiterOn(makeStore());
    const address = ip();
    for (let i = 0; i < DEFAULT_LOGIN_POLICY.ipLimit + 5; i++) {
      const d = await limiter.begin(email(), address);
      expect(d.allowed).toBe(true);
      if (d.allowed) await d.attempt.succeeded();
    }
  });
}

describe('login rate limit, in-memory store', () => {
  storeSuite(() => new MemoryRateLimitStore());
});

describe.runIf(REDIS_URL)('login rate limit, Redis store (shared by every instance)', () => {
  let redis: Redis;
  const prefix = `kc:test:${crypto.randomBytes(4).toString('hex')}:`;
  beforeAll(() => {
    redis = new Redis(REDIS_URL ?? '');
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  storeSuite(() => new RedisRateLimitStore(redis, prefix));

  it('two instances (two clients, two limiters) share one count', async () => {
    const other = new Redis(REDIS_URL ?? '');
    try {
      const a = limiterOn(new RedisRateLimitStore(redis, prefix)).limiter;
      const b = limiterOn(new RedisRateLimitStore(other, prefix)).limiter;
      const account = email();
      for (let i = 0; i < 10; i++) {
        const d = await (i % 2 ? a : b).begin(account, null);
        if (d.allowed) await d.attempt.failed();
      }
      expect((await a.begin(account, null)).allowed).toBe(false);
      expect((await b.begin(account, null)).allowed).toBe(false);
    } finally {
      other.disconnect();
    }
  });
});

describe('authenticate under the rate limit', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('an unknown email and a wrong password get the same answer, and the same limit', async () => {
    const { limiter } = limiterOn(new MemoryRateLimitStore());
    const user = await insertUser(database.db);
    const unknown = email();
    const answers = { known: [] as string[], unknown: [] as string[] };
    for (let i = 0; i < 11; i++) {
      const a = await authenticate(database.db, { email: user.email ?? '', password: 'wrong-password-1', ip: ip() }, limiter);
      const b = await authenticate(database.db, { email: unknown, password: 'wrong-password-1', ip: ip() }, limiter);
      answers.known.push(a.ok ? 'ok' : a.reason);
      answers.unknown.push(b.ok ? 'ok' : b.reason);
    }
    expect(answers.known).toEqual([...Array(10).fill('invalid'), 'rate_limited']);
    expect(answers.unknown).toEqual(answers.known);
    // Locked, even with the right password, until the window closes.
    const locked = await authenticate(database.db, { email: user.email ?? '', password: FACTORY_PASSWORD }, limiter);
    expect(locked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(!locked.ok && locked.reason === 'rate_limited' ? locked.retryAfterS : 0).toBeGreaterThan(WINDOW / 1000 - 10);
    advanceClock(WINDOW);
    const after = await authenticate(database.db, { email: user.email ?? '', password: FACTORY_PASSWORD }, limiter);
    expect(after.ok).toBe(true);
  });

  it('an unknown email costs a full password hash, like a known one', async () => {
    const { limiter } = limiterOn(new MemoryRateLimitStore());
    const user = await insertUser(database.db);
    const time = async (address: string) => {
      const started = performance.now();
      await authenticate(database.db, { email: address, password: 'wrong-password-1' }, limiter);
      return performance.now() - started;
    };
    await time(email()); // warms the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(user.email ?? ''));
      unknown.push(await time(email()));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1] ?? 0;
    // argon2 dominates both; an unknown email must not answer in a fraction of the time.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});
