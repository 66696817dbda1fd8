import { describe, expect, it } from 'vitest';
import { DISCIPLINE_CATEGORIES, discipline, isDisciplineCode, normaliseDisciplineCodes } from './disciplines';

describe('discipline catalogue (2022)', () => {
  it('has the 14 学科门类 and the 117 一级学科 of the 2022 catalogue', () => {
    expect(DISCIPLINE_CATEGORIES.map((c) => c.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']);
    expect(DISCIPLINE_CATEGORIES.flatMap((c) => c.disciplines)).toHaveLength(117);
  });

  it('every 一级学科 code is four digits under its 门类, unique, with Chinese and English names', () => {
    const seen = new Set<string>();
    for (const category of DISCIPLINE_CATEGORIES) {
      expect(category.nameEn).toMatch(/^[A-Za-z ,&-]+$/);
      for (const d of category.disciplines) {
        expect(d.code).toMatch(new RegExp(`^${category.code}[0-4]\\d$`));
        expect(seen.has(d.code)).toBe(false);
        seen.add(d.code);
        expect(d.name).toMatch(/[\u4e00-\u9fff]/);
        expect(d.nameEn).toMatch(/^[A-Za-z ,&-]+$/);
      }
    }
  });

  it('knows the disciplines the county industries need', () => {
    expect(discipline('0802')?.name).toBe('机械工程');
    expect(discipline('0805')?.name).toBe('材料科学与工程');
    expect(discipline('1002')?.name).toBe('临床医学');
    expect(discipline('1007')?.name).toBe('药学');
    expect(discipline('0902')?.name).toBe('园艺学');
    expect(discipline('1201')?.category).toBe('12');
    expect(discipline('1301')?.name).toBe('艺术学');
    expect(discipline('1401')?.name).toBe('集成电路科学与工程');
    expect(discipline('1403')?.name).toBe('设计学');
  });

  it('refuses codes that are not 一级学科 of the 2022 catalogue', () => {
    for (const code of ['08', '080201', '0834', '1010', '1305', '0855', '9999', '']) expect(isDisciplineCode(code)).toBe(false);
  });

  it('normalises a selection: sorted, unique', () => {
    expect(normaliseDisciplineCodes(['0805', '0802', '0805'])).toEqual(['0802', '0805']);
  });
});
