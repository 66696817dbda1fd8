'use server';
import { serverApi } from '../../_lib/api';
import { formStateFromError, text, type FormState } from '../../_lib/form-state';

/** Sets the new password from the link; every session of the account is signed out. */
export async function resetPassword(_previous: FormState, form: FormData): Promise<FormState> {
  const password = text(form, 'password');
  if (password !== text(form, 'confirm')) return { fields: { confirm: { key: 'v.passwordMismatch' } } };
  try {
    await (await serverApi()).account.resetPassword({ token: text(form, 'token'), password });
  } catch (error) {
    return formStateFromError(error);
  }
  return { ok: true };
}
