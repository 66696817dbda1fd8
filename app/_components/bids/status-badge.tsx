import type { BidStatus } from '@/server/bids/inputs';

const LOOK: Record<BidStatus, string> = {
  draft: 'border-gray-300 bg-gray-50 text-gray-800',
  submitted: 'border-blue-300 bg-blue-50 text-blue-900',
  revised: 'border-blue-300 bg-blue-50 text-blue-900',
  withdrawn: 'border-gray-300 bg-white text-gray-700',
  awarded: 'border-green-300 bg-green-50 text-green-900',
  not_awarded: 'border-amber-300 bg-amber-50 text-amber-900',
  need_cancelled: 'border-gray-300 bg-gray-100 text-gray-700',
};

/** A bid's status: colour, a mark and the word (never colour alone). Labels come from the caller's translations. */
export function BidStatusBadge({ status, label, mark }: { status: BidStatus; label: string; mark: string }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${LOOK[status]}`}>
      <span aria-hidden="true">{mark}</span>
      {label}
    </span>
  );
}
