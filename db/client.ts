import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers (PGlite and postgres.js) give this common type; domain code takes it (or a transaction). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle');
export const DEFAULT_DATA_DIR = path.join(process.cwd(), '.data', 'pglite');

/** Thrown when a second process tries to open the embedded database that another process holds. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `嵌入式数据库 ${dataDir} 正被进程 ${pid} 使用（例如正在运行的服务器）。请先停止该进程，或设置 DATABASE_URL 使用 PostgreSQL。\n` +
        `The embedded database ${dataDir} is in use by process ${pid} (a running server?). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it.
 * A lock file holding the owner's PID keeps a second process out; a stale lock (dead PID) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) throw new DatabaseLockedError(dataDir, owner);
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}

export interface OpenOptions {
  /** postgres:// URL; without it the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; `memory` for an in-memory database (tests). */
  dataDir?: string;
  /** postgres.js pool size. */
  max?: number;
  /** In-memory PGlite only: start from this dump of a data directory (tests start from a migrated snapshot). */
  snapshot?: Blob;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    return {
      db: drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db,
      driver: 'postgres',
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir === 'memory';
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm },
      ...(inMemory && options.snapshot ? { loadDataDir: options.snapshot } : {}),
    });
    return {
      db: drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db,
      driver: 'pglite',
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, config);
  }
}

const globalForDb = globalThis as unknown as { __kcDatabase?: Promise<Database> };

/**
 * The process-wide database, opened and migrated once. It lives on globalThis because the server entry
 * (server/main.ts, run by tsx) and Next's bundled route code are separate module graphs in one process.
 */
export function getDatabase(options: OpenOptions): Promise<Database> {
  globalForDb.__kcDatabase ??= (async () => {
    const database = await openDatabase(options);
    await migrateDatabase(database);
    return database;
  })();
  return globalForDb.__kcDatabase;
}

export async function closeDatabase(): Promise<void> {
  const pending = globalForDb.__kcDatabase;
  globalForDb.__kcDatabase = undefined;
  if (pending) await (await pending).close();
}
