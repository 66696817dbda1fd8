'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTRPC } from '../../_lib/trpc';
import { ConfirmMutation } from './confirm-mutation';

/** 撤销邀请, behind a confirmation that says the reviewer's scores stop counting. */
export function RevokeReviewer({ invitationId, name }: { invitationId: string; name: string }) {
  const t = useTranslations('bids');
  const router = useRouter();
  const trpc = useTRPC();
  const revoke = useMutation(trpc.reviews.revoke.mutationOptions());
  return (
    <ConfirmMutation
      label={t('reviewers.revoke')}
      warning={t('reviewers.revokeWarning', { name })}
      confirmLabel={t('reviewers.revokeConfirm')}
      cancelLabel={t('form.cancel')}
      done={t('reviewers.revokedDone', { name })}
      run={async () => {
        await revoke.mutateAsync({ invitationId });
        router.refresh();
      }}
    />
  );
}
