import 'server-only';
import { getLocale } from 'next-intl/server';
import { serverApi } from '../../_lib/api';
import type { NeedView } from '../bids/types';
import type { EligibilityRuleValue, NeedDraftValues } from './need-form';

const ZONE_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A Date as a datetime-local value in Beijing time (`2026-11-27T17:00`). */
export function beijingLocal(d: Date | null): string {
  if (!d) return '';
  const p = Object.fromEntries(ZONE_PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

export const EMPTY_DRAFT: NeedDraftValues = {
  mode: 'open',
  title: '',
  summary: '',
  description: '',
  anonymous: false,
  industryField: '',
  disciplines: [],
  keywords: [],
  expectedResults: '',
  budgetMin: null,
  budgetMax: null,
  bounty: null,
  bidDeadline: '',
  deliveryMonths: null,
  ipTerms: 'enterprise',
  rubric: [
    { key: 'technical', weight: 40 },
    { key: 'team', weight: 20 },
    { key: 'price', weight: 20 },
    { key: 'credit', weight: 20 },
  ],
  eligibility: [],
  awardCount: 1,
  annexText: '',
  ndaText: '',
};

export function draftValues(need: Extract<NeedView, { view: 'owner' }>): NeedDraftValues {
  return {
    mode: need.mode,
    title: need.title,
    summary: need.summary,
    description: need.description,
    anonymous: need.anonymous,
    industryField: need.industryField,
    disciplines: need.disciplines,
    keywords: need.keywords,
    expectedResults: need.expectedResults,
    budgetMin: need.budgetMin,
    budgetMax: need.budgetMax,
    bounty: need.bounty,
    bidDeadline: beijingLocal(need.bidDeadline),
    deliveryMonths: need.deliveryMonths,
    ipTerms: need.ipTerms,
    rubric: need.rubric,
    // Stored rules were validated on the way in (server/needs/inputs.ts); sent back unchanged on save.
    eligibility: need.eligibility as EligibilityRuleValue[],
    awardCount: need.awardCount,
    annexText: need.annexText,
    ndaText: need.ndaText,
  };
}

/** The discipline catalogue in the reader's language, for the form. */
export async function formContext() {
  const [api, locale] = await Promise.all([serverApi(), getLocale()]);
  const catalogue = await api.orgs.disciplineCatalogue();
  const en = locale === 'en';
  return {
    categories: catalogue.map((c) => ({
      code: c.code,
      name: en ? c.nameEn : c.name,
      disciplines: c.disciplines.map((d) => ({ code: d.code, name: en ? d.nameEn : d.name })),
    })),
  };
}
