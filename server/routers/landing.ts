import { currentTemplates, updateTemplate } from '../landing/checklists';
import { approveGate, gateView, reviewQueue, saveGate, sendBackGate, signOffGate, submitGate } from '../landing/gates';
import {
  addTaskInput,
  contractLinkInput,
  createProjectInput,
  decideGateInput,
  gateInput,
  listProjectsInput,
  partnerContractsInput,
  partnersInput,
  projectIdInput,
  reasonInput,
  reportKpiInput,
  saveGateInput,
  sendBackGateInput,
  taskDoneInput,
  updateProjectInput,
  updateTaskInput,
  updateTemplateInput,
} from '../landing/inputs';
import { reportKpi } from '../landing/kpi';
import { createProject, linkContract, steerProject, unlinkContract, updateProject } from '../landing/projects';
import { addTask, setTaskDone, updateTask } from '../landing/tasks';
import { getProject, linkableContracts, listProjects, partnerContracts, partners, projectMembers } from '../landing/views';
import { listEnclaves } from '../orgs/enclaves';
import { permittedProcedure, router } from '../trpc';

/** 项目落地 (SPEC §8): reads for the project's parties and the bureau, one procedure per act of landing/states.ts. */
export const landingRouter = router({
  /** The board / list: projects the caller may see (bureau: all; incubator: its own; team/enterprise: theirs). */
  list: permittedProcedure('landing.read')
    .input(listProjectsInput)
    .query(({ ctx, input }) => listProjects(ctx.db, ctx.actor, input)),

  /** One project: gates, stage stays, contracts, tasks, KPI reports, timeline, room, the caller's acts. */
  get: permittedProcedure('landing.read')
    .input(projectIdInput)
    .query(({ ctx, input }) => getProject(ctx.db, ctx.actor, input.projectId)),

  /** One gate: status, reasons, checklist items with evidence, the caller's acts. */
  gate: permittedProcedure('landing.read')
    .input(gateInput)
    .query(({ ctx, input }) => gateView(ctx.db, ctx.actor, input)),

  /** Gates waiting for the caller: an incubator's submitted gates, the bureau's approved last gates. */
  reviewQueue: permittedProcedure('landing.read').query(({ ctx }) => reviewQueue(ctx.db, ctx.actor)),

  /** The current checklist of each gate. */
  templates: permittedProcedure('landing.read').query(({ ctx }) => currentTemplates(ctx.db)),

  /** The incubator's enclaves (the create form). */
  enclaves: permittedProcedure('landing.create').query(({ ctx }) => listEnclaves(ctx.db, ctx.actor)),

  /** Verified teams and companies to pick as a project's team or enterprise. */
  partners: permittedProcedure('landing.create')
    .input(partnersInput)
    .query(({ ctx, input }) => partners(ctx.db, input)),

  /** Before the project exists: contracts of the team and enterprise picked on the create form (incubators). */
  partnerContracts: permittedProcedure('landing.create')
    .input(partnerContractsInput)
    .query(({ ctx, input }) => partnerContracts(ctx.db, input)),

  /** The people of the project's parties: whom a task may be given to. */
  members: permittedProcedure('landing.read')
    .input(projectIdInput)
    .query(({ ctx, input }) => projectMembers(ctx.db, ctx.actor, input.projectId)),

  /** Contracts of the project's team or enterprise that are not linked yet. */
  linkableContracts: permittedProcedure('landing.linkContract')
    .input(projectIdInput)
    .query(({ ctx, input }) => linkableContracts(ctx.db, ctx.actor, input.projectId)),

  create: permittedProcedure('landing.create')
    .input(createProjectInput)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),

  update: permittedProcedure('landing.update')
    .input(updateProjectInput)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.actor, input)),

  /** The team saves a gate's evidence (draft, or after a send-back). */
  saveGate: permittedProcedure('landing.prepareGate')
    .input(saveGateInput)
    .mutation(({ ctx, input }) => saveGate(ctx.db, ctx.actor, input)),

  submitGate: permittedProcedure('landing.submitGate')
    .input(gateInput)
    .mutation(({ ctx, input }) => submitGate(ctx.db, ctx.actor, input)),

  /** The incubator approves a submitted gate (the first gate then advances the project). */
  approveGate: permittedProcedure('landing.reviewGate')
    .input(decideGateInput)
    .mutation(({ ctx, input }) => approveGate(ctx.db, ctx.actor, input)),

  /** Back to the team with reasons: the incubator a submitted gate, the bureau an approved last gate. */
  sendBackGate: permittedProcedure('landing.sendBack')
    .input(sendBackGateInput)
    .mutation(({ ctx, input }) => sendBackGate(ctx.db, ctx.actor, input)),

  /** The bureau signs off an approved last gate: the project advances. */
  signOffGate: permittedProcedure('landing.signOff')
    .input(decideGateInput)
    .mutation(({ ctx, input }) => signOffGate(ctx.db, ctx.actor, input)),

  pause: permittedProcedure('landing.steer')
    .input(reasonInput)
    .mutation(({ ctx, input }) => steerProject(ctx.db, ctx.actor, 'pause', input)),

  resume: permittedProcedure('landing.steer')
    .input(reasonInput)
    .mutation(({ ctx, input }) => steerProject(ctx.db, ctx.actor, 'resume', input)),

  exit: permittedProcedure('landing.steer')
    .input(reasonInput)
    .mutation(({ ctx, input }) => steerProject(ctx.db, ctx.actor, 'exit', input)),

  linkContract: permittedProcedure('landing.linkContract')
    .input(contractLinkInput)
    .mutation(({ ctx, input }) => linkContract(ctx.db, ctx.actor, input)),

  unlinkContract: permittedProcedure('landing.linkContract')
    .input(contractLinkInput)
    .mutation(({ ctx, input }) => unlinkContract(ctx.db, ctx.actor, input)),

  /** A quarter's KPI report; implausible figures come back as warnings until confirmed. */
  reportKpi: permittedProcedure('landing.reportKpi')
    .input(reportKpiInput)
    .mutation(({ ctx, input }) => reportKpi(ctx.db, ctx.actor, input)),

  addTask: permittedProcedure('landing.manageTasks')
    .input(addTaskInput)
    .mutation(({ ctx, input }) => addTask(ctx.db, ctx.actor, input)),

  updateTask: permittedProcedure('landing.manageTasks')
    .input(updateTaskInput)
    .mutation(({ ctx, input }) => updateTask(ctx.db, ctx.actor, input)),

  setTaskDone: permittedProcedure('landing.manageTasks')
    .input(taskDoneInput)
    .mutation(({ ctx, input }) => setTaskDone(ctx.db, ctx.actor, input)),

  /** The bureau edits a gate's checklist (a new version; gates already submitted keep theirs). */
  updateTemplate: permittedProcedure('landing.editTemplates')
    .input(updateTemplateInput)
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, ctx.actor, input)),
});
