import zlib from 'node:zlib';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { actorFromCookies } from '../auth/cookie';
import { getEnv } from '../env';
import { insertOrgWithOwner } from '../seed/factories';
import { handleRegistrationExport } from '../routers/contracts-http';
import { localDate } from './shared';
import { contractFixture, insertBureau } from './test-fixtures';
import { columnName, crc32, xmlEscape } from '../export/xlsx';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

/** RFC 4180 parser (quoted cells, doubled quotes, CRLF), independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/**
 * A ZIP reader for the test, written from the format (end of central directory → central directory → local
 * headers), inflating with node:zlib and checking each entry against Node's own CRC-32 — not the writer's.
 */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(zlib.crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** The cells of an inline-string / number sheet, row by row. */
function sheetCells(xml: string): string[][] {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<c r="[A-Z]+\d+"(?: t="inlineStr")?>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g)].map((c) =>
      unescape(c[1] ?? c[2] ?? ''),
    ),
  );
}

describe('技术合同认定登记 export', () => {
  it('CSV: parties with their credit codes (the team under its host institution), type, subject, amount, dates — parsed back', async () => {
    const fx = await contractFixture(db, { amounts: [12.5, 30] });
    const res = await handleRegistrationExport(db, fx.client.actor, fx.contract.id, new URL('http://x/api?format=csv'), null);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('技术合同认定登记-')}`);
    // UTF-8 with a byte-order mark, so that Excel reads the Chinese.
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row, ...rest] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rest).toEqual([]);
    const record = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    expect(record).toEqual({
      合同编号: fx.contract.id,
      项目名称: fx.need.title,
      合同类型: '技术开发',
      '委托方（甲方）名称': fx.client.org.name,
      委托方统一社会信用代码: fx.client.org.creditCode,
      '受托方（乙方）名称': '浙江大学',
      承担团队: fx.team.org.name,
      受托方统一社会信用代码: fx.team.org.creditCode,
      '合同金额（万元）': '42.5',
      支付方式: '按里程碑分期支付',
      签订日期: localDate(fx.contract.signedAt),
      起始日期: fx.contract.startDate,
      终止日期: fx.contract.endDate,
    });
    // English headers for an English reader.
    const english = await handleRegistrationExport(db, fx.team.actor, fx.contract.id, new URL('http://x/api?format=csv'), 'NEXT_LOCALE=en');
    const [enHeader, enRow] = parseCsv(await english.text());
    expect(enHeader?.[0]).toBe('Contract no.');
    expect(enRow?.[2]).toBe('Technology development');
  });

  it('XLSX: a valid OOXML package whose one sheet holds the same fields', async () => {
    const fx = await contractFixture(db, { fundingMode: 'lump_sum', amounts: [50] });
    const bureau = await insertBureau(db);
    const res = await handleRegistrationExport(db, bureau.actor, fx.contract.id, new URL('http://x/api?format=xlsx'), null);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(files.get('[Content_Types].xml')?.toString()).toContain('/xl/worksheets/sheet1.xml');
    expect(files.get('xl/workbook.xml')?.toString()).toContain('<sheet name="技术合同认定登记"');
    const [header, row] = sheetCells(files.get('xl/worksheets/sheet1.xml')?.toString() ?? '');
    const record = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    expect(record).toMatchObject({
      合同编号: fx.contract.id,
      项目名称: fx.need.title,
      委托方统一社会信用代码: fx.client.org.creditCode,
      受托方统一社会信用代码: fx.team.org.creditCode,
      '合同金额（万元）': '50',
      支付方式: '包干制',
    });
  });

  it('anyone but the parties and the bureau gets 404, as for a contract that does not exist; the session cookie is what authorises', async () => {
    const fx = await contractFixture(db);
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const url = new URL('http://x/api?format=xlsx');
    expect((await handleRegistrationExport(db, outsider.actor, fx.contract.id, url, null)).status).toBe(404);
    expect((await handleRegistrationExport(db, null, fx.contract.id, url, null)).status).toBe(404);
    expect((await handleRegistrationExport(db, fx.client.actor, crypto.randomUUID(), url, null)).status).toBe(404);
    expect((await handleRegistrationExport(db, fx.client.actor, 'not-a-uuid', url, null)).status).toBe(404);
    expect((await handleRegistrationExport(db, fx.client.actor, fx.contract.id, new URL('http://x/api?format=pdf'), null)).status).toBe(400);

    const cookieOf = async (sessionId: string, userId: string) =>
      `authjs.session-token=${await encode({ token: { sub: userId, sid: sessionId }, secret: getEnv().AUTH_SECRET, salt: 'authjs.session-token' })}`;
    const teamCookie = await cookieOf(fx.team.sessionId, fx.team.user.id);
    const outsiderCookie = await cookieOf(outsider.sessionId, outsider.user.id);
    const viaCookie = async (cookie: string) => handleRegistrationExport(db, await actorFromCookies(db, cookie), fx.contract.id, url, cookie);
    expect((await viaCookie(teamCookie)).status).toBe(200);
    expect((await viaCookie(outsiderCookie)).status).toBe(404);
  });
});

describe('CSV and XLSX writers', () => {
  it('quote separators and neutralise formula-looking cells', async () => {
    const { toCsv } = await import('../export/csv');
    expect(parseCsv(toCsv([['a,b', 'say "hi"', '=SUM(A1)', 12.5]]).slice(1))).toEqual([['a,b', 'say "hi"', "'=SUM(A1)", '12.5']]);
  });

  it('CRC-32 matches node:zlib, column names and XML escaping', () => {
    const data = Buffer.from('技术合同认定登记 registration', 'utf8');
    expect(crc32(data)).toBe(zlib.crc32(data));
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(xmlEscape('<甲&乙 "x">\u0001')).toBe('&lt;甲&amp;乙 &quot;x&quot;&gt;');
  });
});
