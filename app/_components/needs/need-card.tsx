import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { Segment } from '@/server/search/highlight';
import type { NeedIndustryField, NeedMode, NeedStatus } from '@/server/needs/inputs';
import { date } from '../bids/format';
import { NeedModeBadge, NeedStatusBadge } from './badges';
import { Marked } from './marked';
import { needMoney } from './money';

export interface NeedCardData {
  id: string;
  mode: NeedMode;
  status: NeedStatus;
  title: string;
  titleMarks?: Segment[];
  snippet?: Segment[];
  industryField: NeedIndustryField;
  budgetMin: string | null;
  budgetMax: string | null;
  bounty: string | null;
  bidDeadline: Date | null;
  /** Omit to leave the owner line out (the organisation's own list); null = anonymous. */
  owner?: { name: string } | null;
}

/**
 * One need in a list (the hall, the home page, my needs): phone-first card whose title links to the need,
 * with mode and status badges, the matched words marked, budget or bounty, deadline and owner.
 */
export async function NeedCard({ need, href, heading = 'h3', extra }: { need: NeedCardData; href?: string; heading?: 'h2' | 'h3'; extra?: ReactNode }) {
  const t = await getTranslations('needs');
  const money = needMoney(t, need);
  const H = heading;
  return (
    <article className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm transition hover:border-primary-600">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <NeedModeBadge mode={need.mode} label={t(`modes.${need.mode}`)} mark={t(`modeMarks.${need.mode}`)} />
        <NeedStatusBadge status={need.status} label={t(`statuses.${need.status}`)} mark={t(`statusMarks.${need.status}`)} />
        <span className="text-xs text-gray-600">{t(`industryFields.${need.industryField}`)}</span>
      </div>
      <H className="text-base leading-snug font-semibold text-gray-900">
        <Link href={href ?? `/needs/${need.id}`} className="hover:text-primary-700 hover:underline">
          {need.titleMarks ? <Marked segments={need.titleMarks} /> : need.title}
        </Link>
      </H>
      {need.snippet && need.snippet.length > 0 ? (
        <p className="mt-1.5 line-clamp-3 text-sm leading-relaxed text-gray-700">
          <Marked segments={need.snippet} />
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:flex sm:flex-wrap sm:gap-x-6">
        <div className="min-w-0">
          <dt className="text-xs text-gray-600">{need.mode === 'jiebang' ? t('hall.bountyLabel') : t('hall.budget')}</dt>
          <dd className="font-medium text-gray-900 tabular-nums">{money ?? t('hall.noBudget')}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs text-gray-600">{t('hall.deadline')}</dt>
          <dd className="text-gray-900 tabular-nums">{need.bidDeadline ? date(need.bidDeadline) : t('detail.notSet')}</dd>
        </div>
        {need.owner !== undefined ? (
          <div className="col-span-2 min-w-0">
            <dt className="text-xs text-gray-600">{t('hall.owner')}</dt>
            <dd className="truncate text-gray-900">{need.owner ? need.owner.name : t('anonymousOwner')}</dd>
          </div>
        ) : null}
      </dl>
      {extra ? <div className="mt-3">{extra}</div> : null}
    </article>
  );
}
