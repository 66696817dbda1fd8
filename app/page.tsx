import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from './_lib/api';
import { NeedCard } from './_components/needs/need-card';

/** Thousands separators without a locale's surprises (the figures read the same in both languages). */
const grouped = (n: number | string) => {
  const [int = '0', frac] = String(n).split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${withCommas}.${frac}` : withCommas;
};

const STAGES = ['incubating', 'accelerating', 'industrializing'] as const;

/**
 * The landing page: what the platform is for, a search into the needs hall, the market's figures, the
 * latest open needs and 揭榜挂帅 lists, the enclave → Xinchang path, and the way in. Server-rendered only:
 * no client JS beyond the header's.
 */
export default async function HomePage() {
  const [t, api, actor] = await Promise.all([getTranslations('home'), serverApi(), currentActor()]);
  const [stats, latest, jiebang] = await Promise.all([
    api.needs.stats(),
    api.needs.search({ limit: 4 }),
    api.needs.search({ mode: 'jiebang', limit: 4 }),
  ]);
  const publisher = !!actor?.org && actor.org.kind !== 'research_team';
  const figures: Array<[string, string]> = [
    [t('publishedNeeds'), grouped(stats.publishedNeeds)],
    [t('openNeeds'), grouped(stats.openNeeds)],
    [t('researchTeams'), grouped(stats.researchTeams)],
    [t('contracts'), grouped(stats.contracts)],
    [t('volume'), grouped(stats.transactionVolume)],
  ];

  return (
    <main>
      <section aria-labelledby="home-hero" className="border-b border-primary-100 bg-primary-50">
        <div className="mx-auto max-w-6xl px-4 py-10 sm:py-14">
          <p className="text-sm font-medium text-primary-800">{t('title')}</p>
          <h1 id="home-hero" className="mt-2 text-2xl leading-snug font-semibold text-gray-900 sm:text-3xl">
            {t('heroTitle')}
          </h1>
          <p className="mt-3 max-w-3xl leading-relaxed text-gray-800">{t('heroLead')}</p>
          <form method="get" action="/needs" role="search" className="mt-6 max-w-2xl">
            <label htmlFor="home-q" className="block text-sm font-medium text-gray-900">
              {t('searchLabel')}
            </label>
            <div className="mt-1 flex gap-2">
              <input id="home-q" name="q" type="search" maxLength={100} className="block w-full min-w-0 rounded-md border border-gray-400 bg-white px-3 py-2.5 focus:border-primary-600" />
              <button type="submit" className="shrink-0 rounded-md bg-primary-700 px-5 py-2.5 font-medium text-white hover:bg-primary-800">
                {t('searchButton')}
              </button>
            </div>
          </form>
          <div className="mt-4 flex flex-wrap gap-3 text-sm">
            <Link href="/needs" className="font-medium text-primary-800 underline">
              {t('browse')}
            </Link>
            {publisher ? (
              <>
                <Link href="/needs/new" className="font-medium text-primary-800 underline">
                  {t('postNeed')}
                </Link>
                <Link href="/needs/mine" className="font-medium text-primary-800 underline">
                  {t('myNeeds')}
                </Link>
              </>
            ) : null}
          </div>
        </div>
      </section>

      <div className="mx-auto max-w-6xl space-y-10 px-4 py-8">
        <section aria-labelledby="home-figures">
          <h2 id="home-figures" className="sr-only">
            {t('figures')}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {figures.map(([label, value], i) => (
              <div key={label} className={`rounded-lg border border-gray-200 bg-white p-4 ${i === figures.length - 1 ? 'col-span-2 sm:col-span-1' : ''}`}>
                <dt className="text-sm text-gray-700">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold text-primary-800 tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <div className="grid grid-cols-1 gap-8 lg:grid-cols-2">
          {(
            [
              ['home-latest', t('latestTitle'), latest.items, '/needs', t('emptyLatest')],
              ['home-jiebang', t('jiebangTitle'), jiebang.items, '/needs?mode=jiebang', t('emptyJiebang')],
            ] as const
          ).map(([id, title, items, more, empty]) => (
            <section key={id} aria-labelledby={id}>
              <div className="mb-3 flex items-baseline justify-between gap-3">
                <h2 id={id} className="text-lg font-semibold text-gray-900">
                  {title}
                </h2>
                <Link href={more} className="text-sm text-primary-700 underline">
                  {t('more')}
                </Link>
              </div>
              {items.length === 0 ? (
                <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700">{empty}</p>
              ) : (
                <ul className="space-y-3">
                  {items.map((n) => (
                    <li key={n.id}>
                      <NeedCard need={n} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>

        <section aria-labelledby="home-path">
          <h2 id="home-path" className="text-lg font-semibold text-gray-900">
            {t('pathTitle')}
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-gray-700">{t('pathLead')}</p>
          <ol className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
            {STAGES.map((s, i) => (
              <li key={s} className="rounded-lg border border-gray-200 bg-white p-4">
                <p className="flex items-center gap-2 font-semibold text-gray-900">
                  <span aria-hidden="true" className="inline-flex h-6 w-6 items-center justify-center rounded-full bg-primary-700 text-xs text-white">
                    {i + 1}
                  </span>
                  {t(`stages.${s}.title`)}
                </p>
                <p className="mt-2 text-sm leading-relaxed text-gray-700">{t(`stages.${s}.body`)}</p>
              </li>
            ))}
          </ol>
        </section>

        {!actor ? (
          <section aria-labelledby="home-cta" className="rounded-lg border border-primary-100 bg-white p-6 text-center">
            <h2 id="home-cta" className="text-lg font-semibold text-gray-900">
              {t('ctaTitle')}
            </h2>
            <p className="mt-1 text-sm text-gray-700">{t('ctaLead')}</p>
            <div className="mt-4 flex justify-center gap-3">
              <Link href="/register" className="rounded-md bg-primary-700 px-5 py-2 font-medium text-white hover:bg-primary-800">
                {t('register')}
              </Link>
              <Link href="/login" className="rounded-md border border-gray-300 bg-white px-5 py-2 font-medium text-gray-800 hover:bg-gray-50">
                {t('signIn')}
              </Link>
            </div>
          </section>
        ) : null}
      </div>
    </main>
  );
}
