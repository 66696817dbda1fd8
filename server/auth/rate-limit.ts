import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { now } from '../clock';
import { getEnv } from '../env';

/**
 * Login rate limiting, per account (the normalised email, hashed) and per client address.
 *
 * Counters are fixed windows that open at the first counted attempt and close `windowMs` later.
 * - Account: every password check reserves an attempt before the (slow) check, so a burst of parallel
 *   tries cannot slip past the limit; a successful login clears the counter. From the 4th counted attempt
 *   on, the answer is delayed (1 s, 2 s, 4 s, then 8 s), and past `accountLimit` the login is refused with
 *   `rate_limited` until the window closes.
 * - Address: only failures count (an office behind one NAT logging in successfully is never blocked);
 *   past `ipLimit` failures every login from that address is refused until the window closes.
 * Unknown emails are counted exactly like known ones, so neither the answer nor its timing tells
 * whether an account exists.
 */
export interface Counter {
  count: number;
  /** When the window closes (ms since the epoch, on the domain clock). */
  resetAt: number;
}

/** Where counters live: in this process, or in Redis so that every instance sees the same counts. */
export interface RateLimitStore {
  get(key: string, nowMs: number): Promise<Counter | null>;
  /** Adds one to the counter, opening a new window if there is none or the last one has closed. */
  increment(key: string, windowMs: number, nowMs: number): Promise<Counter>;
  reset(key: string): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, Counter>();

  async get(key: string, nowMs: number): Promise<Counter | null> {
    const counter = this.counters.get(key);
    if (!counter) return null;
    if (counter.resetAt <= nowMs) {
      this.counters.delete(key);
      return null;
    }
    return { ...counter };
  }

  async increment(key: string, windowMs: number, nowMs: number): Promise<Counter> {
    const current = await this.get(key, nowMs);
    const next = current ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: nowMs + windowMs };
    this.counters.set(key, next);
    if (this.counters.size > 100_000) this.sweep(nowMs);
    return { ...next };
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  /** Keeps memory bounded under a flood of distinct keys (addresses, made-up emails). */
  private sweep(nowMs: number): void {
    for (const [key, counter] of this.counters) if (counter.resetAt <= nowMs) this.counters.delete(key);
  }
}

/**
 * One Lua script per increment keeps read-modify-write atomic across instances. The window's end is
 * decided by the caller's clock (the domain clock, which tests move); Redis' own TTL only collects garbage.
 */
const INCREMENT_SCRIPT = `
local count = tonumber(redis.call('HGET', KEYS[1], 'count'))
local resetAt = tonumber(redis.call('HGET', KEYS[1], 'resetAt'))
local nowMs = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
if (not count) or (not resetAt) or resetAt <= nowMs then
  count = 1
  resetAt = nowMs + windowMs
  redis.call('HSET', KEYS[1], 'count', count, 'resetAt', resetAt)
  redis.call('PEXPIRE', KEYS[1], windowMs + 60000)
else
  count = redis.call('HINCRBY', KEYS[1], 'count', 1)
end
return {count, tostring(resetAt)}
`;

export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'kc:ratelimit:',
  ) {}

  async get(key: string, nowMs: number): Promise<Counter | null> {
    const [count, resetAt] = await this.redis.hmget(this.prefix + key, 'count', 'resetAt');
    if (count === null || resetAt === null || Number(resetAt) <= nowMs) return null;
    return { count: Number(count), resetAt: Number(resetAt) };
  }

  async increment(key: string, windowMs: number, nowMs: number): Promise<Counter> {
    const [count, resetAt] = (await this.redis.eval(INCREMENT_SCRIPT, 1, this.prefix + key, nowMs, windowMs)) as [number, string];
    return { count: Number(count), resetAt: Number(resetAt) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

export interface LoginLimitPolicy {
  windowMs: number;
  accountLimit: number;
  ipLimit: number;
  /** Counted attempts on an account before answers start to slow down. */
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginLimitPolicy = {
  windowMs: 15 * 60_000,
  accountLimit: 10,
  ipLimit: 50,
  freeAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
};

export type LimitDecision =
  | { allowed: true; attempt: LoginAttempt }
  | { allowed: false; retryAfterS: number };

/** A reserved password check: the caller reports how it ended. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Hashing the email keeps addresses out of Redis and bounds key length. */
function accountKey(email: string): string {
  return `acct:${crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`;
}

export class LoginLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly policy: LoginLimitPolicy = DEFAULT_LOGIN_POLICY,
    private readonly sleep: (ms: number) => Promise<void> = sleepFor,
  ) {}

  /** The wait before answering the `count`-th counted attempt on an account. */
  delayFor(count: number): number {
    const over = count - this.policy.freeAttempts;
    if (over <= 0) return 0;
    return Math.min(this.policy.baseDelayMs * 2 ** (over - 1), this.policy.maxDelayMs);
  }

  /** Lifts the account's lock (after a password reset proved control of the mailbox). */
  clear(email: string): Promise<void> {
    return this.store.reset(accountKey(email));
  }

  /**
   * Reserves a password check for `email` from `ip` (null when unknown: only the account limit applies),
   * or refuses it with the seconds until the window closes. Waits out the progressive delay first.
   */
  async begin(email: string, ip: string | null | undefined): Promise<LimitDecision> {
    const nowMs = now().getTime();
    const ipKey = ip ? `ip:${ip}` : null;
    if (ipKey) {
      const byIp = await this.store.get(ipKey, nowMs);
      if (byIp && byIp.count >= this.policy.ipLimit) return { allowed: false, retryAfterS: secondsUntil(byIp.resetAt, nowMs) };
    }
    const account = accountKey(email);
    const byAccount = await this.store.increment(account, this.policy.windowMs, nowMs);
    if (byAccount.count > this.policy.accountLimit) return { allowed: false, retryAfterS: secondsUntil(byAccount.resetAt, nowMs) };
    const delay = this.delayFor(byAccount.count);
    if (delay > 0) await this.sleep(delay);
    return {
      allowed: true,
      attempt: {
        succeeded: () => this.store.reset(account),
        failed: async () => {
          if (ipKey) await this.store.increment(ipKey, this.policy.windowMs, now().getTime());
        },
      },
    };
  }
}

function secondsUntil(resetAt: number, nowMs: number): number {
  return Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
}

/**
 * A store that uses Redis and, while Redis cannot be reached, this process's memory: the limit then
 * holds per instance instead of failing every login.
 */
class FallbackStore implements RateLimitStore {
  constructor(
    private readonly primary: RateLimitStore,
    private readonly fallback: RateLimitStore,
  ) {}

  private async run<T>(op: (store: RateLimitStore) => Promise<T>): Promise<T> {
    try {
      return await op(this.primary);
    } catch (e) {
      console.error('[rate-limit] Redis unavailable, counting in memory:', e instanceof Error ? e.message : e);
      return op(this.fallback);
    }
  }

  get(key: string, nowMs: number) {
    return this.run((s) => s.get(key, nowMs));
  }
  increment(key: string, windowMs: number, nowMs: number) {
    return this.run((s) => s.increment(key, windowMs, nowMs));
  }
  reset(key: string) {
    return this.run((s) => s.reset(key));
  }
}

const holder = globalThis as unknown as { __kcLoginLimiter?: Promise<LoginLimiter> };

/** The process-wide limiter: Redis-backed when REDIS_URL is set (shared by all instances), else in memory. */
export function loginLimiter(): Promise<LoginLimiter> {
  holder.__kcLoginLimiter ??= (async () => {
    const memory = new MemoryRateLimitStore();
    const url = getEnv().REDIS_URL;
    if (!url) return new LoginLimiter(memory);
    const { Redis } = await import('ioredis');
    // One retry, then the fallback: a login must not hang while Redis is down.
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    redis.on('error', (e) => console.error('[redis] rate limit:', e.message));
    return new LoginLimiter(new FallbackStore(new RedisRateLimitStore(redis), memory));
  })();
  return holder.__kcLoginLimiter;
}
