import { getDatabase, type Database, type Db } from '@/db/client';
import { getEnv } from './env';

/** The process-wide database configured from the validated environment. */
export function database(): Promise<Database> {
  const env = getEnv();
  return getDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
}

export async function db(): Promise<Db> {
  return (await database()).db;
}
