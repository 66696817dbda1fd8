import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { NeedBidPanel } from '../../_components/bids/need-bid-panel';
import { Markdown } from '../../_components/markdown/markdown';
import { NeedQuestionThreads } from '../../_components/messages/context-panels';
import { date, dateTime, fileSize } from '../../_components/bids/format';
import { orNotFound, orNull } from '../../_components/bids/server-calls';
import { cardClass } from '../../_components/bids/styles';
import { AnnexPanel } from '../../_components/needs/annex-panel';
import { AskOwnerButton } from '../../_components/needs/ask-button';
import { NeedModeBadge, NeedStatusBadge } from '../../_components/needs/badges';
import { needMoney } from '../../_components/needs/money';
import { NeedOwnerActions } from '../../_components/needs/owner-actions';
import { NeedMatches } from '../../_components/matching/need-matches';
import { InvitationNotice } from '../../_components/matching/invitation-notice';

type Props = { params: Promise<{ id: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function load(id: string) {
  if (!UUID.test(id)) return null;
  return orNull((await serverApi()).needs.get({ id }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const need = await load((await params).id);
  return { title: need?.title ?? (await getTranslations('needs'))('title') };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={cardClass}>
      <h2 id={id} className="mb-3 text-base font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A need's page: public facts for everyone, the confidential annex behind the NDA, the owner's acts and log. */
export default async function NeedPage({ params }: Props) {
  const { id } = await params;
  const api = await serverApi();
  if (!UUID.test(id)) notFound();
  const need = await orNotFound(api.needs.get({ id }));
  const [t, actor, locale, catalogue, clarifications] = await Promise.all([
    getTranslations('needs'),
    currentActor(),
    getLocale(),
    api.orgs.disciplineCatalogue(),
    orNull(api.messages.clarifications({ needId: id })),
  ]);
  const tChat = await getTranslations('chat.panels');
  const owner = need.view === 'owner';
  const annexLog = owner && actor?.org?.role !== 'member' ? await orNull(api.needs.annexLog({ id })) : null;
  const names = new Map(catalogue.flatMap((c) => c.disciplines.map((d) => [d.code, locale === 'en' ? d.nameEn : d.name] as const)));
  const money = needMoney(t, need);
  const biddingOpen = need.status === 'published' && !!need.bidDeadline && need.bidDeadline.getTime() > Date.now();
  const team = actor?.org?.kind === 'research_team' ? actor.org : null;
  const invitation = team ? await orNull(api.matching.invitation({ needId: need.id })) : null;
  const publicFiles = need.attachments.filter((a) => !a.confidential);
  const confidentialFiles = need.attachments.filter((a) => a.confidential);
  const rubricLabel = (c: { key: string; label?: string | null }) => (c.label ? c.label : t.has(`rubric.${c.key}`) ? t(`rubric.${c.key}`) : c.key);

  let acceptBlocked: 'signIn' | 'onlyTeams' | 'pendingTeam' | 'managersOnly' | 'notAccepting' | null = null;
  if (!actor) acceptBlocked = 'signIn';
  else if (!team) acceptBlocked = 'onlyTeams';
  else if (team.status !== 'verified') acceptBlocked = 'pendingTeam';
  else if (team.role === 'member') acceptBlocked = 'managersOnly';
  else if (need.status !== 'published') acceptBlocked = 'notAccepting';

  const facts: Array<[string, ReactNode]> = [
    [t('detail.owner'), need.owner ? need.owner.name : t('anonymousOwner')],
    [t('detail.field'), t(`industryFields.${need.industryField}`)],
    [need.mode === 'jiebang' ? t('detail.bounty') : t('detail.budget'), money ?? t('hall.noBudget')],
    [t('detail.deadline'), need.bidDeadline ? dateTime(need.bidDeadline) : t('detail.notSet')],
    [t('detail.delivery'), need.deliveryMonths ? t('months', { months: need.deliveryMonths }) : t('detail.notSet')],
    [t('detail.ipTerms'), t(`ipTerms.${need.ipTerms}`)],
  ];
  if (need.mode === 'horse_race') facts.push([t('detail.awardCount'), t('detail.awardCountValue', { count: need.awardCount })]);
  if (need.publishedAt) facts.push([t('detail.publishedAt'), date(need.publishedAt)]);

  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-6 sm:py-8">
      <Link href={owner ? '/needs/mine' : '/needs'} className="text-sm text-primary-700 underline">
        {owner ? t('mine.title') : t('detail.back')}
      </Link>
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <NeedModeBadge mode={need.mode} label={t(`modes.${need.mode}`)} mark={t(`modeMarks.${need.mode}`)} />
          <NeedStatusBadge status={need.status} label={t(`statuses.${need.status}`)} mark={t(`statusMarks.${need.status}`)} />
        </div>
        <h1 className="text-xl leading-snug font-semibold text-gray-900 sm:text-2xl">{need.title}</h1>
        {need.status === 'cancelled' ? (
          <p className="rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-sm text-gray-800">
            {need.cancelReason ? t('detail.cancelledBecause', { reason: need.cancelReason }) : t('detail.cancelledNoReason')}
          </p>
        ) : null}
        {biddingOpen && !owner && (!actor || team) ? (
          <Link
            href={actor ? `/needs/${need.id}/bid` : `/login?callbackUrl=${encodeURIComponent(`/needs/${need.id}/bid`)}`}
            className="inline-flex items-center justify-center rounded-md bg-primary-600 px-5 py-2.5 font-medium text-white hover:bg-primary-700"
          >
            {actor ? t('detail.bidCta') : t('detail.signInToBid')}
          </Link>
        ) : null}
      </header>

      {invitation && team ? (
        <InvitationNotice
          needId={need.id}
          invitedOn={date(invitation.createdAt)}
          answer={invitation.answer}
          canDecline={team.status === 'verified' && team.role !== 'member'}
        />
      ) : null}

      <Section id="need-facts" title={t('detail.facts')}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="min-w-0">
              <dt className="text-xs text-gray-600">{label}</dt>
              <dd className="break-words text-gray-900 tabular-nums">{value}</dd>
            </div>
          ))}
          {need.disciplines.length > 0 ? (
            <div className="sm:col-span-2">
              <dt className="text-xs text-gray-600">{t('detail.disciplines')}</dt>
              <dd className="mt-1 flex flex-wrap gap-1.5">
                {need.disciplines.map((code) => (
                  <span key={code} className="rounded-full bg-gray-100 px-2.5 py-0.5 text-xs text-gray-800">
                    {names.get(code) ?? code}
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          {need.keywords.length > 0 ? (
            <div className="sm:col-span-2">
              <dt className="text-xs text-gray-600">{t('detail.keywords')}</dt>
              <dd className="mt-1 flex flex-wrap gap-1.5">
                {need.keywords.map((k) => (
                  <span key={k} className="rounded-full bg-primary-50 px-2.5 py-0.5 text-xs text-primary-800">
                    {k}
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          {need.eligibility.length > 0 ? (
            <div className="sm:col-span-2">
              <dt className="text-xs text-gray-600">{t('detail.eligibility')}</dt>
              <dd>
                <ul className="list-disc pl-5 text-gray-900">
                  {need.eligibility.map((r, i) => (
                    <li key={`${r.kind}-${i}`}>
                      {t.has(`eligibility.${r.kind}`) ? t(`eligibility.${r.kind}`, { grade: typeof r.grade === 'string' ? r.grade : '', name: typeof r.name === 'string' ? r.name : '' }) : r.kind}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          <div className="sm:col-span-2">
            <dt className="text-xs text-gray-600">{t('detail.rubric')}</dt>
            <dd className="mt-1 flex flex-wrap gap-1.5">
              {need.rubric.map((c) => (
                <span key={c.key} className="rounded-md border border-gray-200 px-2 py-0.5 text-xs text-gray-800">
                  {t('detail.rubricItem', { label: rubricLabel(c), weight: c.weight })}
                </span>
              ))}
            </dd>
          </div>
        </dl>
      </Section>

      {owner ? (
        <Section id="need-owner" title={t('detail.ownerTitle')}>
          <p className="mb-3 text-xs text-gray-600">{t('detail.ownerNote')}</p>
          <div className="flex flex-wrap gap-2">
            {need.status === 'draft' ? (
              <Link href={`/needs/${need.id}/edit`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50">
                {t('detail.edit')}
              </Link>
            ) : (
              <Link href={`/needs/${need.id}/bids`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50">
                {t('detail.bidsLink')}
              </Link>
            )}
          </div>
          <div className="mt-3">
            {need.status === 'draft' && actor?.org && actor.org.status !== 'verified' ? (
              <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('detail.pendingOrg')}</p>
            ) : need.status === 'draft' && actor?.org?.role === 'member' ? (
              <p className="mb-3 text-sm text-gray-700">{t('detail.publishManagers')}</p>
            ) : null}
            <NeedOwnerActions needId={need.id} events={need.events} verified={actor?.org?.status === 'verified'} />
          </div>
        </Section>
      ) : null}

      {(owner || actor?.org?.kind === 'bureau') && need.status !== 'cancelled' ? (
        <NeedMatches
          needId={need.id}
          canInvite={owner && biddingOpen && actor?.org?.status === 'verified' && actor.org.role !== 'member'}
          disciplineNames={names}
        />
      ) : null}

      {!owner ? <NeedBidPanel need={need} /> : null}

      {need.summary ? (
        <Section id="need-summary" title={t('detail.summary')}>
          <p className="leading-relaxed whitespace-pre-wrap text-gray-800">{need.summary}</p>
        </Section>
      ) : null}
      <Section id="need-description" title={t('detail.description')}>
        {need.description ? <Markdown source={need.description} /> : <p className="text-sm text-gray-600">{t('detail.notSet')}</p>}
      </Section>
      {need.expectedResults ? (
        <Section id="need-results" title={t('detail.expectedResults')}>
          <Markdown source={need.expectedResults} />
        </Section>
      ) : null}
      <Section id="need-files" title={t('detail.attachments')}>
        {publicFiles.length === 0 ? (
          <p className="text-sm text-gray-600">{t('detail.noAttachments')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {publicFiles.map((f) => (
              <li key={f.id}>
                <a href={`/api/files/${f.id}`} className="text-primary-700 underline" aria-label={t('detail.download', { name: f.name })}>
                  {f.name}
                </a>{' '}
                <span className="text-gray-600">{fileSize(f.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {owner && need.view === 'owner' ? (
        <Section id="need-annex" title={t('annexPanel.ownerView')}>
          {need.annexText ? <Markdown source={need.annexText} /> : <p className="text-sm text-gray-600">{t('annexPanel.empty')}</p>}
          {need.ndaText ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-primary-700">{t('annexPanel.ndaTitle')}</summary>
              <p className="mt-2 leading-relaxed whitespace-pre-wrap text-gray-800">{need.ndaText}</p>
            </details>
          ) : null}
          {confidentialFiles.length > 0 ? (
            <ul className="mt-3 space-y-1 text-sm">
              {confidentialFiles.map((f) => (
                <li key={f.id}>
                  <span className="mr-1 rounded bg-red-50 px-1.5 text-xs text-red-900">{t('detail.confidentialMark')}</span>
                  <a href={`/api/files/${f.id}`} className="text-primary-700 underline">
                    {f.name}
                  </a>{' '}
                  <span className="text-gray-600">{fileSize(f.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : need.hasAnnex ? (
        <Section id="need-annex" title={t('annexPanel.title')}>
          <AnnexPanel needId={need.id} ndaText={need.ndaText} ndaAccepted={need.viewer.ndaAccepted} canOpen={need.viewer.canOpenAnnex} acceptBlocked={acceptBlocked} />
        </Section>
      ) : null}

      {annexLog ? (
        <Section id="need-annex-log" title={t('detail.annexLog')}>
          <h3 className="text-sm font-semibold text-gray-900">{t('detail.acceptances', { count: annexLog.acceptances.length })}</h3>
          {annexLog.acceptances.length === 0 ? (
            <p className="mt-1 text-sm text-gray-600">{t('detail.noAcceptances')}</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm text-gray-800">
              {annexLog.acceptances.map((a) => (
                <li key={a.orgId}>{t('detail.acceptedBy', { org: a.orgName, user: a.userName ?? '—', at: dateTime(a.acceptedAt) })}</li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 text-sm font-semibold text-gray-900">{t('annex.openings')}</h3>
          {annexLog.openings.length === 0 ? (
            <p className="mt-1 text-sm text-gray-600">{t('annex.noOpenings')}</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm text-gray-800">
              {annexLog.openings.map((o) => (
                <li key={o.id}>
                  {o.attachmentName
                    ? t('detail.openedFile', { org: o.orgName, user: o.userName ?? '—', at: dateTime(o.openedAt), file: o.attachmentName })
                    : t('annex.openedBy', { org: o.orgName, user: o.userName ?? '—', at: dateTime(o.openedAt) })}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}

      {need.status !== 'draft' ? (
        <Section id="need-qa" title={t('detail.qa')}>
          {clarifications && clarifications.length > 0 ? (
            <ul className="space-y-3 text-sm">
              {clarifications.map((c) => (
                <li key={c.id} className="rounded-md bg-gray-50 p-3">
                  <p className="text-gray-900">
                    <span className="font-semibold">{t('detail.clarificationQ')}</span>
                    {c.question}
                  </p>
                  <p className="mt-1 text-gray-800">
                    <span className="font-semibold">{t('detail.clarificationA')}</span>
                    {c.answer}
                  </p>
                  <p className="mt-1 text-xs text-gray-600">{date(c.createdAt)}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-gray-600">{t('detail.noClarifications')}</p>
          )}
          {team && team.status === 'verified' && biddingOpen ? (
            <div className="mt-3">
              <AskOwnerButton needId={need.id} />
            </div>
          ) : null}
          {owner && actor?.org ? (
            <div className="mt-4">
              <h3 className="mb-2 text-sm font-medium text-gray-900">{tChat('questions')}</h3>
              <NeedQuestionThreads needId={need.id} />
            </div>
          ) : null}
        </Section>
      ) : null}
    </main>
  );
}
