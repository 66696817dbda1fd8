import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { auditListInput } from '@/server/audit/inputs';
import { currentActor, serverApi } from '../_lib/api';
import { buttonClass, inputClass, secondaryButtonClass } from '../org/_components/styles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit'))('title') };
}

const FILTERS = ['action', 'entityType', 'entityId', 'actor', 'org', 'from', 'to'] as const;
type Search = Partial<Record<(typeof FILTERS)[number] | 'cursor', string>>;

/** A JSON value as readable text (the audit log's before/after). */
function show(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** The audit log: the bureau sees every row, an organisation's owners and admins their organisation's. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=/audit');
  if (!actor.org || actor.org.role === 'member') redirect('/org');
  const params = await searchParams;
  const raw = Object.fromEntries([...FILTERS, 'cursor'].map((k) => [k, params[k as keyof Search] ?? '']));
  const parsed = auditListInput.safeParse(raw);
  const input = parsed.success ? parsed.data : auditListInput.parse({});
  const api = await serverApi();
  const [t, format, page, facets] = await Promise.all([getTranslations('audit'), getFormatter(), api.audit.list(input), api.audit.facets()]);
  const bureau = page.scope === 'all';

  const filterQuery = new URLSearchParams(FILTERS.flatMap((k) => (input[k] ? [[k, String(input[k])] as [string, string]] : []))).toString();
  const label = (group: 'actions' | 'entities', key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  // A value from a link (or an older log) stays selectable even when it is not among the facets.
  const actions = input.action && !facets.actions.includes(input.action) ? [input.action, ...facets.actions] : facets.actions;
  const entityTypes = input.entityType && !facets.entityTypes.includes(input.entityType) ? [input.entityType, ...facets.entityTypes] : facets.entityTypes;
  const filtering = Boolean(filterQuery);

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600">{bureau ? t('leadAll') : t('leadOwn', { org: actor.org.name })}</p>
      {!parsed.success ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('badFilters')}
        </p>
      ) : null}

      <details open={filtering} className="mb-6 rounded-lg border border-gray-200 bg-white shadow-sm">
        <summary className="cursor-pointer px-4 py-3 font-medium text-gray-900">{filtering ? t('filters.active') : t('filters.title')}</summary>
      <form method="get" className="grid gap-3 border-t border-gray-200 p-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="a-action" className="block text-sm font-medium text-gray-800">
            {t('filters.action')}
          </label>
          <select id="a-action" name="action" defaultValue={input.action ?? ''} className={inputClass}>
            <option value="">{t('filters.all')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {label('actions', a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-entity" className="block text-sm font-medium text-gray-800">
            {t('filters.entityType')}
          </label>
          <select id="a-entity" name="entityType" defaultValue={input.entityType ?? ''} className={inputClass}>
            <option value="">{t('filters.all')}</option>
            {entityTypes.map((e) => (
              <option key={e} value={e}>
                {label('entities', e)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-entity-id" className="block text-sm font-medium text-gray-800">
            {t('filters.entityId')}
          </label>
          <input id="a-entity-id" name="entityId" defaultValue={input.entityId ?? ''} className={`${inputClass} font-mono text-sm`} />
        </div>
        <div>
          <label htmlFor="a-actor" className="block text-sm font-medium text-gray-800">
            {t('filters.actor')}
          </label>
          <input id="a-actor" name="actor" type="search" defaultValue={input.actor ?? ''} placeholder={t('filters.actorPlaceholder')} className={inputClass} />
        </div>
        {bureau ? (
          <div>
            <label htmlFor="a-org" className="block text-sm font-medium text-gray-800">
              {t('filters.org')}
            </label>
            <input id="a-org" name="org" type="search" defaultValue={input.org ?? ''} className={inputClass} />
          </div>
        ) : null}
        <div>
          <label htmlFor="a-from" className="block text-sm font-medium text-gray-800">
            {t('filters.from')}
          </label>
          <input id="a-from" name="from" type="date" defaultValue={input.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-to" className="block text-sm font-medium text-gray-800">
            {t('filters.to')}
          </label>
          <input id="a-to" name="to" type="date" defaultValue={input.to ?? ''} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            {t('filters.apply')}
          </button>
          <Link href="/audit" className={secondaryButtonClass}>
            {t('filters.reset')}
          </Link>
        </div>
      </form>
      </details>

      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-600">{input.cursor ? t('noMore') : t('empty')}</p>
      ) : (
        <ol className="space-y-2">
          {page.rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-gray-200 bg-white p-3 text-sm shadow-sm sm:p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <p className="font-medium text-gray-900">{label('actions', row.action)}</p>
                <time dateTime={row.at.toISOString()} className="font-mono text-xs text-gray-600">
                  {format.dateTime(row.at, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}
                </time>
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[6rem_1fr]">
                <dt className="text-gray-600">{t('row.actor')}</dt>
                <dd className="text-gray-900">
                  {row.actorName ?? t('row.system')}
                  {row.actorOrgName ? <span className="text-gray-600"> · {row.actorOrgName}</span> : null}
                  {row.ip ? <span className="ml-2 font-mono text-xs text-gray-600">{row.ip}</span> : null}
                </dd>
                <dt className="text-gray-600">{t('row.entity')}</dt>
                <dd className="break-all text-gray-900">
                  {label('entities', row.entityType)} <span className="font-mono text-xs text-gray-600">{row.entityId}</span>
                </dd>
                {row.orgName ? (
                  <>
                    <dt className="text-gray-600">{t('row.org')}</dt>
                    <dd className="text-gray-900">{row.orgName}</dd>
                  </>
                ) : null}
              </dl>
              {row.before !== null || row.after !== null ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-primary-700">{t('row.changes')}</summary>
                  <div className="mt-2 grid gap-2 sm:grid-cols-2">
                    <div>
                      <p className="text-xs text-gray-600">{t('row.before')}</p>
                      <pre className="overflow-x-auto rounded bg-gray-50 p-2 text-xs text-gray-800">{show(row.before)}</pre>
                    </div>
                    <div>
                      <p className="text-xs text-gray-600">{t('row.after')}</p>
                      <pre className="overflow-x-auto rounded bg-gray-50 p-2 text-xs text-gray-800">{show(row.after)}</pre>
                    </div>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <nav aria-label={t('pagination')} className="mt-6 flex justify-between text-sm">
        {input.cursor ? (
          <Link href={`/audit${filterQuery ? `?${filterQuery}` : ''}`} className={secondaryButtonClass}>
            {t('newest')}
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={`/audit?${new URLSearchParams([...new URLSearchParams(filterQuery), ['cursor', page.nextCursor]]).toString()}`} className={secondaryButtonClass}>
            {t('older')}
          </Link>
        ) : null}
      </nav>
    </main>
  );
}
