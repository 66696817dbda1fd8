import type { MemberActor } from '../actor';
import { submitDelivery } from '../contracts/milestones';
import { contractFixture, contractSnapshot } from '../contracts/test-fixtures';
import type { RefusalTable } from '../test/refusals';

export const refusals: RefusalTable = {
  'inbox.list': {
    // Lists what waits for the caller only: a signed-in outsider gets its own (empty) inbox, and A's contract with
    // a submission waiting for A is untouched (server/inbox/inbox.test.ts proves the outsider sees none of it).
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const fx = await contractFixture(db);
      const milestone = (await contractSnapshot(db, fx.contract.id)).milestones[0];
      if (!milestone) throw new Error('fixture has no milestone');
      await submitDelivery(db, fx.team.actor as MemberActor, { milestoneId: milestone.id, note: '第一阶段成果已提交。', attachmentIds: [] });
      return { input: undefined, snapshot: () => contractSnapshot(db, fx.contract.id) };
    },
  },
};
