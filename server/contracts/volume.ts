import { and, count, gte, lt, sql, sum, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contracts } from '@/db/schema';
import { fromCents, toCents } from './shared';

/**
 * 技术市场交易额 (SPEC §4, §9): the value of the contracts signed on the platform, by month of signing in the
 * county's time zone. Like 技术合同认定登记, a contract counts at signing with its full value, whatever happens to
 * it later (a terminated contract stays in the month it was signed). The dashboard reuses this query, narrowing it
 * with `where` (a condition on `contracts`: an industry field, the organisations of an enclave).
 */
export interface VolumeMonth {
  /** `YYYY-MM` in Asia/Shanghai. */
  month: string;
  contracts: number;
  /** 万元, two decimals. */
  value: string;
}

export async function transactionVolume(db: Db, range: { from: Date; to: Date }, where?: SQL): Promise<{ months: VolumeMonth[]; total: { contracts: number; value: string } }> {
  const month = sql<string>`to_char(${contracts.signedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = await db
    .select({ month, contracts: count(), value: sum(contracts.value) })
    .from(contracts)
    .where(and(gte(contracts.signedAt, range.from), lt(contracts.signedAt, range.to), where))
    .groupBy(month)
    .orderBy(month);
  const months = rows.map((r) => ({ month: r.month, contracts: Number(r.contracts), value: fromCents(toCents(r.value ?? 0)) }));
  return {
    months,
    total: {
      contracts: months.reduce((s, m) => s + m.contracts, 0),
      value: fromCents(months.reduce((s, m) => s + toCents(m.value), 0)),
    },
  };
}
