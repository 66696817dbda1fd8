import {
  changePasswordInput,
  deleteAccountInput,
  profileInput,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
} from '../accounts/inputs';
import { changePassword, requestPasswordReset, resetPassword, resetTokenUsable } from '../accounts/password';
import { deleteAccount, exportPersonalData } from '../accounts/personal-data';
import { myAccount, updateProfile } from '../accounts/profile';
import { registerAccount } from '../accounts/register';
import { z } from 'zod';
import { protectedProcedure, publicProcedure, router } from '../trpc';

/** The person's own account: registration, profile, password, and their PIPL rights (copy, erasure). */
export const accountRouter = router({
  /** A visitor registers a user and a pending organisation; the page signs them in afterwards. */
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    const { orgId } = await registerAccount(ctx.db, input, { ip: ctx.ip });
    return { orgId };
  }),

  /** The signed-in user's profile and organisation. */
  me: protectedProcedure.query(({ ctx }) => myAccount(ctx.db, ctx.actor)),

  /** Edits the user's own profile (name, phone, title, bio, language). */
  updateProfile: protectedProcedure.input(profileInput).mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),

  /** Changes the password (current one required); every other session of the user is signed out. */
  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, ctx.actor, input);
    return { ok: true as const };
  }),

  /** Mails a one-time reset link; the same answer whether or not the email has an account. */
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.db, input, { ip: ctx.ip });
    return { ok: true as const };
  }),

  /** Whether a reset link can still be used, so the page can say so before asking for a password. */
  resetTokenUsable: publicProcedure
    .input(z.object({ token: z.string().max(100) }))
    .query(async ({ ctx, input }) => ({ usable: await resetTokenUsable(ctx.db, input.token) })),

  /** Sets a new password from a reset link; signs the user out everywhere. */
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.db, input, { ip: ctx.ip });
    return { ok: true as const };
  }),

  /** A copy of all personal data (PIPL art. 45), served as a JSON download by app/api/account/export. */
  exportData: protectedProcedure.query(({ ctx }) => exportPersonalData(ctx.db, ctx.actor)),

  /** Deletes the account (PIPL art. 47) after the password is confirmed. */
  deleteAccount: protectedProcedure.input(deleteAccountInput).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.db, ctx.actor, input);
    return { ok: true as const };
  }),
});
