'use server';
import { redirect } from 'next/navigation';
import { signIn } from '@/server/auth/config';
import { serverApi } from '../_lib/api';
import { formStateFromError, text, type FormState } from '../_lib/form-state';

/** Registers the user and organisation, then signs the new owner in and opens their organisation's page. */
export async function register(_previous: FormState, form: FormData): Promise<FormState> {
  const kind = text(form, 'kind');
  const values = {
    kind,
    orgName: text(form, 'orgName'),
    creditCode: text(form, 'creditCode'),
    hostInstitution: text(form, 'hostInstitution'),
    industryField: text(form, 'industryField'),
    city: text(form, 'city'),
    name: text(form, 'name'),
    email: text(form, 'email'),
  };
  const password = text(form, 'password');
  try {
    const api = await serverApi();
    await api.account.register({
      ...values,
      kind: kind as 'enterprise',
      // Fields that do not apply to the chosen kind are not sent, whatever the browser kept in them.
      hostInstitution: kind === 'research_team' ? values.hostInstitution : null,
      industryField: kind === 'enterprise' && values.industryField ? (values.industryField as 'other') : null,
      password,
      privacyConsent: (form.get('privacyConsent') === 'on') as true,
    });
  } catch (error) {
    return formStateFromError(error, values);
  }
  await signIn('credentials', { email: values.email, password, redirect: false });
  redirect('/org');
}
