import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ledgerPageInput } from '@/server/credit/inputs';
import type { ComponentKey } from '@/server/credit/params';
import { currentActor, serverApi } from '../../_lib/api';
import { ymd } from '../../_components/contracts/format';
import { AppealEvent, RecordIntegrity, ReportMisconduct, VerifyQualification } from '../../_components/credit/credit-acts';
import { eventText, isAdverse, type CreditT } from '../../_components/credit/event-text';
import { FlagBadge, GradeBadge } from '../../_components/credit/grade-badge';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPONENT_ORDER: ComponentKey[] = ['delivery', 'ratings', 'responsiveness', 'qualifications'];
const PAGE = 30;

const loadReport = cache(async (orgId: string) => {
  if (!UUID.test(orgId)) return null;
  try {
    return await (await serverApi()).credit.report({ orgId });
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ orgId: string }> }): Promise<Metadata> {
  const report = await loadReport((await params).orgId);
  const t = await getTranslations('credit');
  return { title: report ? t('titleOf', { name: report.org.name }) : t('title') };
}

/**
 * 信用报告: the grade and flags for anyone; score and components for verified organisations; for the organisation
 * itself and the bureau also the records that moved the score, what would raise it, misconduct in force, and the
 * ledger with appeals. The bureau records misconduct and verifies qualifications here.
 */
export default async function CreditReportPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { orgId } = await params;
  const report = await loadReport(orgId);
  if (!report) notFound();
  const actor = await currentActor();
  const page = Math.max(1, Math.floor(Number((await searchParams).page)) || 1);
  const [t, ledger] = await Promise.all([
    getTranslations('credit'),
    report.depth === 'full' ? (await serverApi()).credit.ledger(ledgerPageInput.parse({ orgId, cursor: (page - 1) * PAGE, limit: PAGE })) : Promise.resolve(null),
  ]);
  const tt = t as unknown as CreditT;
  const own = actor?.org?.id === orgId;
  const mayAppeal = own && actor?.org?.role !== 'member' && actor?.org?.kind !== 'bureau';
  const isBureau = actor?.org?.kind === 'bureau' && actor.org.status === 'verified' && actor.org.role !== 'member';
  const mayReport = !!actor && !own && actor.org?.kind !== 'bureau';
  const points = (n: number) => t('topEvents.points', { points: n });

  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <header className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <p className="text-sm text-gray-600">
          {t(`orgKind.${report.org.kind}`)} · {t('title')}
        </p>
        <h1 className="mt-1 text-2xl font-semibold text-gray-900">
          <Link href={`/orgs/${report.org.id}`} className="hover:text-primary-700 hover:underline">
            {report.org.name}
          </Link>
        </h1>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <GradeBadge grade={report.grade} label={t(`grades.${report.grade}`)} large />
          {report.score !== undefined ? (
            <p className="text-lg text-gray-900">
              <span className="text-sm text-gray-600">{t('score')} </span>
              <span className="font-semibold tabular-nums">{report.score}</span>
              <span className="text-sm text-gray-600"> / 1000</span>
            </p>
          ) : null}
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          {report.negativeListed ? <FlagBadge tone="danger" label={t('flags.negativeListed')} hint={t('flags.negativeListedHint')} /> : null}
          {report.excluded && !report.negativeListed ? <FlagBadge tone="danger" label={t('flags.excluded')} hint={t('flags.excludedHint')} /> : null}
          {report.insufficientHistory ? <FlagBadge tone="muted" label={t('flags.insufficientHistory')} hint={t('flags.insufficientHistoryHint')} /> : null}
        </div>
        {report.excluded ? <p className="mt-3 text-sm text-red-900">{report.negativeListed ? t('flags.negativeListedHint') : t('flags.excludedHint')}</p> : null}
        {report.insufficientHistory ? <p className="mt-3 text-sm text-gray-700">{t('newcomerNote')}</p> : null}
        <p className="mt-3 text-xs text-gray-600">{t('asOf', { date: ymd(report.asOf) })}</p>
        {report.depth !== 'full' ? <p className="mt-1 text-xs text-gray-600">{t(`depthNote.${report.depth}`)}</p> : null}
      </header>

      {report.components ? (
        <section aria-labelledby="components" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="components" className="text-lg font-semibold text-gray-900">
            {t('components.title')}
          </h2>
          <ul className="mt-4 space-y-4">
            {COMPONENT_ORDER.map((key) => {
              const c = report.components?.[key];
              if (!c) return null;
              const pct = Math.round(c.value * 100);
              return (
                <li key={key}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium text-gray-900">{t(`components.${key}`)}</span>
                    <span className="text-sm text-gray-700">
                      {t('components.value', { value: pct })} · {t('components.weight', { weight: c.weight })}
                    </span>
                  </div>
                  <div
                    className="relative mt-1 h-2.5 rounded-full bg-gray-100"
                    role="img"
                    aria-label={`${t(`components.${key}`)} ${t('components.value', { value: pct })}, ${t('components.prior', { prior: Math.round(c.prior * 100) })}`}
                  >
                    <div className="h-2.5 rounded-full bg-primary-600" style={{ width: `${pct}%` }} />
                    <div className="absolute top-[-3px] h-4 w-0.5 bg-gray-700" style={{ left: `${Math.round(c.prior * 100)}%` }} />
                  </div>
                  <p className="mt-1 text-xs text-gray-600">
                    {t(`components.${key}Hint`)} {t('components.prior', { prior: Math.round(c.prior * 100) })}
                  </p>
                </li>
              );
            })}
          </ul>
          {report.qualifications && report.qualifications.length > 0 ? (
            <ul className="mt-4 flex flex-wrap gap-2 text-sm">
              {report.qualifications.map((q) => (
                <li key={q.seq} className="rounded-full border border-emerald-300 bg-emerald-50 px-2.5 py-0.5 text-emerald-900">
                  ✓ {q.name}
                  {q.expires ? ` · ${ymd(q.expires)}` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {report.integrity && report.integrity.length > 0 ? (
        <section aria-labelledby="integrity" className="rounded-lg border border-red-200 bg-red-50 p-6">
          <h2 id="integrity" className="text-lg font-semibold text-red-900">
            {t('integrity.title')}
          </h2>
          <ul className="mt-3 space-y-3 text-sm">
            {report.integrity.map((i) => (
              <li key={i.seq} className="text-red-950">
                <p className="font-medium">
                  {t(`integrity.${i.severity}`)}
                  {i.negativeList ? ` · ${t('integrity.negativeList')}` : ''} · {t('integrity.until', { date: ymd(i.until) })}
                </p>
                {i.event && i.event.data.kind === 'integrity' ? (
                  <>
                    <p className="mt-1 whitespace-pre-line">{i.event.data.note}</p>
                    {i.event.data.documentRef ? <p className="mt-1 text-xs">{t('integrity.document', { ref: i.event.data.documentRef })}</p> : null}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {report.topEvents ? (
        <section aria-labelledby="top-events" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="top-events" className="text-lg font-semibold text-gray-900">
            {t('topEvents.title')}
          </h2>
          {report.topEvents.length === 0 ? (
            <p className="mt-3 text-sm text-gray-700">{t('topEvents.empty')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-gray-100 text-sm">
              {report.topEvents.map((e) => (
                <li key={e.seq} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <span className="text-gray-900">
                    {eventText(tt, e.data)}
                    {e.contract ? (
                      <>
                        {' · '}
                        <Link href={`/contracts/${e.contract.id}`} className="text-primary-700 hover:underline">
                          {e.contract.subject}
                        </Link>
                      </>
                    ) : null}
                    <span className="text-gray-600"> · {ymd(e.occurredAt)}</span>
                  </span>
                  <span className={`font-medium tabular-nums ${e.points < 0 ? 'text-red-800' : 'text-emerald-800'}`}>{points(e.points)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {report.raise && report.raise.length > 0 ? (
        <section aria-labelledby="raise" className="rounded-lg border border-primary-100 bg-primary-50 p-6">
          <h2 id="raise" className="text-lg font-semibold text-gray-900">
            {t('raise.title')}
          </h2>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-gray-900">
            {report.raise.map((h) => (
              <li key={h.key}>{'points' in h ? t(`raise.${h.key}`, { points: h.points }) : 'until' in h ? t(`raise.${h.key}`, { date: ymd(h.until) }) : t(`raise.${h.key}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {ledger ? (
        <section aria-labelledby="ledger" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="ledger" className="text-lg font-semibold text-gray-900">
            {t('ledger.title')}
          </h2>
          <p className="mt-1 text-xs text-gray-600">{t('ledger.hashNote')}</p>
          {ledger.items.length === 0 ? (
            <p className="mt-3 text-sm text-gray-700">{t('ledger.empty')}</p>
          ) : (
            <ol className="mt-3 divide-y divide-gray-100 text-sm">
              {ledger.items.map((e) => (
                <li key={e.seq} id={`event-${e.seq}`} className="py-3">
                  <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                    <span className="text-xs text-gray-600">{t('events.seq', { seq: e.seq })}</span>
                    <span className="text-gray-900">{eventText(tt, e.data)}</span>
                    <span className="text-gray-600">{ymd(e.occurredAt)}</span>
                  </div>
                  {e.contract ? (
                    <p className="mt-1 text-gray-700">
                      <Link href={`/contracts/${e.contract.id}`} className="text-primary-700 hover:underline">
                        {t('events.contract', { subject: e.contract.subject })}
                      </Link>
                    </p>
                  ) : null}
                  {e.appeal ? (
                    <p className={`mt-1 ${e.appeal.status === 'reversed' ? 'text-emerald-800' : 'text-gray-700'}`}>
                      {t(`appeal.status.${e.appeal.status}`)}
                      {e.appeal.rulingNote ? ` · ${t('appeal.ruling', { note: e.appeal.rulingNote })}` : ''}
                    </p>
                  ) : mayAppeal && isAdverse(e.data) ? (
                    <div className="mt-2">
                      <AppealEvent seq={e.seq} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {page > 1 || ledger.nextCursor !== null ? (
            <nav aria-label={t('ledger.title')} className="mt-4 flex justify-between text-sm">
              {page > 1 ? (
                <Link href={`/credit/${orgId}?page=${page - 1}#ledger`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
                  ←
                </Link>
              ) : (
                <span />
              )}
              {ledger.nextCursor !== null ? (
                <Link href={`/credit/${orgId}?page=${page + 1}#ledger`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
                  {t('ledger.loadMore')}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      ) : null}

      {isBureau || mayReport ? (
        <section aria-label={t('bureau.title')} className="flex flex-wrap items-start gap-3">
          {isBureau ? (
            <>
              <RecordIntegrity orgId={orgId} />
              <VerifyQualification orgId={orgId} />
            </>
          ) : null}
          {mayReport ? <ReportMisconduct orgId={orgId} orgName={report.org.name} /> : null}
        </section>
      ) : null}
      <p className="text-sm">
        <Link href="/credit/notices" className="text-primary-700 hover:underline">
          {t('notices.title')}
        </Link>
      </p>
    </main>
  );
}
