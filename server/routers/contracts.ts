import { listContracts, needContracts } from '../contracts/contracts';
import { listDisputes, raiseDispute, escalateMilestone, ruleDispute } from '../contracts/disputes';
import {
  contractIdInput,
  escalateMilestoneInput,
  giveRatingInput,
  listContractsInput,
  listDisputesInput,
  milestoneIdInput,
  needIdInput,
  raiseDisputeInput,
  recordPaymentInput,
  rejectMilestoneInput,
  ruleDisputeInput,
  stageGateInput,
  submitDeliveryInput,
} from '../contracts/inputs';
import { acceptMilestone, recordPayment, rejectMilestone, submitDelivery } from '../contracts/milestones';
import { giveRating } from '../contracts/ratings';
import { passStageGate } from '../contracts/stage-gate';
import { getContract } from '../contracts/views';
import { permittedProcedure, router } from '../trpc';

/** 技术合同: reads for parties and the bureau, and one procedure per act of the lifecycles in contracts/states.ts. */
export const contractsRouter = router({
  /** The organisation's contracts on either side (the bureau: all, or one organisation's). */
  list: permittedProcedure('contract.read')
    .input(listContractsInput)
    .query(({ ctx, input }) => listContracts(ctx.db, ctx.actor, input)),

  /** One contract with milestones, deliveries, payments, disputes, blind ratings and the viewer's possible acts. */
  get: permittedProcedure('contract.read')
    .input(contractIdInput)
    .query(({ ctx, input }) => getContract(ctx.db, ctx.actor, input.id)),

  /** The contracts of one need (its owner, the bureau): what the 赛马制 stage gate chooses from. */
  ofNeed: permittedProcedure('contract.read')
    .input(needIdInput)
    .query(({ ctx, input }) => needContracts(ctx.db, ctx.actor, input.needId)),

  /** The team submits (or resubmits) a milestone's deliverable: a note and its own uploaded files. */
  submitDelivery: permittedProcedure('milestone.submit')
    .input(submitDeliveryInput)
    .mutation(({ ctx, input }) => submitDelivery(ctx.db, ctx.actor, input)),

  /** The client accepts a submitted deliverable: the amount becomes due. */
  acceptMilestone: permittedProcedure('milestone.review')
    .input(milestoneIdInput)
    .mutation(({ ctx, input }) => acceptMilestone(ctx.db, ctx.actor, input)),

  /** The client rejects a submitted deliverable with a reason. */
  rejectMilestone: permittedProcedure('milestone.review')
    .input(rejectMilestoneInput)
    .mutation(({ ctx, input }) => rejectMilestone(ctx.db, ctx.actor, input)),

  /** The client records the payment of an accepted milestone (date, amount); the last one completes the contract. */
  recordPayment: permittedProcedure('payment.record')
    .input(recordPaymentInput)
    .mutation(({ ctx, input }) => recordPayment(ctx.db, ctx.actor, input)),

  /** The team escalates a submission left unanswered for 14 days to the bureau. */
  escalateMilestone: permittedProcedure('milestone.escalate')
    .input(escalateMilestoneInput)
    .mutation(({ ctx, input }) => escalateMilestone(ctx.db, ctx.actor, input)),

  /** Either party raises a dispute; the contract waits for the bureau's ruling. */
  raiseDispute: permittedProcedure('dispute.raise')
    .input(raiseDisputeInput)
    .mutation(({ ctx, input }) => raiseDispute(ctx.db, ctx.actor, input)),

  /** The bureau's disputes and escalations (open first). */
  disputes: permittedProcedure('dispute.rule')
    .input(listDisputesInput)
    .query(({ ctx, input }) => listDisputes(ctx.db, ctx.actor, input)),

  /** The bureau rules on a dispute: reason, against whom, continue or terminate, the milestone's fate. */
  ruleDispute: permittedProcedure('dispute.rule')
    .input(ruleDisputeInput)
    .mutation(({ ctx, input }) => ruleDispute(ctx.db, ctx.actor, input)),

  /** 赛马制 stage gate: the owner keeps the best team(s) and closes the other contracts as stage_closed. */
  passStageGate: permittedProcedure('contract.stageGate')
    .input(stageGateInput)
    .mutation(({ ctx, input }) => passStageGate(ctx.db, ctx.actor, input)),

  /** A side's double-blind rating of the other side, once the contract ended normally. */
  rate: permittedProcedure('rating.give')
    .input(giveRatingInput)
    .mutation(({ ctx, input }) => giveRating(ctx.db, ctx.actor, input)),
});
