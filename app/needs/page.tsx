import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NEED_INDUSTRY_FIELDS, NEED_MODES, PUBLIC_STATUSES, type SearchNeedsInput } from '@/server/needs/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { formStateFromError } from '../_lib/form-state';
import { NeedCard } from '../_components/needs/need-card';
import { RecommendedNeeds } from '../_components/matching/recommended-needs';
import { inputClass } from '../_components/bids/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('needs'))('hall.title') };
}

/** 12 a page: a phone scrolls through them quickly and the page stays light (Lighthouse mobile ≥ 90). */
const PAGE_SIZE = 12;
const MAX_PAGE = 80;

type Params = Record<string, string | string[] | undefined>;
const one = (p: Params, k: string) => {
  const v = p[k];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
};
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The query string as search input; anything malformed is dropped (a hand-edited URL still shows needs). */
function searchInput(p: Params, page: number): Partial<SearchNeedsInput> & { limit: number; offset: number } {
  const field = one(p, 'field');
  const mode = one(p, 'mode');
  const bmin = one(p, 'bmin');
  const bmax = one(p, 'bmax');
  const dfrom = one(p, 'dfrom');
  const dto = one(p, 'dto');
  return {
    q: one(p, 'q').slice(0, 100),
    industryField: (NEED_INDUSTRY_FIELDS as readonly string[]).includes(field) ? (field as SearchNeedsInput['industryField']) : undefined,
    mode: (NEED_MODES as readonly string[]).includes(mode) ? (mode as SearchNeedsInput['mode']) : undefined,
    statuses: one(p, 'status') === 'all' ? [...PUBLIC_STATUSES] : ['published'],
    budgetMin: bmin && Number.isFinite(Number(bmin)) ? Number(bmin) : undefined,
    budgetMax: bmax && Number.isFinite(Number(bmax)) ? Number(bmax) : undefined,
    // Dates are the county's calendar days (Beijing time), the whole of the last day included.
    deadlineFrom: isDate(dfrom) ? new Date(`${dfrom}T00:00:00+08:00`) : undefined,
    deadlineTo: isDate(dto) ? new Date(`${dto}T23:59:59.999+08:00`) : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/** 技术需求大厅: Chinese search with filters over public needs; works for anonymous visitors, no client JS. */
export default async function NeedsHallPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(one(params, 'page'))) || 1));
  const input = searchInput(params, page);
  const [t, tErrors, actor, api] = await Promise.all([getTranslations('needs'), getTranslations('errors'), currentActor(), serverApi()]);
  let result: Awaited<ReturnType<typeof api.needs.search>> = { items: [], hasMore: false };
  let problem: string | null = null;
  try {
    result = await api.needs.search(input);
  } catch (e) {
    const state = formStateFromError(e);
    const first = Object.values(state.fields ?? {})[0] ?? state.error;
    if (!first) throw e;
    problem = tErrors.has(first.key) ? tErrors(first.key, first.params) : tErrors('invalidInput');
  }
  const publisher = !!actor?.org && actor.org.kind !== 'research_team';
  const filtersOn = ['field', 'mode', 'bmin', 'bmax', 'dfrom', 'dto', 'status'].some((k) => one(params, k));
  const q = input.q ?? '';

  const pageHref = (n: number) => {
    const sp = new URLSearchParams();
    for (const k of ['q', 'field', 'mode', 'bmin', 'bmax', 'dfrom', 'dto', 'status']) {
      const v = one(params, k);
      if (v) sp.set(k, v);
    }
    if (n > 1) sp.set('page', String(n));
    const s = sp.toString();
    return s ? `/needs?${s}` : '/needs';
  };

  return (
    <main className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">{t('hall.title')}</h1>
          <p className="mt-1 text-sm leading-relaxed text-gray-700">{t('hall.lead')}</p>
        </div>
        {publisher ? (
          <div className="flex gap-2">
            <Link href="/needs/mine" className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-800 hover:bg-gray-50">
              {t('hall.mine')}
            </Link>
            <Link href="/needs/new" className="rounded-md bg-primary-600 px-3 py-2 text-sm font-medium text-white hover:bg-primary-700">
              {t('hall.post')}
            </Link>
          </div>
        ) : null}
      </div>

      <form method="get" action="/needs" role="search" className="mt-5 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <label htmlFor="needs-q" className="block text-sm font-medium text-gray-800">
          {t('search.label')}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="needs-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={100}
            placeholder={t('search.placeholder')}
            className="block w-full min-w-0 rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600"
          />
          <button type="submit" className="shrink-0 rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
            {t('hall.searchButton')}
          </button>
        </div>
        <details className="group mt-3" open={filtersOn}>
          <summary className="cursor-pointer text-sm font-medium text-primary-700">{t('hall.filtersTitle')}</summary>
          <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <label htmlFor="f-field" className="text-sm text-gray-800">
                {t('search.filters.industryField')}
              </label>
              <select id="f-field" name="field" defaultValue={input.industryField ?? ''} className={inputClass}>
                <option value="">{t('search.filters.any')}</option>
                {NEED_INDUSTRY_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(`industryFields.${f}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-mode" className="text-sm text-gray-800">
                {t('search.filters.mode')}
              </label>
              <select id="f-mode" name="mode" defaultValue={input.mode ?? ''} className={inputClass}>
                <option value="">{t('search.filters.any')}</option>
                {NEED_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`modes.${m}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-status" className="text-sm text-gray-800">
                {t('search.filters.status')}
              </label>
              <select id="f-status" name="status" defaultValue={one(params, 'status') === 'all' ? 'all' : ''} className={inputClass}>
                <option value="">{t('hall.statusOpen')}</option>
                <option value="all">{t('hall.statusAll')}</option>
              </select>
            </div>
            <fieldset className="min-w-0">
              <legend className="text-sm text-gray-800">{t('search.filters.budget')}</legend>
              <div className="flex gap-2">
                <div className="min-w-0 flex-1">
                  <label htmlFor="f-bmin" className="sr-only">
                    {t('hall.budgetFrom')}
                  </label>
                  <input id="f-bmin" name="bmin" type="number" min={0} step="0.01" inputMode="decimal" defaultValue={one(params, 'bmin')} placeholder={t('hall.budgetFrom')} className={inputClass} />
                </div>
                <div className="min-w-0 flex-1">
                  <label htmlFor="f-bmax" className="sr-only">
                    {t('hall.budgetTo')}
                  </label>
                  <input id="f-bmax" name="bmax" type="number" min={0} step="0.01" inputMode="decimal" defaultValue={one(params, 'bmax')} placeholder={t('hall.budgetTo')} className={inputClass} />
                </div>
              </div>
            </fieldset>
            <div>
              <label htmlFor="f-dfrom" className="text-sm text-gray-800">
                {t('hall.deadlineFrom')}
              </label>
              <input id="f-dfrom" name="dfrom" type="date" defaultValue={isDate(one(params, 'dfrom')) ? one(params, 'dfrom') : ''} className={inputClass} />
            </div>
            <div>
              <label htmlFor="f-dto" className="text-sm text-gray-800">
                {t('hall.deadlineTo')}
              </label>
              <input id="f-dto" name="dto" type="date" defaultValue={isDate(one(params, 'dto')) ? one(params, 'dto') : ''} className={inputClass} />
            </div>
            <div className="flex items-end gap-3 sm:col-span-2">
              <button type="submit" className="rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700">
                {t('hall.apply')}
              </button>
              {filtersOn ? (
                <Link href={q ? `/needs?q=${encodeURIComponent(q)}` : '/needs'} className="py-2 text-sm text-primary-700 underline">
                  {t('hall.reset')}
                </Link>
              ) : null}
            </div>
          </div>
        </details>
      </form>

      {actor?.org?.kind === 'research_team' && !q && !filtersOn && page === 1 ? <RecommendedNeeds /> : null}

      <section aria-labelledby="needs-results" className="mt-6">
        <h2 id="needs-results" className="mb-3 text-base font-semibold text-gray-900">
          {q ? t('hall.resultsFor', { q }) : t('hall.latest')}
          {page > 1 ? <span className="ml-2 text-sm font-normal text-gray-600">{t('hall.page', { page })}</span> : null}
        </h2>
        {problem ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t('hall.badFilters', { reason: problem })}
          </p>
        ) : result.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center">
            <p className="text-sm leading-relaxed text-gray-700">{t('search.empty')}</p>
            {q || filtersOn || page > 1 ? (
              <Link href="/needs" className="mt-3 inline-block text-sm font-medium text-primary-700 underline">
                {t('hall.emptyAction')}
              </Link>
            ) : null}
          </div>
        ) : (
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {result.items.map((n) => (
              <li key={n.id}>
                <NeedCard need={n} />
              </li>
            ))}
          </ul>
        )}
        {page > 1 || (result.hasMore && page < MAX_PAGE) ? (
          <nav aria-label={t('hall.pagination')} className="mt-6 flex items-center justify-between gap-3 text-sm">
            {page > 1 ? (
              <Link href={pageHref(page - 1)} rel="prev" className="rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-800 hover:bg-gray-50">
                {t('hall.prev')}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-gray-700">{t('hall.page', { page })}</span>
            {result.hasMore && page < MAX_PAGE ? (
              <Link href={pageHref(page + 1)} rel="next" className="rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-800 hover:bg-gray-50">
                {t('hall.next')}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </main>
  );
}
