'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { ConfirmMutation } from '../bids/confirm-mutation';
import { problemsOf } from '../bids/problems';
import { buttonClass, dangerButtonClass, inputClass, secondaryButtonClass } from '../bids/styles';

/**
 * The owner's acts on a need, as the state machine offers them (`events` from needs.get): 发布 (a verified
 * organisation), 提前截止 (`open` mode) and 取消 with a reason, both destructive acts behind a confirmation.
 */
export function NeedOwnerActions({ needId, events, verified }: { needId: string; events: string[]; verified: boolean }) {
  const t = useTranslations('needs.detail');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const trpc = useTRPC();
  const publish = useMutation(trpc.needs.publish.mutationOptions());
  const close = useMutation(trpc.needs.close.mutationOptions());
  const cancel = useMutation(trpc.needs.cancel.mutationOptions());
  const [problem, setProblem] = useState<Problem | undefined>();
  const [published, setPublished] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [cancelled, setCancelled] = useState(false);

  const fail = (e: unknown) => {
    const p = problemsOf(e);
    const first = Object.values(p.fields)[0] ?? p.error;
    setProblem(first && tErrors.has(first.key) ? first : { key: 'internal' });
  };

  return (
    <div className="space-y-3">
      <FormMessage problem={problem} success={published ? t('published') : cancelled ? t('cancelled') : undefined} />
      {events.includes('publish') && !published ? (
        verified ? (
          <button
            type="button"
            className={buttonClass}
            disabled={publish.isPending}
            onClick={async () => {
              setProblem(undefined);
              try {
                await publish.mutateAsync({ id: needId });
                setPublished(true);
                router.refresh();
              } catch (e) {
                fail(e);
              }
            }}
          >
            {publish.isPending ? t('publishing') : t('publish')}
          </button>
        ) : (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('pendingOrg')}</p>
        )
      ) : null}
      {events.includes('close') ? (
        <ConfirmMutation
          label={t('closeEarly')}
          warning={t('closeWarning')}
          confirmLabel={t('closeConfirm')}
          cancelLabel={t('keep')}
          done={t('closed')}
          run={async () => {
            await close.mutateAsync({ id: needId });
            router.refresh();
          }}
        />
      ) : null}
      {events.includes('cancel') && !cancelled ? (
        !cancelOpen ? (
          <button type="button" className={dangerButtonClass} onClick={() => setCancelOpen(true)}>
            {t('cancel')}
          </button>
        ) : (
          <form
            className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
            onSubmit={async (e) => {
              e.preventDefault();
              setProblem(undefined);
              try {
                await cancel.mutateAsync({ id: needId, reason });
                setCancelled(true);
                setCancelOpen(false);
                router.refresh();
              } catch (err) {
                fail(err);
              }
            }}
          >
            <p className="text-red-900">{t('cancelWarning')}</p>
            <label htmlFor="cancel-reason" className="block text-gray-900">
              {t('cancelReason')}
            </label>
            <textarea id="cancel-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
            <div className="flex flex-wrap gap-2">
              <button type="submit" disabled={cancel.isPending} className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60">
                {t('cancelConfirm')}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setCancelOpen(false)}>
                {t('keep')}
              </button>
            </div>
          </form>
        )
      ) : null}
    </div>
  );
}
