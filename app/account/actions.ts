'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { LOCALE_COOKIE } from '@/messages/namespaces';
import { signOut } from '@/server/auth/config';
import { serverApi } from '../_lib/api';
import { formStateFromError, text, type FormState } from '../_lib/form-state';

/** Saves the profile; the chosen language applies at once (the interface reads it from the locale cookie). */
export async function saveProfile(_previous: FormState, form: FormData): Promise<FormState> {
  const values = {
    name: text(form, 'name'),
    phone: text(form, 'phone'),
    title: text(form, 'title'),
    bio: text(form, 'bio'),
    locale: text(form, 'locale'),
  };
  try {
    await (await serverApi()).account.updateProfile({ ...values, locale: values.locale as 'zh-CN' });
  } catch (error) {
    return formStateFromError(error, values);
  }
  (await cookies()).set(LOCALE_COOKIE, values.locale, { path: '/', maxAge: 31_536_000, sameSite: 'lax' });
  revalidatePath('/', 'layout');
  return { ok: true, values };
}

/** Changes the password; this device stays signed in, every other one is signed out. */
export async function changePassword(_previous: FormState, form: FormData): Promise<FormState> {
  const newPassword = text(form, 'newPassword');
  if (newPassword !== text(form, 'confirm')) return { fields: { confirm: { key: 'v.passwordMismatch' } } };
  try {
    await (await serverApi()).account.changePassword({ currentPassword: text(form, 'currentPassword'), newPassword });
  } catch (error) {
    return formStateFromError(error);
  }
  return { ok: true };
}

/** Deletes the account, then clears this browser's session cookie and goes home. */
export async function deleteAccount(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    await (await serverApi()).account.deleteAccount({ password: text(form, 'password') });
  } catch (error) {
    return formStateFromError(error);
  }
  await signOut({ redirectTo: '/account/deleted' });
  return { ok: true };
}
