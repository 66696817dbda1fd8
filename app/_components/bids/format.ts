/**
 * How amounts and dates read on the marketplace pages (UI.md): amounts in 万元 with two decimals
 * (`12.50`), dates `2026-11-27` and deadlines `2026-11-27 17:00`, always in the county's time zone.
 * Plain functions: usable by server and client components alike.
 */

const ZONE = 'Asia/Shanghai';
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `12.5` / `"12.50"` → `"12.50"` (the number only; the page adds 万元 through its messages). */
export function amount(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(2) : '';
}

/** Sum of 万元 amounts in integer cents, so `0.1 + 0.2` reads `0.30`. */
export function sumAmounts(values: ReadonlyArray<number | string>): string {
  const cents = values.reduce<number>((s, v) => {
    const n = Number(v);
    return s + (Number.isFinite(n) ? Math.round(n * 100) : 0);
  }, 0);
  return (cents / 100).toFixed(2);
}

export function date(value: Date | string | null | undefined): string {
  if (!value) return '';
  return DATE.format(new Date(value));
}

export function dateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return `${DATE.format(d)} ${TIME.format(d)}`;
}

/** The calendar date `days` after today in the county (for a date input's `min`). */
export function localDatePlus(days: number, from: Date = new Date()): string {
  return DATE.format(new Date(from.getTime() + days * 24 * 3600 * 1000));
}

/** 1536 → `1.5 KB`: file sizes next to attachment names. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
