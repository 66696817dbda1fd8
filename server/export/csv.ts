import type { Cell } from './xlsx';

/** CSV files of tables (registration exports, dashboard tables); their XLSX twin is ./xlsx.ts. */

/**
 * One CSV cell (RFC 4180). A text cell that a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading
 * apostrophe: names come from users.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
