'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { problemOf, type CallProblem } from './problem';

/**
 * What every contract act form shares: run a mutation, answer failure inline (translated message keys, field
 * errors under their inputs) and success in a status line, then refresh the server-rendered page so the
 * milestone's state and the acts still possible come from the server again.
 */
export function useAct() {
  const router = useRouter();
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [pending, setPending] = useState(false);
  async function run(call: () => Promise<unknown>): Promise<boolean> {
    setProblem(null);
    setPending(true);
    try {
      await call();
      router.refresh();
      return true;
    } catch (e) {
      setProblem(problemOf(e));
      return false;
    } finally {
      setPending(false);
    }
  }
  return { problem, pending, run, reset: () => setProblem(null), fieldState: { fields: problem?.fields } };
}

export function ActError({ problem }: { problem: CallProblem | null }) {
  const t = useTranslations('errors');
  if (!problem) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {t(problem.error.key, problem.error.params)}
    </p>
  );
}

export function ActDone({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
      {text}
    </p>
  );
}

/** The panel an act opens: what will happen, the inputs, the confirming button and a way back. */
export function ActPanel(props: {
  tone: 'primary' | 'danger';
  warning?: string;
  problem: CallProblem | null;
  pending: boolean;
  confirmLabel: string;
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const t = useTranslations('contracts.acts');
  const danger = props.tone === 'danger';
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(new FormData(e.currentTarget));
      }}
      className={`mt-2 w-full space-y-3 rounded-md border p-3 text-sm ${danger ? 'border-red-200 bg-red-50' : 'border-primary-100 bg-primary-50'}`}
    >
      {props.warning ? <p className={danger ? 'text-red-900' : 'text-gray-900'}>{props.warning}</p> : null}
      <ActError problem={props.problem} />
      {props.children}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={props.pending}
          className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${danger ? 'bg-red-700 hover:bg-red-800' : 'bg-primary-600 hover:bg-primary-700'}`}
        >
          {props.pending ? t('working') : props.confirmLabel}
        </button>
        <button type="button" onClick={props.onCancel} className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-800 hover:bg-gray-50">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The button that opens an act's panel. */
export function ActButton({ label, tone, onClick, expanded }: { label: string; tone: 'primary' | 'secondary' | 'danger'; onClick: () => void; expanded: boolean }) {
  const look =
    tone === 'primary'
      ? 'bg-primary-600 text-white hover:bg-primary-700 border-primary-600'
      : tone === 'danger'
        ? 'border-red-300 bg-white text-red-800 hover:bg-red-50'
        : 'border-gray-300 bg-white text-gray-800 hover:bg-gray-50';
  return (
    <button type="button" aria-expanded={expanded} onClick={onClick} className={`rounded-md border px-3 py-1.5 text-sm font-medium ${look}`}>
      {label}
    </button>
  );
}

export const fieldClass =
  'mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base focus:border-primary-600 aria-[invalid=true]:border-red-600 sm:text-sm';

/** A labelled input with hint and error (the error's key comes from the server's `fields`). */
export function ActField(props: {
  id: string;
  label: ReactNode;
  hint?: string;
  problem?: { key: string; params?: Record<string, string | number> };
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const t = useTranslations('errors');
  const described = [props.hint ? `${props.id}-hint` : null, props.problem ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={props.id} className="block font-medium text-gray-800">
        {props.label}
      </label>
      {props.children({ id: props.id, 'aria-invalid': Boolean(props.problem), 'aria-describedby': described || undefined })}
      {props.hint ? (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-gray-600">
          {props.hint}
        </p>
      ) : null}
      {props.problem ? (
        <p id={`${props.id}-error`} className="mt-1 text-sm text-red-700">
          {t(props.problem.key, props.problem.params)}
        </p>
      ) : null}
    </div>
  );
}

/** A form field's text ('' when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
