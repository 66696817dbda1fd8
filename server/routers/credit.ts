import { dismissReport, fileAppeal, listAppeals, listMisconductReports, recordIntegrityEvent, reportMisconduct, ruleAppeal, verifyQualification } from '../credit/casework';
import {
  dismissReportInput,
  fileAppealInput,
  gradesInput,
  ledgerPageInput,
  listAppealsInput,
  listReportsInput,
  noticesInput,
  orgIdInput,
  recordIntegrityInput,
  reportMisconductInput,
  ruleAppealInput,
  verifyQualificationInput,
} from '../credit/inputs';
import { creditLedgerPage, creditReport, publicGrades, publicNotices } from '../credit/report';
import { memberProcedure, permittedProcedure, protectedProcedure, publicProcedure, router } from '../trpc';

/** 产学研信用: reports at the depth the caller may see, the bureau's casework, appeals and 举报. */
export const creditRouter = router({
  /** An organisation's credit report: grade and flags for anyone, more for partners, everything for itself and the bureau. */
  report: publicProcedure.input(orgIdInput).query(({ ctx, input }) => creditReport(ctx.db, ctx.actor, input.orgId)),

  /** Public grades and flags of several organisations (for lists). */
  grades: publicProcedure.input(gradesInput).query(({ ctx, input }) => publicGrades(ctx.db, input.orgIds)),

  /** 通报: serious cases and negative-list entries the bureau recorded (not reversed). */
  notices: publicProcedure.input(noticesInput).query(({ ctx, input }) => publicNotices(ctx.db, input)),

  /** The ledger of an organisation, newest first: its own members and the bureau. */
  ledger: memberProcedure.input(ledgerPageInput).query(({ ctx, input }) => creditLedgerPage(ctx.db, ctx.actor, input)),

  /** Appeals: an organisation's own; the bureau's queue. */
  appeals: memberProcedure.input(listAppealsInput).query(({ ctx, input }) => listAppeals(ctx.db, ctx.actor, input)),

  /** The organisation appeals one of its ledger events (信用修复). */
  fileAppeal: permittedProcedure('credit.appeal')
    .input(fileAppealInput)
    .mutation(({ ctx, input }) => fileAppeal(ctx.db, ctx.actor, input)),

  /** The bureau upholds or reverses an appeal. */
  ruleAppeal: permittedProcedure('credit.ruleAppeal')
    .input(ruleAppealInput)
    .mutation(({ ctx, input }) => ruleAppeal(ctx.db, ctx.actor, input)),

  /** The bureau records 科研失信 or a 负面清单 entry (serious or minor) with its document. */
  recordIntegrity: permittedProcedure('credit.recordIntegrity')
    .input(recordIntegrityInput)
    .mutation(({ ctx, input }) => recordIntegrityEvent(ctx.db, ctx.actor, input)),

  /** The bureau verifies a qualification (高新技术企业, 科技型中小企业, patents, provincial key lab) with its expiry. */
  verifyQualification: permittedProcedure('credit.verifyQualification')
    .input(verifyQualificationInput)
    .mutation(({ ctx, input }) => verifyQualification(ctx.db, ctx.actor, input)),

  /** 举报: anyone signed in reports suspected misconduct with evidence; only the bureau sees who. */
  reportMisconduct: protectedProcedure.input(reportMisconductInput).mutation(({ ctx, input }) => reportMisconduct(ctx.db, ctx.actor, input)),

  /** The bureau's queue of 举报, with the reporters. */
  misconductReports: permittedProcedure('credit.readReports')
    .input(listReportsInput)
    .query(({ ctx, input }) => listMisconductReports(ctx.db, ctx.actor, input)),

  /** The bureau closes a 举报 without recording anything. */
  dismissReport: permittedProcedure('credit.recordIntegrity')
    .input(dismissReportInput)
    .mutation(({ ctx, input }) => dismissReport(ctx.db, ctx.actor, input)),
});
