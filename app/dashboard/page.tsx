import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import type { DashboardOverview } from '@/server/dashboard/dashboard';
import { cellText, columnHeader, dashboardFilterInput, MAX_PERIOD_MONTHS, type DashboardTable, type DashboardFilterInput } from '@/server/dashboard/inputs';
import { NEED_INDUSTRY_FIELDS } from '@/server/needs/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { Chart } from '../_components/dashboard/chart';
import { chartOptions } from './options';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

type Params = { from?: string; to?: string; field?: string; enclave?: string };

/** Each URL parameter on its own: a bad one is dropped (its default applies), the others kept. */
function filtersOf(params: Params): DashboardFilterInput {
  const one = <K extends keyof DashboardFilterInput>(key: K, value: string | undefined) => {
    const parsed = dashboardFilterInput.safeParse({ [key]: value || undefined });
    return parsed.success ? parsed.data[key] : undefined;
  };
  const from = one('from', params.from);
  const to = one('to', params.to);
  return { from, to: from && to && to < from ? undefined : to, field: one('field', params.field), enclaveId: one('enclaveId', params.enclave) };
}

const SECTIONS: DashboardTable[] = ['volume', 'topFields', 'conversion', 'activeTeams', 'credit', 'landingFunnel', 'landingByEnclave', 'landingByField'];

/**
 * 科技局驾驶舱: the bureau's view of the whole platform (an incubator sees the same over its own enclaves). Filters live
 * in the URL (a plain GET form, so a filtered view can be bookmarked or sent); each chart has its table under it and
 * CSV / XLSX exports of that table. Charts are drawn in the browser by ECharts, loaded by this page only.
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/dashboard');
  if (!actor.org || (actor.org.kind !== 'bureau' && actor.org.kind !== 'incubator')) notFound();
  const filters = filtersOf(await searchParams);
  const api = await serverApi();
  const [t, tNeeds, tLanding, tErrors] = await Promise.all([getTranslations('dashboard'), getTranslations('needs'), getTranslations('landing'), getTranslations('errors')]);
  let d: DashboardOverview;
  let problem: string | null = null;
  try {
    d = await api.dashboard.overview(filters);
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    if (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN') notFound();
    if (e.code !== 'BAD_REQUEST') throw e;
    // A period the domain refuses (too long): say why and show the default period.
    problem = tErrors(e.message, { max: MAX_PERIOD_MONTHS });
    d = await api.dashboard.overview({ field: filters.field, enclaveId: filters.enclaveId });
  }
  const bureau = actor.org.kind === 'bureau';
  const tAll = (key: string) => {
    const [ns, ...rest] = key.split('.');
    const k = rest.join('.');
    return ns === 'needs' ? tNeeds(k) : ns === 'landing' ? tLanding(k) : t(k);
  };
  const options = chartOptions(d, t, tNeeds, tLanding);
  const query = new URLSearchParams({ from: d.filters.from, to: d.filters.to });
  if (d.filters.field) query.set('field', d.filters.field);
  if (d.filters.enclaveId) query.set('enclave', d.filters.enclaveId);
  const exportHref = (table: DashboardTable, format: 'csv' | 'xlsx') => `/api/dashboard/export?${new URLSearchParams({ table, format, ...Object.fromEntries(query) })}`;
  const notes: Partial<Record<DashboardTable, string>> = {
    volume: t('notes.volume'),
    conversion: t('notes.conversion'),
    activeTeams: t('notes.activeTeams', { target: d.headline.activeTeamsTarget }),
    credit: t('notes.credit'),
    landingFunnel: t('notes.landingFunnel'),
    landingByEnclave: t('notes.landingByEnclave'),
    landingByField: t('notes.landingByField'),
  };
  const input = 'mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900';

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{bureau ? t('title') : t('titleIncubator')}</h1>
      <p className="mt-1 text-sm leading-relaxed text-gray-600">{bureau ? t('intro') : t('introIncubator')}</p>

      <form method="get" action="/dashboard" className="mt-5 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-[1fr_1fr_1fr_1fr_auto]">
          <legend className="sr-only">{t('filters.legend')}</legend>
          <label className="text-sm text-gray-700">
            {t('filters.from')}
            <input type="month" name="from" defaultValue={d.filters.from} className={input} />
          </label>
          <label className="text-sm text-gray-700">
            {t('filters.to')}
            <input type="month" name="to" defaultValue={d.filters.to} className={input} />
          </label>
          <label className="text-sm text-gray-700">
            {t('filters.field')}
            <select name="field" defaultValue={d.filters.field ?? ''} className={input}>
              <option value="">{t('filters.allFields')}</option>
              {NEED_INDUSTRY_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {tNeeds(`industryFields.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm text-gray-700">
            {t('filters.enclave')}
            <select name="enclave" defaultValue={d.filters.enclaveId ?? ''} className={input} disabled={d.enclaves.length === 0}>
              <option value="">{t('filters.allEnclaves')}</option>
              {d.enclaves.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}（{e.city}）
                </option>
              ))}
            </select>
          </label>
          <div className="col-span-2 flex items-end gap-2 sm:col-span-4 lg:col-span-1">
            <button type="submit" className="rounded-md bg-primary-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-primary-700">
              {t('filters.apply')}
            </button>
            <Link href="/dashboard" className="rounded-md border border-gray-300 px-4 py-1.5 text-sm text-gray-700 hover:border-primary-600">
              {t('filters.reset')}
            </Link>
          </div>
        </fieldset>
        <p className="mt-3 text-xs text-gray-500">{t('filters.period', { from: d.filters.from, to: d.filters.to })}</p>
        {problem ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {problem}
          </p>
        ) : null}
      </form>

      {!bureau && d.enclaves.length === 0 ? (
        <div className="mt-5 rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-700">
          <p>{t('noEnclaves')}</p>
          <Link href="/org/enclaves" className="mt-3 inline-block rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700">
            {t('manageEnclaves')}
          </Link>
        </div>
      ) : null}

      <dl className="mt-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure label={t('headline.volume')} value={t('headline.volumeValue', { value: d.headline.volume.value })} detail={t('headline.volumeContracts', { count: d.headline.volume.contracts })} />
        <Figure label={t('headline.bids')} value={t('headline.bidsValue', { count: d.headline.bids })} />
        <Figure
          label={t('headline.activeTeams')}
          value={t('headline.activeTeamsValue', { count: d.headline.activeTeams })}
          detail={t('headline.activeTeamsTarget', { target: d.headline.activeTeamsTarget })}
        />
        <Figure label={t('headline.projects')} value={t('headline.projectsValue', { count: d.headline.projects })} detail={t('headline.landed', { count: d.headline.landed })} />
      </dl>

      <div className="mt-6 grid gap-5 lg:grid-cols-2">
        {SECTIONS.map((key) => {
          const table = d.tables[key];
          const title = t(`sections.${key}`);
          return (
            <section key={key} aria-labelledby={`section-${key}`} className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
              <h2 id={`section-${key}`} className="text-base font-semibold text-gray-900">
                {title}
              </h2>
              {notes[key] ? <p className="mt-1 text-xs leading-relaxed text-gray-500">{notes[key]}</p> : null}
              {table.rows.length === 0 ? (
                <p className="mt-4 rounded-md bg-gray-50 p-6 text-center text-sm text-gray-600">{t('table.empty')}</p>
              ) : (
                <>
                  <div className="mt-3">
                    <Chart option={options[key] ?? {}} label={title} loading={t('chart.loading')} />
                  </div>
                  <div className="mt-3 overflow-x-auto">
                    <table className="w-full min-w-max border-collapse text-sm">
                      <caption className="sr-only">{t('table.caption', { title })}</caption>
                      <thead>
                        <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                          {table.columns.map((c, i) => (
                            <th key={c.key} scope="col" className={`px-2 py-1.5 font-medium ${i > 0 && c.kind !== 'text' ? 'text-right' : ''}`}>
                              {columnHeader(c.key, tAll)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {table.rows.map((row, r) => (
                          <tr key={r} className="border-b border-gray-100 last:border-0">
                            {row.map((v, i) => {
                              const column = table.columns[i];
                              const kind = column?.kind ?? 'text';
                              return i === 0 ? (
                                <th key={column?.key ?? i} scope="row" className="px-2 py-1.5 text-left font-normal text-gray-900">
                                  {cellText(kind, v, tAll)}
                                </th>
                              ) : (
                                <td key={column?.key ?? i} className={`px-2 py-1.5 tabular-nums text-gray-800 ${kind === 'text' ? '' : 'text-right'}`}>
                                  {cellText(kind, v, tAll)}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              <p className="mt-3 flex gap-3 text-sm">
                <a href={exportHref(key, 'csv')} download className="text-primary-700 hover:underline">
                  {t('export.csv')}
                </a>
                <a href={exportHref(key, 'xlsx')} download className="text-primary-700 hover:underline">
                  {t('export.xlsx')}
                </a>
              </p>
            </section>
          );
        })}
      </div>
    </main>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <dt className="text-xs text-gray-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-gray-900 tabular-nums">{value}</dd>
      {detail ? <dd className="mt-0.5 text-xs text-gray-500">{detail}</dd> : null}
    </div>
  );
}
