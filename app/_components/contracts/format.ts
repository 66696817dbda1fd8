/**
 * How contract pages write amounts and dates (UI.md): 万元 with two decimals, dates as 2026-11-27 in the
 * county's time zone whatever the server's. Plain functions: server and client components share them.
 */

/** `12.5` or `'12.50'` → `12.50` (thousands grouped). */
export function wan(value: string | number): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(value);
}

const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A timestamp or a `YYYY-MM-DD` date column → `2026-11-27`; null → '—'. */
export function ymd(value: Date | string | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ymd(new Date(value));
  return Number.isNaN(value.getTime()) ? '—' : DAY.format(value);
}

/** Today in the county (the payment form's default date). */
export function todayYmd(): string {
  return DAY.format(new Date());
}
