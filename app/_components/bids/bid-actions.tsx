'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTRPC } from '../../_lib/trpc';
import { ConfirmMutation } from './confirm-mutation';

/** 撤回方案 / 放弃草稿, each behind a confirmation that says what happens. */
export function BidActions({ bidId, withdraw, discard }: { bidId: string; withdraw: boolean; discard: boolean }) {
  const t = useTranslations('bids');
  const router = useRouter();
  const trpc = useTRPC();
  const withdrawBid = useMutation(trpc.bids.withdraw.mutationOptions());
  const discardDraft = useMutation(trpc.bids.discardDraft.mutationOptions());
  return (
    <div className="flex flex-wrap gap-3">
      {withdraw ? (
        <ConfirmMutation
          label={t('events.withdraw')}
          warning={t('confirm.withdraw')}
          confirmLabel={t('form.withdrawConfirm')}
          cancelLabel={t('form.cancel')}
          done={t('form.withdrawn')}
          run={async () => {
            await withdrawBid.mutateAsync({ bidId });
            router.refresh();
          }}
        />
      ) : null}
      {discard ? (
        <ConfirmMutation
          label={t('events.discard')}
          warning={t('confirm.discard')}
          confirmLabel={t('form.discardConfirm')}
          cancelLabel={t('form.cancel')}
          done={t('form.discarded')}
          run={async () => {
            await discardDraft.mutateAsync({ bidId });
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
