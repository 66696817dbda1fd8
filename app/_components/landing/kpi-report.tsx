'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { ActDone, ActError, fieldClass } from '../contracts/act-kit';
import { problemOf, type CallProblem } from '../contracts/problem';

const FIGURES = ['investment', 'revenue', 'tax', 'employees', 'patentsFiled', 'patentsGranted'] as const;
type Figure = (typeof FIGURES)[number];
const MONEY: readonly Figure[] = ['investment', 'revenue', 'tax'];

interface Warning {
  key: string;
  params: Record<string, number>;
}

/**
 * A quarter's KPI report (季度指标填报). Implausible figures come back as warnings and nothing is stored until
 * the reporter reads them and confirms with 确认无误 (or corrects the figures and sends again).
 */
export function KpiReportForm({ projectId, quarters, initial }: { projectId: string; quarters: Array<{ year: number; quarter: number }>; initial: { year: number; quarter: number } }) {
  const t = useTranslations('landing.kpi');
  const tl = useTranslations('landing');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const router = useRouter();
  const report = useMutation(trpc.landing.reportKpi.mutationOptions());
  const [period, setPeriod] = useState(`${initial.year}-${initial.quarter}`);
  const [values, setValues] = useState<Record<Figure, string>>({ investment: '', revenue: '', tax: '', employees: '', patentsFiled: '', patentsGranted: '' });
  const [note, setNote] = useState('');
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function send(confirm: boolean) {
    setProblem(null);
    setDone(null);
    const [year, quarter] = period.split('-').map(Number) as [number, number];
    const figures = Object.fromEntries(FIGURES.map((f) => [f, values[f].trim() === '' ? Number.NaN : Number(values[f])])) as Record<Figure, number>;
    try {
      const answer = await report.mutateAsync({ projectId, year, quarter, note, confirm, ...figures });
      if (!answer.saved) {
        setWarnings(answer.warnings);
        return;
      }
      setWarnings(null);
      setDone(answer.warnings.length ? t('savedWithWarnings', { year, quarter }) : t('saved', { year, quarter }));
      router.refresh();
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  const edit = (f: Figure, v: string) => {
    setValues((old) => ({ ...old, [f]: v }));
    // Changed figures must be checked again.
    setWarnings(null);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
      className="space-y-3 rounded-md border border-gray-200 bg-gray-50 p-3 text-sm"
      aria-label={t('formTitle')}
    >
      <h3 className="font-semibold text-gray-900">{t('formTitle')}</h3>
      <ActDone text={done} />
      <ActError problem={problem} />
      <label className="block max-w-xs">
        <span className="text-gray-800">{t('quarter')}</span>
        <select
          value={period}
          onChange={(e) => {
            setPeriod(e.target.value);
            setWarnings(null);
          }}
          className={fieldClass}
        >
          {quarters.map((q) => (
            <option key={`${q.year}-${q.quarter}`} value={`${q.year}-${q.quarter}`}>
              {t('quarterLabel', q)}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {FIGURES.map((f) => (
          <label key={f} className="block">
            <span className="text-gray-800">{t(`figures.${f}`)}</span>
            <input
              type="number"
              min={0}
              step={MONEY.includes(f) ? '0.01' : '1'}
              inputMode={MONEY.includes(f) ? 'decimal' : 'numeric'}
              value={values[f]}
              onChange={(e) => edit(f, e.target.value)}
              aria-invalid={!!problem?.fields[f]}
              className={fieldClass}
            />
            {problem?.fields[f] ? <span className="mt-1 block text-red-700">{te(problem.fields[f].key, problem.fields[f].params)}</span> : null}
          </label>
        ))}
      </div>
      <label className="block">
        <span className="text-gray-800">{t('note')}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} className={fieldClass} />
      </label>
      {warnings ? (
        <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">{t('warningsTitle')}</p>
          <ul className="list-disc space-y-1 pl-5">
            {warnings.map((w) => (
              <li key={w.key}>{tl(`kpiWarnings.${w.key}`, w.params)}</li>
            ))}
          </ul>
          <p>{t('warningsHint')}</p>
          <button type="button" disabled={report.isPending} onClick={() => void send(true)} className="rounded-md bg-amber-700 px-4 py-2 font-medium text-white hover:bg-amber-800 disabled:opacity-60">
            {t('confirm')}
          </button>
        </div>
      ) : (
        <button type="submit" disabled={report.isPending} className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60">
          {report.isPending ? t('working') : t('submit')}
        </button>
      )}
    </form>
  );
}
