// The foundation's whole path: an enterprise registers, waits 待审核, the bureau verifies it, the owner sees 已认证.
import { expect, test } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, freshCreditCode, login, logout, unique } from './helpers';

test('企业注册 → 待审核 → 科技局通过认证 → 企业看到已认证', async ({ page }) => {
  const id = unique();
  const orgName = `新昌测试精工科技有限公司${id}`;
  const email = `owner-${id}@example.cn`;
  const password = `Kc@${id}2026`;

  await test.step('注册企业', async () => {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: '注册', exact: true }).click();
    await expect(page).toHaveURL(/\/register/);
    await page.getByRole('radio', { name: /^企业/ }).check();
    await page.getByLabel('机构名称').fill(orgName);
    await page.getByLabel('统一社会信用代码').fill(freshCreditCode());
    await page.getByLabel('所属产业领域').selectOption({ label: '智能装备' });
    await page.getByLabel('您的姓名').fill('王测试');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('checkbox', { name: /个人信息保护政策/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await expect(page).toHaveURL(/\/org/);
    await expectLoggedIn(page);
  });

  await test.step('我的机构显示待审核', async () => {
    await expect(page.getByText(orgName).first()).toBeVisible();
    await expect(page.getByText('待审核').first()).toBeVisible();
    await logout(page);
  });

  await test.step('科技局管理员通过认证', async () => {
    await login(page, BUREAU_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    await page.getByRole('link', { name: '资质审核' }).click();
    await expect(page).toHaveURL(/\/bureau\/verifications/);
    // Find the new enterprise among the pending ones by searching its name.
    await page.getByRole('searchbox').fill(orgName);
    await page.getByRole('searchbox').press('Enter');
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: orgName }) });
    await expect(entry.getByText('待审核')).toBeVisible();
    await entry.getByRole('button', { name: '通过认证' }).click();
    // Verified, it leaves the pending queue.
    await expect(entry).toHaveCount(0);
    await logout(page);
  });

  await test.step('企业负责人看到已认证', async () => {
    await login(page, email, password);
    await expectLoggedIn(page);
    await page.getByRole('link', { name: '我的机构' }).click();
    await expect(page.getByText(orgName).first()).toBeVisible();
    await expect(page.getByText('已认证').first()).toBeVisible();
  });
});
