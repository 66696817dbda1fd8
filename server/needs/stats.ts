import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { needs, organizations } from '@/db/schema';
import { now } from '../clock';
import { transactionVolume } from '../contracts/volume';
import { PUBLIC_STATUSES } from './inputs';

/**
 * The market's key figures for the home page (public): needs ever published, verified research teams,
 * contracts signed and their value (技术市场交易额, the same query as the dashboard's). Counts only —
 * nothing here names an organisation or reveals a bid.
 */
export async function marketStats(db: Db) {
  const [[published], [open], [teams], volume] = await Promise.all([
    db.select({ n: count() }).from(needs).where(inArray(needs.status, [...PUBLIC_STATUSES])),
    db.select({ n: count() }).from(needs).where(eq(needs.status, 'published')),
    db
      .select({ n: count() })
      .from(organizations)
      .where(and(eq(organizations.kind, 'research_team'), eq(organizations.status, 'verified'))),
    // Since the first contract could be signed: all of the platform's volume up to now.
    transactionVolume(db, { from: new Date(0), to: now() }),
  ]);
  return {
    publishedNeeds: published?.n ?? 0,
    openNeeds: open?.n ?? 0,
    researchTeams: teams?.n ?? 0,
    contracts: volume.total.contracts,
    /** 万元, two decimals. */
    transactionVolume: volume.total.value,
  };
}
