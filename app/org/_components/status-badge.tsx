import { getTranslations } from 'next-intl/server';
import type { OrgStatus } from '@/server/actor';

const LOOK: Record<OrgStatus, string> = {
  pending: 'border-amber-300 bg-amber-50 text-amber-900',
  verified: 'border-green-300 bg-green-50 text-green-900',
  rejected: 'border-red-300 bg-red-50 text-red-900',
};
const MARK: Record<OrgStatus, string> = { pending: '◷', verified: '✓', rejected: '✕' };

/** The organisation's verification status: colour, a mark and the word (never colour alone). */
export async function StatusBadge({ status }: { status: OrgStatus }) {
  const t = await getTranslations('org.status');
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-sm font-medium ${LOOK[status]}`}>
      <span aria-hidden="true">{MARK[status]}</span>
      {t(status)}
    </span>
  );
}
