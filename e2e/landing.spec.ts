// 项目落地 through the product, as the three parties click it: the incubator registers a project; the team
// requests the first gate by dragging its card and submits the evidence (a wrong 统一社会信用代码 is refused with
// a clear message); the incubator sends it back with reasons, the team fixes and resubmits, the incubator
// approves; the team reports a quarter's KPIs (a warning confirmed with 确认无误) and submits the second gate;
// the incubator approves and the bureau signs off industrialisation — the board's counts move accordingly.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, freshCreditCode, login, logout, unique } from './helpers';

const INCUBATOR_EMAIL = 'incubator@demo.kechuang.cn';
const TEAM_EMAIL = 'team@demo.kechuang.cn';
const TEAM_NAME = '精密轴承与传动可靠性研究团队';
const STAGES = ['incubating', 'accelerating', 'industrializing', 'landed'] as const;

/** A small PDF (the upload sniffs the type; %PDF- is what it looks for). */
function pdf(name: string) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`) };
}

async function signIn(page: Page, email: string) {
  await login(page, email, DEMO_PASSWORD);
  await expectLoggedIn(page);
}

/** The desktop board's count per stage column. */
async function boardCounts(page: Page): Promise<Record<(typeof STAGES)[number], number>> {
  await page.goto('/landing');
  const out = {} as Record<(typeof STAGES)[number], number>;
  for (const s of STAGES) {
    const count = page.getByTestId(`count-${s}`);
    out[s] = (await count.count()) ? Number(await count.innerText()) : 0;
  }
  return out;
}

const FUNNEL = '项目落地漏斗与阶段用时';
const STAGE_NAMES = ['异地研发孵化', '新昌加速', '新昌产业化', '投产落地'] as const;

/** The dashboard's landing funnel: projects that reached each stage (the table under the chart). */
async function funnel(page: Page): Promise<Record<string, number>> {
  await page.goto('/dashboard');
  const section = page.getByRole('region', { name: FUNNEL });
  const out: Record<string, number> = {};
  for (const stage of STAGE_NAMES) {
    const row = section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: stage, exact: true }) });
    out[stage] = (await row.count()) ? Number((await row.getByRole('cell').first().innerText()).replace(/,/g, '')) : 0;
  }
  return out;
}

/** Uploads one file into a checklist item and waits until it is stored. */
async function upload(page: Page, item: string, name: string) {
  const row = page.getByTestId(`checklist-${item}`);
  await row.locator('input[type=file]').setInputFiles(pdf(name));
  // Stored: the file's 取消上传 turns into 移除 (a refusal would say 上传失败 instead).
  await expect(row.getByRole('button', { name: `移除 ${name}` })).toBeVisible();
  await expect(row.getByText('上传失败')).toHaveCount(0);
}

test('落地项目：登记 → 团队提交首个阶段评审 → 退回 → 修改重交 → 通过 → 季度指标 → 科技局签批产业化', async ({ page }) => {
  test.setTimeout(300_000);
  const name = `e2e磁悬浮轴承中试项目${unique()}`;
  let projectUrl = '';

  const funnelBefore = await test.step('科技局驾驶舱：落地漏斗（之前）', async () => {
    await signIn(page, BUREAU_EMAIL);
    const f = await funnel(page);
    await logout(page);
    return f;
  });

  await test.step('飞地运营方登记落地项目', async () => {
    await signIn(page, INCUBATOR_EMAIL);
    await page.getByRole('banner').getByRole('link', { name: '落地项目' }).click();
    await expect(page.getByRole('heading', { name: '落地项目', level: 1 })).toBeVisible();
  });
  const before = await boardCounts(page);

  await test.step('新建项目表单', async () => {
    await page.getByRole('link', { name: '新建落地项目' }).first().click();
    await page.getByLabel('项目名称').fill(name);
    await page.getByLabel('项目团队或企业').fill('精密轴承');
    await page.getByRole('button', { name: new RegExp(TEAM_NAME) }).click();
    await expect(page.getByTestId('team-chosen')).toContainText(TEAM_NAME);
    await page.getByLabel('产业领域').selectOption({ label: '智能装备' });
    await page.getByLabel('项目简介').fill('高速磁悬浮轴承样机已在杭州飞地完成验证，计划在新昌建设中试线。');
    await page.getByLabel('计划落地地点').fill('新昌高新区 智造大道 88 号');
    await page.getByLabel('计划投资（万元）').fill('1200');
    await page.getByLabel('目标年营收（万元）').fill('5000');
    await page.getByLabel('目标就业人数').fill('60');
    await page.getByRole('button', { name: '登记项目' }).click();
    await expect(page).toHaveURL(/\/landing\/[0-9a-f-]{36}$/);
    projectUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByText('异地研发孵化').first()).toBeVisible();
    await expect(page.getByTestId('timeline')).toContainText('创建了项目');
  });
  const created = await boardCounts(page);
  expect(created.incubating).toBe(before.incubating + 1);
  await logout(page);

  await test.step('团队把卡片拖到“新昌加速”，打开阶段评审表单并提交材料', async () => {
    await signIn(page, TEAM_EMAIL);
    await page.getByRole('banner').getByRole('link', { name: '落地项目' }).click();
    const card = page.getByTestId('landing-card').filter({ hasText: name, visible: true });
    await card.dragTo(page.locator('section[data-stage="accelerating"]'));
    await expect(page).toHaveURL(new RegExp(`${projectUrl}\\?gate=open`));
    await expect(page.getByRole('heading', { name: '阶段评审：进入新昌加速' })).toBeVisible();

    await upload(page, 'prototypeValidated', '样机验证报告.pdf');
    const company = page.getByTestId('checklist-localCompanyRegistered');
    await company.getByLabel('公司名称').fill('浙江新昌磁浮轴承科技有限公司');
    // A code with a wrong check digit: refused with a clear message, nothing saved.
    const good = freshCreditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await company.getByLabel('统一社会信用代码').fill(bad);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(company.getByRole('alert')).toHaveText('统一社会信用代码校验位不正确，请核对后重新输入');
    await company.getByLabel('统一社会信用代码').fill(good);
    await upload(page, 'siteAgreement', '场地协议-未盖章.pdf');
    await page.getByRole('button', { name: '提交评审' }).click();
    await expect(page.getByText('已提交评审，等待飞地运营方审核。')).toBeVisible();
    await expect(page.getByRole('main').getByText('待飞地审核').first()).toBeVisible();
    await logout(page);
  });

  await test.step('飞地运营方在待审核中打开，退回并写明理由', async () => {
    await signIn(page, INCUBATOR_EMAIL);
    await page.goto('/landing');
    await page.getByRole('link', { name: /待审核/ }).click();
    const item = page.getByRole('listitem').filter({ hasText: name });
    await item.getByRole('link', { name: '去审核' }).click();
    await expect(page.getByTestId('checklist-siteAgreement')).toContainText('场地协议-未盖章.pdf');
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByLabel('退回理由（必填，项目团队将看到）').fill('场地协议缺少新昌高新区管委会盖章页，请补充。');
    await page.getByRole('button', { name: '确认退回' }).click();
    await expect(page.getByText('已退回，项目团队将收到通知。')).toBeVisible();
    await logout(page);
  });

  await test.step('团队看到退回理由，替换场地协议后重新提交', async () => {
    await signIn(page, TEAM_EMAIL);
    await page.goto(projectUrl);
    await expect(page.getByTestId('send-back-reason')).toHaveText('场地协议缺少新昌高新区管委会盖章页，请补充。');
    const site = page.getByTestId('checklist-siteAgreement');
    await site.getByRole('button', { name: '移除文件 场地协议-未盖章.pdf' }).click();
    await upload(page, 'siteAgreement', '场地协议-已盖章.pdf');
    await page.getByRole('button', { name: '修改后重新提交' }).click();
    await expect(page.getByText('已提交评审，等待飞地运营方审核。')).toBeVisible();
    await logout(page);
  });

  await test.step('飞地运营方审核通过：项目进入新昌加速', async () => {
    await signIn(page, INCUBATOR_EMAIL);
    await page.goto(projectUrl);
    await expect(page.getByTestId('checklist-siteAgreement')).toContainText('场地协议-已盖章.pdf');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect(page.getByText('已审核通过。')).toBeVisible();
    await expect(page.getByRole('main').locator('header').getByText('新昌加速')).toBeVisible();
    await expect(page.getByTestId('timeline')).toContainText('项目进入「新昌加速」阶段');
    await logout(page);
  });

  await test.step('团队填报季度指标：数据异常时先提示，确认无误后保存', async () => {
    await signIn(page, TEAM_EMAIL);
    await page.goto(projectUrl);
    const form = page.getByRole('form', { name: '季度指标填报' });
    // The current quarter (the project started in it; earlier quarters are not reportable).
    await form.getByRole('combobox').selectOption({ index: 0 });
    await form.getByLabel('本季度投资（万元）').fill('300');
    await form.getByLabel('本季度营业收入（万元）').fill('20');
    await form.getByLabel('本季度纳税（万元）').fill('35');
    await form.getByLabel('季末员工人数').fill('18');
    await form.getByLabel('本季度专利申请（件）').fill('3');
    await form.getByLabel('本季度专利授权（件）').fill('1');
    await form.getByRole('button', { name: '提交填报' }).click();
    await expect(form.getByRole('alert')).toContainText('纳税额 35 万元高于营业收入 20 万元');
    await expect(page.getByTestId('kpi-row')).toHaveCount(0);
    await form.getByRole('button', { name: '确认无误' }).click();
    await expect(form.getByText(/季度指标已按确认的数据填报/)).toBeVisible();
    await expect(page.getByTestId('kpi-row')).toHaveCount(1);
    await expect(page.getByTestId('kpi-row')).toContainText('纳税高于营收');
  });

  await test.step('团队提交“进入新昌产业化”阶段评审', async () => {
    await expect(page.getByRole('heading', { name: '阶段评审：进入新昌产业化' })).toBeVisible();
    await page.getByRole('button', { name: '开始填写评审材料' }).click();
    await upload(page, 'pilotLine', '中试线验收报告.pdf');
    await page.getByTestId('checklist-investmentInPlace').getByRole('spinbutton').fill('860');
    await upload(page, 'firstOrders', '首批订单合同.pdf');
    await page.getByTestId('checklist-firstOrdersCount').getByRole('spinbutton').fill('12');
    await page.getByRole('button', { name: '提交评审' }).click();
    await expect(page.getByText('已提交评审，等待飞地运营方审核。')).toBeVisible();
    await logout(page);
  });

  await test.step('飞地运营方审核通过，等待科技局签批', async () => {
    await signIn(page, INCUBATOR_EMAIL);
    await page.goto(projectUrl);
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('button', { name: '确认通过' }).click();
    await expect(page.getByText('已审核通过。')).toBeVisible();
    await expect(page.getByRole('main').getByText('待科技局签批').first()).toBeVisible();
    await logout(page);
  });

  await test.step('科技局在待签批中签批：项目进入新昌产业化', async () => {
    await signIn(page, BUREAU_EMAIL);
    await page.getByRole('banner').getByRole('link', { name: '落地项目' }).click();
    await page.getByRole('link', { name: /待审核/ }).click();
    await page.getByRole('listitem').filter({ hasText: name }).getByRole('link', { name: '去签批' }).click();
    await page.getByRole('button', { name: '科技局签批' }).click();
    await page.getByRole('button', { name: '确认签批' }).click();
    await expect(page.getByText('已签批，项目进入下一阶段。')).toBeVisible();
    await expect(page.getByRole('main').locator('header').getByText('新昌产业化')).toBeVisible();
    await expect(page.getByTestId('timeline')).toContainText('签批了「进入新昌产业化」阶段评审');
  });

  await test.step('驾驶舱的落地漏斗随之变化，CSV 导出可下载并打开', async () => {
    const after = await funnel(page);
    expect(after).toEqual({
      ...funnelBefore,
      异地研发孵化: (funnelBefore['异地研发孵化'] ?? 0) + 1,
      新昌加速: (funnelBefore['新昌加速'] ?? 0) + 1,
      新昌产业化: (funnelBefore['新昌产业化'] ?? 0) + 1,
    });
    const section = page.getByRole('region', { name: FUNNEL });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('阶段');
    const industrializing = lines.find((l) => l.startsWith('新昌产业化'));
    expect(industrializing?.split(',')[1]).toBe(String(after['新昌产业化']));
    await logout(page);
  });

  await test.step('看板的阶段计数随之变化', async () => {
    await signIn(page, INCUBATOR_EMAIL);
    const after = await boardCounts(page);
    expect(after).toEqual({ ...before, industrializing: before.industrializing + 1 });
  });
});

test('落地项目在手机（390 px）和桌面（1280 px）上：看板、项目页不横向滚动', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, TEAM_EMAIL);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/landing');
    const card = page.getByTestId('landing-card').filter({ visible: true }).first();
    await expect(card).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`landing-board-${width}.png`), fullPage: true });
    await card.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/landing\/[0-9a-f-]{36}/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`landing-project-${width}.png`), fullPage: true });
  }
  // On a phone 退出登录 sits in the folded 菜单: sign out at desktop width.
  await page.setViewportSize({ width: 1280, height: 900 });
  await logout(page);
  await signIn(page, BUREAU_EMAIL);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, heading] of [
      ['/landing/review', '待审核的阶段评审'],
      ['/landing/templates', '核查清单模板'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: test.info().outputPath(`landing-${path.split('/').pop()}-${width}.png`), fullPage: true });
    }
  }
});
