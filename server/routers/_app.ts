import { publicProcedure, router } from '../trpc';
import { notificationsRouter } from './notifications';

export const appRouter = router({
  /** Liveness for load balancers and the e2e harness. */
  health: publicProcedure.query(() => ({ ok: true as const })),
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
