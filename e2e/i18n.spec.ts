// Chinese by default; the switch turns every string of the app to English and back, kept in a cookie.
import { expect, test } from '@playwright/test';
import { CJK, ENDONYMS, readableText } from './helpers';

test('默认中文，切换到英文再切回中文', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('banner').getByRole('link', { name: '登录', exact: true })).toBeVisible();

  await page.getByRole('button', { name: '切换语言为 English' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice survives a new page load.
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('button', { name: 'Switch language to 中文' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: '登录', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

// Pages that show no user data: any Chinese character on them in English comes from the app itself.
// (The home page lists demo needs, whose titles are users' Chinese text, so it is not among them.)
for (const path of ['/login', '/register', '/forgot-password', '/privacy']) {
  test(`English ${path} shows no Chinese text from the app`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? '' }]);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const text = (await readableText(page)).replace(ENDONYMS, '');
    const chinese = text.split('\n').filter((line) => CJK.test(line));
    expect(chinese).toEqual([]);
  });
}
