// The technical-needs marketplace as people click it (issue #3): one 揭榜挂帅 need from publication through two
// sealed bids, the deadline (the server's clock moved through the e2e-only clock route), expert review after a
// declaration of no conflict of interest, the award with coded feedback to the losing team, milestone delivery,
// acceptance and payment, to both double-blind ratings revealed; and one 赛马制 need through its stage gate.
//
// The two bidding teams are the demo logins lab@ (石墨烯功能材料团队) and reliability@ (数控装备可靠性与精密检测团队):
// credit.spec.ts puts team@'s organisation on the negative list, and the specs share one server.
import { expect, test, type Page } from '@playwright/test';
import {
  advanceServerClock,
  BUREAU_EMAIL,
  beijingDate,
  beijingDateTime,
  DEMO_PASSWORD,
  expectLoggedIn,
  login,
  logout,
  resetServerClock,
  serverNow,
  unique,
} from './helpers';

const OWNER = 'enterprise@demo.kechuang.cn';
const WINNER = { email: 'reliability@demo.kechuang.cn', team: '数控装备可靠性与精密检测团队' };
const LOSER = { email: 'lab@demo.kechuang.cn', team: '石墨烯功能材料团队' };
const DAY = 86_400_000;

test.afterEach(async ({ page }) => {
  await resetServerClock(page);
});

async function signIn(page: Page, email: string) {
  await login(page, email, DEMO_PASSWORD);
  await expectLoggedIn(page);
}

/** Finds a need in the hall by its title, as a visitor would, and opens it. */
async function openFromHall(page: Page, title: string, all = false) {
  await page.getByRole('banner').getByRole('link', { name: '技术需求' }).click();
  await page.getByLabel('搜索技术需求').fill(title);
  if (all) {
    await page.getByText('筛选', { exact: true }).click();
    await page.getByLabel('状态').selectOption({ label: '全部（含已截止、已完成）' });
  }
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** The owner fills the need form (the mode's own fields by the caller) and publishes it; returns the need's URL. */
async function publishNeed(page: Page, need: { mode: string; title: string; deadline: Date; money: (page: Page) => Promise<void> }) {
  await page.getByRole('banner').getByRole('link', { name: '技术需求' }).click();
  await page.getByRole('link', { name: '发布需求' }).click();
  await expect(page.getByRole('heading', { name: '发布技术需求' })).toBeVisible();
  await page.getByLabel('需求模式').selectOption({ label: need.mode });
  await page.getByLabel('需求标题').fill(need.title);
  await page.getByLabel('所属产业领域').selectOption({ label: '智能装备' });
  await page.getByLabel('关键词').fill('精密轴承，磨削，颤振抑制');
  await page.getByLabel('公开摘要').fill('面向精密轴承套圈磨削，抑制颤振、提升表面质量与尺寸一致性，征集可在产线验证的技术方案。');
  await page.getByLabel('需求描述').fill('## 技术难点\n磨削颤振导致套圈表面波纹度超差。\n\n## 目标\n波纹度降低 50%，废品率低于 1%。');
  await page.getByLabel('预期成果').fill('颤振在线监测与抑制方案一套，产线验证报告一份。');
  await need.money(page);
  await page.getByLabel('投标截止时间').fill(beijingDateTime(need.deadline));
  await page.getByLabel('交付周期（月）').fill('6');
  await page.getByLabel('知识产权归属').selectOption({ label: '双方共有' });
  await page.getByRole('button', { name: '发布需求', exact: true }).click();
  await expect(page).toHaveURL(/\/needs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: need.title })).toBeVisible();
  await expect(page.getByText('征集中').first()).toBeVisible();
  return new URL(page.url()).pathname;
}

/** A team opens the need from the hall and submits a bid with one milestone. */
async function bid(page: Page, title: string, b: { approach: string; deliverable: string; due: string; amount: string; member: string }) {
  await openFromHall(page, title);
  await page.getByRole('link', { name: '我要揭榜' }).click();
  await page.getByRole('textbox', { name: '技术方案' }).fill(b.approach);
  const milestone = page.getByRole('group', { name: '里程碑 1' });
  await milestone.getByLabel('交付成果').fill(b.deliverable);
  await milestone.getByLabel('截止日期').fill(b.due);
  await milestone.getByLabel('金额（万元）').fill(b.amount);
  await page.getByLabel('姓名').fill(b.member);
  await page.getByLabel('分工').fill('项目负责人');
  await page.getByRole('button', { name: '提交方案', exact: true }).click();
  await expect(page.getByText('方案已提交（第 1 版）')).toBeVisible();
}

/** The winning team submits its milestone's deliverable from its bid page (→ 查看技术合同); returns the contract's URL. */
async function deliver(page: Page, title: string) {
  await openFromHall(page, title, true);
  await page.getByRole('link', { name: '查看我的方案' }).click();
  await expect(page.getByText('恭喜，您的方案已中标')).toBeVisible();
  await page.getByRole('link', { name: '查看技术合同' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: '提交交付' }).click();
  await page.getByLabel('交付说明（必填）').fill('已完成颤振在线监测系统部署与三批次产线验证，波纹度下降 56%，验证报告见附件说明。');
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('已提交交付，等待甲方验收。')).toBeVisible();
  await expect(page.getByText('待验收').first()).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Rates the other side of a completed contract: three star scores, the private 0–10, a comment. */
async function rate(page: Page, comment: string) {
  const ratings = page.locator('#rating');
  for (const criterion of ['成果质量', '及时性', '沟通协作']) {
    await ratings.getByRole('group', { name: criterion }).getByRole('radio', { name: '5 星' }).check();
  }
  await ratings.getByRole('group', { name: /是否愿意再次合作/ }).getByRole('radio', { name: '9', exact: true }).check();
  await ratings.getByLabel('评语（选填，对方在公开后可见）').fill(comment);
  await ratings.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('评价已提交。')).toBeVisible();
}

test('揭榜挂帅：发布 → 两个团队密封投标 → 截止 → 专家声明无利益冲突并评分 → 定标并反馈落选团队 → 交付验收付款 → 双盲互评公开', async ({ page }) => {
  test.setTimeout(480_000);
  const title = `精密轴承磨削颤振抑制揭榜攻关 ${unique()}`;
  const start = await serverNow(page);
  let needPath = '';
  let contractPath = '';

  await test.step('企业发布揭榜挂帅需求（榜额 120 万元），并邀请评审专家', async () => {
    await signIn(page, OWNER);
    needPath = await publishNeed(page, {
      mode: '揭榜挂帅',
      title,
      deadline: new Date(start.getTime() + DAY),
      money: async (p) => {
        await p.getByLabel('榜额（万元）').fill('120');
      },
    });
    await expect(page.getByText('机构已通过县科技局资质认证')).toBeVisible();
    await page.getByRole('link', { name: '投标方案' }).click();
    await expect(page.getByRole('heading', { name: '方案密封中' })).toBeVisible();
    await page.getByLabel('专家的注册邮箱').fill(BUREAU_EMAIL);
    await page.getByRole('button', { name: '发送邀请' }).click();
    await expect(page.getByText('已邀请 王建国。')).toBeVisible();
    await logout(page);
  });

  await test.step('两个科研团队各自提交方案（报价等于榜额）', async () => {
    await signIn(page, WINNER.email);
    await bid(page, title, {
      approach: '## 技术路线\n基于主轴振动与声发射信号的颤振在线识别，结合变转速磨削抑制颤振。\n\n## 验证\n三批次产线对比试验。',
      deliverable: '颤振在线监测与抑制系统及产线验证报告',
      due: beijingDate(start, 120),
      amount: '120',
      member: '陈思远',
    });
    await logout(page);

    await signIn(page, LOSER.email);
    await bid(page, title, {
      approach: '## 技术路线\n采用石墨烯改性磨削液提升润滑与散热，降低磨削力波动。',
      deliverable: '石墨烯改性磨削液配方与试验报告',
      due: beijingDate(start, 150),
      amount: '120',
      member: '沈佳琪',
    });
    await logout(page);
  });

  await test.step('截止前：方案对发布方密封；专家先声明无利益冲突', async () => {
    await signIn(page, OWNER);
    await page.goto(`${needPath}/bids`);
    await expect(page.getByRole('heading', { name: '方案密封中' })).toBeVisible();
    await expect(page.getByText(WINNER.team)).toHaveCount(0);
    await logout(page);

    await signIn(page, BUREAU_EMAIL);
    await openFromHall(page, title);
    await page.getByRole('link', { name: '进入评审' }).click();
    await expect(page.getByRole('heading', { name: '利益冲突声明' })).toBeVisible();
    await page.getByRole('button', { name: '声明无利益冲突' }).click();
    await expect(page.getByText('揭榜挂帅需求的方案在投标截止')).toBeVisible();
    await logout(page);
  });

  await test.step('投标截止时间到（服务器时钟前移两天），需求自动截止', async () => {
    const closed = await advanceServerClock(page, 2 * DAY);
    expect(closed).toContain(needPath.split('/').pop());
    await page.goto(needPath);
    await expect(page.getByText('已截止').first()).toBeVisible();
    await expect(page.getByRole('link', { name: '我要揭榜' })).toHaveCount(0);
  });

  await test.step('专家按评分标准为两份方案打分', async () => {
    await signIn(page, BUREAU_EMAIL);
    await openFromHall(page, title, true);
    await page.getByRole('link', { name: '进入评审' }).click();
    const scores: Record<string, [string, string, string, string]> = { [WINNER.team]: ['36', '18', '18', '17'], [LOSER.team]: ['25', '15', '18', '16'] };
    for (const [team, [technical, member, price, credit]] of Object.entries(scores)) {
      const card = page.getByRole('article', { name: team });
      await card.getByLabel('技术方案（0–40）').fill(technical);
      await card.getByLabel('团队实力（0–20）').fill(member);
      await card.getByLabel('报价（0–20）').fill(price);
      await card.getByLabel('信用（0–20）').fill(credit);
      await card.getByLabel('评审意见').fill('方案思路清晰，验证计划可行。');
      await card.getByRole('button', { name: '提交评分' }).click();
      await expect(card.getByText('已保存评分')).toBeVisible();
    }
    await logout(page);
  });

  await test.step('企业查看评分汇总，选定中标团队，并给落选团队编码反馈', async () => {
    await signIn(page, OWNER);
    await page.goto(needPath);
    await page.getByRole('link', { name: '投标方案' }).click();
    await expect(page.getByRole('heading', { name: '评分汇总' })).toBeVisible();
    await page.getByRole('radio', { name: `选为中标方案 ${WINNER.team}` }).check();
    const feedback = page.getByRole('group', { name: `给“${LOSER.team}”的未中标反馈` });
    await feedback.getByLabel('未中标原因').selectOption({ label: '技术方案' });
    await feedback.getByLabel('反馈说明').fill('改性磨削液难以在现有产线快速验证，颤振监测方案更贴合需求。');
    await page.getByRole('button', { name: '确认中标' }).click();
    await expect(page.getByText('定标完成，已生成 1 份技术合同。')).toBeVisible();
    await expect(page.getByRole('heading', { name: '定标结果' })).toBeVisible();
    await logout(page);
  });

  await test.step('落选团队看到未中标及反馈原因', async () => {
    await signIn(page, LOSER.email);
    await page.getByRole('banner').getByRole('link', { name: '我的方案' }).click();
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByText('您的方案未中标')).toBeVisible();
    await expect(page.getByText('改性磨削液难以在现有产线快速验证')).toBeVisible();
    await logout(page);
  });

  await test.step('中标团队提交里程碑成果', async () => {
    await signIn(page, WINNER.email);
    contractPath = await deliver(page, title);
    await logout(page);
  });

  await test.step('企业验收、登记付款；合同完成，企业先评价（对方看不到）', async () => {
    await signIn(page, OWNER);
    await page.getByRole('banner').getByRole('link', { name: '合同' }).click();
    await page.getByRole('link', { name: title }).first().click();
    await expect(page).toHaveURL(new RegExp(`${contractPath}$`));
    await page.getByRole('button', { name: '验收通过' }).click();
    await page.getByRole('button', { name: '确认验收' }).click();
    await expect(page.getByText('已验收通过，该里程碑记为应付款。')).toBeVisible();
    await page.getByRole('button', { name: '登记付款' }).click();
    await page.getByLabel('付款凭证号（选填）').fill(`ZF-${unique()}`);
    await page.getByRole('button', { name: '确认付款' }).click();
    await expect(page.getByText('已登记付款。')).toBeVisible();
    await page.reload();
    await expect(page.getByText('已完成').first()).toBeVisible();
    await rate(page, '交付扎实，现场调试响应及时。');
    await page.reload();
    await expect(page.getByText('对方评价将在双方都评价后或完成 14 天后公开').first()).toBeVisible();
    await logout(page);
  });

  await test.step('团队评价后，双方的评价同时公开', async () => {
    await signIn(page, WINNER.email);
    await page.goto(contractPath);
    // Before rating, the team cannot see what the enterprise wrote.
    await expect(page.getByText('交付扎实，现场调试响应及时。')).toHaveCount(0);
    await rate(page, '需求清晰，验收与付款及时。');
    await page.reload();
    await expect(page.getByText('交付扎实，现场调试响应及时。')).toBeVisible();
    await expect(page.getByText('需求清晰，验收与付款及时。')).toBeVisible();
    await logout(page);

    await signIn(page, OWNER);
    await page.goto(contractPath);
    await expect(page.getByText('需求清晰，验收与付款及时。')).toBeVisible();
    // The team's private "would contract again" never reaches the enterprise.
    await expect(page.getByText('是否愿意再次合作：9 / 10')).toHaveCount(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/marketplace-contract-390.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-results/marketplace-contract-1280.png', fullPage: true });
  });

  await test.step('手机宽度下，登录后的页头只占一行：链接和退出登录收在“菜单”里', async () => {
    const banner = page.getByRole('banner');
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await banner.boundingBox())?.height ?? 0).toBeLessThan(70);
    await expect(banner.getByRole('link', { name: '合同' })).toBeHidden();
    await banner.getByRole('button', { name: '菜单' }).click();
    await expect(banner.getByRole('link', { name: '合同' })).toBeVisible();
    await expect(banner.getByRole('button', { name: '退出登录' })).toBeVisible();
    await page.screenshot({ path: 'test-results/marketplace-header-menu-390.png' });
    await banner.getByRole('link', { name: '合同' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的合同' })).toBeVisible();
    await expect(banner.getByRole('button', { name: '退出登录' })).toBeHidden();
    await page.screenshot({ path: 'test-results/marketplace-header-390.png' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(banner.getByRole('button', { name: '菜单' })).toBeHidden();
    await page.screenshot({ path: 'test-results/marketplace-header-1280.png' });
    await logout(page);
  });
});

test('赛马制：两个团队并行中标，阶段评审保留最优团队、另一份合同阶段性结束', async ({ page }) => {
  test.setTimeout(300_000);
  const title = `轴承套圈磨削数字孪生赛马攻关 ${unique()}`;
  const start = await serverNow(page);
  let needPath = '';

  await test.step('企业发布赛马制需求（并行选定 2 个团队）', async () => {
    await signIn(page, OWNER);
    needPath = await publishNeed(page, {
      mode: '赛马制',
      title,
      deadline: new Date(start.getTime() + DAY),
      money: async (p) => {
        await p.getByLabel('最低预算（万元）').fill('40');
        await p.getByLabel('最高预算（万元）').fill('80');
        await p.getByLabel('选定团队数').selectOption('2');
      },
    });
    await expect(page.getByText('2 个团队')).toBeVisible();
    await logout(page);
  });

  await test.step('两个团队投标', async () => {
    for (const [who, amount] of [
      [WINNER, '60'],
      [LOSER, '55'],
    ] as const) {
      await signIn(page, who.email);
      await bid(page, title, {
        approach: `## 技术路线\n${who.team}：磨削过程数字孪生建模与参数优化，第一阶段完成样机验证。`,
        deliverable: '第一阶段样机与验证报告',
        due: beijingDate(start, 90),
        amount,
        member: who === WINNER ? '陈思远' : '沈佳琪',
      });
      await logout(page);
    }
  });

  await test.step('截止后企业选定两个团队，生成两份合同', async () => {
    await advanceServerClock(page, 2 * DAY);
    await signIn(page, OWNER);
    await page.goto(needPath);
    await expect(page.getByText('已截止').first()).toBeVisible();
    await page.getByRole('link', { name: '投标方案' }).click();
    await page.getByRole('checkbox', { name: `选为中标方案 ${WINNER.team}` }).check();
    await page.getByRole('checkbox', { name: `选为中标方案 ${LOSER.team}` }).check();
    await page.getByRole('button', { name: '确认中标' }).click();
    await expect(page.getByText('定标完成，已生成 2 份技术合同。')).toBeVisible();
  });

  await test.step('阶段评审：保留最优团队，另一团队的合同阶段性结束', async () => {
    await page.getByRole('link', { name: '查看技术合同' }).first().click();
    const gate = page.getByRole('region', { name: '赛马制阶段评审' });
    await gate.getByRole('checkbox', { name: WINNER.team }).check();
    await gate.getByLabel('评审说明（选填，将发给各团队）').fill('第一阶段样机指标领先，保留继续履行。');
    await gate.getByRole('button', { name: '进行阶段评审' }).click();
    await expect(gate.getByText(`将结束以下团队的合同（阶段性结束，计为已交付，不是失败）：${LOSER.team}。保留：${WINNER.team}。`)).toBeVisible();
    await gate.getByRole('button', { name: '确认阶段评审' }).click();
    await expect(page.getByText('阶段评审已完成。')).toBeVisible();
    await page.reload();
    await expect(gate.getByText('该需求的阶段评审已完成。')).toBeVisible();
    const closedRow = gate.getByRole('listitem').filter({ hasText: LOSER.team });
    await expect(closedRow.getByText('阶段性结束')).toBeVisible();
    const keptRow = gate.getByRole('listitem').filter({ hasText: WINNER.team });
    await expect(keptRow.getByText('履行中')).toBeVisible();
    await logout(page);
  });

  await test.step('被结束的团队看到合同阶段性结束', async () => {
    await signIn(page, LOSER.email);
    await page.getByRole('banner').getByRole('link', { name: '合同' }).click();
    await page.getByRole('link', { name: title }).first().click();
    await expect(page.getByText('阶段性结束').first()).toBeVisible();
  });
});
