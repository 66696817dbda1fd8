import { createAchievement, deleteAchievement, listAchievements, updateAchievement } from '../orgs/achievements';
import { DISCIPLINE_CATEGORIES } from '../orgs/disciplines';
import { createEnclave, deleteEnclave, listEnclaves, updateEnclave } from '../orgs/enclaves';
import {
  achievementInput,
  acceptWithNewAccountInput,
  createInvitationInput,
  enclaveInput,
  idInput,
  invitationTokenInput,
  memberInput,
  orgIdInput,
  setDisciplinesInput,
  setMemberRoleInput,
  updateAchievementInput,
  updateEnclaveInput,
  updateProfileInput,
} from '../orgs/inputs';
import {
  acceptInvitation,
  acceptWithNewAccount,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '../orgs/invitations';
import { leaveOrganisation, listMembers, removeMember, setMemberRole } from '../orgs/members';
import { publicProfile, readOwnOrganisation, resubmitForVerification, setDisciplines, updateProfile } from '../orgs/profile';
import { permittedProcedure, protectedProcedure, publicProcedure, router } from '../trpc';

/** Research teams' 成果 (any member prepares them). */
const achievementsRouter = router({
  list: permittedProcedure('org.manageAchievements').query(({ ctx }) => listAchievements(ctx.db, ctx.actor)),
  create: permittedProcedure('org.manageAchievements')
    .input(achievementInput)
    .mutation(({ ctx, input }) => createAchievement(ctx.db, ctx.actor, input)),
  /** Another organisation's achievement is NOT_FOUND. */
  update: permittedProcedure('org.manageAchievements')
    .input(updateAchievementInput)
    .mutation(({ ctx, input: { id, ...fields } }) => updateAchievement(ctx.db, ctx.actor, id, fields)),
  delete: permittedProcedure('org.manageAchievements')
    .input(idInput)
    .mutation(({ ctx, input }) => deleteAchievement(ctx.db, ctx.actor, input.id)),
});

/** The people of the caller's organisation. */
const membersRouter = router({
  list: permittedProcedure('org.read').query(({ ctx }) => listMembers(ctx.db, ctx.actor)),
  /** Owners only; the last owner cannot be demoted. */
  setRole: permittedProcedure('org.setMemberRole')
    .input(setMemberRoleInput)
    .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.actor, input)),
  /** Owners and admins; admins cannot remove owners; nobody removes the last owner. */
  remove: permittedProcedure('org.removeMember')
    .input(memberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input.userId)),
  /** Leave the organisation (not as its last owner). */
  leave: permittedProcedure('org.leave').mutation(({ ctx }) => leaveOrganisation(ctx.db, ctx.actor)),
});

const invitationsRouter = router({
  list: permittedProcedure('org.inviteMember').query(({ ctx }) => listInvitations(ctx.db, ctx.actor)),
  /** Returns the link when it was not emailed (no SMTP, no email, or delivery failed). */
  create: permittedProcedure('org.inviteMember')
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.db, ctx.actor, input)),
  revoke: permittedProcedure('org.inviteMember')
    .input(idInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input.id)),
  /** What the invitation page shows; the token is the credential. */
  preview: publicProcedure.input(invitationTokenInput).query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  /** A signed-in user without an organisation joins. */
  accept: protectedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.actor, input.token)),
  /** A visitor creates an account (with privacy consent) and joins, in one transaction. */
  acceptWithNewAccount: publicProcedure
    .input(acceptWithNewAccountInput)
    .mutation(({ ctx, input }) => acceptWithNewAccount(ctx.db, input, { ip: ctx.ip })),
});

/** 科创飞地 of incubators. Another organisation's enclave is NOT_FOUND. */
const enclavesRouter = router({
  list: permittedProcedure('org.manageEnclaves').query(({ ctx }) => listEnclaves(ctx.db, ctx.actor)),
  create: permittedProcedure('org.manageEnclaves')
    .input(enclaveInput)
    .mutation(({ ctx, input }) => createEnclave(ctx.db, ctx.actor, input)),
  update: permittedProcedure('org.manageEnclaves')
    .input(updateEnclaveInput)
    .mutation(({ ctx, input: { id, ...fields } }) => updateEnclave(ctx.db, ctx.actor, id, fields)),
  delete: permittedProcedure('org.manageEnclaves')
    .input(idInput)
    .mutation(({ ctx, input }) => deleteEnclave(ctx.db, ctx.actor, input.id)),
});

export const orgsRouter = router({
  /** The caller's own organisation with its private fields (credit code, rejection reason). */
  mine: permittedProcedure('org.read').query(({ ctx }) => readOwnOrganisation(ctx.db, ctx.actor)),
  /** Owners and admins, pending organisations included; identity changes re-open verification. */
  updateProfile: permittedProcedure('org.updateProfile')
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),
  /** A rejected organisation asks for review again. */
  resubmit: permittedProcedure('org.updateProfile').mutation(({ ctx }) => resubmitForVerification(ctx.db, ctx.actor)),
  setDisciplines: permittedProcedure('org.manageDisciplines')
    .input(setDisciplinesInput)
    .mutation(({ ctx, input }) => setDisciplines(ctx.db, ctx.actor, input.codes)),
  /** A public profile page (verified organisations; others only to their members and the bureau). */
  publicProfile: publicProcedure.input(orgIdInput).query(({ ctx, input }) => publicProfile(ctx.db, ctx.actor, input.id)),
  /** The national discipline catalogue (学科门类 → 一级学科), for forms and profile pages. */
  disciplineCatalogue: publicProcedure.query(() => DISCIPLINE_CATEGORIES),
  achievements: achievementsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  enclaves: enclavesRouter,
});
