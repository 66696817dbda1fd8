import catalogue from '@/db/data/disciplines.json';

/**
 * The national discipline catalogue (研究生教育学科专业目录, 2022): 学科门类 (two-digit codes) and their
 * 一级学科 (four-digit codes), shipped as db/data/disciplines.json with Chinese and English names.
 * Organisations and needs store 一级学科 codes only; names are looked up here, so a rename in a new
 * edition of the catalogue changes every page at once.
 */
export interface Discipline {
  code: string;
  name: string;
  nameEn: string;
}

export interface DisciplineCategory extends Discipline {
  disciplines: readonly Discipline[];
}

export const DISCIPLINE_CATEGORIES: readonly DisciplineCategory[] = catalogue.categories;

const byCode = new Map<string, Discipline & { category: string }>();
for (const category of DISCIPLINE_CATEGORIES) {
  for (const d of category.disciplines) byCode.set(d.code, { ...d, category: category.code });
}

export function isDisciplineCode(code: string): boolean {
  return byCode.has(code);
}

export function discipline(code: string): (Discipline & { category: string }) | undefined {
  return byCode.get(code);
}

/** Codes sorted in catalogue order, duplicates dropped; unknown codes are the caller's to refuse first. */
export function normaliseDisciplineCodes(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

/** A research team may declare this many 一级学科 (a profile naming the whole catalogue would match everything). */
export const MAX_DISCIPLINES = 12;
