import type { RefusalTable } from '../test/refusals';

export const refusals: RefusalTable = {
  health: { public: 'liveness probe: answers anyone, reveals nothing' },
};
