import type { ContractStatus, MilestoneStatus } from '@/server/contracts/states';

/** Status badges: colour, a mark and the word — never colour alone (UI.md). Plain: server and client use them. */
type Tone = 'blue' | 'amber' | 'green' | 'red' | 'gray' | 'violet';

const LOOK: Record<Tone, string> = {
  blue: 'border-blue-300 bg-blue-50 text-blue-900',
  amber: 'border-amber-300 bg-amber-50 text-amber-900',
  green: 'border-green-300 bg-green-50 text-green-900',
  red: 'border-red-300 bg-red-50 text-red-900',
  gray: 'border-gray-300 bg-gray-50 text-gray-800',
  violet: 'border-violet-300 bg-violet-50 text-violet-900',
};

export function Badge({ tone, mark, label }: { tone: Tone; mark: string; label: string }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2.5 py-0.5 text-sm font-medium ${LOOK[tone]}`}>
      <span aria-hidden="true">{mark}</span>
      {label}
    </span>
  );
}

const CONTRACT: Record<ContractStatus, [Tone, string]> = {
  active: ['blue', '▶'],
  disputed: ['amber', '!'],
  completed: ['green', '✓'],
  stage_closed: ['gray', '■'],
  terminated: ['red', '✕'],
};

const MILESTONE: Record<MilestoneStatus, [Tone, string]> = {
  pending: ['gray', '○'],
  submitted: ['blue', '◷'],
  rejected: ['red', '↺'],
  escalated: ['amber', '!'],
  accepted: ['violet', '✓'],
  paid: ['green', '✓'],
};

export function ContractStatusBadge({ status, label }: { status: ContractStatus; label: string }) {
  const [tone, mark] = CONTRACT[status];
  return <Badge tone={tone} mark={mark} label={label} />;
}

export function MilestoneStatusBadge({ status, label }: { status: MilestoneStatus; label: string }) {
  const [tone, mark] = MILESTONE[status];
  return <Badge tone={tone} mark={mark} label={label} />;
}
