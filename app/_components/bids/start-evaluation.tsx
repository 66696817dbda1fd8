'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import { problemsOf, type Problems } from './problems';
import { buttonClass } from './styles';

/** closed → evaluating, without waiting for a reviewer's first score. */
export function StartEvaluationButton({ needId }: { needId: string }) {
  const t = useTranslations('bids.owner');
  const router = useRouter();
  const trpc = useTRPC();
  const start = useMutation(trpc.reviews.startEvaluation.mutationOptions());
  const [answer, setAnswer] = useState<Problems | 'ok' | null>(null);
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={start.isPending}
        className={buttonClass}
        onClick={async () => {
          try {
            await start.mutateAsync({ needId });
            setAnswer('ok');
            router.refresh();
          } catch (e) {
            setAnswer(problemsOf(e));
          }
        }}
      >
        {t('startEvaluation')}
      </button>
      {answer === 'ok' ? <FormMessage success={t('evaluationStarted')} /> : answer ? <FormMessage problem={answer.error} /> : null}
    </div>
  );
}
