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
