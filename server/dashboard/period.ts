import { badRequest } from '../errors';
import { now } from '../clock';
import { addMonths, MAX_PERIOD_MONTHS, monthsBetween, type DashboardFilterInput } from './inputs';

/**
 * The dashboard's period: whole months in the county's time zone (Asia/Shanghai), as 技术合同认定登记 counts them.
 * `start` is the first instant of the first month, `end` the first instant after the last month.
 */
export interface Period {
  from: string;
  to: string;
  months: string[];
  start: Date;
  end: Date;
}

const LOCAL_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** `YYYY-MM` of an instant in the county. */
export function localMonth(at: Date): string {
  const parts = LOCAL_MONTH.formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  return `${year}-${month}`;
}

/** The first instant of a month in the county (China keeps UTC+8 all year). */
export const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);

/** The period the filters name; without them, the twelve months up to the current one. */
export function resolvePeriod(filter: Pick<DashboardFilterInput, 'from' | 'to'>): Period {
  const to = filter.to ?? (filter.from && filter.from > localMonth(now()) ? filter.from : localMonth(now()));
  const from = filter.from ?? addMonths(to, -11);
  if (from > to) throw badRequest('v.dashboard.periodOrder', { from: 'v.dashboard.periodOrder' });
  const months = monthsBetween(from, to);
  if (months.length > MAX_PERIOD_MONTHS) throw badRequest('v.dashboard.periodTooLong', { from: 'v.dashboard.periodTooLong' }, { max: MAX_PERIOD_MONTHS });
  return { from, to, months, start: monthStart(from), end: monthStart(addMonths(to, 1)) };
}
