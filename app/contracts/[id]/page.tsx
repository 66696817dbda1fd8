import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ContractRoom } from '../../_components/messages/context-panels';
import { TRPCError } from '@trpc/server';
import { currentActor, serverApi } from '../../_lib/api';
import { ContractStatusBadge, MilestoneStatusBadge } from '../../_components/contracts/badges';
import { RaiseDispute, RuleDispute, StageGate } from '../../_components/contracts/contract-acts';
import { wan, ymd } from '../../_components/contracts/format';
import { MilestoneActs } from '../../_components/contracts/milestone-acts';
import { RatingForm } from '../../_components/contracts/rating-form';
import { RatingsView } from '../../_components/contracts/ratings-view';

type Params = { params: Promise<{ id: string }> };

async function load(id: string) {
  try {
    return await (await serverApi()).contracts.get({ id });
  } catch (e) {
    // Not a party, not the bureau, or no such contract: the same 404.
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title: (await getTranslations('contracts'))('title') };
  return { title: (await load((await params).id)).subject };
}

const section = 'rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-5';
const h2 = 'text-lg font-semibold text-gray-900';

/**
 * One 技术合同: parties, value and funding mode, milestones with their history and the acts the viewer may do now
 * (the server says which), disputes and rulings, the 赛马制 stage gate for the owner, double-blind ratings, and the
 * technology-contract registration export.
 */
export default async function ContractPage({ params }: Params) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=/contracts/${id}`);
  const c = await load(id);
  const [t, tc, tn] = await Promise.all([
    getTranslations('contracts.page'),
    getTranslations('contracts'),
    getTranslations('needs'),
  ]);
  const side = c.viewer.side;
  const money = (v: string | number) => tc('amount', { amount: wan(v) });
  const tChat = await getTranslations('chat.panels');
  const manager = !!actor.org && actor.org.role !== 'member' && actor.org.status === 'verified';

  // 赛马制: the need's owner passes the stage gate from any of its contracts.
  const gate =
    c.need.mode === 'horse_race' && side === 'client' && manager ? await (await serverApi()).contracts.ofNeed({ needId: c.need.id }) : null;
  const gateDone = gate?.some((g) => g.status === 'stage_closed') ?? false;

  const milestoneLabel = (seq: number, deliverable: string) => `${seq}. ${deliverable}`;
  const parties = [
    { side: 'client' as const, org: c.client },
    { side: 'provider' as const, org: c.provider },
  ];

  return (
    <main className="mx-auto max-w-6xl space-y-5 px-4 py-6 sm:py-8">
      <div>
        <Link href="/contracts" className="text-sm text-primary-700 hover:underline">
          ← {t('back')}
        </Link>
        <div className="mt-2 flex flex-wrap items-start gap-2">
          <h1 className="min-w-0 flex-1 text-xl font-semibold text-gray-900 sm:text-2xl">{c.subject}</h1>
          <ContractStatusBadge status={c.status} label={tc(`status.${c.status}`)} />
        </div>
        {c.viewer.isBureau && !side ? <p className="mt-1 text-sm text-gray-600">{t('viewerBureau')}</p> : null}
      </div>

      <section aria-labelledby="summary" className={section}>
        <h2 id="summary" className="sr-only">
          {tc('title')}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-gray-600">{t('value')}</dt>
          <dd className="text-base font-semibold text-gray-900">{money(c.value)}</dd>
          <dt className="text-gray-600">{t('funding')}</dt>
          <dd className="text-gray-900">
            {tc(`fundingShort.${c.fundingMode}`)}
            {c.fundingMode === 'lump_sum' ? <span className="block text-xs text-gray-600">{t('lumpSumHint')}</span> : null}
          </dd>
          <dt className="text-gray-600">{t('contractType')}</dt>
          <dd className="text-gray-900">{tc(`contractType.${c.contractType}`)}</dd>
          <dt className="text-gray-600">{t('need')}</dt>
          <dd className="text-gray-900">
            <Link href={`/needs/${c.need.id}`} className="text-primary-700 hover:underline">
              {c.need.title}
            </Link>
            <span className="text-gray-600"> · {tn(`modes.${c.need.mode}`)}</span>
          </dd>
          <dt className="text-gray-600">{t('signed')}</dt>
          <dd className="text-gray-900">{ymd(c.signedAt)}</dd>
          <dt className="text-gray-600">{t('period')}</dt>
          <dd className="text-gray-900">
            {ymd(c.startDate)} – {ymd(c.endDate)}
          </dd>
          {c.endedAt ? (
            <>
              <dt className="text-gray-600">{t('ended')}</dt>
              <dd className="text-gray-900">{ymd(c.endedAt)}</dd>
            </>
          ) : null}
          {c.endReason ? (
            <>
              <dt className="text-gray-600">{t('endReason')}</dt>
              <dd className="whitespace-pre-line text-gray-900 sm:col-span-3">{c.endReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="parties" className={section}>
        <h2 id="parties" className={h2}>
          {t('parties')}
        </h2>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {parties.map((p) => (
            <div key={p.side} className="rounded-md border border-gray-200 p-3 text-sm">
              <p className="text-gray-600">
                {tc(`side.${p.side}`)}
                {side === p.side ? <span className="ml-2 rounded bg-primary-50 px-1.5 py-0.5 text-xs text-primary-800">{t('you')}</span> : null}
              </p>
              <p className="mt-1 font-medium text-gray-900">
                <Link href={`/orgs/${p.org.id}`} className="text-primary-700 hover:underline">
                  {p.org.name}
                </Link>
              </p>
              {p.org.hostInstitution ? (
                <p className="text-gray-700">
                  <span className="mr-1 text-gray-600">{t('hostInstitution')}</span>
                  {p.org.hostInstitution}
                </p>
              ) : null}
              <p className="text-gray-700">
                <span className="mr-1 text-gray-600">{t('creditCode')}</span>
                <span className="font-mono">{p.org.creditCode}</span>
              </p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="milestones" className={section}>
        <h2 id="milestones" className={h2}>
          {t('milestones')}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t('milestonesLead')}</p>
        {c.status === 'disputed' ? (
          <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('frozen')}</p>
        ) : null}
        {c.milestones.length === 0 ? (
          <p className="mt-3 text-sm text-gray-700">{t('noMilestones')}</p>
        ) : (
          <table className="mt-3 block w-full text-sm sm:table">
            <thead className="hidden sm:table-header-group">
              <tr className="border-b border-gray-200 text-left text-gray-600">
                <th scope="col" className="w-12 py-2 pr-2 font-medium">
                  {t('seq')}
                </th>
                <th scope="col" className="py-2 pr-2 font-medium">
                  {t('deliverable')}
                </th>
                <th scope="col" className="w-28 py-2 pr-2 font-medium">
                  {t('dueDate')}
                </th>
                <th scope="col" className="w-32 py-2 pr-2 text-right font-medium">
                  {t('amount')}
                </th>
                <th scope="col" className="w-36 py-2 font-medium">
                  {t('state')}
                </th>
              </tr>
            </thead>
            {c.milestones.map((m) => (
              <tbody key={m.id} id={`m-${m.id}`} className="mb-3 block scroll-mt-4 rounded-md border border-gray-200 p-3 sm:mb-0 sm:table-row-group sm:rounded-none sm:border-0 sm:border-b sm:p-0">
                <tr className="block sm:table-row">
                  <td className="block py-0.5 text-gray-600 sm:table-cell sm:py-3 sm:pr-2 sm:align-top">
                    <span className="sm:hidden">{t('seq')} </span>
                    {m.seq}
                  </td>
                  <td className="block py-0.5 font-medium text-gray-900 sm:table-cell sm:py-3 sm:pr-2 sm:align-top">{m.deliverable}</td>
                  <td className="block py-0.5 sm:table-cell sm:py-3 sm:pr-2 sm:align-top">
                    <span className="mr-1 text-gray-600 sm:hidden">{t('dueDate')}</span>
                    {ymd(m.dueDate)}
                  </td>
                  <td className="block py-0.5 sm:table-cell sm:py-3 sm:pr-2 sm:text-right sm:align-top">
                    <span className="mr-1 text-gray-600 sm:hidden">{t('amount')}</span>
                    {money(m.amount)}
                  </td>
                  <td className="block py-1 sm:table-cell sm:py-3 sm:align-top">
                    <MilestoneStatusBadge status={m.status} label={tc(`milestoneStatus.${m.status}`)} />
                  </td>
                </tr>
                <tr className="block sm:table-row">
                  <td colSpan={5} className="block pt-1 sm:table-cell sm:pb-4 sm:pl-12">
                    <MilestoneDetail m={m} side={side} money={money} t={t} />
                    {/* Always mounted: after an act the refreshed page has no acts left, and the success note must stay. */}
                    <div className="mt-2 empty:hidden">
                      <MilestoneActs milestoneId={m.id} acts={m.acts} amount={m.amount} resubmit={m.status === 'rejected'} />
                    </div>
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        )}
      </section>

      <section aria-labelledby="disputes" className={section}>
        <h2 id="disputes" className={h2}>
          {t('disputes')}
        </h2>
        {c.disputes.length === 0 ? <p className="mt-2 text-sm text-gray-700">{t('noDisputes')}</p> : null}
        <ul className="mt-3 space-y-3">
          {c.disputes.map((d) => {
            const ms = c.milestones.find((m) => m.id === d.milestoneId);
            return (
              <li key={d.id} id={`dispute-${d.id}`} className="scroll-mt-4 rounded-md border border-gray-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-gray-900">{tc(`dispute.kind.${d.kind}`)}</span>
                  <span className={`rounded-full border px-2 py-0.5 text-xs ${d.status === 'open' ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-gray-300 bg-gray-50 text-gray-800'}`}>
                    {tc(`dispute.status.${d.status}`)}
                  </span>
                  <span className="text-gray-600">{t('disputeRaisedBy', { side: tc(`side.${d.raisedBySide}`), date: ymd(d.openedAt) })}</span>
                </div>
                {ms ? <p className="mt-1 text-gray-700">{t('disputeMilestone', { seq: ms.seq, deliverable: ms.deliverable })}</p> : null}
                <p className="mt-1 whitespace-pre-line text-gray-900">{t('disputeReason', { reason: d.reason })}</p>
                {d.ruling ? (
                  <div className="mt-2 rounded-md bg-gray-50 p-2">
                    <p className="font-medium text-gray-900">{t('ruling', { date: ymd(d.ruling.ruledAt) })}</p>
                    <p className="whitespace-pre-line text-gray-900">{t('rulingReason', { reason: d.ruling.reason ?? '' })}</p>
                    {d.ruling.against ? <p className="text-gray-700">{t('rulingAgainst', { against: tc(`dispute.against.${d.ruling.against}`) })}</p> : null}
                    {d.ruling.outcome ? <p className="text-gray-700">{t('rulingOutcome', { outcome: tc(`dispute.outcome.${d.ruling.outcome}`) })}</p> : null}
                    {d.ruling.milestoneDecision ? (
                      <p className="text-gray-700">{t('rulingMilestone', { decision: tc(`dispute.milestoneDecision.${d.ruling.milestoneDecision}`) })}</p>
                    ) : null}
                  </div>
                ) : null}
                {d.canRule ? (
                  <div className="mt-2">
                    <RuleDispute disputeId={d.id} escalation={d.kind === 'escalation'} aboutMilestone={!!ms && ['submitted', 'rejected', 'escalated'].includes(ms.status)} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        {c.viewer.canRaiseDispute ? (
          <div className="mt-3">
            <RaiseDispute contractId={c.id} milestones={c.milestones.map((m) => ({ id: m.id, label: milestoneLabel(m.seq, m.deliverable) }))} />
          </div>
        ) : null}
      </section>

      {gate ? (
        <section aria-labelledby="gate" className={section}>
          <h2 id="gate" className={h2}>
            {t('stageGate')}
          </h2>
          <p className="mt-1 mb-3 text-sm text-gray-600">{t('stageGateLead')}</p>
          {gateDone ? (
            <ul className="space-y-1 text-sm">
              <li className="text-gray-900">{t('stageGateDone')}</li>
              {gate.map((g) => (
                <li key={g.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/contracts/${g.id}`} className="text-primary-700 hover:underline">
                    {g.provider.name}
                  </Link>
                  <ContractStatusBadge status={g.status} label={tc(`status.${g.status}`)} />
                </li>
              ))}
            </ul>
          ) : (
            <StageGate
              needId={c.need.id}
              teams={gate.map((g) => ({
                contractId: g.id,
                name: g.provider.name,
                keepable: g.status === 'active' || g.status === 'completed',
                closable: g.status === 'active',
              }))}
            />
          )}
        </section>
      ) : null}

      <section aria-labelledby="ratings" id="rating" className={`${section} scroll-mt-4`}>
        <h2 id="ratings" className={h2}>
          {t('ratings')}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t('ratingsLead')}</p>
        {!c.ratings.open ? (
          <p className="mt-3 text-sm text-gray-700">{t('ratingsNotOpen')}</p>
        ) : (
          <RatingsView
            ratings={c.ratings}
            viewerSide={side}
            labels={{ client: tc('side.client'), provider: tc('side.provider') }}
            form={side ? <RatingForm contractId={c.id} /> : null}
            mayRate={manager}
          />
        )}
      </section>

      {side || c.viewer.isBureau ? (
        <section aria-labelledby="export" className={section}>
          <h2 id="export" className={h2}>
            {t('export')}
          </h2>
          <p className="mt-1 text-sm text-gray-600">{t('exportHint')}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <a href={`/api/contracts/${c.id}/registration?format=csv`} download className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50">
              {t('exportCsv')}
            </a>
            <a href={`/api/contracts/${c.id}/registration?format=xlsx`} download className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50">
              {t('exportXlsx')}
            </a>
          </div>
        </section>
      ) : null}
      {side ? (
        <section aria-labelledby="contract-room" className="rounded-lg border border-gray-200 bg-white p-4 sm:p-5">
          <h2 id="contract-room" className="mb-3 text-lg font-semibold text-gray-900">
            {tChat('contractRoom')}
          </h2>
          <ContractRoom contractId={c.id} userId={actor.userId} />
        </section>
      ) : null}
    </main>
  );
}

type ContractView = Awaited<ReturnType<typeof load>>;
type Milestone = ContractView['milestones'][number];
type T = Awaited<ReturnType<typeof getTranslations<'contracts.page'>>>;

/** A milestone's history: what the client must answer by, each delivery with files and answer, the payment. */
function MilestoneDetail({ m, side, money, t }: { m: Milestone; side: ContractView['viewer']['side']; money: (v: string) => string; t: T }) {
  return (
    <div className="space-y-2 text-sm">
      {m.status === 'submitted' && m.escalationOpensAt ? (
        <p className="text-gray-700">{side === 'provider' ? t('escalationOpens', { date: ymd(m.escalationOpensAt) }) : t('answerBy', { date: ymd(m.escalationOpensAt) })}</p>
      ) : null}
      {m.status === 'rejected' && m.rejectReason ? <p className="whitespace-pre-line text-red-800">{t('rejectReason', { reason: m.rejectReason })}</p> : null}
      {m.payment ? (
        <p className="text-green-800">
          ✓ {t('paid', { amount: money(m.payment.amount), date: ymd(m.payment.paidOn) })}
          {m.payment.reference ? <span className="text-gray-700"> · {t('paymentReference', { reference: m.payment.reference })}</span> : null}
        </p>
      ) : null}
      {m.deliveries.length > 0 ? (
        <details className="rounded-md border border-gray-200 bg-gray-50 p-2" open={m.status === 'submitted' || m.status === 'escalated'}>
          <summary className="cursor-pointer text-gray-800">{t('history', { count: m.deliveries.length })}</summary>
          <ol className="mt-2 space-y-2">
            {[...m.deliveries].reverse().map((d) => (
              <li key={d.id} className="rounded bg-white p-2">
                <p className="text-gray-600">
                  {t('attempt', { attempt: d.attempt, date: ymd(d.submittedAt) })} · {t(`decision.${d.decision === 'accepted' || d.decision === 'rejected' ? d.decision : 'pending'}`)}
                </p>
                <p className="mt-1 whitespace-pre-line text-gray-900">{d.note}</p>
                {d.files.length > 0 ? (
                  <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1" aria-label={t('files')}>
                    {d.files.map((f) => (
                      <li key={f.id}>
                        <a href={`/api/files/${f.id}`} className="break-all text-primary-700 hover:underline">
                          {f.name}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {d.decisionReason ? <p className="mt-1 whitespace-pre-line text-gray-700">{t('decisionReason', { reason: d.decisionReason })}</p> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
