import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { advanceClock, resetClock } from '../clock';
import { callerFor } from '../test/caller';
import { DAY_MS, RATING_BLIND_DAYS } from './states';
import { contractFixture, contractSnapshot, endDirectly, insertBureau, outcome } from './test-fixtures';

let database: Database;
let db: Db;
let bureau: Awaited<ReturnType<typeof insertBureau>>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
});
afterAll(() => database.close());
afterEach(() => resetClock());

const CLIENT_COMMENT = '团队响应迅速，成果扎实-甲方评语';
const TEAM_COMMENT = '甲方验收及时，付款准时-乙方评语';

/**
 * Everything the platform's API answers a user about its contracts, inbox, notifications and audit log: if the
 * other side's rating changed any of it, the rated side could learn something before the reveal.
 */
async function everythingVisibleTo(actor: Actor, contractId: string) {
  const api = callerFor(db, actor);
  return {
    contract: await api.contracts.get({ id: contractId }),
    list: await api.contracts.list({}),
    inbox: await api.inbox.list(),
    notifications: await api.notifications.list({}),
    unread: await api.notifications.unreadCount(),
    audit: await api.audit.list({}),
  };
}

const rating = (contractId: string, comment: string, again = 9) => ({ contractId, quality: 5, timeliness: 4, communication: 5, wouldContractAgain: again, comment });

describe('double-blind ratings (API level)', () => {
  it('until both have rated, nothing any API returns to the rated side changes; then both show, never the private score', async () => {
    const fx = await contractFixture(db);
    await endDirectly(db, fx.contract.id);
    const client = callerFor(db, fx.client.actor);
    const team = callerFor(db, fx.team.actor);

    const before = await everythingVisibleTo(fx.team.actor, fx.contract.id);
    expect(before.contract.ratings.client).toMatchObject({ state: 'hidden' });
    expect(before.inbox.items.map((i) => i.kind)).toContain('rating.give');

    const given = await client.contracts.rate(rating(fx.contract.id, CLIENT_COMMENT, 3));
    expect(given).toMatchObject({ side: 'client', revealed: false });
    // The rater sees its own rating in full (its private score included).
    const mine = await client.contracts.get({ id: fx.contract.id });
    expect(mine.ratings.client).toMatchObject({ state: 'mine', rating: { comment: CLIENT_COMMENT, wouldContractAgain: 3 } });
    expect(mine.ratings.provider).toMatchObject({ state: 'hidden' });

    // The rated side: byte-for-byte the same answers as before the rating existed.
    const after = await everythingVisibleTo(fx.team.actor, fx.contract.id);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain(CLIENT_COMMENT);
    // Nor does the bureau see it before the reveal.
    const bureauView = await callerFor(db, bureau.actor).contracts.get({ id: fx.contract.id });
    expect(bureauView.ratings.client).toMatchObject({ state: 'hidden' });
    expect(JSON.stringify(bureauView)).not.toContain(CLIENT_COMMENT);

    expect(await outcome(client.contracts.rate(rating(fx.contract.id, '再评一次')))).toBe('CONFLICT:contracts.alreadyRated');

    const second = await team.contracts.rate(rating(fx.contract.id, TEAM_COMMENT, 10));
    expect(second).toMatchObject({ side: 'provider', revealed: true });
    const teamView = await team.contracts.get({ id: fx.contract.id });
    expect(teamView.ratings.client).toEqual({
      state: 'revealed',
      rating: { quality: 5, timeliness: 4, communication: 5, comment: CLIENT_COMMENT, createdAt: expect.any(Date) },
    });
    const clientView = await client.contracts.get({ id: fx.contract.id });
    expect(clientView.ratings.provider).toMatchObject({ state: 'revealed', rating: { comment: TEAM_COMMENT } });
    // The private "would contract again" never reaches the rated side (nor the bureau).
    expect(JSON.stringify(teamView.ratings.client)).not.toContain('wouldContractAgain');
    expect(JSON.stringify(clientView.ratings.provider)).not.toContain('wouldContractAgain');
    const bureauAfter = await callerFor(db, bureau.actor).contracts.get({ id: fx.contract.id });
    expect(bureauAfter.ratings.client.state).toBe('revealed');
    expect(JSON.stringify(bureauAfter.ratings)).not.toContain('wouldContractAgain');
  });

  it('14 days after the end a lone rating reveals, and the window to rate closes', async () => {
    const fx = await contractFixture(db);
    await endDirectly(db, fx.contract.id);
    await callerFor(db, fx.client.actor).contracts.rate(rating(fx.contract.id, CLIENT_COMMENT));
    const team = callerFor(db, fx.team.actor);
    advanceClock(RATING_BLIND_DAYS * DAY_MS - 60_000);
    expect((await team.contracts.get({ id: fx.contract.id })).ratings.client.state).toBe('hidden');
    advanceClock(60_000);
    const view = await team.contracts.get({ id: fx.contract.id });
    expect(view.ratings.client).toMatchObject({ state: 'revealed', rating: { comment: CLIENT_COMMENT } });
    expect(view.ratings.provider).toMatchObject({ state: 'notRated', canRate: false });
    const before = await contractSnapshot(db, fx.contract.id);
    expect(await outcome(team.contracts.rate(rating(fx.contract.id, TEAM_COMMENT)))).toBe('CONFLICT:contracts.ratingClosed');
    expect(await contractSnapshot(db, fx.contract.id)).toEqual(before);
    expect((await team.inbox.list()).items.map((i) => i.kind)).not.toContain('rating.give');
  });

  it('ratings open only when the contract ended normally: not while active; yes after a stage gate', async () => {
    const fx = await contractFixture(db);
    expect(await outcome(callerFor(db, fx.client.actor).contracts.rate(rating(fx.contract.id, '尚未结束')))).toBe('CONFLICT:contracts.ratingNotOpen');
    await endDirectly(db, fx.contract.id, 'stage_closed');
    expect(await outcome(callerFor(db, fx.team.actor).contracts.rate(rating(fx.contract.id, TEAM_COMMENT)))).toBe('ok');
  });

  it('a bureau client (揭榜挂帅 list) does not rate; the team does, and its rating reveals after 14 days', async () => {
    const fx = await contractFixture(db, { mode: 'jiebang', clientKind: 'bureau' });
    await endDirectly(db, fx.contract.id);
    expect(await outcome(callerFor(db, fx.client.actor).contracts.rate(rating(fx.contract.id, '局方评价')))).toBe('FORBIDDEN:forbidden');
    expect((await callerFor(db, fx.client.actor).contracts.get({ id: fx.contract.id })).ratings.client).toMatchObject({ state: 'notRated', canRate: false });
    expect(await outcome(callerFor(db, fx.team.actor).contracts.rate(rating(fx.contract.id, TEAM_COMMENT)))).toBe('ok');
  });
});
