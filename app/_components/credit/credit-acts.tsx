'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { QUALIFICATION_NAMES } from '@/server/credit/inputs';
import { ActButton, ActDone, ActField, ActPanel, fieldClass, formText, useAct } from '../contracts/act-kit';
import { useTRPC } from '../../_lib/trpc';

/**
 * The credit acts a page offers: an organisation appeals one of its records; anyone signed in reports misconduct;
 * the bureau records misconduct, verifies qualifications, rules on appeals and closes reports. Each opens a panel,
 * answers inline and refreshes the server-rendered report.
 */

function useToggle() {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return { open, setOpen, done, setDone };
}

/** Button + panel + success line, the shape every act here shares. */
function Act(props: {
  label: string;
  tone: 'primary' | 'secondary' | 'danger';
  panelTone: 'primary' | 'danger';
  warning?: string;
  confirmLabel: string;
  act: ReturnType<typeof useAct>;
  toggle: ReturnType<typeof useToggle>;
  onSubmit: (form: FormData) => void;
  children: ReactNode;
  /** Keep the button after success (the bureau may act again). */
  repeatable?: boolean;
}) {
  const { open, setOpen, done } = props.toggle;
  return (
    <div className="space-y-2">
      <ActDone text={done} />
      {!done || props.repeatable ? (
        <ActButton
          label={props.label}
          tone={props.tone}
          expanded={open}
          onClick={() => {
            props.act.reset();
            setOpen(!open);
          }}
        />
      ) : null}
      {open ? (
        <ActPanel
          tone={props.panelTone}
          warning={props.warning}
          problem={props.act.problem}
          pending={props.act.pending}
          confirmLabel={props.confirmLabel}
          onCancel={() => setOpen(false)}
          onSubmit={props.onSubmit}
        >
          {props.children}
        </ActPanel>
      ) : null}
    </div>
  );
}

/** The organisation appeals one of its own ledger records (信用修复). */
export function AppealEvent({ seq }: { seq: number }) {
  const t = useTranslations('credit.appeal');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const file = useMutation(trpc.credit.fileAppeal.mutationOptions());
  return (
    <Act
      label={t('action')}
      tone="secondary"
      panelTone="primary"
      warning={t('title', { seq })}
      confirmLabel={t('submit')}
      act={act}
      toggle={toggle}
      onSubmit={(form) => {
        void act.run(() => file.mutateAsync({ eventSeq: seq, reason: formText(form, 'reason') })).then((ok) => {
          if (ok) {
            toggle.setOpen(false);
            toggle.setDone(t('submitted'));
          }
        });
      }}
    >
      <ActField id={`appeal-${seq}`} label={t('reason')} hint={t('reasonHint')} problem={act.fieldState.fields?.reason}>
        {(a) => <textarea {...a} name="reason" rows={4} required minLength={10} maxLength={2000} className={fieldClass} />}
      </ActField>
    </Act>
  );
}

/** 举报: anyone signed in reports suspected misconduct; only the bureau will see who. */
export function ReportMisconduct({ orgId, orgName }: { orgId: string; orgName: string }) {
  const t = useTranslations('credit.report');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const report = useMutation(trpc.credit.reportMisconduct.mutationOptions());
  return (
    <Act
      label={t('action')}
      tone="secondary"
      panelTone="primary"
      warning={`${t('title', { name: orgName })}。${t('privacy')}`}
      confirmLabel={t('submit')}
      act={act}
      toggle={toggle}
      onSubmit={(form) => {
        void act.run(() => report.mutateAsync({ orgId, description: formText(form, 'description'), evidence: formText(form, 'evidence') })).then((ok) => {
          if (ok) {
            toggle.setOpen(false);
            toggle.setDone(t('submitted'));
          }
        });
      }}
    >
      <ActField id="report-description" label={t('description')} hint={t('descriptionHint')} problem={act.fieldState.fields?.description}>
        {(a) => <textarea {...a} name="description" rows={4} required minLength={10} maxLength={4000} className={fieldClass} />}
      </ActField>
      <ActField id="report-evidence" label={t('evidence')} hint={t('evidenceHint')} problem={act.fieldState.fields?.evidence}>
        {(a) => <textarea {...a} name="evidence" rows={3} required minLength={4} maxLength={4000} className={fieldClass} />}
      </ActField>
    </Act>
  );
}

/** The bureau records 科研失信 or a 负面清单 entry (optionally answering a 举报). */
export function RecordIntegrity({ orgId, reportId }: { orgId: string; reportId?: string }) {
  const t = useTranslations('credit.bureau');
  const ti = useTranslations('credit.integrity');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const record = useMutation(trpc.credit.recordIntegrity.mutationOptions());
  const id = reportId ?? orgId;
  return (
    <Act
      label={t('recordIntegrity')}
      tone="danger"
      panelTone="danger"
      warning={t('confirmRecord')}
      confirmLabel={t('record')}
      act={act}
      toggle={toggle}
      repeatable={!reportId}
      onSubmit={(form) => {
        const until = formText(form, 'until');
        void act
          .run(() =>
            record.mutateAsync({
              orgId,
              reportId,
              severity: formText(form, 'severity') === 'serious' ? 'serious' : 'minor',
              negativeList: form.get('negativeList') === 'on',
              note: formText(form, 'note'),
              documentRef: formText(form, 'documentRef'),
              until: until || null,
            }),
          )
          .then((ok) => {
            if (ok) {
              toggle.setOpen(false);
              toggle.setDone(t('recorded'));
            }
          });
      }}
    >
      <ActField id={`severity-${id}`} label={t('severity')} problem={act.fieldState.fields?.severity}>
        {(a) => (
          <select {...a} name="severity" defaultValue="serious" className={fieldClass}>
            <option value="serious">{ti('serious')}</option>
            <option value="minor">{ti('minor')}</option>
          </select>
        )}
      </ActField>
      <div className="flex items-center gap-2">
        <input id={`negative-${id}`} type="checkbox" name="negativeList" className="h-4 w-4" />
        <label htmlFor={`negative-${id}`} className="font-medium text-gray-800">
          {t('negativeListEntry')}
        </label>
      </div>
      <ActField id={`note-${id}`} label={t('note')} problem={act.fieldState.fields?.note}>
        {(a) => <textarea {...a} name="note" rows={3} required minLength={4} maxLength={2000} className={fieldClass} />}
      </ActField>
      <ActField id={`doc-${id}`} label={t('documentRef')} problem={act.fieldState.fields?.documentRef}>
        {(a) => <input {...a} name="documentRef" required minLength={2} maxLength={200} className={fieldClass} />}
      </ActField>
      <ActField id={`until-${id}`} label={t('until')} problem={act.fieldState.fields?.until}>
        {(a) => <input {...a} type="date" name="until" className={fieldClass} />}
      </ActField>
    </Act>
  );
}

/** The bureau verifies a qualification with its expiry. */
export function VerifyQualification({ orgId }: { orgId: string }) {
  const t = useTranslations('credit.bureau');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const verify = useMutation(trpc.credit.verifyQualification.mutationOptions());
  return (
    <Act
      label={t('verifyQualification')}
      tone="secondary"
      panelTone="primary"
      confirmLabel={t('verify')}
      act={act}
      toggle={toggle}
      repeatable
      onSubmit={(form) => {
        const expires = formText(form, 'expires');
        void act
          .run(() =>
            verify.mutateAsync({
              orgId,
              name: formText(form, 'name') as (typeof QUALIFICATION_NAMES)[number],
              expires: expires || null,
              reference: formText(form, 'reference'),
            }),
          )
          .then((ok) => {
            if (ok) {
              toggle.setOpen(false);
              toggle.setDone(t('verified'));
            }
          });
      }}
    >
      <ActField id="qualification-name" label={t('qualificationName')} problem={act.fieldState.fields?.name}>
        {(a) => (
          <select {...a} name="name" defaultValue={QUALIFICATION_NAMES[0]} className={fieldClass}>
            {QUALIFICATION_NAMES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </ActField>
      <ActField id="qualification-expires" label={t('expires')} problem={act.fieldState.fields?.expires}>
        {(a) => <input {...a} type="date" name="expires" className={fieldClass} />}
      </ActField>
      <ActField id="qualification-reference" label={t('reference')} problem={act.fieldState.fields?.reference}>
        {(a) => <input {...a} name="reference" required minLength={2} maxLength={200} className={fieldClass} />}
      </ActField>
    </Act>
  );
}

/** The bureau upholds or reverses an appeal. */
export function RuleAppeal({ appealId }: { appealId: string }) {
  const t = useTranslations('credit.bureau');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const rule = useMutation(trpc.credit.ruleAppeal.mutationOptions());
  return (
    <Act
      label={t('rule')}
      tone="primary"
      panelTone="primary"
      confirmLabel={t('confirmRuling')}
      act={act}
      toggle={toggle}
      onSubmit={(form) => {
        void act
          .run(() => rule.mutateAsync({ appealId, decision: formText(form, 'decision') === 'reversed' ? 'reversed' : 'upheld', note: formText(form, 'note') }))
          .then((ok) => {
            if (ok) {
              toggle.setOpen(false);
              toggle.setDone(t('ruled'));
            }
          });
      }}
    >
      <fieldset className="space-y-1">
        <legend className="font-medium text-gray-800">{t('rulingNote')}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="decision" value="upheld" defaultChecked className="h-4 w-4" />
          {t('uphold')}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="decision" value="reversed" className="h-4 w-4" />
          {t('reverse')}
        </label>
      </fieldset>
      <ActField id={`ruling-${appealId}`} label={t('note')} problem={act.fieldState.fields?.note}>
        {(a) => <textarea {...a} name="note" rows={3} required minLength={4} maxLength={2000} className={fieldClass} />}
      </ActField>
    </Act>
  );
}

/** The bureau closes a 举报 without recording anything. */
export function DismissReport({ reportId }: { reportId: string }) {
  const t = useTranslations('credit.bureau');
  const trpc = useTRPC();
  const act = useAct();
  const toggle = useToggle();
  const dismiss = useMutation(trpc.credit.dismissReport.mutationOptions());
  return (
    <Act
      label={t('dismiss')}
      tone="secondary"
      panelTone="primary"
      confirmLabel={t('dismiss')}
      act={act}
      toggle={toggle}
      onSubmit={(form) => {
        void act.run(() => dismiss.mutateAsync({ reportId, note: formText(form, 'note') })).then((ok) => {
          if (ok) {
            toggle.setOpen(false);
            toggle.setDone(t('dismissed'));
          }
        });
      }}
    >
      <ActField id={`dismiss-${reportId}`} label={t('note')} problem={act.fieldState.fields?.note}>
        {(a) => <textarea {...a} name="note" rows={3} required minLength={4} maxLength={2000} className={fieldClass} />}
      </ActField>
    </Act>
  );
}
