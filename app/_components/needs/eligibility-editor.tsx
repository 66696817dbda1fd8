'use client';
import { useTranslations } from 'next-intl';
import { ELIGIBILITY_MIN_GRADES, ELIGIBILITY_QUALIFICATIONS } from '@/server/needs/inputs';
import type { Problem } from '../../_lib/form-state';
import { FieldError } from '../form-feedback';
import { inputClass } from '../bids/styles';
import type { EligibilityRuleValue } from './need-form';

type MinGrade = (typeof ELIGIBILITY_MIN_GRADES)[number];
type Qualification = (typeof ELIGIBILITY_QUALIFICATIONS)[number];
/** Message keys of the qualification names (the names themselves are the stored Chinese terms). */
const QUALIFICATION_KEYS: Record<Qualification, string> = {
  高新技术企业: 'highTech',
  科技型中小企业: 'techSme',
  发明专利: 'inventionPatent',
  省级重点实验室: 'provincialKeyLab',
};

/** The rule list in a fixed order: verified organisation, minimum grade, not negative-listed, qualifications. */
function rulesOf(verified: boolean, minGrade: MinGrade | null, notNegative: boolean, qualifications: readonly Qualification[]): EligibilityRuleValue[] {
  const out: EligibilityRuleValue[] = [];
  if (verified) out.push({ kind: 'verified_org' });
  if (minGrade) out.push({ kind: 'min_grade', grade: minGrade });
  if (notNegative) out.push({ kind: 'not_negative_listed' });
  for (const name of ELIGIBILITY_QUALIFICATIONS) if (qualifications.includes(name)) out.push({ kind: 'qualification', name });
  return out;
}

/**
 * 揭榜条件: every rule kind of the need's one list (server/needs/eligibility.ts), each checked when a team
 * bids — a team that fails one cannot bid and its bid page says which. A 揭榜挂帅 list always requires a
 * verified organisation (the server adds it whatever is sent), so that box is locked on for it.
 */
export function EligibilityEditor({ mode, value, onChange, problem }: { mode: string; value: EligibilityRuleValue[]; onChange: (rules: EligibilityRuleValue[]) => void; problem?: Problem }) {
  const t = useTranslations('needs');
  const tf = useTranslations('needs.form');
  const jiebang = mode === 'jiebang';
  const verified = jiebang || value.some((r) => r.kind === 'verified_org');
  const minGrade = value.find((r) => r.kind === 'min_grade')?.grade ?? null;
  const notNegative = value.some((r) => r.kind === 'not_negative_listed');
  const qualifications = value.flatMap((r) => (r.kind === 'qualification' ? [r.name] : []));
  const change = (next: Partial<{ verified: boolean; minGrade: MinGrade | null; notNegative: boolean; qualifications: Qualification[] }>) =>
    onChange(rulesOf(next.verified ?? verified, next.minGrade === undefined ? minGrade : next.minGrade, next.notNegative ?? notNegative, next.qualifications ?? qualifications));
  const box = 'mt-0.5 h-4 w-4 shrink-0';

  return (
    <div role="group" aria-labelledby="eligibility-title" aria-describedby="eligibility-hint">
      <h3 id="eligibility-title" className="text-sm font-medium text-gray-800">
        {t('fields.eligibility')}
      </h3>
      <p id="eligibility-hint" className="mt-1 text-xs text-gray-600">
        {tf('eligibilityHint')}
      </p>
      <ul className="mt-2 space-y-3 text-sm text-gray-900">
        <li>
          <label className="flex items-start gap-2">
            <input type="checkbox" className={box} checked={verified} disabled={jiebang} onChange={(e) => change({ verified: e.target.checked })} />
            <span>
              {t('eligibility.verified_org')}
              {jiebang ? <span className="block text-xs text-gray-600">{tf('eligibilityJiebang')}</span> : null}
            </span>
          </label>
        </li>
        <li>
          <label className="flex items-start gap-2">
            <input type="checkbox" className={box} checked={minGrade !== null} onChange={(e) => change({ minGrade: e.target.checked ? 'A' : null })} />
            <span>{tf('eligibilityMinGrade')}</span>
          </label>
          {minGrade !== null ? (
            <div className="mt-1 ml-6 max-w-48">
              <label htmlFor="eligibility-grade" className="text-xs text-gray-600">
                {tf('eligibilityGrade')}
              </label>
              <select id="eligibility-grade" value={minGrade} onChange={(e) => change({ minGrade: e.target.value as MinGrade })} className={inputClass}>
                {ELIGIBILITY_MIN_GRADES.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </li>
        <li>
          <label className="flex items-start gap-2">
            <input type="checkbox" className={box} checked={notNegative} onChange={(e) => change({ notNegative: e.target.checked })} />
            <span>{t('eligibility.not_negative_listed')}</span>
          </label>
        </li>
        <li>
          <fieldset>
            <legend className="text-sm">{tf('eligibilityQualifications')}</legend>
            <div className="mt-1 ml-6 flex flex-wrap gap-x-4 gap-y-2">
              {ELIGIBILITY_QUALIFICATIONS.map((name) => (
                <label key={name} className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    className={box}
                    checked={qualifications.includes(name)}
                    onChange={(e) => change({ qualifications: e.target.checked ? [...qualifications, name] : qualifications.filter((q) => q !== name) })}
                  />
                  <span>{t(`qualificationNames.${QUALIFICATION_KEYS[name]}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </li>
      </ul>
      <FieldError id="eligibility-error" problem={problem} />
    </div>
  );
}
