'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { LandingGate } from '@/server/landing/states';
import { useTRPC } from '../../_lib/trpc';
import { ActDone, ActError, fieldClass, useAct } from '../contracts/act-kit';
import { useItemLabel } from './gate-panel';

type Evidence = 'document' | 'number' | 'credit_code' | 'text';
interface Row {
  key: string;
  label: string;
  evidence: Evidence;
  unit: string;
  /** The bureau chose 其他单位 and types one (any unit the server takes, shown as written). */
  customUnit?: boolean;
  required: boolean;
}
const EVIDENCE: readonly Evidence[] = ['document', 'number', 'credit_code', 'text'];
/** Units with a translation (landing.units); the gate panel shows them in the reader's language. */
const UNITS = ['wan', 'orders', 'people'] as const;
const OTHER_UNIT = '__other';
const unitChoice = (r: Row) => ((UNITS as readonly string[]).includes(r.unit) && !r.customUnit ? r.unit : r.unit || r.customUnit ? OTHER_UNIT : '');

function FieldError({ problem }: { problem?: { key: string; params?: Record<string, string | number> } }) {
  const te = useTranslations('errors');
  return problem ? <span className="mt-1 block text-red-700">{te(problem.key, problem.params)}</span> : null;
}

/**
 * The bureau edits one gate's checklist: items (default items keep their key and translated name unless
 * renamed; new ones need a name), evidence kind, unit, required. Saving makes a new version, which applies to
 * gates not yet submitted.
 */
export function TemplateEditor({ gate, version, items }: { gate: LandingGate; version: number; items: Array<{ key: string; label?: string; evidence: Evidence; unit?: string; required: boolean }> }) {
  const t = useTranslations('landing.templates');
  const tl = useTranslations('landing');
  const label = useItemLabel();
  const trpc = useTRPC();
  const save = useMutation(trpc.landing.updateTemplate.mutationOptions());
  const { problem, pending, run } = useAct();
  const [rows, setRows] = useState<Row[]>(() => items.map((i) => ({ key: i.key, label: i.label ?? '', evidence: i.evidence, unit: i.unit ?? '', required: i.required })));
  const [done, setDone] = useState<string | null>(null);
  const patch = (i: number, change: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const fieldError = (i: number, name: string) => problem?.fields[`items.${i}.${name}`];

  return (
    <section aria-labelledby={`tpl-${gate}`} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
      <h2 id={`tpl-${gate}`} className="text-lg font-semibold text-gray-900">
        {tl(`gates.${gate}`)} <span className="text-sm font-normal text-gray-600">{t('version', { version })}</span>
      </h2>
      <div className="mt-2 space-y-2">
        <ActDone text={done} />
        <ActError problem={problem} />
      </div>
      <ol className="mt-3 space-y-3">
        {rows.map((r, i) => (
          <li key={i} className="grid gap-2 rounded-md border border-gray-200 p-3 sm:grid-cols-[1fr_2fr_1fr_1fr_auto] sm:items-end">
            <label className="block">
              <span className="text-gray-800">{t('key')}</span>
              <input value={r.key} onChange={(e) => patch(i, { key: e.target.value })} aria-invalid={!!fieldError(i, 'key')} className={`${fieldClass} font-mono`} />
              <FieldError problem={fieldError(i, 'key')} />
            </label>
            <label className="block">
              <span className="text-gray-800">{t('label')}</span>
              <input value={r.label} placeholder={label({ key: r.key })} onChange={(e) => patch(i, { label: e.target.value })} aria-invalid={!!fieldError(i, 'label')} className={fieldClass} />
              <FieldError problem={fieldError(i, 'label')} />
            </label>
            <label className="block">
              <span className="text-gray-800">{t('evidence')}</span>
              <select value={r.evidence} onChange={(e) => patch(i, { evidence: e.target.value as Evidence })} className={fieldClass}>
                {EVIDENCE.map((ev) => (
                  <option key={ev} value={ev}>
                    {tl(`evidence.${ev}`)}
                  </option>
                ))}
              </select>
            </label>
            <div>
              <label className="block">
                <span className="text-gray-800">{t('unit')}</span>
                <select
                  value={unitChoice(r)}
                  onChange={(e) => patch(i, e.target.value === OTHER_UNIT ? { unit: '', customUnit: true } : { unit: e.target.value, customUnit: false })}
                  disabled={r.evidence !== 'number'}
                  className={fieldClass}
                >
                  <option value="">{t('noUnit')}</option>
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {tl(`units.${u}`)}
                    </option>
                  ))}
                  <option value={OTHER_UNIT}>{t('otherUnit')}</option>
                </select>
              </label>
              {r.evidence === 'number' && unitChoice(r) === OTHER_UNIT ? (
                <input value={r.unit} onChange={(e) => patch(i, { unit: e.target.value })} maxLength={20} aria-label={t('customUnit', { n: i + 1 })} placeholder={t('customUnitHint')} className={fieldClass} />
              ) : null}
            </div>
            <div className="flex items-center gap-3 pb-2">
              <label className="flex items-center gap-1">
                <input type="checkbox" checked={r.required} onChange={(e) => patch(i, { required: e.target.checked })} />
                {t('required')}
              </label>
              <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50" aria-label={t('removeItem', { n: i + 1 })}>
                {t('remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={() => setRows((rs) => [...rs, { key: '', label: '', evidence: 'document', unit: '', required: true }])} className="rounded-md border border-gray-300 bg-white px-3 py-2 text-gray-800 hover:bg-gray-50">
          {t('addItem')}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(() =>
              save.mutateAsync({
                gate,
                items: rows.map((r) => ({ key: r.key.trim(), label: r.label.trim() || undefined, evidence: r.evidence, unit: r.evidence === 'number' ? r.unit.trim() || undefined : undefined, required: r.required })),
              }),
            ).then((ok) => ok && setDone(t('saved')))
          }
          className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60"
        >
          {t('save')}
        </button>
      </div>
      <p className="mt-2 text-xs text-gray-600">{t('appliesTo')}</p>
    </section>
  );
}
