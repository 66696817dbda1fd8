// 在线沟通 in two browsers at once: a research team and the company whose need it asks about chat in real
// time (typing indicator, 已读 receipts); the company goes offline, writes a message that waits in its outbox,
// the team writes meanwhile; back online, both hold every message exactly once and in the same order — and
// still do after a reload (the order is the server's seq, not the arrival order).
import { expect, test } from '@playwright/test';
import { unique } from './helpers';
import { composer, ENTERPRISE, enterpriseOpensQa, labelsWith, live, sendByButton, signedIn, storedMessages, TEAM, teamOpensQa } from './chat-steps';

test('两个浏览器实时沟通：正在输入、已读；一方断网时写的消息恢复后送达，双方各见一次且顺序一致', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = `t${unique()}`;
  const team = await signedIn(browser, TEAM.email);
  const enterprise = await signedIn(browser, ENTERPRISE.email);

  await test.step('团队从需求页向发布方提问，企业从会话列表打开同一会话', async () => {
    await teamOpensQa(team.page);
    await enterpriseOpensQa(enterprise.page);
    await live(team.page);
    await live(enterprise.page);
    await expect(team.page.getByRole('status').filter({ hasText: '1 人在线' })).toBeVisible({ timeout: 20_000 });
  });

  await test.step('团队输入时企业看到“正在输入”，发送后实时收到', async () => {
    await composer(team.page).pressSequentially(`您好，${token}-1 关于密封件`, { delay: 20 });
    await expect(enterprise.page.getByText(`${TEAM.name} 正在输入…`)).toBeVisible();
    await team.page.getByRole('button', { name: '发送', exact: true }).click();
    await expect(storedMessages(enterprise.page).filter({ hasText: `${token}-1` })).toHaveCount(1);
    await expect(enterprise.page.getByText(`${TEAM.name} 正在输入…`)).toHaveCount(0);
  });

  await test.step('企业读到后，团队的消息显示“已读”', async () => {
    await expect(storedMessages(team.page).filter({ hasText: `${token}-1` }).getByText('已读', { exact: true })).toBeVisible();
    await sendByButton(enterprise.page, `收到，${token}-2 请讲`);
    await expect(storedMessages(team.page).filter({ hasText: `${token}-2` })).toHaveCount(1);
    await expect(storedMessages(enterprise.page).filter({ hasText: `${token}-2` }).getByText('已读', { exact: true })).toBeVisible();
  });

  await test.step('企业断网：写的消息留在发件箱（刷新前不丢）；团队同时发消息', async () => {
    await enterprise.context.setOffline(true);
    await expect(enterprise.page.getByText('连接已断开，消息将在恢复后发送')).toBeVisible({ timeout: 20_000 });
    await sendByButton(enterprise.page, `断网时写的 ${token}-3`);
    const pending = enterprise.page.locator('ol[aria-live] > li').filter({ hasText: `${token}-3` });
    await expect(pending.getByText('发送中…')).toBeVisible();
    const outbox = await enterprise.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('kc.chat.outbox.'))
        .map((k) => localStorage.getItem(k) ?? '')
        .join(''),
    );
    expect(outbox).toContain(`${token}-3`);
    await sendByButton(team.page, `团队在此期间发的 ${token}-4`);
    await sendByButton(team.page, `还有一条 ${token}-5`);
    await expect(storedMessages(team.page).filter({ hasText: `${token}-5` })).toHaveCount(1);
    // Nothing reaches the offline tab, and its own message is not stored yet.
    await enterprise.page.waitForTimeout(1500);
    await expect(storedMessages(enterprise.page).filter({ hasText: `${token}-4` })).toHaveCount(0);
    await expect(storedMessages(team.page).filter({ hasText: `${token}-3` })).toHaveCount(0);
  });

  const expected = ['1', '2', '4', '5', '3'];
  await test.step('企业恢复网络：补齐缺失的消息，再发出发件箱里的消息；双方各一次、顺序一致', async () => {
    await enterprise.context.setOffline(false);
    await live(enterprise.page);
    for (const page of [enterprise.page, team.page]) {
      await expect.poll(() => labelsWith(page, token), { timeout: 30_000 }).toEqual(expected);
    }
    await expect(enterprise.page.getByText('发送中…')).toHaveCount(0);
    const outbox = await enterprise.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('kc.chat.outbox.'))
        .map((k) => localStorage.getItem(k) ?? '')
        .join(''),
    );
    expect(outbox).not.toContain(token);
  });

  await test.step('双方刷新页面后仍是同样的消息、同样的顺序，团队看到最后一条已读', async () => {
    for (const page of [enterprise.page, team.page]) {
      await page.reload();
      await expect(composer(page)).toBeVisible();
      await expect.poll(() => labelsWith(page, token), { timeout: 20_000 }).toEqual(expected);
    }
    await live(team.page);
    await sendByButton(team.page, `最后一条 ${token}-6`);
    await expect.poll(() => labelsWith(enterprise.page, token)).toEqual([...expected, '6']);
    await expect(storedMessages(team.page).filter({ hasText: `${token}-6` }).getByText('已读', { exact: true })).toBeVisible();
  });

  await team.context.close();
  await enterprise.context.close();
});
