import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { MessagesView } from '../_components/messages/messages-view';
import { currentActor, serverApi } from '../_lib/api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('chat');
  return { title: t('title') };
}

/** 在线沟通: the organisation's conversations and, with `?c=<id>`, the open one. */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ c?: string | string[]; m?: string | string[] }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=%2Fmessages');
  const t = await getTranslations('chat');
  const { c, m } = await searchParams;
  const selectedId = typeof c === 'string' ? c : null;
  // ?m=<seq>: a notification's or an email's link opens the conversation at that message.
  const focusSeq = typeof m === 'string' && /^\d{1,9}$/.test(m) ? Number(m) : undefined;
  if (!actor.org) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-6 sm:py-10">
        <h1 className="mb-4 text-xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="rounded-lg border border-dashed border-gray-300 p-6 text-sm text-gray-600">{t('needOrg')}</p>
      </main>
    );
  }
  const conversations = await (await serverApi()).messages.conversations({});
  return (
    <main className="mx-auto max-w-5xl px-4 py-6 sm:py-10">
      <h1 className="mb-4 text-xl font-semibold text-gray-900">{t('title')}</h1>
      <MessagesView initial={conversations} selectedId={selectedId} userId={actor.userId} focusSeq={focusSeq} />
    </main>
  );
}
