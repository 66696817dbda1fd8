'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { serverApi } from '../../_lib/api';
import { formStateFromError, text, type FormState } from '../../_lib/form-state';

/** Back to the list the reviewer was on (its filters kept), with the outcome. */
function back(form: FormData, outcome: string): never {
  const query = text(form, 'returnQuery');
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  params.delete('ok');
  params.delete('error');
  for (const [k, v] of new URLSearchParams(outcome)) params.set(k, v);
  revalidatePath('/bureau/verifications');
  redirect(`/bureau/verifications?${params.toString()}`);
}

export async function verifyAction(form: FormData): Promise<void> {
  let outcome = 'ok=verified';
  try {
    await (await serverApi()).bureau.verify({ orgId: text(form, 'orgId') });
  } catch (error) {
    const key = (error as { message?: string }).message;
    outcome = `error=${key && /^[A-Za-z.]+$/.test(key) ? key : 'internal'}`;
  }
  back(form, outcome);
}

export async function rejectAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { reason: text(form, 'reason') };
  try {
    await (await serverApi()).bureau.reject({ orgId: text(form, 'orgId'), reason: values.reason });
  } catch (error) {
    return formStateFromError(error, values);
  }
  back(form, 'ok=rejected');
}
