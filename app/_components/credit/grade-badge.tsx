import type { Grade } from '@/server/credit/params';

/** The grade with colour and text (never colour alone, UI.md). */
const LOOK: Record<Grade, string> = {
  AAA: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  AA: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  A: 'border-primary-200 bg-primary-50 text-primary-800',
  B: 'border-amber-300 bg-amber-50 text-amber-900',
  C: 'border-orange-300 bg-orange-50 text-orange-900',
  D: 'border-red-300 bg-red-50 text-red-900',
};

export function GradeBadge({ grade, label, large = false }: { grade: Grade; label: string; large?: boolean }) {
  return (
    <span className={`inline-flex items-baseline gap-1.5 rounded-md border font-semibold ${LOOK[grade]} ${large ? 'px-3 py-1 text-2xl' : 'px-2 py-0.5 text-sm'}`}>
      {grade}
      <span className={`font-normal ${large ? 'text-sm' : 'text-xs'}`}>{label}</span>
    </span>
  );
}

/** A warning flag (负面清单, 严重失信, 记录不足) with its explanation for screen readers and hover. */
export function FlagBadge({ label, hint, tone }: { label: string; hint: string; tone: 'danger' | 'muted' }) {
  const look = tone === 'danger' ? 'border-red-300 bg-red-50 text-red-900' : 'border-gray-300 bg-gray-50 text-gray-800';
  return (
    <span title={hint} className={`inline-flex items-center rounded-full border px-2.5 py-0.5 text-sm font-medium ${look}`}>
      {tone === 'danger' ? '⚠ ' : 'ⓘ '}
      {label}
      <span className="sr-only">：{hint}</span>
    </span>
  );
}
