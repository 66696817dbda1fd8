import type { MemberActor } from '../actor';
import { contractFixture, insertBureau } from '../contracts/test-fixtures';
import { listConversations } from '../messaging/conversations';
import { listReports, reportMessage } from '../messaging/messages';
import { listClarifications } from '../messaging/need-qa';
import { conversationSnapshot, directFixture } from '../messaging/test-fixtures';
import { insertNeed } from '../needs/factories';
import type { RefusalCase, RefusalTable } from '../test/refusals';

/** A procedure aimed at A's conversation: outsiders get NOT_FOUND and the conversation is unchanged. */
function onConversation(input: (fx: Awaited<ReturnType<typeof directFixture>>) => unknown): RefusalCase {
  return {
    async setup(db) {
      const fx = await directFixture(db);
      const actor = fx.enterprise.actor as MemberActor;
      return { input: input(fx), snapshot: () => conversationSnapshot(db, actor, fx.conversationId) };
    },
  };
}

export const refusals: RefusalTable = {
  'messages.conversations': {
    // Each caller lists its own organisation's conversations (none): A's are neither listed nor changed.
    allowed: ['outsider', 'pendingOutsider'],
    ...onConversation(() => ({})),
  },
  'messages.unreadTotal': {
    // Each caller counts its own organisation's unread messages (none): A's are neither counted nor changed.
    allowed: ['outsider', 'pendingOutsider'],
    ...onConversation(() => undefined),
  },
  'messages.conversation': onConversation((fx) => ({ conversationId: fx.conversationId })),
  'messages.history': onConversation((fx) => ({ conversationId: fx.conversationId, afterSeq: 0 })),
  'messages.search': onConversation((fx) => ({ conversationId: fx.conversationId, query: '磨削工艺' })),
  'messages.markRead': onConversation((fx) => ({ conversationId: fx.conversationId, seq: 1 })),
  'messages.edit': onConversation((fx) => ({ messageId: fx.message.id, body: '改写' })),
  'messages.delete': onConversation((fx) => ({ messageId: fx.message.id })),
  'messages.report': onConversation((fx) => ({ messageId: fx.message.id, reason: '不当内容' })),
  'messages.startDirect': {
    // A verified organisation may open a conversation with A: a new, separate one; A's existing one is untouched.
    allowed: ['outsider'],
    async setup(db) {
      const fx = await directFixture(db);
      const actor = fx.enterprise.actor as MemberActor;
      return {
        input: { orgId: fx.enterprise.org.id },
        snapshot: async () => {
          const { detail, history } = await conversationSnapshot(db, actor, fx.conversationId);
          return { detail, history };
        },
      };
    },
  },
  'messages.askAboutNeed': {
    async setup(db) {
      const owner = (await directFixture(db)).enterprise;
      const need = await insertNeed(db, { orgId: owner.org.id, userId: owner.actor.userId }, { status: 'published' });
      return { input: { needId: need.id }, snapshot: () => listConversations(db, owner.actor as MemberActor, { limit: 200 }) };
    },
  },
  'messages.contractConversation': {
    async setup(db) {
      const fx = await contractFixture(db);
      return { input: { contractId: fx.contract.id }, snapshot: () => listConversations(db, fx.client.actor as MemberActor, { limit: 200 }) };
    },
  },
  'messages.publishClarification': {
    async setup(db) {
      const owner = (await directFixture(db)).enterprise;
      const need = await insertNeed(db, { orgId: owner.org.id, userId: owner.actor.userId }, { status: 'published' });
      return { input: { needId: need.id, question: '交付周期可否延长？', answer: '可以' }, snapshot: () => listClarifications(db, null, { needId: need.id }) };
    },
  },
  'messages.clarifications': { public: 'clarifications are published to everyone who can see the need (SPEC §2)' },
  'messages.reports': {
    async setup(db) {
      const fx = await directFixture(db);
      await reportMessage(db, fx.team.actor as MemberActor, { messageId: fx.message.id, reason: '广告' });
      return { input: { open: true, limit: 50 } };
    },
  },
  'messages.resolveReport': {
    async setup(db) {
      const fx = await directFixture(db);
      const report = await reportMessage(db, fx.team.actor as MemberActor, { messageId: fx.message.id, reason: '广告' });
      const bureau = await insertBureau(db);
      return { input: { reportId: report.id }, snapshot: () => listReports(db, bureau.actor as MemberActor, { open: true, limit: 100 }) };
    },
  },
};
