import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { currentActor, serverApi } from '../../_lib/api';
import { AcceptForm, NewAccountForm } from './accept-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('members.accept'))('title'), robots: { index: false } };
}

async function preview(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  try {
    return await (await serverApi()).orgs.invitations.preview({ token });
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Accepting an invitation: join as a signed-in user without an organisation, or create an account and join. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, tOrg, format, actor, invitation] = await Promise.all([
    getTranslations('members'),
    getTranslations('org'),
    getFormatter(),
    currentActor(),
    preview(token),
  ]);

  const card = (body: ReactNode) => (
    <main className="mx-auto max-w-lg px-4 py-10">
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">{body}</div>
    </main>
  );

  if (!invitation) {
    return card(
      <>
        <h1 className="text-xl font-semibold text-gray-900">{t('accept.invalidTitle')}</h1>
        <p className="mt-2 text-gray-700">{t('accept.invalidBody')}</p>
      </>,
    );
  }
  if (invitation.state !== 'open') {
    return card(
      <>
        <h1 className="text-xl font-semibold text-gray-900">{t(`accept.closed.${invitation.state}`)}</h1>
        <p className="mt-2 text-gray-700">{t('accept.closedBody', { org: invitation.orgName })}</p>
      </>,
    );
  }

  const header = (
    <>
      <h1 className="text-xl font-semibold text-gray-900">{t('accept.title')}</h1>
      <p className="mt-2 text-gray-700">
        {t('accept.lead', { org: invitation.orgName, kind: tOrg(`kinds.${invitation.orgKind}`), role: t(`roles.${invitation.role}`) })}
      </p>
      <p className="mt-1 text-sm text-gray-600">{t('accept.expires', { date: format.dateTime(invitation.expiresAt, { dateStyle: 'long', timeStyle: 'short' }) })}</p>
    </>
  );

  if (actor?.org) {
    return card(
      <>
        {header}
        <p role="alert" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t('accept.alreadyMember', { org: actor.org.name })}
        </p>
      </>,
    );
  }
  if (actor) {
    return card(
      <>
        {header}
        <p className="mt-4 mb-3 text-sm text-gray-700">{t('accept.signedInAs', { name: actor.name })}</p>
        <AcceptForm token={token} />
      </>,
    );
  }
  return card(
    <>
      {header}
      <p className="mt-4 text-sm text-gray-700">
        {t('accept.haveAccount')}{' '}
        <Link href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="font-medium text-primary-700 hover:underline">
          {t('accept.signIn')}
        </Link>
      </p>
      <h2 className="mt-6 mb-3 border-b border-gray-200 pb-1 font-semibold text-gray-900">{t('accept.newAccount')}</h2>
      <NewAccountForm token={token} email={invitation.email} />
    </>,
  );
}
