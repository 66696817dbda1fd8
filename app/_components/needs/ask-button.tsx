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

/** 答疑: opens (or reuses) the team's private Q&A conversation with the need's owner on the messages page. */
export function AskOwnerButton({ needId }: { needId: string }) {
  const t = useTranslations('needs.detail');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const trpc = useTRPC();
  const ask = useMutation(trpc.messages.askAboutNeed.mutationOptions());
  const [problem, setProblem] = useState<Problem | undefined>();
  return (
    <div className="space-y-2">
      <FormMessage problem={problem} />
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={ask.isPending}
        onClick={async () => {
          setProblem(undefined);
          try {
            const { id } = await ask.mutateAsync({ needId });
            router.push(`/messages?c=${id}`);
          } catch (e) {
            const p = problemsOf(e).error;
            setProblem(p && tErrors.has(p.key) ? p : { key: 'internal' });
          }
        }}
      >
        {ask.isPending ? t('asking') : t('ask')}
      </button>
    </div>
  );
}
