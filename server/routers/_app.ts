import { publicProcedure, router } from '../trpc';
import { accountRouter } from './account';
import { notificationsRouter } from './notifications';

export const appRouter = router({
  /** Liveness for load balancers and the e2e harness. */
  health: publicProcedure.query(() => ({ ok: true as const })),
  account: accountRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
