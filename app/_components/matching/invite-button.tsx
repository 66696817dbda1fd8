'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { problemsOf } from '../bids/problems';
import { buttonClass, inputClass, secondaryButtonClass } from '../bids/styles';

/**
 * 邀请投标 for one matched team: opens a short form with an optional message (sent to the team in a
 * conversation); the team's managers are notified either way. Once invited, the button says so.
 */
export function InviteButton({ needId, teamOrgId, teamName, invited }: { needId: string; teamOrgId: string; teamName: string; invited: boolean }) {
  const t = useTranslations('matching');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const trpc = useTRPC();
  const invite = useMutation(trpc.matching.invite.mutationOptions());
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sent, setSent] = useState(false);
  const id = useId();

  if (invited || sent) {
    return (
      <div className="space-y-2">
        {sent ? <FormMessage success={t('inviteSent')} /> : null}
        <span className="inline-flex rounded-md bg-green-50 px-2.5 py-1 text-sm text-green-800">{t('invited')}</span>
      </div>
    );
  }
  if (!open) {
    return (
      <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)} aria-label={t('inviteTeam', { name: teamName })}>
        {t('invite')}
      </button>
    );
  }
  return (
    <form
      className="w-full space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(undefined);
        try {
          await invite.mutateAsync({ needId, teamOrgId, message });
          setSent(true);
          router.refresh();
        } catch (err) {
          const p = problemsOf(err).error;
          setProblem(p && tErrors.has(p.key) ? p : { key: 'internal' });
        }
      }}
    >
      <FormMessage problem={problem} />
      <label htmlFor={id} className="block text-sm text-gray-800">
        {t('inviteMessage')}
      </label>
      <textarea id={id} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={2000} rows={3} placeholder={t('invitePlaceholder')} className={inputClass} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass} disabled={invite.isPending}>
          {invite.isPending ? t('inviting') : t('sendInvite')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)} disabled={invite.isPending}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
