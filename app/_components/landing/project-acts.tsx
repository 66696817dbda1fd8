'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { ActButton, ActDone, ActPanel, fieldClass, formText, useAct } from '../contracts/act-kit';

type Steer = 'pause' | 'resume' | 'exit';

/** Pause, resume or exit a project (incubator or bureau), each with a reason the timeline keeps. */
export function SteerActs({ projectId, can }: { projectId: string; can: Record<Steer, boolean> }) {
  const t = useTranslations('landing.steer');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const { problem, pending, run, reset } = useAct();
  const [open, setOpen] = useState<Steer | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const calls = {
    pause: useMutation(trpc.landing.pause.mutationOptions()),
    resume: useMutation(trpc.landing.resume.mutationOptions()),
    exit: useMutation(trpc.landing.exit.mutationOptions()),
  };
  const acts = (['pause', 'resume', 'exit'] as const).filter((a) => can[a]);
  if (acts.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      <ActDone text={done} />
      {acts.map((a) => (
        <ActButton
          key={a}
          label={t(a)}
          tone={a === 'exit' ? 'danger' : 'secondary'}
          expanded={open === a}
          onClick={() => {
            reset();
            setDone(null);
            setOpen(open === a ? null : a);
          }}
        />
      ))}
      {open ? (
        <ActPanel
          tone={open === 'exit' ? 'danger' : 'primary'}
          warning={t(`${open}Warning`)}
          problem={problem}
          pending={pending}
          confirmLabel={t(`${open}Confirm`)}
          onCancel={() => setOpen(null)}
          onSubmit={(form) =>
            void run(() => calls[open].mutateAsync({ projectId, reason: formText(form, 'reason') })).then((ok) => {
              if (ok) {
                setDone(t(`done.${open}`));
                setOpen(null);
              }
            })
          }
        >
          <label className="block">
            <span className="text-gray-800">{t('reason')}</span>
            <textarea name="reason" rows={2} maxLength={2000} aria-invalid={!!problem?.fields.reason} className={fieldClass} />
          </label>
          {problem?.fields.reason ? <p className="text-sm text-red-700">{te(problem.fields.reason.key, problem.fields.reason.params)}</p> : null}
        </ActPanel>
      ) : null}
    </div>
  );
}
