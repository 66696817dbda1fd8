import type { ServerToClientEvents } from '../realtime/events';

/**
 * How the domain tells the outside world that something happened, without importing socket.io:
 * server/realtime implements it and installs it at start-up. With none installed (CLI, some tests)
 * announcements are dropped — the stored rows remain the source of truth. Call it only after commit
 * (`afterCommit`), so nothing is announced that did not happen.
 */
export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventArgs<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>;

export interface Announcer {
  /** To every open tab of the user, on every instance. */
  toUser<E extends ServerEvent>(userId: string, event: E, ...args: ServerEventArgs<E>): void;
  /** To every connected member of the organisation. */
  toOrg<E extends ServerEvent>(orgId: string, event: E, ...args: ServerEventArgs<E>): void;
  /** These sessions were revoked: their open sockets (on any instance) are told and disconnected. */
  sessionsRevoked(sessionIds: readonly string[]): void;
  /**
   * The user's organisation changed (joined, removed, left): their open sockets leave the old
   * organisation's room and join the new one, so a removed member stops receiving its broadcasts at once.
   */
  membershipChanged(userId: string, orgId: string | null): void;
}

const holder = globalThis as unknown as { __kcAnnouncer?: Announcer };

export function setAnnouncer(announcer: Announcer | undefined): void {
  holder.__kcAnnouncer = announcer;
}

export function announcer(): Announcer | undefined {
  return holder.__kcAnnouncer;
}

/**
 * For the auth module: after the sessions' revocation has committed, disconnect their sockets.
 * A no-op without a realtime server (CLI, tests without one).
 */
export function announceSessionsRevoked(sessionIds: readonly string[]): void {
  if (sessionIds.length > 0) announcer()?.sessionsRevoked(sessionIds);
}

/** For the organisations module: after a membership change has committed, move the user's sockets. */
export function announceMembershipChanged(userId: string, orgId: string | null): void {
  announcer()?.membershipChanged(userId, orgId);
}
