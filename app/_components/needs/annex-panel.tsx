'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { Markdown } from '../markdown/markdown';
import { fileSize } from '../bids/format';
import { problemsOf } from '../bids/problems';
import { buttonClass, secondaryButtonClass } from '../bids/styles';

interface AnnexFile {
  id: string;
  name: string;
  size: number;
}

/**
 * The confidential annex for a reader who is not the owner: the NDA to read and accept (a verified team,
 * while the need takes bids), then a button that opens the annex — each opening is logged server-side, so
 * it is never fetched before the reader asks for it.
 */
export function AnnexPanel(props: {
  needId: string;
  ndaText: string;
  ndaAccepted: boolean;
  canOpen: boolean;
  /** A verified research team may accept the NDA; null says why not (a message key under needs.annexPanel). */
  acceptBlocked: 'signIn' | 'onlyTeams' | 'pendingTeam' | 'managersOnly' | 'notAccepting' | null;
}) {
  const t = useTranslations('needs.annexPanel');
  const tErrors = useTranslations('errors');
  const trpc = useTRPC();
  const accept = useMutation(trpc.needs.acceptNda.mutationOptions());
  const open = useMutation(trpc.needs.openAnnex.mutationOptions());
  const [accepted, setAccepted] = useState(props.ndaAccepted);
  const [canOpen, setCanOpen] = useState(props.canOpen);
  const [annex, setAnnex] = useState<{ text: string; files: AnnexFile[] } | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();

  const fail = (e: unknown) => {
    const p = problemsOf(e).error;
    setProblem(p && tErrors.has(p.key) ? p : { key: 'internal' });
  };

  if (annex) {
    return (
      <div className="space-y-3">
        {annex.text ? <Markdown source={annex.text} /> : <p className="text-sm text-gray-700">{t('empty')}</p>}
        <h3 className="text-sm font-semibold text-gray-900">{t('files')}</h3>
        {annex.files.length === 0 ? (
          <p className="text-sm text-gray-700">{t('noFiles')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {annex.files.map((f) => (
              <li key={f.id}>
                <a href={`/api/files/${f.id}`} className="text-primary-700 underline">
                  {f.name}
                </a>{' '}
                <span className="text-gray-600">{fileSize(f.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <FormMessage problem={problem} />
      {!canOpen ? (
        <>
          <p className="text-sm text-gray-700">{t('ndaLead')}</p>
          {props.ndaText ? (
            <div className="max-h-64 overflow-y-auto rounded-md border border-gray-200 bg-gray-50 p-3 text-sm" tabIndex={0} aria-label={t('ndaTitle')}>
              <h3 className="mb-1 font-semibold text-gray-900">{t('ndaTitle')}</h3>
              <p className="whitespace-pre-wrap leading-relaxed text-gray-800">{props.ndaText}</p>
            </div>
          ) : null}
          {props.acceptBlocked ? (
            <p className="text-sm text-amber-900">{t(props.acceptBlocked)}</p>
          ) : (
            <button
              type="button"
              className={buttonClass}
              disabled={accept.isPending}
              onClick={async () => {
                setProblem(undefined);
                try {
                  await accept.mutateAsync({ id: props.needId });
                  setAccepted(true);
                  setCanOpen(true);
                } catch (e) {
                  fail(e);
                }
              }}
            >
              {accept.isPending ? t('accepting') : t('accept')}
            </button>
          )}
        </>
      ) : (
        <>
          {accepted ? (
            <p role="status" className="text-sm text-green-800">
              <span aria-hidden="true">✓ </span>
              {t('acceptedAt')}
            </p>
          ) : null}
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={open.isPending}
            onClick={async () => {
              setProblem(undefined);
              try {
                const got = await open.mutateAsync({ id: props.needId });
                setAnnex({ text: got.annexText, files: got.attachments.map((a) => ({ id: a.id, name: a.name, size: a.size })) });
              } catch (e) {
                fail(e);
              }
            }}
          >
            {open.isPending ? t('opening') : t('open')}
          </button>
        </>
      )}
    </div>
  );
}
