import { createTranslator } from 'next-intl';
import { z } from 'zod';
import type { Db } from '@/db/client';
import en from '@/messages/en/contracts.json';
import type { Locale } from '@/messages/namespaces';
import zh from '@/messages/zh-CN/contracts.json';
import type { Actor } from '../actor';
import { createRequestContext } from '../context';
import { registrationFormat } from '../contracts/inputs';
import { registrationCsv, registrationRecord, registrationXlsx, type RegistrationField, type RegistrationLabels } from '../contracts/registration';
import { AppError } from '../errors';
import { contentDisposition, localeOf, NO_STORE, safeFileBase } from './download';

/**
 * The HTTP transport of the 技术合同认定登记 export (a file download does not travel through tRPC): thin like a
 * router — the actor from the session cookie, the contract's read scope in the domain (parties and the bureau;
 * anyone else, anonymous included, gets 404 exactly as for a contract that does not exist), the file in the
 * caller's language. app/api/contracts/[id]/registration/route.ts mounts it: `GET …/registration?format=csv|xlsx`.
 */

const MESSAGES = { 'zh-CN': zh, en } as const;

function labels(locale: Locale) {
  const t = createTranslator({ locale, messages: { contracts: MESSAGES[locale] }, namespace: 'contracts' });
  const text = t as unknown as (key: string, values?: Record<string, string>) => string;
  const l: RegistrationLabels = {
    field: (key: RegistrationField) => text(`registration.fields.${key}`),
    contractType: (value) => text(`contractType.${value}`),
    fundingMode: (value) => text(`fundingMode.${value}`),
  };
  return { labels: l, sheetName: text('registration.sheetName'), fileName: (subject: string) => text('registration.fileName', { subject }) };
}

export async function handleRegistrationExport(db: Db, actor: Actor | null, contractId: string, url: URL, cookieHeader: string | null): Promise<Response> {
  const format = registrationFormat.safeParse(url.searchParams.get('format') ?? 'csv');
  if (!z.uuid().safeParse(contractId).success) return Response.json({ error: { messageKey: 'notFound' } }, { status: 404, headers: NO_STORE });
  if (!format.success) return Response.json({ error: { messageKey: 'invalidInput' } }, { status: 400, headers: NO_STORE });
  let record;
  try {
    record = await registrationRecord(db, actor, contractId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return Response.json({ error: { messageKey: 'notFound' } }, { status: 404, headers: NO_STORE });
    throw e;
  }
  const { labels: l, sheetName, fileName } = labels(localeOf(cookieHeader));
  const base = safeFileBase(fileName(record.subject));
  if (format.data === 'xlsx') {
    return new Response(new Uint8Array(registrationXlsx(record, l, sheetName)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition(`${base}.xlsx`),
        ...NO_STORE,
      },
    });
  }
  return new Response(registrationCsv(record, l), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(`${base}.csv`), ...NO_STORE },
  });
}

export async function registrationExport(req: Request, contractId: string): Promise<Response> {
  const ctx = await createRequestContext(req.headers);
  return handleRegistrationExport(ctx.db, ctx.actor, contractId, new URL(req.url), req.headers.get('cookie'));
}
