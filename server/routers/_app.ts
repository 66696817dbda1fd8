import { publicProcedure, router } from '../trpc';
import { bidsRouter } from './bids';
import { creditRouter } from './credit';
import { reviewsRouter } from './reviews';
import { contractsRouter } from './contracts';
import { inboxRouter } from './inbox';
import { needsRouter } from './needs';
import { auditRouter } from './audit';
import { bureauRouter } from './bureau';
import { orgsRouter } from './orgs';
import { accountRouter } from './account';
import { notificationsRouter } from './notifications';
import { messagesRouter } from './messages';
import { matchingRouter } from './matching';
import { dashboardRouter } from './dashboard';
import { landingRouter } from './landing';

export const appRouter = router({
  /** Liveness for load balancers and the e2e harness. */
  health: publicProcedure.query(() => ({ ok: true as const })),
  needs: needsRouter,
  orgs: orgsRouter,
  bureau: bureauRouter,
  audit: auditRouter,
  account: accountRouter,
  notifications: notificationsRouter,
  bids: bidsRouter,
  credit: creditRouter,
  reviews: reviewsRouter,
  contracts: contractsRouter,
  inbox: inboxRouter,
  messages: messagesRouter,
  matching: matchingRouter,
  dashboard: dashboardRouter,
  landing: landingRouter,
});

export type AppRouter = typeof appRouter;
