/**
 * How the domain tells the outside world that something happened, without importing socket.io:
 * server/realtime implements it and installs it at start-up. With none installed (CLI, some tests)
 * announcements are dropped — the stored rows remain the source of truth.
 */
export interface Announcer {
  toUser(userId: string, event: string, payload: unknown): void;
  toOrg(orgId: string, event: string, payload: unknown): void;
}

const holder = globalThis as unknown as { __kcAnnouncer?: Announcer };

export function setAnnouncer(announcer: Announcer | undefined): void {
  holder.__kcAnnouncer = announcer;
}

export function announcer(): Announcer | undefined {
  return holder.__kcAnnouncer;
}
