/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capitals
 * without I, O, S, V, Z). Position 1 is the registering authority, 2 the organisation category,
 * 3–8 the administrative division, 9–17 the organisation code, 18 a check character over 1–17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registering authority (position 1) → the category codes (position 2) it issues. */
const CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交
  '3': '12345679', // 司法行政: 律师事务所, 公证处, 基层法律服务所, 司法鉴定所, 仲裁委员会, 其他
  '4': '19', // 文化
  '5': '12349', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

export type CreditCodeProblem = 'length' | 'charset' | 'authority' | 'division' | 'checkDigit';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Why a code is invalid, or null when it is a well-formed code with the right check character. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'charset';
  const categories = CATEGORIES[code[0] ?? ''];
  if (!categories || !categories.includes(code[1] ?? '')) return 'authority';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (checkCharacter(code.slice(0, 17)) !== code[17]) return 'checkDigit';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/**
 * A valid code for demo data and tests: `prefix` sets authority+category (e.g. '91' enterprise,
 * '12' public institution such as a university), `division` the area (330624 = 新昌县).
 */
export function makeCreditCode(prefix: string, division: string, serial: number): string {
  let body = '';
  let n = serial;
  for (let i = 0; i < 9; i++) {
    body = CREDIT_CODE_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `${prefix}${division}${body}`;
  return first17 + checkCharacter(first17);
}
