'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '../form-feedback';
import type { Problem } from '../../_lib/form-state';
import { problemsOf } from './problems';
import { dangerButtonClass, secondaryButtonClass } from './styles';

/**
 * A destructive act in two steps: the first button opens a panel that says what will happen, the second
 * does it (`run`). The answer shows inline; on success the caller refreshes the page.
 */
export function ConfirmMutation(props: { label: string; warning: string; confirmLabel: string; cancelLabel: string; done: string; run: () => Promise<unknown> }) {
  const tErrors = useTranslations('errors');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <p role="status" className="text-sm text-green-800">
        {props.done}
      </p>
    );
  }
  return (
    <div>
      {!open ? (
        <button type="button" className={dangerButtonClass} aria-expanded={false} onClick={() => setOpen(true)}>
          {props.label}
        </button>
      ) : (
        <div role="group" aria-label={props.label} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <p className="text-red-900">{props.warning}</p>
          {problem ? <FormMessage problem={problem} /> : null}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60"
              onClick={async () => {
                setBusy(true);
                setProblem(undefined);
                try {
                  await props.run();
                  setDone(true);
                } catch (e) {
                  const found = problemsOf(e).error;
                  setProblem(found && tErrors.has(found.key) ? found : { key: 'internal' });
                } finally {
                  setBusy(false);
                }
              }}
            >
              {props.confirmLabel}
            </button>
            <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => setOpen(false)}>
              {props.cancelLabel}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
