import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import type { MemberActor } from '../actor';
import { insertOrgWithOwner } from '../seed/factories';
import { conversationDetail, listConversations, startDirectConversation } from './conversations';
import { history, sendMessage } from './messages';

export type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;

/** Two verified organisations (an enterprise and a research team) in a direct conversation holding one message. */
export async function directFixture(db: Db) {
  const enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const a = enterprise.actor as MemberActor;
  const { id: conversationId } = await startDirectConversation(db, a, { orgId: team.org.id });
  const { message } = await sendMessage(db, a, { conversationId, clientId: crypto.randomUUID(), body: '您好，想了解贵团队的磨削工艺方案。', attachmentIds: [] });
  return { enterprise, team, conversationId, message };
}

/** What the enterprise's user sees of the conversation: the walker compares it before and after. */
export async function conversationSnapshot(db: Db, actor: MemberActor, conversationId: string) {
  return {
    detail: await conversationDetail(db, actor, conversationId),
    history: await history(db, actor, { conversationId, limit: 200 }),
    list: await listConversations(db, actor, { limit: 200 }),
  };
}
