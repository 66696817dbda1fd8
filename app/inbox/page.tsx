import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { InboxItem } from '@/server/inbox/inbox';
import { currentActor, serverApi } from '../_lib/api';
import { wan, ymd } from '../_components/contracts/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contracts.inbox'))('title') };
}

type Kind = InboxItem['kind'];
const KEY = (kind: Kind) => kind.replace('.', '_') as 'review_declareCoi';

/** Where each pending act is done: one click from the to-do list. */
function target(item: InboxItem): string {
  switch (item.kind) {
    case 'review.declareCoi':
    case 'review.score':
      return `/needs/${item.needId}/review`;
    case 'need.evaluate':
      return `/needs/${item.needId}/bids`;
    case 'milestone.review':
    case 'payment.due':
    case 'milestone.deliver':
    case 'milestone.escalate':
      return `/contracts/${item.contractId}#m-${item.milestoneId}`;
    case 'rating.give':
      return `/contracts/${item.contractId}#rating`;
    case 'dispute.rule':
      return `/contracts/${item.contractId}#dispute-${item.disputeId}`;
    case 'org.verify':
      return '/bureau/verifications';
  }
}

/** 待办: every pending act of the signed-in user and its organisation, grouped by kind, oldest first. */
export default async function InboxPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/inbox');
  const [t, tc, tOrg, result] = await Promise.all([
    getTranslations('contracts.inbox'),
    getTranslations('contracts'),
    getTranslations('org'),
    (await serverApi()).inbox.list(),
  ]);
  const groups = new Map<Kind, InboxItem[]>();
  for (const item of result.items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);

  const text = (item: InboxItem): string => {
    const key = `items.${KEY(item.kind)}` as const;
    switch (item.kind) {
      case 'review.declareCoi':
        return t(key, { title: item.title });
      case 'review.score':
        return t('items.review_score', { title: item.title, pending: item.pending });
      case 'need.evaluate':
        return t('items.need_evaluate', { title: item.title, bids: item.bids });
      case 'milestone.review':
        return t('items.milestone_review', { subject: item.subject, seq: item.seq, date: ymd(item.at), due: ymd(item.escalationOpensAt) });
      case 'payment.due':
        return t('items.payment_due', { subject: item.subject, seq: item.seq, amount: tc('amount', { amount: wan(item.amount) }) });
      case 'milestone.deliver':
        return item.rejected
          ? t('items.milestone_deliverRejected', { subject: item.subject, seq: item.seq })
          : t('items.milestone_deliver', { subject: item.subject, seq: item.seq, date: ymd(item.dueDate) });
      case 'milestone.escalate':
        return t('items.milestone_escalate', { subject: item.subject, seq: item.seq, date: ymd(item.at) });
      case 'rating.give':
        return t('items.rating_give', { subject: item.subject, date: ymd(item.closesAt) });
      case 'dispute.rule':
        return t('items.dispute_rule', { subject: item.subject, kind: tc(`dispute.kind.${item.disputeKind === 'escalation' ? 'escalation' : 'dispute'}`), date: ymd(item.at) });
      case 'org.verify':
        return t('items.org_verify', { name: item.name, kind: tOrg.has(`kinds.${item.orgKind}`) ? tOrg(`kinds.${item.orgKind}`) : item.orgKind, date: ymd(item.at) });
    }
  };

  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-5 text-sm text-gray-600">{t('lead')}</p>
      {result.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">
          <p>{t('empty')}</p>
          <div className="mt-4 flex flex-wrap justify-center gap-2">
            <Link href="/needs" className="rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
              {tc('list.browseNeeds')}
            </Link>
            {actor.org ? (
              <Link href="/contracts" className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm text-gray-800 hover:bg-gray-50">
                {tc('list.title')}
              </Link>
            ) : null}
          </div>
        </div>
      ) : (
        <>
          <p className="mb-4 text-sm text-gray-700">{t('count', { count: result.items.length })}</p>
          <div className="space-y-5">
            {[...groups.entries()].map(([kind, items]) => (
              <section key={kind} aria-labelledby={`g-${KEY(kind)}`} className="rounded-lg border border-gray-200 bg-white shadow-sm">
                <h2 id={`g-${KEY(kind)}`} className="flex items-center gap-2 border-b border-gray-200 px-4 py-3 text-base font-semibold text-gray-900">
                  {t(`kinds.${KEY(kind)}`)}
                  <span className="rounded-full bg-primary-600 px-2 py-0.5 text-xs font-medium text-white">{items.length}</span>
                </h2>
                <ul className="divide-y divide-gray-100">
                  {items.map((item, i) => (
                    <li key={`${kind}-${i}`}>
                      <Link href={target(item)} className="flex items-center gap-3 px-4 py-3 text-sm text-gray-900 hover:bg-primary-50">
                        <span className="min-w-0 flex-1">{text(item)}</span>
                        <span className="shrink-0 text-primary-700" aria-hidden="true">
                          {t('go')} →
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
    </main>
  );
}
