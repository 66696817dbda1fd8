import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { listProjectsInput } from '@/server/landing/inputs';
import { NEED_INDUSTRY_FIELDS } from '@/server/needs/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { LandingBoard } from '../_components/landing/board';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('landing'))('title') };
}

/** 落地项目: the board by stage with filters (enclave, field, search); the incubator creates, the bureau edits checklists. */
export default async function LandingPage({ searchParams }: { searchParams: Promise<{ enclave?: string; field?: string; q?: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/landing');
  if (!actor.org) redirect('/org');
  const params = await searchParams;
  const parsed = listProjectsInput.safeParse({ enclaveId: params.enclave || undefined, field: params.field || undefined, q: params.q || undefined, limit: 200 });
  const input = parsed.success ? parsed.data : listProjectsInput.parse({ limit: 200 });
  const filtered = Boolean(input.enclaveId || input.field || input.q);
  const api = await serverApi();
  const kind = actor.org.kind;
  const reviewer = kind === 'incubator' || kind === 'bureau';
  const [t, tn, result, all, queue] = await Promise.all([
    getTranslations('landing'),
    getTranslations('needs'),
    api.landing.list(input),
    // The enclave filter offers the enclaves of the projects the caller sees.
    filtered ? api.landing.list({ limit: 200 }) : null,
    reviewer ? api.landing.reviewQueue() : null,
  ]);
  const enclaves = [...new Map((all ?? result).items.map((p) => [p.enclaveId, `${p.enclaveName}`])).entries()];

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
          <p className="mt-1 text-sm text-gray-600">{t(`board.lead.${kind}`)}</p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          {queue ? (
            <Link href="/landing/review" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {t('board.reviewQueue', { count: queue.length })}
            </Link>
          ) : null}
          {kind === 'bureau' ? (
            <Link href="/landing/templates" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
              {t('board.templates')}
            </Link>
          ) : null}
          {kind === 'incubator' ? (
            <Link href="/landing/new" className="rounded-md bg-primary-600 px-3 py-1.5 font-medium text-white hover:bg-primary-700">
              {t('board.create')}
            </Link>
          ) : null}
        </div>
      </div>

      <form method="get" role="search" aria-label={t('board.filters')} className="my-5 grid grid-cols-1 gap-2 text-sm sm:grid-cols-[1fr_1fr_2fr_auto]">
        <label className="block">
          <span className="sr-only">{t('board.enclave')}</span>
          <select name="enclave" defaultValue={input.enclaveId ?? ''} aria-label={t('board.enclave')} className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2">
            <option value="">{t('board.allEnclaves')}</option>
            {enclaves.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="sr-only">{t('board.field')}</span>
          <select name="field" defaultValue={input.field ?? ''} aria-label={t('board.field')} className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2">
            <option value="">{t('board.allFields')}</option>
            {NEED_INDUSTRY_FIELDS.map((f) => (
              <option key={f} value={f}>
                {tn(`industryFields.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="sr-only">{t('board.search')}</span>
          <input type="search" name="q" defaultValue={input.q ?? ''} placeholder={t('board.searchPlaceholder')} aria-label={t('board.search')} className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2" />
        </label>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700">
            {t('board.apply')}
          </button>
          {filtered ? (
            <Link href="/landing" className="rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-800 hover:bg-gray-50">
              {t('board.clear')}
            </Link>
          ) : null}
        </div>
      </form>

      {result.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700">
          <p>{filtered ? t('board.emptyFiltered') : t(`board.empty.${kind}`)}</p>
          {kind === 'incubator' && !filtered ? (
            <Link href="/landing/new" className="mt-4 inline-block rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
              {t('board.create')}
            </Link>
          ) : null}
        </div>
      ) : (
        <LandingBoard cards={result.items} orgId={actor.org.id} />
      )}
      {result.nextCursor !== null ? <p className="mt-4 text-sm text-gray-600">{t('board.more')}</p> : null}
    </main>
  );
}
