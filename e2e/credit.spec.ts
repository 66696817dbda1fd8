// The credit model's path through the product: a team's credit report (its own, a partner's and the public view),
// then the bureau puts the team on the negative list from the report page — the team drops to D with the flag,
// disappears from a need's matches and cannot bid.
import { expect, test, type Page } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, login, unique } from './helpers';

const TEAM_EMAIL = 'team@demo.kechuang.cn';
const ENTERPRISE_EMAIL = 'enterprise@demo.kechuang.cn';
const TEAM_NAME = '精密轴承与传动可靠性研究团队';

/** Signs out wherever the page is (the page signed out to may offer its own 登录 link too). */
async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: '登录', exact: true })).toBeVisible();
}

/** Calls a tRPC procedure over HTTP as the signed-in page (superjson envelope); returns data or the error's message key. */
async function trpc(page: Page, path: string, input: unknown, mutation = false): Promise<{ data?: unknown; error?: string }> {
  return page.evaluate(
    async ({ path, input, mutation }) => {
      const body = JSON.stringify({ json: input });
      const res = mutation
        ? await fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        : await fetch(`/api/trpc/${path}?input=${encodeURIComponent(body)}`);
      const out = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { data?: { app?: { messageKey?: string } } } } };
      return out.error ? { error: out.error.json?.data?.app?.messageKey ?? 'error' } : { data: out.result?.data?.json };
    },
    { path, input, mutation },
  );
}

test('信用报告；科技局列入负面清单 → 团队降为 D、从匹配中消失、不能投标', async ({ page }) => {
  let teamId = '';
  let needId = '';
  const id = unique();

  await test.step('团队查看本机构的信用报告', async () => {
    await login(page, TEAM_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    await page.getByRole('link', { name: '信用', exact: true }).click();
    await expect(page).toHaveURL(/\/credit\/[0-9a-f-]{36}/);
    teamId = page.url().split('/credit/')[1]?.split(/[?#]/)[0] ?? '';
    await expect(page.getByRole('heading', { name: '分项' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '影响最大的记录' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '如何提高信用分' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '信用记录' })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/credit-report-own-390.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-results/credit-report-own-1280.png', fullPage: true });
    await logout(page);
  });

  await test.step('企业发布一个与团队专长相符的需求，团队出现在匹配结果中', async () => {
    await login(page, ENTERPRISE_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    const deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const draft = await trpc(
      page,
      'needs.createDraft',
      {
        mode: 'open',
        title: `滚动轴承寿命预测与故障诊断 ${id}`,
        summary: '需要对精密轴承进行寿命预测、可靠性评估和故障特征提取。',
        description: '面向精密轴承生产线，建立轴承扩展寿命计算与故障诊断方法。',
        industryField: 'smart_equipment',
        keywords: ['精密轴承', '轴承寿命预测', '故障诊断'],
        budgetMin: 30,
        budgetMax: 80,
        bidDeadline: deadline,
        deliveryMonths: 12,
      },
      true,
    );
    expect(draft.error).toBeUndefined();
    needId = (draft.data as { id: string }).id;
    expect((await trpc(page, 'needs.publish', { id: needId }, true)).error).toBeUndefined();
    // The owner sees the team among the need's matches, with its reasons and 邀请投标.
    await page.goto(`/needs/${needId}`);
    const matches = page.getByRole('region', { name: '智能匹配' });
    await expect(matches.getByRole('link', { name: TEAM_NAME })).toBeVisible();
    await expect(matches.getByText('匹配理由').first()).toBeVisible();
    await expect(matches.getByRole('button', { name: `邀请 ${TEAM_NAME} 投标` })).toBeVisible();
    await page.screenshot({ path: 'test-results/need-matches-1280.png', fullPage: true });
    // A partner sees the team's score and components, not its ledger.
    await page.goto(`/credit/${teamId}`);
    await expect(page.getByRole('heading', { name: '分项' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '信用记录' })).toHaveCount(0);
    await logout(page);
  });

  await test.step('科技局在团队的信用报告页记录负面清单', async () => {
    await login(page, BUREAU_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    await page.goto(`/credit/${teamId}`);
    await page.getByRole('button', { name: '记录失信事项' }).click();
    await page.getByLabel('性质').selectOption('serious');
    await page.getByLabel('列入负面清单').check();
    await page.getByLabel('事实与依据').fill('在县级科技计划项目结题材料中伪造第三方检测报告，经调查属实。');
    await page.getByLabel('决定文号').fill(`新科信〔2026〕E${id}号`);
    await page.getByRole('button', { name: '记录', exact: true }).click();
    await expect(page.getByText('已记录，机构的信用等级已更新。')).toBeVisible();
    await expect(page.getByText('负面清单').first()).toBeVisible();
    await expect(page.getByText('生效中的失信记录')).toBeVisible();
    await page.screenshot({ path: 'test-results/credit-report-bureau-negative-list.png', fullPage: true });
    await logout(page);
  });

  await test.step('公众看到 D 级和负面清单标记；通报中列出', async () => {
    await page.goto(`/credit/${teamId}`);
    await expect(page.getByText('信用很差')).toBeVisible();
    await expect(page.getByText('负面清单').first()).toBeVisible();
    await page.goto('/credit/notices');
    await expect(page.getByText(`新科信〔2026〕E${id}号`)).toBeVisible();
  });

  await test.step('团队从需求的匹配结果中消失', async () => {
    await login(page, ENTERPRISE_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    await page.goto(`/needs/${needId}`);
    const matches = page.getByRole('region', { name: '智能匹配' });
    await expect(matches).toBeVisible();
    await expect(matches.getByRole('link', { name: TEAM_NAME })).toHaveCount(0);
    const api = await trpc(page, 'matching.forNeed', { needId, limit: 100 });
    expect((api.data as { teams: { orgId: string }[] }).teams.map((t) => t.orgId)).not.toContain(teamId);
    await logout(page);
  });

  await test.step('团队不能投标', async () => {
    await login(page, TEAM_EMAIL, DEMO_PASSWORD);
    await expectLoggedIn(page);
    // The bid page says why, and offers no form.
    await page.goto(`/needs/${needId}`);
    await page.getByRole('link', { name: '我要揭榜' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '您的机构已被列入负面清单或存在严重失信记录，暂不能投标。' })).toBeVisible();
    await expect(page.getByRole('button', { name: '提交方案' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/bid-refused-negative-list.png', fullPage: true });
    const dueDate = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const bid = await trpc(
      page,
      'bids.submit',
      {
        needId,
        content: { approach: '在线测量与寿命预测模型。', milestones: [{ deliverable: '寿命预测模型', dueDate, amount: 50 }], teamMembers: [{ name: '李教授', role: '负责人' }], achievementIds: [], attachmentIds: [] },
      },
      true,
    );
    expect(bid.error).toBe('credit.excluded');
    await page.goto(`/credit/${teamId}`);
    await expect(page.getByText('信用很差')).toBeVisible();
  });
});
