import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { now } from '../clock';
import { notFound } from '../errors';

/**
 * The hot socket events (send, read receipt) check the session inside the statement that does their work:
 * this selects (user_id, user_name, org_id, org_name) of a live session — not revoked, not expired, user
 * not deleted — with the organisation the user belongs to now, or no row. Same rule as actorForSession.
 */
export function sessionSender(sessionId: string): SQL {
  return sql`
    select u.id as user_id, u.name as user_name, o.id as org_id, o.name as org_name
    from sessions s
    join users u on u.id = s.user_id and u.deleted_at is null
    left join memberships ms on ms.user_id = u.id
    left join organizations o on o.id = ms.org_id
    where s.id = ${sessionId} and s.revoked_at is null and s.expires_at > ${now().toISOString()}::timestamptz
    limit 1`;
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/**
 * 已读 from a socket, in one statement: the session, the participation of the user's organisation, and the
 * cursor moved forward (never back, never past the last message) — as markRead does for a known actor.
 * `null`: the session is gone; NOT_FOUND: not a participant.
 */
export async function markReadAsSession(
  db: Db,
  sessionId: string,
  input: { conversationId: string; seq: number },
): Promise<{ userId: string; orgId: string | null; lastReadSeq: number } | null> {
  const at = now().toISOString();
  const result = await db.execute(sql`
    with who as (${sessionSender(sessionId)}), conv as (
      select c.id, c.last_seq from conversations c
      join conversation_participants p on p.conversation_id = c.id and p.org_id = (select org_id from who)
      where c.id = ${input.conversationId}
    ), moved as (
      insert into conversation_reads (conversation_id, user_id, last_read_seq, updated_at)
      select conv.id, who.user_id, least(${input.seq}::int, conv.last_seq), ${at}::timestamptz from conv, who
      on conflict (conversation_id, user_id) do update
        set last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq), updated_at = excluded.updated_at
      returning last_read_seq
    )
    select who.user_id, who.org_id, (select count(*) from conv)::int as participant, (select last_read_seq from moved) as last_read_seq
    from who
  `);
  const [row] = rowsOf<{ user_id: string; org_id: string | null; participant: number; last_read_seq: number | null }>(result);
  if (!row) return null;
  if (!row.org_id || Number(row.participant) === 0 || row.last_read_seq === null) throw notFound();
  return { userId: row.user_id, orgId: row.org_id, lastReadSeq: Number(row.last_read_seq) };
}
