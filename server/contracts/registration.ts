import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { getContract } from './views';
import { localDate } from './shared';
import { toCsv } from '../export/csv';
import { xlsxWorkbook, type Cell } from '../export/xlsx';

/**
 * 技术合同认定登记: the fields the registration office asks for, exported from the contract so nobody types them
 * twice — the parties and their 统一社会信用代码 (a research team is registered under its host institution, which
 * signs), the contract type, subject, amount and dates. Parties and the bureau only (getContract's scope).
 */

export const REGISTRATION_FIELDS = [
  'contractNo',
  'subject',
  'contractType',
  'clientName',
  'clientCreditCode',
  'providerName',
  'providerTeam',
  'providerCreditCode',
  'amount',
  'fundingMode',
  'signedOn',
  'startDate',
  'endDate',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export interface RegistrationRecord {
  contractId: string;
  subject: string;
  values: Record<RegistrationField, string | number>;
  /** Enum values to translate (the file shows their names, e.g. 技术开发). */
  contractType: string;
  fundingMode: string;
}

export async function registrationRecord(db: Db, actor: Actor | null, contractId: string): Promise<RegistrationRecord> {
  const c = await getContract(db, actor, contractId);
  // 乙方 is the institution that signs: the host institution of a research team, the team itself named beside it.
  const providerName = c.provider.hostInstitution?.trim() || c.provider.name;
  return {
    contractId: c.id,
    subject: c.subject,
    contractType: c.contractType,
    fundingMode: c.fundingMode,
    values: {
      contractNo: c.id,
      subject: c.subject,
      contractType: c.contractType,
      clientName: c.client.name,
      clientCreditCode: c.client.creditCode,
      providerName,
      providerTeam: c.provider.hostInstitution?.trim() ? c.provider.name : '',
      providerCreditCode: c.provider.creditCode,
      amount: Number(c.value),
      fundingMode: c.fundingMode,
      signedOn: localDate(c.signedAt),
      startDate: c.startDate,
      endDate: c.endDate,
    },
  };
}

/** Translations the export needs: field headers and the names of enum values (messages `contracts.registration`). */
export interface RegistrationLabels {
  field(key: RegistrationField): string;
  contractType(value: string): string;
  fundingMode(value: string): string;
}

export function registrationRows(record: RegistrationRecord, labels: RegistrationLabels): [string[], Cell[]] {
  const header = REGISTRATION_FIELDS.map((f) => labels.field(f));
  const row = REGISTRATION_FIELDS.map((f): Cell => {
    if (f === 'contractType') return labels.contractType(record.contractType);
    if (f === 'fundingMode') return labels.fundingMode(record.fundingMode);
    return record.values[f];
  });
  return [header, row];
}

export function registrationCsv(record: RegistrationRecord, labels: RegistrationLabels): string {
  return toCsv(registrationRows(record, labels));
}

export function registrationXlsx(record: RegistrationRecord, labels: RegistrationLabels, sheetName: string): Buffer {
  return xlsxWorkbook(sheetName, registrationRows(record, labels));
}
