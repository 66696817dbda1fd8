// What the chat specs share: the demo research team (李文博) opens its 答疑 conversation with the bearing
// company (张立新) about the company's open 揭榜挂帅 need, the way a person does — from the needs hall.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectLoggedIn, login } from './helpers';

export const TEAM = { email: 'team@demo.kechuang.cn', name: '李文博', org: '精密轴承与传动可靠性研究团队' };
export const ENTERPRISE = { email: 'enterprise@demo.kechuang.cn', name: '张立新', org: '浙江新昌精工轴承股份有限公司' };
const NEED_TITLE = '新能源汽车轮毂轴承单元低摩擦密封结构国产化攻关（揭榜挂帅）';
/** How the conversation is titled for the company (the team sees the company's name instead). */
export const QA_TITLE_FOR_ENTERPRISE = `需求答疑 · ${TEAM.org}`;

export async function signedIn(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  await expectLoggedIn(page);
  return { context, page };
}

/** The team finds the need in the hall and asks its owner: lands on /messages?c=<conversation>. Returns the URL. */
export async function teamOpensQa(page: Page): Promise<string> {
  await page.goto('/needs');
  await page.getByLabel('搜索技术需求').fill('轮毂轴承 低摩擦密封');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.getByRole('link', { name: NEED_TITLE }).first().click();
  await expect(page.getByRole('heading', { name: NEED_TITLE })).toBeVisible();
  await page.getByRole('button', { name: '向发布方提问' }).click();
  await expect(page).toHaveURL(/\/messages\?c=[0-9a-f-]{36}/, { timeout: 20_000 });
  await expect(composer(page)).toBeVisible();
  return page.url();
}

/** The company opens the same conversation from its list of conversations. */
export async function enterpriseOpensQa(page: Page): Promise<void> {
  await page.goto('/messages');
  await page.getByRole('navigation', { name: '会话列表' }).getByRole('link', { name: new RegExp(QA_TITLE_FOR_ENTERPRISE) }).first().click();
  await expect(page).toHaveURL(/\/messages\?c=[0-9a-f-]{36}/);
  await expect(composer(page)).toBeVisible();
}

export const composer = (page: Page): Locator => page.getByLabel('输入消息');

/** Waits until the tab's live connection is up (the panel's status line no longer says it is disconnected). */
export async function live(page: Page): Promise<void> {
  await expect(page.getByText('连接已断开，消息将在恢复后发送')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: /在线/ })).toBeVisible({ timeout: 20_000 });
}

/** Stored messages shown in the open conversation (not the ones still being sent), as the list holds them. */
export const storedMessages = (page: Page): Locator => page.locator('ol[aria-live] > li[data-seq]');

/** The labels `<token>-<label>` of the stored messages that carry `token`, in the order the page shows them. */
export async function labelsWith(page: Page, token: string): Promise<string[]> {
  const texts = await storedMessages(page).filter({ hasText: token }).allInnerTexts();
  const pattern = new RegExp(`${token}-([\\p{L}\\p{N}]+)`, 'u');
  return texts.map((t) => pattern.exec(t)?.[1] ?? '?');
}

/** Types like a person and sends with the 发送 button. */
export async function sendByButton(page: Page, body: string): Promise<void> {
  await composer(page).fill(body);
  await page.getByRole('button', { name: '发送', exact: true }).click();
}
