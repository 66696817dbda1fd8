// What the specs share: demo logins, fresh unique data, and the steps a person repeats (log in, log out).
import { expect, type Page } from '@playwright/test';
import { makeCreditCode } from '../server/orgs/credit-code';

export const DEMO_PASSWORD = 'Demo@2026';
export const BUREAU_EMAIL = 'bureau@demo.kechuang.cn';

/** A short token unique to this run, for names and emails that must not collide with seed data or earlier runs. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

/** A valid 统一社会信用代码 (工商, 企业, 新昌县) no seed organisation has: a random serial in 31^9. */
export function freshCreditCode(): string {
  return makeCreditCode('91', '330624', Math.floor(Math.random() * 31 ** 9));
}

// Han ideographs, CJK punctuation and full-width forms; a language's own name ("中文") is allowed everywhere.
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
export const ENDONYMS = /简体中文|中文/g;

export async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

export async function expectLoggedIn(page: Page) {
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: '登录', exact: true })).toBeVisible();
}

/** All text a person can read or hear on the page: visible text plus labels, placeholders and titles. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });
}

// ─── The domain clock of the e2e server (server/jobs/clock-route.ts; answers only with CLOCK_CONTROL=1) ───

const CLOCK_PATH = '/__e2e/clock';

/** The server's "now" (it moves when a spec advances it). */
export async function serverNow(page: Page): Promise<Date> {
  const res = await page.request.get(CLOCK_PATH);
  expect(res.status(), 'the e2e server must run with CLOCK_CONTROL=1').toBe(200);
  return new Date(((await res.json()) as { now: string }).now);
}

/** Moves the server's clock ahead; the deadline job's pass runs before this returns. Returns the needs it closed. */
export async function advanceServerClock(page: Page, ms: number): Promise<string[]> {
  const res = await page.request.post(CLOCK_PATH, { data: { advanceMs: ms } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { closed: string[] }).closed;
}

/** Puts the server's clock back to the real time (specs after this one expect it). */
export async function resetServerClock(page: Page): Promise<void> {
  const res = await page.request.post(CLOCK_PATH, { data: { reset: true } });
  expect(res.status()).toBe(200);
}

/** A datetime-local value in Beijing time (the need form's deadline field), e.g. 2026-11-28T17:30. */
export function beijingDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A date input value (YYYY-MM-DD) `days` after `d`, in Beijing time. */
export function beijingDate(d: Date, days = 0): string {
  return new Date(d.getTime() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
}
