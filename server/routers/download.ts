import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, type Locale } from '@/messages/namespaces';
import { parseCookies } from '../auth/cookie';
import { toCsv } from '../export/csv';
import { xlsxWorkbook, type Cell } from '../export/xlsx';

/**
 * What the file-download transports share (技术合同认定登记, dashboard tables): the caller's language from the
 * locale cookie, safe file names that keep their Chinese, and a table written as CSV or XLSX.
 */

export const NO_STORE = { 'cache-control': 'no-store' };

export function localeOf(cookieHeader: string | null): Locale {
  const chosen = parseCookies(cookieHeader).get(LOCALE_COOKIE);
  return LOCALES.includes(chosen as Locale) ? (chosen as Locale) : DEFAULT_LOCALE;
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (Chinese file names survive). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** File names: no path separators or control characters, and not endless. */
export function safeFileBase(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').slice(0, 120);
}

/** A table as a downloadable CSV (UTF-8 with BOM) or XLSX file named `base`.csv / .xlsx. */
export function tableDownload(format: 'csv' | 'xlsx', base: string, sheetName: string, rows: readonly (readonly Cell[])[]): Response {
  const name = safeFileBase(base);
  if (format === 'xlsx') {
    return new Response(new Uint8Array(xlsxWorkbook(sheetName, rows)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition(`${name}.xlsx`),
        ...NO_STORE,
      },
    });
  }
  return new Response(toCsv(rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(`${name}.csv`), ...NO_STORE },
  });
}
