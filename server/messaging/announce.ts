import type { MessageView } from './messages';

/**
 * How the messaging domain tells open conversation views that something changed, without importing socket.io:
 * server/realtime/messaging-handlers.ts installs it. Without one (CLI, tests without a server) nothing is pushed;
 * the rows stay the truth and clients catch up by backfill. Call only after commit.
 */
export interface MessagingAnnouncer {
  messageNew(message: MessageView): void;
  messageUpdated(message: MessageView): void;
}

const holder = globalThis as unknown as { __kcMessagingAnnouncer?: MessagingAnnouncer };

export function setMessagingAnnouncer(announcer: MessagingAnnouncer | undefined): void {
  holder.__kcMessagingAnnouncer = announcer;
}

export function messagingAnnouncer(): MessagingAnnouncer | undefined {
  return holder.__kcMessagingAnnouncer;
}

/** After an edit or withdrawal has committed: the conversation's open views replace the message. */
export function announceMessageChanged(message: MessageView): MessageView {
  messagingAnnouncer()?.messageUpdated(message);
  return message;
}
