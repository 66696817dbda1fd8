'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import Link from 'next/link';
import { useTRPC } from '../../_lib/trpc';
import { ActError, fieldClass, useAct } from '../contracts/act-kit';
import { wan, ymd } from '../contracts/format';

interface Linked {
  id: string;
  subject: string;
  value: string;
  signedAt: Date | null;
}

/** The project's linked 技术合同; parties link one of the team's or enterprise's contracts, or unlink one. */
export function ContractLinks({ projectId, linked, manage }: { projectId: string; linked: Linked[]; manage: boolean }) {
  const t = useTranslations('landing.contracts');
  const trpc = useTRPC();
  const { problem, pending, run } = useAct();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const options = useQuery({ ...trpc.landing.linkableContracts.queryOptions({ projectId }), enabled: open });
  const link = useMutation(trpc.landing.linkContract.mutationOptions());
  const unlink = useMutation(trpc.landing.unlinkContract.mutationOptions());
  return (
    <div className="space-y-2 text-sm">
      <ActError problem={problem} />
      {linked.length === 0 ? <p className="text-gray-600">{t('empty')}</p> : null}
      <ul className="divide-y divide-gray-100">
        {linked.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2 py-2">
            <Link href={`/contracts/${c.id}`} className="min-w-0 flex-1 text-primary-700 hover:underline">
              {c.subject}
            </Link>
            <span className="text-xs text-gray-600">
              {t('value', { amount: wan(c.value) })} · {ymd(c.signedAt)}
            </span>
            {manage ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => void run(() => unlink.mutateAsync({ projectId, contractId: c.id }))}
                aria-label={t('unlinkOne', { subject: c.subject })}
                className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50"
              >
                {t('unlink')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!manage ? null : open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void run(() => link.mutateAsync({ projectId, contractId: chosen })).then((ok) => ok && setOpen(false));
          }}
          className="flex flex-wrap items-end gap-2"
        >
          <label className="block min-w-0 flex-1">
            <span className="text-gray-800">{t('choose')}</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} className={fieldClass}>
              <option value="">{options.isLoading ? t('loading') : options.data?.length ? t('pick') : t('noneToLink')}</option>
              {(options.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.subject} · {wan(c.value)} · {ymd(c.signedAt)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={pending || !chosen} className="rounded-md bg-primary-600 px-3 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60">
            {t('link')}
          </button>
          <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-800 hover:bg-gray-50">
            {t('cancel')}
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50">
          {t('add')}
        </button>
      )}
    </div>
  );
}
