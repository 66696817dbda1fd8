import type { CreditEventData } from '@/server/credit/events';

/** A translator of the `credit` namespace (server or client), as much as the event text needs. */
export type CreditT = (key: string, values?: Record<string, string | number>) => string;

/** One line saying what a credit event records (the private "would contract again" is never part of it). */
export function eventText(t: CreditT, data: CreditEventData): string {
  switch (data.kind) {
    case 'milestone': {
      const base = t('events.milestone', { result: data.result });
      if (data.result === 'on_time' || !data.faultOf) return base;
      return `${base}${t(data.faultOf === 'client' ? 'events.faultClient' : 'events.faultProvider')}`;
    }
    case 'contract_ended':
      return t('events.contract_ended', { outcome: data.outcome });
    case 'rating':
      return t('events.rating', { stars: data.stars });
    case 'dispute_ruled':
      return t('events.dispute_ruled');
    case 'qualification':
      return t('events.qualification', { name: data.name });
    case 'integrity':
      return `${t('events.integrity', { severity: data.severity })}${data.negativeList ? ` · ${t('integrity.negativeList')}` : ''}`;
    case 'responsiveness':
      return t('events.responsiveness', { measure: data.measure, hours: data.hours });
    case 'appeal_ruled':
      return t('events.appeal_ruled', { decision: data.decision, target: data.targetSeq });
    default:
      return data satisfies never;
  }
}

/**
 * Records that count against the organisation (what it would want to appeal): failures and lateness, terminations
 * and rulings against it, poor ratings, slow answers, misconduct. Any record may be appealed; the page offers it
 * on these.
 */
export function isAdverse(data: CreditEventData): boolean {
  switch (data.kind) {
    case 'milestone':
      return data.result !== 'on_time';
    case 'contract_ended':
      return data.outcome === 'terminated';
    case 'rating':
      return data.stars < 4;
    case 'dispute_ruled':
    case 'integrity':
      return true;
    case 'responsiveness':
      return data.hours > data.targetHours;
    case 'qualification':
    case 'appeal_ruled':
      return false;
    default:
      return data satisfies never;
  }
}
