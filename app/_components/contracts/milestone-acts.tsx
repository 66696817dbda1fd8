'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { MilestoneEvent } from '@/server/contracts/states';
import { useTRPC } from '../../_lib/trpc';
import { ActButton, ActDone, ActField, ActPanel, fieldClass, formText, useAct } from './act-kit';
import { FileUploads, useUploads } from '../files/uploads';
import { todayYmd, wan } from './format';

type Act = Extract<MilestoneEvent, 'submit' | 'accept' | 'reject' | 'pay' | 'escalate'>;
const ORDER: Act[] = ['submit', 'accept', 'reject', 'pay', 'escalate'];

/**
 * The acts the viewer may do on one milestone now (the server decides which: `acts` of contracts.get), each
 * behind a button that opens its form: team — submit (note + files); client — accept (confirm), reject (reason),
 * record payment (date, amount); team after 14 unanswered days — escalate (reason).
 */
export function MilestoneActs({ milestoneId, acts, amount, resubmit }: { milestoneId: string; acts: readonly string[]; amount: string; resubmit: boolean }) {
  const t = useTranslations('contracts.acts');
  const trpc = useTRPC();
  const tc = useTranslations('contracts');
  const { problem, pending, run, reset, fieldState } = useAct();
  const [open, setOpen] = useState<Act | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const uploads = useUploads();
  const submit = useMutation(trpc.contracts.submitDelivery.mutationOptions());
  const accept = useMutation(trpc.contracts.acceptMilestone.mutationOptions());
  const reject = useMutation(trpc.contracts.rejectMilestone.mutationOptions());
  const pay = useMutation(trpc.contracts.recordPayment.mutationOptions());
  const escalate = useMutation(trpc.contracts.escalateMilestone.mutationOptions());
  const due = tc('amount', { amount: wan(amount) });
  const money = t('payAmountHint', { amount: due });

  const available = ORDER.filter((a) => acts.includes(a));
  const finish = (act: Act) => async (ok: boolean) => {
    if (!ok) return;
    setOpen(null);
    setDone(t(`done.${act}`));
  };
  const field = (name: string) => fieldState.fields?.[name];
  const id = (name: string) => `${name}-${milestoneId}`;
  const str = formText;

  if (available.length === 0) return <ActDone text={done} />;
  return (
    <div className="space-y-2">
      <ActDone text={done} />
      <div className="flex flex-wrap gap-2">
        {available.map((act) => (
          <ActButton
            key={act}
            expanded={open === act}
            tone={act === 'reject' || act === 'escalate' ? 'danger' : act === 'submit' || act === 'accept' || act === 'pay' ? 'primary' : 'secondary'}
            label={act === 'submit' && resubmit ? t('resubmit') : t(act)}
            onClick={() => {
              setDone(null);
              reset();
              setOpen(open === act ? null : act);
            }}
          />
        ))}
      </div>

      {open === 'submit' ? (
        <ActPanel
          tone="primary"
          problem={problem}
          pending={pending || uploads.busy}
          confirmLabel={uploads.busy ? t('waitUploads') : t('submitConfirm')}
          onCancel={() => setOpen(null)}
          onSubmit={(form) => void run(() => submit.mutateAsync({ milestoneId, note: str(form, 'note'), attachmentIds: uploads.files.map((f) => f.id) })).then(finish('submit'))}
        >
          <ActField id={id('note')} label={t('note')} hint={t('noteHint')} problem={field('note')}>
            {(a) => <textarea {...a} name="note" rows={4} required maxLength={5000} className={fieldClass} />}
          </ActField>
          <FileUploads id={id('files')} state={uploads} label={t('files')} hint={t('filesHint')} />
        </ActPanel>
      ) : null}

      {open === 'accept' ? (
        <ActPanel
          tone="primary"
          warning={t('acceptWarning', { amount: due })}
          problem={problem}
          pending={pending}
          confirmLabel={t('acceptConfirm')}
          onCancel={() => setOpen(null)}
          onSubmit={() => void run(() => accept.mutateAsync({ milestoneId })).then(finish('accept'))}
        />
      ) : null}

      {open === 'reject' ? (
        <ActPanel
          tone="danger"
          warning={t('rejectWarning')}
          problem={problem}
          pending={pending}
          confirmLabel={t('rejectConfirm')}
          onCancel={() => setOpen(null)}
          onSubmit={(form) => void run(() => reject.mutateAsync({ milestoneId, reason: str(form, 'reason') })).then(finish('reject'))}
        >
          <ActField id={id('reason')} label={t('rejectReason')} problem={field('reason')}>
            {(a) => <textarea {...a} name="reason" rows={3} required maxLength={2000} className={fieldClass} />}
          </ActField>
        </ActPanel>
      ) : null}

      {open === 'pay' ? (
        <ActPanel
          tone="primary"
          problem={problem}
          pending={pending}
          confirmLabel={t('payConfirm')}
          onCancel={() => setOpen(null)}
          onSubmit={(form) =>
            void run(() =>
              pay.mutateAsync({
                milestoneId,
                paidOn: str(form, 'paidOn'),
                amount: Number(str(form, 'amount')),
                reference: str(form, 'reference').trim() || undefined,
              }),
            ).then(finish('pay'))
          }
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <ActField id={id('paidOn')} label={t('payDate')} problem={field('paidOn')}>
              {(a) => <input {...a} name="paidOn" type="date" required defaultValue={todayYmd()} max={todayYmd()} className={fieldClass} />}
            </ActField>
            <ActField id={id('amount')} label={t('payAmount')} hint={money} problem={field('amount')}>
              {(a) => <input {...a} name="amount" type="number" inputMode="decimal" step="0.01" min="0.01" required defaultValue={Number(amount).toFixed(2)} className={fieldClass} />}
            </ActField>
          </div>
          <ActField id={id('reference')} label={t('payReference')} problem={field('reference')}>
            {(a) => <input {...a} name="reference" type="text" maxLength={100} className={fieldClass} />}
          </ActField>
        </ActPanel>
      ) : null}

      {open === 'escalate' ? (
        <ActPanel
          tone="danger"
          warning={t('escalateWarning')}
          problem={problem}
          pending={pending}
          confirmLabel={t('escalateConfirm')}
          onCancel={() => setOpen(null)}
          onSubmit={(form) => void run(() => escalate.mutateAsync({ milestoneId, reason: str(form, 'reason') })).then(finish('escalate'))}
        >
          <ActField id={id('esc-reason')} label={t('escalateReason')} problem={field('reason')}>
            {(a) => <textarea {...a} name="reason" rows={3} required maxLength={2000} className={fieldClass} />}
          </ActField>
        </ActPanel>
      ) : null}
    </div>
  );
}
