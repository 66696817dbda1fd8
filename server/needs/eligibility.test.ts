import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_RULE_KINDS, failedRules, withRequiredRules } from './eligibility';

describe('eligibility rules', () => {
  it('knows verified_org and the credit model kinds', () => {
    expect(ELIGIBILITY_RULE_KINDS).toEqual(['verified_org', 'min_grade', 'not_negative_listed', 'qualification']);
  });

  it('checks each rule; an unknown stored kind fails closed', () => {
    const rules = [{ kind: 'verified_org' }];
    expect(failedRules(rules, { orgId: 'a', status: 'verified' })).toEqual([]);
    expect(failedRules(rules, { orgId: 'a', status: 'pending' })).toEqual(['verified_org']);
    expect(failedRules([{ kind: 'future_kind' }], { orgId: 'a', status: 'verified' })).toEqual(['future_kind']);
    // Credit rules without the applicant's credit facts fail closed too.
    expect(failedRules([{ kind: 'min_grade', grade: 'A' }], { orgId: 'a', status: 'verified' })).toEqual(['min_grade']);
  });

  it('credit rules: minimum grade, not negative-listed, a qualification in force', () => {
    const rules = [{ kind: 'min_grade', grade: 'AA' }, { kind: 'not_negative_listed' }, { kind: 'qualification', name: '高新技术企业' }];
    const credit = { grade: 'AA' as const, excluded: false, qualifications: ['高新技术企业'] };
    expect(failedRules(rules, { orgId: 'a', status: 'verified', credit })).toEqual([]);
    expect(failedRules(rules, { orgId: 'a', status: 'verified', credit: { ...credit, grade: 'A' } })).toEqual(['min_grade']);
    expect(failedRules(rules, { orgId: 'a', status: 'verified', credit: { ...credit, grade: 'AAA', qualifications: [] } })).toEqual(['qualification']);
    expect(failedRules(rules, { orgId: 'a', status: 'verified', credit: { ...credit, excluded: true } })).toEqual(['min_grade', 'not_negative_listed']);
    expect(failedRules([{ kind: 'min_grade', grade: 'Z' }], { orgId: 'a', status: 'verified', credit })).toEqual(['min_grade']);
  });

  it('a jiebang list always requires a verified organisation; duplicates collapse', () => {
    expect(withRequiredRules('jiebang', [])).toEqual([{ kind: 'verified_org' }]);
    expect(withRequiredRules('open', [])).toEqual([]);
    expect(withRequiredRules('open', [{ kind: 'verified_org' }, { kind: 'verified_org' }])).toEqual([{ kind: 'verified_org' }]);
  });
});
