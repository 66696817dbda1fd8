// For `npm run bench:pages`: migrate and seed a fresh embedded database before the server opens it, and
// print (as JSON) the id of a verified demo organisation whose public profile the benchmark loads.
import { and, asc, eq, ne } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '@/db/client';
import { organizations } from '@/db/schema';
import { seedDemoIfEmpty } from '@/server/seed/seed';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: bench-seed.ts <pglite dir>');
const database = await openDatabase({ dataDir });
try {
  await migrateDatabase(database);
  await seedDemoIfEmpty(database.db);
  // A research team's profile is the richest (disciplines, keywords, achievements); any verified non-bureau org will do.
  const verified = and(eq(organizations.status, 'verified'), ne(organizations.kind, 'bureau'));
  const [team] = await database.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(verified, eq(organizations.kind, 'research_team')))
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  const [any] = team
    ? [team]
    : await database.db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(verified).limit(1);
  process.stdout.write(`${JSON.stringify({ org: any ?? null })}\n`);
} finally {
  await database.close();
}
