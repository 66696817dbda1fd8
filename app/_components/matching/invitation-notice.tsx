'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { problemsOf } from '../bids/problems';
import { secondaryButtonClass } from '../bids/styles';

/**
 * A research team invited to bid on this need (邀请投标): when it was invited and how it answered. Bidding
 * answers the invitation; a manager may instead decline it here. How fast the team answers counts in its
 * credit (responsiveness), so the notice says so.
 */
export function InvitationNotice({
  needId,
  invitedOn,
  answer,
  canDecline,
}: {
  needId: string;
  invitedOn: string;
  answer: 'bid' | 'declined' | null;
  canDecline: boolean;
}) {
  const t = useTranslations('matching.invitation');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const trpc = useTRPC();
  const decline = useMutation(trpc.matching.decline.mutationOptions());
  const [problem, setProblem] = useState<Problem | undefined>();
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="need-invitation" className="space-y-2 rounded-lg border border-primary-100 bg-primary-50 p-4 text-sm text-gray-900">
      <h2 id="need-invitation" className="font-semibold">
        {t('title')}
      </h2>
      <p>{t('invitedOn', { date: invitedOn })}</p>
      {answer ? (
        <p className="font-medium">{t(`answered.${answer}`)}</p>
      ) : (
        <>
          <p className="text-gray-700">{t('hint')}</p>
          <FormMessage problem={problem} />
          {canDecline ? (
            confirming ? (
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={decline.isPending}
                  onClick={async () => {
                    setProblem(undefined);
                    try {
                      await decline.mutateAsync({ needId });
                      router.refresh();
                    } catch (e) {
                      const p = problemsOf(e).error;
                      setProblem(p && tErrors.has(p.key) ? p : { key: 'internal' });
                    }
                  }}
                >
                  {decline.isPending ? t('declining') : t('confirmDecline')}
                </button>
                <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)} disabled={decline.isPending}>
                  {t('keep')}
                </button>
              </div>
            ) : (
              <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(true)}>
                {t('decline')}
              </button>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
