import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';

/** What the procedures answer, for the props of the bid and review components. */
export type Outputs = inferRouterOutputs<AppRouter>;
export type NeedView = Outputs['needs']['get'];
export type BidView = Outputs['bids']['get'];
export type RubricCriterion = NeedView['rubric'][number];
