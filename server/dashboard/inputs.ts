import { z } from 'zod';
import { NEED_INDUSTRY_FIELDS } from '../needs/inputs';

/**
 * The dashboard's filters (SPEC §9): a period of whole months in the county's time zone, an industry field, an
 * enclave. The page keeps them in its URL (`?from=2026-01&to=2026-11&field=biomedicine&enclave=<id>`).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().regex(MONTH, 'v.dashboard.month');

/** The longest period one request may span: five years of months keeps every series small. */
export const MAX_PERIOD_MONTHS = 60;

export const dashboardFilterInput = z
  .object({
    /** First month of the period, `YYYY-MM`; default: eleven months before `to`. */
    from: monthSchema.optional(),
    /** Last month of the period (inclusive), `YYYY-MM`; default: the current month. */
    to: monthSchema.optional(),
    field: z.enum(NEED_INDUSTRY_FIELDS, 'v.industryField').optional(),
    enclaveId: z.uuid().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'v.dashboard.periodOrder', path: ['from'] });
export type DashboardFilterInput = z.infer<typeof dashboardFilterInput>;

/** The tables that export (one per chart); each exports as CSV or XLSX. */
export const DASHBOARD_TABLES = ['volume', 'topFields', 'conversion', 'activeTeams', 'credit', 'landingFunnel', 'landingByEnclave', 'landingByField'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export const dashboardExportInput = z.object({
  table: z.enum(DASHBOARD_TABLES),
  format: z.enum(['csv', 'xlsx']),
});
export type DashboardExportInput = z.infer<typeof dashboardExportInput>;

/** `YYYY-MM` plus `delta` months. */
export function addMonths(month: string, delta: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** How a table column's values read (server/dashboard/dashboard.ts gives each column one). */
export type ColumnKind = 'month' | 'field' | 'grade' | 'conversionStep' | 'stage' | 'text' | 'count' | 'amount' | 'percent' | 'days';
export type TableCell = string | number | null;
/** A translator over the namespaces `dashboard`, `needs` and `landing` (keys with their namespace). */
export type DashboardTranslate = (key: string) => string;

/** A column's header: its own, or a landing stage's name for the per-stage columns (`stage.<stage>`). */
export function columnHeader(key: string, t: DashboardTranslate): string {
  return key.startsWith('stage.') ? t(`landing.stages.${key.slice('stage.'.length)}`) : t(`dashboard.columns.${key}`);
}

/**
 * One cell as the page shows it and the export writes it: named values translated, numbers kept numbers in files
 * (so a spreadsheet can sum them; amounts are 万元, percents are percent) and formatted on the page.
 */
export function cellValue(kind: ColumnKind, value: TableCell, t: DashboardTranslate): string | number | null {
  if (value === null) return null;
  switch (kind) {
    case 'field':
      return t(`needs.industryFields.${value}`);
    case 'grade':
      return value === 'unrated' ? t('dashboard.credit.unrated') : value;
    case 'conversionStep':
      return t(`dashboard.conversion.steps.${value}`);
    case 'stage':
      return t(`landing.stages.${value}`);
    case 'amount':
      return Number(value);
    default:
      return value;
  }
}

/** The page's text for a cell: amounts with two decimals, percents with one and a sign, empty as a dash. */
export function cellText(kind: ColumnKind, value: TableCell, t: DashboardTranslate): string {
  const v = cellValue(kind, value, t);
  if (v === null) return '—';
  if (kind === 'amount') return Number(v).toFixed(2);
  if (kind === 'percent') return `${Number(v).toFixed(1)}%`;
  if (kind === 'days') return Number(v).toFixed(1);
  return String(v);
}
