'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { ActButton, ActDone, ActField, ActPanel, fieldClass, formText, useAct } from './act-kit';

/** Either party raises a dispute (optionally about one milestone); the contract waits for the bureau's ruling. */
export function RaiseDispute({ contractId, milestones }: { contractId: string; milestones: Array<{ id: string; label: string }> }) {
  const t = useTranslations('contracts.acts');
  const trpc = useTRPC();
  const { problem, pending, run, reset, fieldState } = useAct();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const raise = useMutation(trpc.contracts.raiseDispute.mutationOptions());
  return (
    <div className="space-y-2">
      <ActDone text={done} />
      {!done ? (
        <ActButton
          label={t('raiseDispute')}
          tone="danger"
          expanded={open}
          onClick={() => {
            reset();
            setOpen(!open);
          }}
        />
      ) : null}
      {open ? (
        <ActPanel
          tone="danger"
          warning={t('disputeWarning')}
          problem={problem}
          pending={pending}
          confirmLabel={t('raiseDisputeConfirm')}
          onCancel={() => setOpen(false)}
          onSubmit={(form) => {
            const milestoneId = formText(form, 'milestoneId');
            void run(() => raise.mutateAsync({ contractId, milestoneId: milestoneId || undefined, reason: formText(form, 'reason') })).then((ok) => {
              if (ok) {
                setOpen(false);
                setDone(t('done.dispute'));
              }
            });
          }}
        >
          <ActField id="dispute-milestone" label={t('disputeMilestone')} problem={fieldState.fields?.milestoneId}>
            {(a) => (
              <select {...a} name="milestoneId" defaultValue="" className={fieldClass}>
                <option value="">{t('disputeNoMilestone')}</option>
                {milestones.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
          </ActField>
          <ActField id="dispute-reason" label={t('disputeReason')} problem={fieldState.fields?.reason}>
            {(a) => <textarea {...a} name="reason" rows={4} required maxLength={2000} className={fieldClass} />}
          </ActField>
        </ActPanel>
      ) : null}
    </div>
  );
}

/**
 * The bureau rules on an open dispute: reason, the side it goes against, continue or terminate, and — for an
 * escalation (required) or a dispute about a milestone — whether that milestone is accepted.
 */
export function RuleDispute({ disputeId, escalation, aboutMilestone }: { disputeId: string; escalation: boolean; aboutMilestone: boolean }) {
  const t = useTranslations('contracts.acts');
  const td = useTranslations('contracts.dispute');
  const trpc = useTRPC();
  const { problem, pending, run, reset, fieldState } = useAct();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<'continue' | 'terminate'>('continue');
  const rule = useMutation(trpc.contracts.ruleDispute.mutationOptions());
  const radio = (name: string, value: string, label: string, checked?: boolean, onChange?: () => void) => (
    <label key={value} className="flex items-center gap-2 py-0.5">
      <input type="radio" name={name} value={value} defaultChecked={checked} onChange={onChange} required className="h-4 w-4" />
      {label}
    </label>
  );
  const error = (name: string) => {
    const p = fieldState.fields?.[name];
    return p ? <ErrorLine problem={p} /> : null;
  };
  return (
    <div className="space-y-2">
      <ActDone text={done} />
      {!done ? (
        <ActButton
          label={t('rule')}
          tone="primary"
          expanded={open}
          onClick={() => {
            reset();
            setOpen(!open);
          }}
        />
      ) : null}
      {open ? (
        <ActPanel
          tone={outcome === 'terminate' ? 'danger' : 'primary'}
          warning={outcome === 'terminate' ? t('ruleTerminateWarning') : undefined}
          problem={problem}
          pending={pending}
          confirmLabel={t('ruleConfirm')}
          onCancel={() => setOpen(false)}
          onSubmit={(form) => {
            const decision = formText(form, 'milestoneDecision');
            void run(() =>
              rule.mutateAsync({
                disputeId,
                reason: formText(form, 'reason'),
                against: formText(form, 'against') as 'client' | 'provider' | 'neither',
                outcome,
                milestoneDecision: decision === 'accept' || decision === 'reject' ? decision : undefined,
              }),
            ).then((ok) => {
              if (ok) {
                setOpen(false);
                setDone(t('done.rule'));
              }
            });
          }}
        >
          <ActField id={`rule-reason-${disputeId}`} label={t('ruleReason')} problem={fieldState.fields?.reason}>
            {(a) => <textarea {...a} name="reason" rows={4} required maxLength={2000} className={fieldClass} />}
          </ActField>
          <fieldset>
            <legend className="font-medium text-gray-800">{t('ruleAgainst')}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4">{(['client', 'provider', 'neither'] as const).map((v) => radio('against', v, td(`against.${v}`), v === 'neither'))}</div>
            {error('against')}
          </fieldset>
          <fieldset>
            <legend className="font-medium text-gray-800">{t('ruleOutcome')}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4">
              {(['continue', 'terminate'] as const).map((v) => radio('outcome', v, td(`outcome.${v}`), v === 'continue', () => setOutcome(v)))}
            </div>
          </fieldset>
          {escalation || aboutMilestone ? (
            <fieldset aria-describedby={escalation ? `rule-ms-hint-${disputeId}` : undefined}>
              <legend className="font-medium text-gray-800">{t('ruleMilestone')}</legend>
              <div className="mt-1 flex flex-wrap gap-x-4">
                {(['accept', 'reject'] as const).map((v) => radio('milestoneDecision', v, td(`milestoneDecision.${v}`), escalation && v === 'accept'))}
                {!escalation ? radio('milestoneDecision', '', t('ruleMilestoneNone'), true) : null}
              </div>
              {escalation ? (
                <p id={`rule-ms-hint-${disputeId}`} className="mt-1 text-xs text-gray-600">
                  {t('ruleMilestoneRequired')}
                </p>
              ) : null}
              {error('milestoneDecision')}
            </fieldset>
          ) : null}
        </ActPanel>
      ) : null}
    </div>
  );
}

function ErrorLine({ problem }: { problem: { key: string; params?: Record<string, string | number> } }) {
  const t = useTranslations('errors');
  return <p className="mt-1 text-sm text-red-700">{t(problem.key, problem.params)}</p>;
}

/**
 * 赛马制 stage gate for the need's owner: tick the team(s) to keep; the confirm panel names the contracts that will
 * close (stage_closed — a normal end) and those kept, before anything happens.
 */
export function StageGate({ needId, teams }: { needId: string; teams: Array<{ contractId: string; name: string; keepable: boolean; closable: boolean }> }) {
  const t = useTranslations('contracts.acts');
  const trpc = useTRPC();
  const { problem, pending, run, reset, fieldState } = useAct();
  const [keep, setKeep] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const pass = useMutation(trpc.contracts.passStageGate.mutationOptions());
  const closing = teams.filter((c) => c.closable && !keep.includes(c.contractId));
  const kept = teams.filter((c) => keep.includes(c.contractId));
  const local = keep.length === 0 ? t('stageGatePickOne') : closing.length === 0 ? t('stageGateNothing') : null;
  if (done) return <ActDone text={done} />;
  return (
    <div className="space-y-3 text-sm">
      <fieldset>
        <legend className="font-medium text-gray-800">{t('stageGateKeep')}</legend>
        <div className="mt-1 space-y-1">
          {teams.map((c) => (
            <label key={c.contractId} className="flex items-center gap-2">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={keep.includes(c.contractId)}
                disabled={!c.keepable}
                onChange={(e) => {
                  setConfirming(false);
                  setKeep(e.currentTarget.checked ? [...keep, c.contractId] : keep.filter((k) => k !== c.contractId));
                }}
              />
              {c.name}
            </label>
          ))}
        </div>
        {fieldState.fields?.keep ? <ErrorLine problem={fieldState.fields.keep} /> : null}
      </fieldset>
      <ActField id={`gate-note-${needId}`} label={t('stageGateNote')} problem={fieldState.fields?.note}>
        {(a) => <textarea {...a} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={2} maxLength={2000} className={fieldClass} />}
      </ActField>
      {!confirming ? (
        <div className="space-y-1">
          <ActButton
            label={t('stageGate')}
            tone="primary"
            expanded={false}
            onClick={() => {
              reset();
              if (!local) setConfirming(true);
            }}
          />
          {local ? <p className="text-gray-700">{local}</p> : null}
        </div>
      ) : (
        <ActPanel
          tone="danger"
          warning={t('stageGateWarning', { closing: closing.map((c) => c.name).join('、'), keeping: kept.map((c) => c.name).join('、') })}
          problem={problem}
          pending={pending}
          confirmLabel={t('stageGateConfirm')}
          onCancel={() => setConfirming(false)}
          onSubmit={() =>
            void run(() => pass.mutateAsync({ needId, keep, note: note.trim() || undefined })).then((ok) => {
              if (ok) setDone(t('done.stageGate'));
            })
          }
        />
      )}
    </div>
  );
}
