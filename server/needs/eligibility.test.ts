import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_RULE_KINDS, failedRules, withRequiredRules } from './eligibility';

describe('eligibility rules', () => {
  it('this slice knows one kind: verified_org', () => {
    expect(ELIGIBILITY_RULE_KINDS).toEqual(['verified_org']);
  });

  it('checks each rule; an unknown stored kind fails closed', () => {
    const rules = [{ kind: 'verified_org' }];
    expect(failedRules(rules, { orgId: 'a', status: 'verified' })).toEqual([]);
    expect(failedRules(rules, { orgId: 'a', status: 'pending' })).toEqual(['verified_org']);
    expect(failedRules([{ kind: 'min_grade', grade: 'A' }], { orgId: 'a', status: 'verified' })).toEqual(['min_grade']);
  });

  it('a jiebang list always requires a verified organisation; duplicates collapse', () => {
    expect(withRequiredRules('jiebang', [])).toEqual([{ kind: 'verified_org' }]);
    expect(withRequiredRules('open', [])).toEqual([]);
    expect(withRequiredRules('open', [{ kind: 'verified_org' }, { kind: 'verified_org' }])).toEqual([{ kind: 'verified_org' }]);
  });
});
