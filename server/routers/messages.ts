import { conversationDetail, listConversations, markRead, startDirectConversation, unreadTotal } from '../messaging/conversations';
import {
  contractIdInput,
  conversationIdInput,
  editMessageInput,
  historyInput,
  listConversationsInput,
  listReportsInput,
  markReadInput,
  messageIdInput,
  needIdInput,
  publishClarificationInput,
  reportMessageInput,
  resolveReportInput,
  searchConversationInput,
  startDirectInput,
} from '../messaging/inputs';
import { deleteMessage, editMessage, history, listReports, reportMessage, resolveReport } from '../messaging/messages';
import { announceMessageChanged } from '../messaging/announce';
import { searchConversation } from '../messaging/search';
import { askAboutNeed, contractConversation, listClarifications, publishClarification } from '../messaging/need-qa';
import { permittedProcedure, publicProcedure, router } from '../trpc';

/** 在线沟通. Sending is a socket event (server/realtime/messaging-handlers.ts); these are the rest. */
export const messagesRouter = router({
  /** The organisation's conversations with the caller's unread counts and last message. */
  conversations: permittedProcedure('conversation.read')
    .input(listConversationsInput)
    .query(({ ctx, input }) => listConversations(ctx.db, ctx.actor, input)),
  /** The header badge: unread messages over all the organisation's conversations. */
  unreadTotal: permittedProcedure('conversation.read').query(({ ctx }) => unreadTotal(ctx.db, ctx.actor)),
  /** One conversation's parties and read receipts (participants only). */
  conversation: permittedProcedure('conversation.read')
    .input(conversationIdInput)
    .query(({ ctx, input }) => conversationDetail(ctx.db, ctx.actor, input.conversationId)),
  /** History: the latest page, the page before a seq (scroll back), or everything after a seq (backfill). */
  history: permittedProcedure('conversation.read')
    .input(historyInput)
    .query(({ ctx, input }) => history(ctx.db, ctx.actor, input)),
  /** Search in one conversation's history (jieba words, every word must match), newest first. */
  search: permittedProcedure('conversation.read')
    .input(searchConversationInput)
    .query(({ ctx, input }) => searchConversation(ctx.db, ctx.actor, input)),
  markRead: permittedProcedure('conversation.read')
    .input(markReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.actor, input)),
  /** 发起沟通 with another verified organisation. */
  startDirect: permittedProcedure('conversation.startDirect')
    .input(startDirectInput)
    .mutation(({ ctx, input }) => startDirectConversation(ctx.db, ctx.actor, input)),
  /** 答疑: the team's Q&A conversation with a need's owner. */
  askAboutNeed: permittedProcedure('need.ask')
    .input(needIdInput)
    .mutation(({ ctx, input }) => askAboutNeed(ctx.db, ctx.actor, input)),
  /** The contract's room (either party). */
  contractConversation: permittedProcedure('contract.read')
    .input(contractIdInput)
    .mutation(({ ctx, input }) => contractConversation(ctx.db, ctx.actor, input)),
  /** 发布澄清 to everyone who can see the need, naming no asker. */
  publishClarification: permittedProcedure('need.clarify')
    .input(publishClarificationInput)
    .mutation(({ ctx, input }) => publishClarification(ctx.db, ctx.actor, input)),
  /** A need's published clarifications (public once the need is published). */
  clarifications: publicProcedure.input(needIdInput).query(({ ctx, input }) => listClarifications(ctx.db, ctx.actor, input)),
  /** Edit one's own message within 5 minutes. */
  edit: permittedProcedure('conversation.read')
    .input(editMessageInput)
    .mutation(async ({ ctx, input }) => announceMessageChanged(await editMessage(ctx.db, ctx.actor, input))),
  /** 撤回 one's own message. */
  delete: permittedProcedure('conversation.read')
    .input(messageIdInput)
    .mutation(async ({ ctx, input }) => announceMessageChanged(await deleteMessage(ctx.db, ctx.actor, input))),
  /** 举报 a message to the bureau. */
  report: permittedProcedure('message.report')
    .input(reportMessageInput)
    .mutation(({ ctx, input }) => reportMessage(ctx.db, ctx.actor, input)),
  /** The bureau's queue of reported messages. */
  reports: permittedProcedure('message.moderate')
    .input(listReportsInput)
    .query(({ ctx, input }) => listReports(ctx.db, ctx.actor, input)),
  resolveReport: permittedProcedure('message.moderate')
    .input(resolveReportInput)
    .mutation(async ({ ctx, input }) => {
      const { removed } = await resolveReport(ctx.db, ctx.actor, input);
      if (removed) announceMessageChanged(removed);
      return { removed: removed !== null };
    }),
});
