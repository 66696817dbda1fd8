'use server';
import { redirect } from 'next/navigation';
import { signIn } from '@/server/auth/config';
import { serverApi } from '../../_lib/api';
import { formStateFromError, text, type FormState } from '../../_lib/form-state';

/** A signed-in user without an organisation joins through the link. */
export async function acceptAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await (await serverApi()).orgs.invitations.accept({ token: text(form, 'token') });
  } catch (error) {
    return formStateFromError(error);
  }
  redirect('/org?ok=joined');
}

/** A visitor creates an account and joins in one step, then is signed in. */
export async function acceptWithAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { name: text(form, 'name'), email: text(form, 'email') };
  const password = text(form, 'password');
  try {
    await (await serverApi()).orgs.invitations.acceptWithNewAccount({
      token: text(form, 'token'),
      ...values,
      password,
      privacyConsent: (form.get('privacyConsent') === 'on') as true,
    });
  } catch (error) {
    return formStateFromError(error, values);
  }
  await signIn('credentials', { email: values.email, password, redirect: false });
  redirect('/org?ok=joined');
}
