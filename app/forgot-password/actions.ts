'use server';
import { serverApi } from '../_lib/api';
import { formStateFromError, text, type FormState } from '../_lib/form-state';

/** Asks for a reset link. The answer is the same for every well-formed email (see server/accounts/password.ts). */
export async function requestReset(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, 'email') };
  try {
    await (await serverApi()).account.requestPasswordReset(values);
  } catch (error) {
    return formStateFromError(error, values);
  }
  return { ok: true, values };
}
