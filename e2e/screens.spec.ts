// The main pages at phone (390×844) and desktop width: nothing wider than the screen, and screenshots of each
// in test-results/screens/ (<page>-<size>.png the first screen, -full.png the whole page) for a person to look at.
import { expect, test, type Page } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, login } from './helpers';

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    // Not 'networkidle': signed-in pages keep a socket.io connection (long-polling at first) open for ever.
    await page.waitForLoadState('load');
    await page.evaluate(() => document.fonts.ready);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.screenshot({ path: `test-results/screens/${name}-${size}.png` });
    await page.screenshot({ path: `test-results/screens/${name}-${size}-full.png`, fullPage: true });
    expect(overflow, `${name} at ${size} width scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
}

// Many pages, two sizes, two screenshots each: more than one default test timeout on a busy machine.
test.describe.configure({ timeout: 180_000 });

test('公开页面在手机和桌面宽度下不横向溢出', async ({ page }) => {
  for (const [name, path] of [
    ['home', '/'],
    ['login', '/login'],
    ['register', '/register'],
    ['forgot-password', '/forgot-password'],
    ['privacy', '/privacy'],
  ] as const) {
    await page.goto(path);
    await shoot(page, name);
  }
});

test('科技局页面在手机和桌面宽度下不横向溢出', async ({ page }) => {
  await login(page, BUREAU_EMAIL, DEMO_PASSWORD);
  await expectLoggedIn(page);
  for (const [name, path] of [
    ['org', '/org'],
    ['members', '/org/members'],
    ['verifications', '/bureau/verifications'],
    ['audit', '/audit'],
    ['account', '/account'],
    ['notifications', '/notifications'],
  ] as const) {
    await page.goto(path);
    await shoot(page, name);
  }
  // A verified organisation's public profile, reached the way the bureau reaches it.
  await page.goto('/bureau/verifications?status=verified');
  await page.getByRole('link', { name: '查看主页' }).first().click();
  await expect(page).toHaveURL(/\/orgs\//);
  await shoot(page, 'org-profile');
});
