import { publicProcedure, router } from '../trpc';

export const appRouter = router({
  /** Liveness for load balancers and the e2e harness. */
  health: publicProcedure.query(() => ({ ok: true as const })),
});

export type AppRouter = typeof appRouter;
