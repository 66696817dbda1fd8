import { amount } from '../bids/format';

type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * A need's money line in 万元 (UI.md: `12.50 万元`): the bounty of a 揭榜挂帅 list, otherwise the budget
 * range (one end alone when only one is set), or null when nothing is set. `t` is the `needs` namespace.
 */
export function needMoney(t: T, n: { mode: string; budgetMin: string | null; budgetMax: string | null; bounty: string | null }): string | null {
  if (n.mode === 'jiebang' && n.bounty) return t('amount', { amount: amount(n.bounty) });
  const min = n.budgetMin ? amount(n.budgetMin) : '';
  const max = n.budgetMax ? amount(n.budgetMax) : '';
  if (min && max) return min === max ? t('amount', { amount: min }) : t('budgetRange', { min, max });
  if (min || max) return t('amount', { amount: min || max });
  return null;
}
