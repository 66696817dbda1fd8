/**
 * Message files are split by namespace (messages/<locale>/<namespace>.json) so features own their strings.
 * Add a namespace here when you add its two files; the i18n test checks both locales have the same keys.
 */
export const NAMESPACES = [
  'common',
  'nav',
  'home',
  'auth',
  'account',
  'org',
  'members',
  'bureau',
  'audit',
  'notifications',
  'privacy',
  'errors',
  'disciplines',
  'contracts',
  'needs',
  'bids',
  'credit',
  'chat',
  'matching',
  'landing',
  'dashboard',
] as const;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
