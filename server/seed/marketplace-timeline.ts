import type { Db } from '@/db/client';
import type { MemberActor, MemberRole } from '../actor';
import { replayHistory } from '../clock';
import type { SeedContext, SeededMember, SeededOrg } from './context';

/**
 * The demo market's past as a list of acts, each at the moment it happened. The seed first plans every story
 * (all pseudo-random choices are made then, in a fixed order), then replays the acts in time order through the
 * domain functions, with the domain clock at each act's moment (`replayHistory`, server/clock.ts). So every row —
 * needs, bids and revisions, audit log, notifications, contracts — is exactly what the product writes, and dated
 * when it would have been written.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China Standard Time (no daylight saving): the county's working hours place every act. */
const BEIJING_MS = 8 * HOUR_MS;

interface Act {
  at: number;
  seq: number;
  label: string;
  run: () => Promise<void>;
}

/**
 * The seed's one transaction as the replayed acts see it: an act's own `inTransaction` runs inline on it instead
 * of opening a savepoint. Savepoints would add two statements to each of a thousand acts and buy nothing here —
 * any failed act aborts the whole seed, which is one transaction under the seed's advisory lock.
 */
export function inlineTransactions(tx: Db): Db {
  const inline: Db = Object.create(tx, {
    transaction: { value: <T>(work: (t: Db) => Promise<T>) => work(inline) },
  }) as Db;
  return inline;
}

export class Timeline {
  private readonly acts: Act[] = [];
  /** What the acts write through: the seed's transaction (see `inlineTransactions`). */
  readonly db: Db;

  constructor(readonly ctx: SeedContext) {
    this.db = inlineTransactions(ctx.tx);
  }

  /**
   * The moment `daysAgo` days before the seed (negative: ahead) at `hhmm` county time. Whole days ago ≥ 1 are
   * always in the past, whatever the hour.
   */
  at(daysAgo: number, hhmm: string): Date {
    const ref = new Date(this.ctx.at.getTime() - Math.round(daysAgo) * DAY_MS + BEIJING_MS);
    const [h = 9, m = 0] = hhmm.split(':').map(Number);
    return new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate(), h, m) - BEIJING_MS);
  }

  /** `YYYY-MM-DD` in the county, `daysAgo` days before the seed. */
  date(daysAgo: number): string {
    return this.at(daysAgo, '12:00').toISOString().slice(0, 10);
  }

  /** Whole days between `d` and the seed's moment (d in the past: positive). */
  daysAgoOf(d: Date): number {
    return (this.ctx.at.getTime() - d.getTime()) / DAY_MS;
  }

  /** Schedules an act; it runs with the domain clock at `at`, after every act dated earlier. */
  add(at: Date, label: string, run: () => Promise<void>): void {
    if (at.getTime() >= this.ctx.at.getTime()) throw new Error(`seed: act "${label}" is dated ${at.toISOString()}, not in the past`);
    this.acts.push({ at: at.getTime(), seq: this.acts.length, label, run });
  }

  get size(): number {
    return this.acts.length;
  }

  /** Replays every act in time order (acts at the same moment in the order they were planned). */
  async replay(): Promise<void> {
    const ordered = [...this.acts].sort((a, b) => a.at - b.at || a.seq - b.seq);
    await replayHistory(this.ctx.at, async (clock) => {
      for (const act of ordered) {
        clock.setAt(new Date(act.at));
        try {
          await act.run();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`seed: "${act.label}" at ${new Date(act.at).toISOString()} failed: ${message}`, { cause: error });
        }
      }
    });
  }
}

/** A member of a seeded organisation acting through the domain, as a signed-in session would. */
export function actorOf(org: SeededOrg, member: SeededMember): MemberActor {
  return {
    userId: member.userId,
    sessionId: 'seed',
    name: member.name,
    org: { id: org.id, kind: org.kind, status: org.status, role: member.role, name: org.name },
    ip: null,
  };
}

/** The organisation's first member with `role` (the owner when there is none). */
export function memberOf(org: SeededOrg, role: MemberRole): SeededMember {
  const found = org.members.find((m) => m.role === role) ?? org.members.find((m) => m.role === 'owner');
  if (!found) throw new Error(`seed: ${org.key} has no members`);
  return found;
}

export function roleActor(org: SeededOrg, role: MemberRole): MemberActor {
  return actorOf(org, memberOf(org, role));
}
