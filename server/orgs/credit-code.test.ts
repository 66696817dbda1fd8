import { describe, expect, it } from 'vitest';
import { creditCodeProblem, isValidCreditCode, makeCreditCode } from './credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['91330100799655058B'], // 企业 (杭州)
    ['9144030071526726XG'], // 企业 (深圳), check character X
    ['914403001922038216'], // 企业, numeric check digit
    ['12100000400000624D'], // 事业单位: how a university host institution's code starts
  ])('accepts the real-format code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('accepts lower case and surrounding spaces as the same code', () => {
    expect(isValidCreditCode(' 91330100799655058b ')).toBe(true);
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91330100799655058')).toBe('length');
    expect(creditCodeProblem('91330100799655058I')).toBe('charset'); // I is not in the alphabet
    expect(creditCodeProblem('Z1330100799655058B')).toBe('charset');
    expect(creditCodeProblem('94330100799655058B')).toBe('authority'); // 工商 issues categories 1–3 only
    expect(creditCodeProblem('91330100799655058C')).toBe('checkDigit');
    expect(creditCodeProblem('9133A100799655058B')).toBe('division');
  });

  it('makes valid codes for demo data', () => {
    for (let i = 1; i < 500; i += 7) expect(isValidCreditCode(makeCreditCode('91', '330624', i))).toBe(true);
  });
});
