// Typing Chinese with a pinyin IME: the Enter that picks a candidate belongs to the IME and never sends.
// Real composition through the Chrome DevTools Protocol — Input.imeSetComposition while the pinyin is being
// typed, the candidate-confirming Enter delivered during the composition, Input.insertText committing the
// characters — not synthetic keydown events. A later Enter sends (or Ctrl+Enter, when the user chose it).
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { unique } from './helpers';
import { composer, labelsWith, live, signedIn, storedMessages, TEAM, teamOpensQa } from './chat-steps';

/** Types pinyin through the IME, then confirms the candidate with Enter the way Chromium sees it from an IME. */
async function typePinyinAndConfirm(cdp: CDPSession, pinyin: string, chosen: string, enterKeyCode: 229 | 13) {
  for (let i = 1; i <= pinyin.length; i++) {
    const text = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  // The Enter key arrives while the composition is open (KeyboardEvent.isComposing is true; most IMEs also
  // report keyCode 229). It produces no character of its own: the IME commits the candidate instead.
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: enterKeyCode });
  await cdp.send('Input.insertText', { text: chosen });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
}

async function sent(page: Page, token: string): Promise<string[]> {
  return labelsWith(page, token);
}

test('拼音输入法选词按 Enter 不发送，之后的 Enter（或所选的 Ctrl+Enter）才发送', async ({ browser }) => {
  test.setTimeout(120_000);
  const token = `m${unique()}`;
  const { context, page } = await signedIn(browser, TEAM.email);
  await teamOpensQa(page);
  await live(page);
  const cdp = await context.newCDPSession(page);
  const box = composer(page);

  await test.step('Enter 发送模式：选词的 Enter 只上屏，不发送', async () => {
    await box.click();
    await box.pressSequentially(`${token}-甲 `);
    await typePinyinAndConfirm(cdp, 'mifeng', '密封', 229);
    await expect(box).toHaveValue(`${token}-甲 密封`);
    await typePinyinAndConfirm(cdp, 'jiance', '检测', 13);
    await expect(box).toHaveValue(`${token}-甲 密封检测`);
    await page.waitForTimeout(1000);
    expect(await sent(page, token)).toEqual([]);
    await expect(page.getByText('发送中…')).toHaveCount(0);

    await page.keyboard.press('Enter');
    await expect.poll(() => sent(page, token)).toEqual(['甲']);
    await expect(storedMessages(page).filter({ hasText: `${token}-甲 密封检测` })).toHaveCount(1);
    await expect(box).toHaveValue('');
  });

  await test.step('Ctrl+Enter 发送模式：选词的 Enter 和单独的 Enter 都不发送，Ctrl+Enter 发送', async () => {
    await page.getByLabel('使用 Ctrl+Enter 发送').check();
    await box.click();
    await box.pressSequentially(`${token}-乙 `);
    await typePinyinAndConfirm(cdp, 'runhua', '润滑', 229);
    await page.keyboard.press('Enter');
    await typePinyinAndConfirm(cdp, 'wendu', '温度', 13);
    await expect(box).toHaveValue(`${token}-乙 润滑\n温度`);
    await page.waitForTimeout(1000);
    expect(await sent(page, token)).toEqual(['甲']);

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sent(page, token)).toEqual(['甲', '乙']);
    await expect(box).toHaveValue('');
  });

  await test.step('所选的发送方式在刷新后保留', async () => {
    await page.reload();
    await expect(page.getByLabel('使用 Ctrl+Enter 发送')).toBeChecked();
    await page.getByLabel('使用 Ctrl+Enter 发送').uncheck();
  });

  await context.close();
});
