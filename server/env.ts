import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, validated once. Every other module reads `env`, never process.env.
 * `.env.example` documents each variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOSTNAME: z.string().default('0.0.0.0'),
  /** Public origin used in links (invitations, resets) and to check socket.io's Origin header. */
  APP_URL: z.url().optional(),
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  PGLITE_DIR: z.string().optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('众创共享科创云 <noreply@kechuang.local>'),
  /** Seed demo data on first start; defaults to on for the embedded database, off for PostgreSQL. */
  SEED_DEMO: z.enum(['0', '1']).optional(),
  /** e2e only: lets the test move the domain clock; refused unless the database is local. */
  CLOCK_CONTROL: z.enum(['0', '1']).default('0'),
  /** Set to 1 behind a reverse proxy that sets X-Forwarded-For; otherwise the header is overwritten with the peer address. */
  TRUST_PROXY: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; APP_URL: string; seedDemo: boolean };

function devSecret(dataRoot: string): string {
  const file = path.join(dataRoot, 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataRoot, { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量无效 / invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // A deployment on a real PostgreSQL server must bring its own secret; a local install on the embedded
  // database (the README's quick start) gets one generated and kept under .data/.
  if (!e.AUTH_SECRET && e.NODE_ENV === 'production' && e.DATABASE_URL) {
    throw new Error('AUTH_SECRET 未设置：生产环境必须提供（至少 32 个字符）。/ AUTH_SECRET is required in production (32+ characters).');
  }
  const secret = e.AUTH_SECRET ?? devSecret(path.join(process.cwd(), '.data'));
  // Auth.js reads AUTH_SECRET itself; keep the process environment consistent with what we validated.
  source.AUTH_SECRET = secret;
  source.AUTH_TRUST_HOST ??= 'true';
  return {
    ...e,
    AUTH_SECRET: secret,
    APP_URL: e.APP_URL ?? `http://localhost:${e.PORT}`,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : !e.DATABASE_URL,
  };
}

const globalForEnv = globalThis as unknown as { __kcEnv?: Env };
export function getEnv(): Env {
  globalForEnv.__kcEnv ??= loadEnv();
  return globalForEnv.__kcEnv;
}
