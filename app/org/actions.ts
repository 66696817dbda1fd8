'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { serverApi } from '../_lib/api';
import { formStateFromError, text, type FormState } from '../_lib/form-state';

/**
 * Server actions of the own-organisation pages. Forms with fields answer through `useActionState`
 * (field errors next to inputs); button-only acts redirect back with `?ok=` or `?error=` (see ActionNotice).
 */

/** Keywords typed in one field, separated by commas, 、, semicolons or spaces. */
function keywords(form: FormData, name = 'keywords'): string[] {
  return text(form, name)
    .split(/[,，、;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The message key of a failed call, for the `?error=` of a redirect. */
function errorKey(error: unknown): string {
  const cause = error instanceof TRPCError ? error.cause : undefined;
  if (cause && cause.name === 'AppError' && 'messageKey' in cause && typeof cause.messageKey === 'string') return cause.messageKey;
  if (error instanceof TRPCError && error.code === 'NOT_FOUND') return 'notFound';
  if (error instanceof TRPCError && error.code === 'FORBIDDEN') return 'forbidden';
  console.error('[org action]', error);
  return 'internal';
}

/** Runs a button-only act and returns to `path` with its answer. */
async function act(path: string, ok: string, call: () => Promise<unknown>): Promise<never> {
  let outcome: string;
  try {
    await call();
    outcome = `ok=${ok}`;
  } catch (error) {
    outcome = `error=${encodeURIComponent(errorKey(error))}`;
  }
  revalidatePath('/org', 'layout');
  redirect(`${path}?${outcome}`);
}

export async function updateProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = {
    name: text(form, 'name'),
    creditCode: text(form, 'creditCode'),
    hostInstitution: text(form, 'hostInstitution'),
    industryField: text(form, 'industryField'),
    city: text(form, 'city'),
    website: text(form, 'website'),
    description: text(form, 'description'),
    keywords: text(form, 'keywords'),
  };
  try {
    const api = await serverApi();
    const result = await api.orgs.updateProfile({
      name: values.name,
      creditCode: values.creditCode,
      // Only research teams have the field; for others it is not sent (and ignored by the domain).
      ...(form.has('hostInstitution') ? { hostInstitution: values.hostInstitution } : {}),
      industryField: values.industryField ? (values.industryField as 'other') : null,
      city: values.city,
      website: values.website,
      description: values.description,
      keywords: keywords(form),
    });
    revalidatePath('/org', 'layout');
    return { ok: true, values: { ...values, outcome: result.reverification ? 'reverification' : 'saved' } };
  } catch (error) {
    return formStateFromError(error, values);
  }
}

export async function resubmitAction(): Promise<void> {
  await act('/org', 'resubmitted', async () => (await serverApi()).orgs.resubmit());
}

export async function setDisciplinesAction(_previous: FormState, form: FormData): Promise<FormState> {
  const codes = form.getAll('codes').filter((c): c is string => typeof c === 'string');
  try {
    await (await serverApi()).orgs.setDisciplines({ codes });
    revalidatePath('/org', 'layout');
    return { ok: true };
  } catch (error) {
    return formStateFromError(error);
  }
}

function achievementValues(form: FormData) {
  return {
    id: text(form, 'id'),
    kind: text(form, 'kind'),
    title: text(form, 'title'),
    abstract: text(form, 'abstract'),
    keywords: text(form, 'keywords'),
    year: text(form, 'year'),
  };
}

export async function saveAchievementAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = achievementValues(form);
  try {
    const api = await serverApi();
    const fields = {
      kind: values.kind as 'paper',
      title: values.title,
      abstract: values.abstract,
      keywords: keywords(form),
      year: values.year ? Number(values.year) : null,
    };
    if (values.id) await api.orgs.achievements.update({ id: values.id, ...fields });
    else await api.orgs.achievements.create(fields);
    revalidatePath('/org', 'layout');
    // A new entry's form is emptied for the next one; an edited entry keeps what was saved.
    return { ok: true, values: values.id ? values : undefined };
  } catch (error) {
    return formStateFromError(error, values);
  }
}

export async function deleteAchievementAction(form: FormData): Promise<void> {
  await act('/org/achievements', 'achievementDeleted', async () => (await serverApi()).orgs.achievements.delete({ id: text(form, 'id') }));
}

function enclaveValues(form: FormData) {
  return { id: text(form, 'id'), name: text(form, 'name'), city: text(form, 'city'), address: text(form, 'address'), capacity: text(form, 'capacity') };
}

export async function saveEnclaveAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = enclaveValues(form);
  try {
    const api = await serverApi();
    const fields = { name: values.name, city: values.city, address: values.address, capacity: values.capacity ? Number(values.capacity) : null };
    if (values.id) await api.orgs.enclaves.update({ id: values.id, ...fields });
    else await api.orgs.enclaves.create(fields);
    revalidatePath('/org', 'layout');
    return { ok: true, values: values.id ? values : undefined };
  } catch (error) {
    return formStateFromError(error, values);
  }
}

export async function deleteEnclaveAction(form: FormData): Promise<void> {
  await act('/org/enclaves', 'enclaveDeleted', async () => (await serverApi()).orgs.enclaves.delete({ id: text(form, 'id') }));
}

export async function inviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { role: text(form, 'role'), email: text(form, 'email') };
  try {
    const created = await (await serverApi()).orgs.invitations.create({ role: values.role as 'member', email: values.email || null });
    revalidatePath('/org/members');
    // The link is shown once, here; it is not stored anywhere it could be read again.
    return { ok: true, values: { role: values.role, link: created.link ?? '', emailed: created.emailed ? created.email ?? '' : '' } };
  } catch (error) {
    return formStateFromError(error, values);
  }
}

export async function revokeInvitationAction(form: FormData): Promise<void> {
  await act('/org/members', 'invitationRevoked', async () => (await serverApi()).orgs.invitations.revoke({ id: text(form, 'id') }));
}

export async function setRoleAction(form: FormData): Promise<void> {
  await act('/org/members', 'roleChanged', async () =>
    (await serverApi()).orgs.members.setRole({ userId: text(form, 'userId'), role: text(form, 'role') as 'member' }),
  );
}

export async function removeMemberAction(form: FormData): Promise<void> {
  await act('/org/members', 'memberRemoved', async () => (await serverApi()).orgs.members.remove({ userId: text(form, 'userId') }));
}

export async function leaveAction(): Promise<void> {
  let error: string | null = null;
  try {
    await (await serverApi()).orgs.members.leave();
  } catch (e) {
    error = errorKey(e);
  }
  revalidatePath('/', 'layout');
  redirect(error ? `/org/members?error=${encodeURIComponent(error)}` : '/org?ok=left');
}
