'use server';
import { redirect } from 'next/navigation';
import { loginFailure, signIn } from '@/server/auth/config';
import { text, type FormState } from '../_lib/form-state';
import { safeCallback } from './callback';

/** Signs in through Auth.js (Credentials); the answer never tells whether the email has an account. */
export async function logIn(_previous: FormState, form: FormData): Promise<FormState> {
  const email = text(form, 'email');
  const values = { email };
  try {
    await signIn('credentials', { email, password: text(form, 'password'), redirect: false });
  } catch (error) {
    const failure = loginFailure(error);
    if (!failure) throw error;
    return failure.code === 'rate_limited'
      ? { error: { key: 'login.rate_limited', params: { minutes: Math.max(1, Math.ceil(failure.retryAfterS / 60)) } }, values }
      : { error: { key: 'login.invalid' }, values };
  }
  redirect(safeCallback(text(form, 'callbackUrl')));
}
