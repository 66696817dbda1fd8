'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTRPC } from '../../_lib/trpc';
import { ConfirmMutation } from '../bids/confirm-mutation';

/**
 * A research team invited to bid on this need (邀请投标): when it was invited and how it answered. Bidding
 * answers the invitation; a manager may instead decline it here. How fast the team answers counts in its
 * credit (responsiveness), so the notice says so.
 */
export function InvitationNotice({ needId, invitedOn, answer, canDecline }: { needId: string; invitedOn: string; answer: 'bid' | 'declined' | null; canDecline: boolean }) {
  const t = useTranslations('matching.invitation');
  const router = useRouter();
  const trpc = useTRPC();
  const decline = useMutation(trpc.matching.decline.mutationOptions());
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
          {canDecline ? (
            <ConfirmMutation
              label={t('decline')}
              warning={t('declineWarning')}
              confirmLabel={t('confirmDecline')}
              cancelLabel={t('keep')}
              done={t('answered.declined')}
              run={async () => {
                await decline.mutateAsync({ needId });
                router.refresh();
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
