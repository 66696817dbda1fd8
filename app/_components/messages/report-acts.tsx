'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTRPC } from '../../_lib/trpc';
import { problemOf } from '../contracts/problem';

/** The bureau's two answers to a 举报: keep the message (dismiss) or take it down. */
export function ReportActs({ reportId }: { reportId: string }) {
  const t = useTranslations('chat.reports');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const router = useRouter();
  const resolve = useMutation(trpc.messages.resolveReport.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ reportId, remove: true })}
        className="rounded-md bg-red-700 px-3 py-1.5 text-sm text-white hover:bg-red-800 disabled:bg-gray-300"
      >
        {t('remove')}
      </button>
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ reportId, remove: false })}
        className="rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 disabled:text-gray-400"
      >
        {t('dismiss')}
      </button>
      {resolve.error && (
        <p role="alert" className="text-sm text-red-700">
          {te(problemOf(resolve.error).error.key)}
        </p>
      )}
    </div>
  );
}
