import { z } from 'zod';

/** What a message may hold: the Markdown subset as typed (rendered as text elements, never as HTML). */
export const MESSAGE_MAX_LENGTH = 4000;
/** How long a sender may still edit a message. */
export const EDIT_WINDOW_MS = 5 * 60 * 1000;
export const HISTORY_PAGE = 50;

const body = z
  .string()
  .max(MESSAGE_MAX_LENGTH)
  .refine((s) => s.trim().length > 0, 'v.messageEmpty');

export const conversationIdInput = z.object({ conversationId: z.uuid() });

export const sendMessageInput = z
  .object({
    conversationId: z.uuid(),
    /** Made by the client before the first attempt and kept for every retry. */
    clientId: z.uuid(),
    body: z.string().max(MESSAGE_MAX_LENGTH),
    attachmentIds: z.array(z.uuid()).max(10).default([]),
  })
  // Files may go without words; words may go without files; never neither.
  .refine((m) => m.body.trim().length > 0 || m.attachmentIds.length > 0, { message: 'v.messageEmpty', path: ['body'] });
export type SendMessageInput = z.infer<typeof sendMessageInput>;

/** `afterSeq`: backfill after a reconnect (ascending, from the seq after it). `beforeSeq`: scrolling back. Neither: the latest page. */
export const historyInput = z.object({
  conversationId: z.uuid(),
  afterSeq: z.number().int().min(0).optional(),
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(HISTORY_PAGE),
});
export type HistoryInput = z.infer<typeof historyInput>;

export const markReadInput = z.object({ conversationId: z.uuid(), seq: z.number().int().min(0) });
export const editMessageInput = z.object({ messageId: z.uuid(), body });
export const messageIdInput = z.object({ messageId: z.uuid() });
export const reportMessageInput = z.object({ messageId: z.uuid(), reason: z.string().trim().min(2).max(500) });
export const startDirectInput = z.object({ orgId: z.uuid() });
export const needIdInput = z.object({ needId: z.uuid() });
export const contractIdInput = z.object({ contractId: z.uuid() });
export const publishClarificationInput = z.object({
  needId: z.uuid(),
  question: z.string().trim().min(2).max(2000),
  answer: z.string().trim().min(2).max(4000),
});
export const listConversationsInput = z
  .object({ limit: z.number().int().min(1).max(200).default(100), needId: z.uuid().optional(), contractId: z.uuid().optional() })
  .default({ limit: 100 });
export const listReportsInput = z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(100).default(50) });
export const resolveReportInput = z.object({ reportId: z.uuid(), remove: z.boolean().default(false) });
export const searchConversationInput = z.object({
  conversationId: z.uuid(),
  query: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(100).default(30),
});

export interface Mention {
  /** Index of the '@'. */
  at: number;
  name: string;
}

/**
 * @mentions in a message: an '@' followed by the name of someone in the conversation. Chinese puts no space
 * after a name (@张伟请看), so names are matched against the people present, the longest first (张伟东
 * before 张伟), rather than cut by a pattern. Shared by the server (who to notify) and the renderer.
 */
export function findMentions(body: string, names: readonly string[]): Mention[] {
  const usable = [...new Set(names.filter((n) => n.trim().length > 0))].sort((a, b) => b.length - a.length);
  if (usable.length === 0 || !body.includes('@')) return [];
  const out: Mention[] = [];
  for (let i = body.indexOf('@'); i >= 0; i = body.indexOf('@', i + 1)) {
    // An '@' inside a word (an e-mail address) is no mention.
    if (i > 0 && /[\p{L}\p{N}._-]/u.test(body[i - 1] ?? '') && !/\p{Script=Han}/u.test(body[i - 1] ?? '')) continue;
    const name = usable.find((n) => body.startsWith(n, i + 1));
    if (name) {
      out.push({ at: i, name });
      i += name.length;
    }
  }
  return out;
}
