// Messages are text: HTML, script and javascript:/data: links sent as messages are shown as the characters
// typed, in the sender's tab and in the receiver's, and nothing runs (no dialog, no flag set on window,
// no element made from the payload). Only http(s) links become anchors.
import { expect, test, type Page } from '@playwright/test';
import { unique } from './helpers';
import { composer, ENTERPRISE, enterpriseOpensQa, live, sendByButton, signedIn, storedMessages, TEAM, teamOpensQa } from './chat-steps';

const payloads = (token: string) => [
  `${token} <img src=x onerror="window.__xss='img';alert('img')">`,
  `${token} <script>window.__xss='script';alert('script')</script>`,
  `${token} <svg onload="window.__xss='svg'"></svg><iframe src="javascript:parent.__xss='iframe'"></iframe>`,
  `${token} [点我领取](javascript:window.__xss='md';alert('md'))`,
  `${token} [图片](data:text/html,<script>alert('data')</script>)`,
  `${token} javascript:alert('bare')`,
  `${token} [正常链接](https://example.com/a"onmouseover="window.__xss='attr')`,
  `${token} **<b onmouseover="window.__xss='bold'">粗体</b>** \`<img src=x onerror=alert('code')>\``,
];

function watch(page: Page, dialogs: string[]) {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}

async function expectShownAsText(page: Page, token: string, sent: string[]) {
  const items = storedMessages(page).filter({ hasText: token });
  await expect(items).toHaveCount(sent.length, { timeout: 20_000 });
  const shown = await items.allInnerTexts();
  for (const body of sent) {
    // Markdown markers (** and `) are formatting; every other character the sender typed is shown as is.
    const visible = body.replace(/\*\*/g, '').replace(/`/g, '');
    expect(shown.some((text) => text.includes(visible.replace(/\[([^\]]+)\]\((https?:[^)]+)\)/, '$1'))), `shown as typed: ${body}`).toBe(true);
  }
  // No element was made from any payload; the one https link is an anchor to https, nothing else is.
  for (const selector of ['img', 'script', 'svg', 'iframe', 'b[onmouseover]', '[onerror]', '[onload]', '[onmouseover]']) {
    await expect(items.locator(selector)).toHaveCount(0);
  }
  const hrefs = await items.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  await items.filter({ hasText: '正常链接' }).locator('a').hover();
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
}

test('消息中的 HTML、脚本和 javascript: 链接按文字显示，发送方和接收方都不执行', async ({ browser }) => {
  test.setTimeout(150_000);
  const token = `x${unique()}`;
  const sent = payloads(token);
  const team = await signedIn(browser, TEAM.email);
  const enterprise = await signedIn(browser, ENTERPRISE.email);
  const dialogs: string[] = [];
  watch(team.page, dialogs);
  watch(enterprise.page, dialogs);

  await teamOpensQa(team.page);
  await enterpriseOpensQa(enterprise.page);
  await live(team.page);
  await live(enterprise.page);

  for (const body of sent) await sendByButton(team.page, body);
  await expect(composer(team.page)).toHaveValue('');

  await test.step('发送方与接收方都按文字显示', async () => {
    await expectShownAsText(team.page, token, sent);
    await expectShownAsText(enterprise.page, token, sent);
  });

  await test.step('点击 javascript: 伪链接文字不会执行；刷新后从数据库读出的也一样', async () => {
    await storedMessages(enterprise.page).filter({ hasText: '点我领取' }).getByText(/点我领取/).click();
    await enterprise.page.reload();
    await expectShownAsText(enterprise.page, token, sent);
  });

  expect(dialogs).toEqual([]);
  await team.context.close();
  await enterprise.context.close();
});
