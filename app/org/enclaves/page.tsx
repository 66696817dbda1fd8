import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../../_lib/api';
import { ConfirmAction } from '../_components/confirm';
import { ActionNotice } from '../_components/notice';
import { deleteEnclaveAction } from '../actions';
import { EnclaveForm } from './enclave-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('org.enclaves'))('title') };
}

/** 科创飞地 the incubator runs; owners and admins manage them, members see the list. */
export default async function EnclavesPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await currentActor();
  if (actor?.org?.kind !== 'incubator') redirect('/org');
  const api = await serverApi();
  const manager = actor.org.role !== 'member';
  const [t, params] = await Promise.all([getTranslations('org.enclaves'), searchParams]);
  const list = manager
    ? await api.orgs.enclaves.list()
    : (await api.orgs.publicProfile({ id: actor.org.id })).enclaves.map((e) => ({ ...e, address: null, capacity: null }));

  return (
    <div className="space-y-6">
      <ActionNotice ok={params.ok} error={params.error} />
      {manager ? (
        <section aria-labelledby="new-enclave" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="new-enclave" className="text-lg font-semibold text-gray-900">
            {t('add')}
          </h2>
          <p className="mt-1 mb-4 text-sm text-gray-600">{t('lead')}</p>
          <EnclaveForm />
        </section>
      ) : null}
      <section aria-labelledby="enclave-list">
        <h2 id="enclave-list" className="mb-3 text-lg font-semibold text-gray-900">
          {t('listTitle', { count: list.length })}
        </h2>
        {list.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-600">{manager ? t('empty') : t('emptyMember')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {list.map((e) => (
              <li key={e.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <h3 className="font-medium text-gray-900">{e.name}</h3>
                    <p className="text-sm text-gray-700">{e.city}</p>
                    {e.address ? <p className="text-sm text-gray-600">{e.address}</p> : null}
                    {e.capacity !== null ? <p className="text-sm text-gray-600">{t('capacityLine', { count: e.capacity })}</p> : null}
                  </div>
                  {manager ? (
                    <ConfirmAction
                      label={t('delete')}
                      warning={t('deleteWarning', { name: e.name })}
                      confirmLabel={t('deleteConfirm')}
                      action={deleteEnclaveAction}
                      hidden={{ id: e.id }}
                    />
                  ) : null}
                </div>
                {manager ? (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm text-primary-700">{t('edit')}</summary>
                    <div className="mt-3">
                      <EnclaveForm initial={{ id: e.id, name: e.name, city: e.city, address: e.address ?? '', capacity: e.capacity === null ? '' : String(e.capacity) }} />
                    </div>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
