import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { listAppealsInput, listReportsInput } from '@/server/credit/inputs';
import { currentActor, serverApi } from '../../_lib/api';
import { ymd } from '../../_components/contracts/format';
import { DismissReport, RecordIntegrity, RuleAppeal } from '../../_components/credit/credit-acts';
import { eventText, type CreditT } from '../../_components/credit/event-text';
import type { CreditEventData } from '@/server/credit/events';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('credit.bureau'))('title') };
}

/** 信用管理: the bureau's open appeals (uphold or reverse) and 举报 (record misconduct or close), oldest concerns first. */
export default async function BureauCreditPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/bureau/credit');
  if (actor.org?.kind !== 'bureau') redirect('/org');
  const api = await serverApi();
  const [t, tc, appeals, reports] = await Promise.all([
    getTranslations('credit.bureau'),
    getTranslations('credit'),
    api.credit.appeals(listAppealsInput.parse({ status: 'open', limit: 50 })),
    api.credit.misconductReports(listReportsInput.parse({ status: 'open', limit: 50 })),
  ]);
  const tt = tc as unknown as CreditT;
  const mayAct = actor.org.role !== 'member' && actor.org.status === 'verified';

  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-gray-600">{t('lead')}</p>
      </div>

      <section aria-labelledby="appeals">
        <h2 id="appeals" className="mb-3 text-lg font-semibold text-gray-900">
          {t('appeals')}
        </h2>
        {appeals.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t('emptyAppeals')}</p>
        ) : (
          <ul className="space-y-3">
            {appeals.items.map((a) => (
              <li key={a.id} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
                <h3 className="text-base font-semibold text-gray-900">
                  <Link href={`/credit/${a.orgId}#event-${a.eventSeq}`} className="hover:text-primary-700 hover:underline">
                    {a.orgName}
                  </Link>
                </h3>
                <p className="mt-1 text-gray-900">
                  {tc('events.seq', { seq: a.eventSeq })} · {a.eventData ? eventText(tt, a.eventData as CreditEventData) : ''} · {ymd(a.eventAt)}
                </p>
                <p className="mt-2 whitespace-pre-line rounded-md bg-gray-50 p-2 text-gray-900">{t('appealReason', { reason: a.reason })}</p>
                <p className="mt-1 text-xs text-gray-600">{t('filedAt', { date: ymd(a.filedAt) })}</p>
                {mayAct ? (
                  <div className="mt-2">
                    <RuleAppeal appealId={a.id} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reports">
        <h2 id="reports" className="mb-3 text-lg font-semibold text-gray-900">
          {t('reports')}
        </h2>
        {reports.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t('emptyReports')}</p>
        ) : (
          <ul className="space-y-3">
            {reports.items.map((r) => (
              <li key={r.id} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
                <h3 className="text-base font-semibold text-gray-900">
                  <Link href={`/credit/${r.subject.id}`} className="hover:text-primary-700 hover:underline">
                    {r.subject.name}
                  </Link>
                </h3>
                <p className="mt-1 text-xs text-gray-600">
                  {t('reporter', { name: r.reporter?.name ?? '—', org: r.reporterOrgName ?? t('noOrg') })} · {ymd(r.createdAt)}
                </p>
                <p className="mt-2 whitespace-pre-line text-gray-900">{r.description}</p>
                <p className="mt-1 whitespace-pre-line rounded-md bg-gray-50 p-2 text-gray-900">{t('evidence', { evidence: r.evidence })}</p>
                {mayAct ? (
                  <div className="mt-3 flex flex-wrap items-start gap-3">
                    <RecordIntegrity orgId={r.subject.id} reportId={r.id} />
                    <DismissReport reportId={r.id} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
