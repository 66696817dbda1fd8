'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FieldError, FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import { NO_PROBLEMS, problemsOf, type Problems } from './problems';
import { buttonClass, inputClass } from './styles';

/** The owner invites a platform user to review, by the email of their account. */
export function InviteReviewerForm({ needId }: { needId: string }) {
  const t = useTranslations('bids.reviewers');
  const router = useRouter();
  const trpc = useTRPC();
  const invite = useMutation(trpc.reviews.invite.mutationOptions());
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [success, setSuccess] = useState<string | undefined>();
  const problem = problems.fields.email ?? problems.fields.userId;
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblems(NO_PROBLEMS);
        setSuccess(undefined);
        try {
          const res = await invite.mutateAsync({ needId, email });
          setSuccess(t('invited', { name: res.reviewer.name }));
          setEmail('');
          router.refresh();
        } catch (err) {
          setProblems(problemsOf(err));
        }
      }}
    >
      <label htmlFor="rv-email" className="block text-sm font-medium text-gray-800">
        {t('email')}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-stretch">
        <input
          id="rv-email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'rv-email-error' : undefined}
          className={`${inputClass} sm:max-w-sm`}
        />
        <button type="submit" disabled={invite.isPending} className={`${buttonClass} sm:mt-1`}>
          {invite.isPending ? t('working') : t('invite')}
        </button>
      </div>
      <FieldError id="rv-email-error" problem={problem} />
      <FormMessage problem={problem ? undefined : problems.error} success={success} />
    </form>
  );
}
