import type { NeedMode, NeedStatus } from '@/server/needs/inputs';

/** A need's mode and status: colour, a mark and the word — never colour alone (UI.md). Plain: server and client use them. */
const STATUS: Record<NeedStatus, string> = {
  draft: 'border-gray-300 bg-gray-50 text-gray-800',
  published: 'border-green-300 bg-green-50 text-green-900',
  closed: 'border-slate-300 bg-slate-100 text-slate-800',
  evaluating: 'border-amber-300 bg-amber-50 text-amber-900',
  awarded: 'border-blue-300 bg-blue-50 text-blue-900',
  completed: 'border-teal-300 bg-teal-50 text-teal-900',
  cancelled: 'border-gray-300 bg-white text-gray-700',
};

const MODE: Record<NeedMode, string> = {
  open: 'border-primary-100 bg-primary-50 text-primary-800',
  jiebang: 'border-red-300 bg-red-50 text-red-900',
  horse_race: 'border-violet-300 bg-violet-50 text-violet-900',
};

const base = 'inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium';

export function NeedStatusBadge({ status, label, mark }: { status: NeedStatus; label: string; mark: string }) {
  return (
    <span className={`${base} ${STATUS[status]}`}>
      <span aria-hidden="true">{mark}</span>
      {label}
    </span>
  );
}

export function NeedModeBadge({ mode, label, mark }: { mode: NeedMode; label: string; mark: string }) {
  return (
    <span className={`${base} ${MODE[mode]}`}>
      <span aria-hidden="true">{mark}</span>
      {label}
    </span>
  );
}
