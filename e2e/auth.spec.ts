// Logging in as a person would: a wrong password answers in Chinese without saying whether the email exists.
import { expect, test } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, login, logout, unique } from './helpers';

test('密码错误时显示中文错误，且不透露邮箱是否存在', async ({ page }) => {
  await login(page, BUREAU_EMAIL, 'Wrong@2026x');
  await expect(page.getByText('邮箱或密码错误')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  // An unknown email gets the very same answer.
  await login(page, `nobody-${unique()}@example.cn`, 'Wrong@2026x');
  await expect(page.getByText('邮箱或密码错误')).toBeVisible();
});

test('演示账号登录后可退出登录', async ({ page }) => {
  await login(page, BUREAU_EMAIL, DEMO_PASSWORD);
  await expectLoggedIn(page);
  await logout(page);
});
