import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { ReportActs } from '../../_components/messages/report-acts';
import { MessageText } from '../../_components/markdown/markdown';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('chat.reports'))('title') };
}

function when(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** 消息举报: the bureau reads each reported message as it was when reported and dismisses the report or takes the message down. */
export default async function BureauMessageReportsPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/bureau/messages');
  if (actor.org?.kind !== 'bureau') redirect('/org');
  const [t, tc, all] = await Promise.all([getTranslations('chat.reports'), getTranslations('chat'), (await serverApi()).messages.reports({ open: false, limit: 100 })]);
  const open = all.filter((r) => !r.resolvedAt);
  const done = all.filter((r) => r.resolvedAt).slice(0, 20);
  const mayAct = actor.org.status === 'verified';
  const Item = ({ r }: { r: (typeof all)[number] }) => (
    <li className="rounded-lg border border-gray-200 bg-white p-4">
      <p className="text-xs text-gray-600">
        {t('meta', { sender: r.senderName ?? tc('formerMember'), org: r.senderOrgName, reporter: r.reporterOrgName, kind: tc(`kinds.${r.kind}`), at: when(r.createdAt) })}
      </p>
      <blockquote className="mt-2 border-l-4 border-gray-300 pl-3 text-sm break-words whitespace-pre-wrap text-gray-900">
        <MessageText body={r.body} />
      </blockquote>
      <p className="mt-2 text-sm text-gray-800">
        <span className="font-medium">{t('reason')}</span>
        {r.reason}
      </p>
      {r.resolvedAt ? (
        <p className="mt-2 text-xs text-gray-600">{r.withdrawn ? t('resolvedRemoved', { at: when(r.resolvedAt) }) : t('resolvedKept', { at: when(r.resolvedAt) })}</p>
      ) : mayAct ? (
        <ReportActs reportId={r.id} />
      ) : null}
    </li>
  );
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-gray-600">{t('lead')}</p>
      </div>
      <section aria-labelledby="open-reports">
        <h2 id="open-reports" className="mb-3 text-lg font-semibold text-gray-900">
          {t('open', { count: open.length })}
        </h2>
        {open.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 p-6 text-center text-sm text-gray-600">{t('none')}</p>
        ) : (
          <ul className="space-y-3">
            {open.map((r) => (
              <Item key={r.id} r={r} />
            ))}
          </ul>
        )}
      </section>
      {done.length > 0 && (
        <section aria-labelledby="done-reports">
          <h2 id="done-reports" className="mb-3 text-lg font-semibold text-gray-900">
            {t('done')}
          </h2>
          <ul className="space-y-3">
            {done.map((r) => (
              <Item key={r.id} r={r} />
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
