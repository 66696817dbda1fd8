import type { RubricCriterion } from './types';

/** A rubric criterion's name: the four default keys are translated, custom ones carry their own label. */
export function criterionLabel(c: RubricCriterion, translate: (key: string) => string, has: (key: string) => boolean): string {
  const key = `review.criteria.${c.key}`;
  return c.label ?? (has(key) ? translate(key) : c.key);
}
