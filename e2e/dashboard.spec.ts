// 科技局驾驶舱 as the bureau and an incubator use it: the header link, filters kept in the URL, a table under every
// chart, CSV and Excel downloads that hold the table's figures; an incubator sees its own enclaves only.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BUREAU_EMAIL, DEMO_PASSWORD, expectLoggedIn, login, logout } from './helpers';

const INCUBATOR_EMAIL = 'incubator@demo.kechuang.cn';
const SECTIONS = [
  '技术市场交易额（按月）',
  '交易额领先领域',
  '需求 → 揭榜 → 中标 → 完成',
  '与新昌企业合作的科研团队（按月）',
  '信用等级分布',
  '项目落地漏斗与阶段用时',
  '各飞地项目',
  '各领域项目',
];

/** Opens the dashboard from the header (inside 菜单 on a phone). */
async function openDashboard(page: Page) {
  const banner = page.getByRole('banner');
  const menu = banner.getByRole('button', { name: '菜单' });
  if (await menu.isVisible()) await menu.click();
  await banner.getByRole('link', { name: '驾驶舱' }).click();
}

/** The table under a section's chart: first column → the other cells' text. */
async function tableOf(page: Page, section: string): Promise<string[][]> {
  const rows = page.getByRole('region', { name: section }).getByRole('row');
  const out: string[][] = [];
  for (let i = 1; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.trim()));
  return out;
}

test('科技局驾驶舱：筛选、图表下的数据表与 CSV / Excel 导出', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, BUREAU_EMAIL, DEMO_PASSWORD);
  await expectLoggedIn(page);
  await openDashboard(page);
  await expect(page.getByRole('heading', { level: 1, name: '科技局驾驶舱' })).toBeVisible();
  for (const s of SECTIONS) await expect(page.getByRole('region', { name: s })).toBeVisible();
  // Every chart is drawn (ECharts loads in the browser).
  await expect(page.locator('canvas')).toHaveCount(SECTIONS.length, { timeout: 30_000 });

  await test.step('按领域筛选：条件写进网址，数据随之变化', async () => {
    await page.getByLabel('产业领域').selectOption({ label: '智能装备' });
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/field=smart_equipment/);
    await expect(page.getByLabel('产业领域')).toHaveValue('smart_equipment');
    const fields = await tableOf(page, '交易额领先领域');
    expect(fields.every((row) => row[0] === '智能装备')).toBe(true);
  });

  await test.step('导出 CSV：文件与页面上的表一致', async () => {
    const table = await tableOf(page, '技术市场交易额（按月）');
    const section = page.getByRole('region', { name: '技术市场交易额（按月）' });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^科技局驾驶舱-技术市场交易额（按月）-\d{4}-\d{2}至\d{4}-\d{2}\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('月份,合同数,交易额（万元）');
    expect(lines.slice(1).map((l) => l.split(','))).toEqual(table.map(([month, contracts, value]) => [month, contracts, String(Number(value))]));
  });

  await test.step('导出 Excel：一个可打开的 xlsx 文件', async () => {
    const section = page.getByRole('region', { name: '信用等级分布' });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
  });
  await logout(page);
});

test('飞地运营方只看到自己飞地的驾驶舱', async ({ page }) => {
  await login(page, INCUBATOR_EMAIL, DEMO_PASSWORD);
  await expectLoggedIn(page);
  await openDashboard(page);
  await expect(page.getByRole('heading', { level: 1, name: '飞地驾驶舱' })).toBeVisible();
  const options = await page.getByLabel('科创飞地').locator('option').allInnerTexts();
  // 全部飞地 plus the incubator's own enclaves, none of another operator's.
  expect(options[0]).toBe('全部飞地');
  expect(options.length).toBeGreaterThan(1);
  const enclaves = (await tableOf(page, '各飞地项目')).map((r) => r[0]);
  for (const e of enclaves) expect(options.some((o) => o.startsWith(e ?? ''))).toBe(true);
  // An enclave that is not its own, named in the URL, is not found.
  const response = await page.goto('/dashboard?enclave=00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
});
