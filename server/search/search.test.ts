import { sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { now } from '../clock';
import { insertNeed } from '../needs/factories';
import { searchNeedsInput } from '../needs/inputs';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { markTerms, snippet } from './highlight';
import { fuzzyTitleQuery, rankedIdsQuery } from './search';
import { indexTokens, queryTerms } from './segment';
import { insertSyntheticNeeds } from './synthetic';

const DAY = 24 * 3600 * 1000;

let database: Database;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
const ids: Record<string, string> = {};

async function explain(query: SQLWrapper): Promise<string> {
  const result: unknown = await database.db.execute(sql`explain ${query}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified', name: '浙江新昌五洲轴承集团' });
  const o = { orgId: owner.org.id, userId: owner.user.id };
  const at = now().getTime();
  ids.bearing = (
    await insertNeed(db, o, {
      status: 'published',
      title: '精密轴承加工',
      summary: '高精度轴承套圈的磨削与超精加工工艺。',
      keywords: ['磨削'],
      budgetMin: '50.00',
      budgetMax: '120.00',
      bidDeadline: new Date(at + 20 * DAY),
    })
  ).id;
  ids.summaryOnly = (
    await insertNeed(db, o, {
      status: 'published',
      title: '数控磨床主轴热变形补偿',
      summary: '主轴高速运转时轴承温升导致精度漂移，需要建立补偿模型。',
      keywords: ['数控'],
      budgetMin: '10.00',
      budgetMax: '30.00',
      bidDeadline: new Date(at + 60 * DAY),
    })
  ).id;
  ids.tea = (
    await insertNeed(db, o, {
      status: 'published',
      mode: 'jiebang',
      industryField: 'tea_agriculture',
      title: '大佛龙井茶智能采摘装备研制',
      summary: '名优茶嫩芽识别与无损采摘。',
      keywords: ['智能采茶'],
      bounty: '300.00',
      anonymous: true,
      annexText: '保密：茶园地块分布图与机械臂供应商报价',
      bidDeadline: new Date(at + 40 * DAY),
    })
  ).id;
  ids.draft = (await insertNeed(db, o, { status: 'draft', title: '草稿：轴承保持架注塑模具' })).id;
  ids.closed = (await insertNeed(db, o, { status: 'closed', title: '已截止：轴承钢热处理工艺', bidDeadline: new Date(at - DAY) })).id;
  ids.xss = (
    await insertNeed(db, o, {
      status: 'published',
      title: '<img src=x onerror=alert(1)> 轴承检测',
      summary: '<script>alert(1)</script>',
      keywords: ['检测'],
      description: '外观缺陷检测。',
    })
  ).id;
});
afterAll(() => database.close());

const search = (input: Record<string, unknown>) => callerFor(database.db, null).needs.search(input);

describe('Chinese segmentation', () => {
  it('cuts words, not characters: 轴承 is a token of 精密轴承加工, place names stay whole', () => {
    expect(indexTokens('精密轴承加工')).toEqual(['精密', '轴承', '加工']);
    expect(indexTokens('新昌县精密轴承加工')).toEqual(expect.arrayContaining(['新昌', '新昌县', '轴承']));
    expect(queryTerms('  轴承，加工！ ')).toEqual(['轴承', '加工']);
    expect(queryTerms("');drop table needs;--")).toEqual(['drop', 'table', 'needs']);
  });
});

describe('search', () => {
  it('a search for 轴承 finds the need about 精密轴承加工, ranked first, with the match marked', async () => {
    const { items } = await search({ q: '轴承' });
    expect(items[0]?.id, JSON.stringify(items.map((i) => i.title))).toBe(ids.bearing);
    expect(items[0]?.titleMarks).toEqual([
      { text: '精密', hit: false },
      { text: '轴承', hit: true },
      { text: '加工', hit: false },
    ]);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.bearing, ids.summaryOnly, ids.xss]));
    // The summary-only match has its snippet marked where the word is.
    const summaryHit = items.find((i) => i.id === ids.summaryOnly);
    expect(summaryHit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['轴承']);
  });

  it('never returns drafts; closed needs only when asked for', async () => {
    const published = (await search({ q: '轴承' })).items.map((i) => i.id);
    expect(published).not.toContain(ids.draft);
    expect(published).not.toContain(ids.closed);
    const withClosed = (await search({ q: '轴承', statuses: ['published', 'closed'] })).items.map((i) => i.id);
    expect(withClosed).toContain(ids.closed);
    expect(withClosed).not.toContain(ids.draft);
    await expect(search({ q: '轴承', statuses: ['draft'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('filters by field, mode, budget range and deadline window', async () => {
    expect((await search({ industryField: 'tea_agriculture' })).items.map((i) => i.id)).toEqual([ids.tea]);
    expect((await search({ mode: 'jiebang', q: '采摘' })).items.map((i) => i.id)).toEqual([ids.tea]);
    // Budget overlap: 100–200 万元 overlaps 50–120, not 10–30; 250–400 only the 300 万元 bounty.
    const mid = (await search({ q: '轴承', budgetMin: 100, budgetMax: 200 })).items.map((i) => i.id);
    expect(mid).toContain(ids.bearing);
    expect(mid).not.toContain(ids.summaryOnly);
    expect((await search({ budgetMin: 250, budgetMax: 400 })).items.map((i) => i.id)).toEqual([ids.tea]);
    const at = now().getTime();
    const window = (await search({ q: '轴承', deadlineFrom: new Date(at + 50 * DAY), deadlineTo: new Date(at + 70 * DAY) })).items.map((i) => i.id);
    expect(window).toEqual([ids.summaryOnly]);
  });

  it('only public fields: the annex is not searchable and an anonymous need shows no owner', async () => {
    expect((await search({ q: '地块分布图' })).items).toEqual([]);
    const { items } = await search({ q: '龙井茶' });
    expect(items.map((i) => i.id)).toEqual([ids.tea]);
    expect(items[0]?.owner).toBeNull();
    expect(JSON.stringify(items)).not.toContain('五洲');
    const named = (await search({ q: '精密轴承' })).items.find((i) => i.id === ids.bearing);
    expect(named?.owner).toEqual({ id: owner.org.id, name: '浙江新昌五洲轴承集团' });
  });

  it('fuzzy title match: a wrong character still finds the title (pg_trgm)', async () => {
    const { items } = await search({ q: '精密轴成加工' });
    expect(items.map((i) => i.id)).toContain(ids.bearing);
  });

  it('marks are data, not HTML: a title with markup comes back as plain text segments', async () => {
    const item = (await search({ q: '轴承检测' })).items.find((i) => i.id === ids.xss);
    expect(item?.titleMarks.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)> 轴承检测');
    expect(item?.titleMarks.filter((s) => s.hit).map((s) => s.text)).toEqual(['轴承', '检测']);
    expect(markTerms('a<b>轴承</b>', ['轴承'])).toEqual([
      { text: 'a<b>', hit: false },
      { text: '轴承', hit: true },
      { text: '</b>', hit: false },
    ]);
    expect(snippet(['x'.repeat(300) + '轴承' + 'y'.repeat(300)], ['轴承'], 40).map((s) => s.text).join('')).toMatch(/^…x+轴承y+…$/);
  });

  it('pages with hasMore and an empty query browses the newest', async () => {
    const first = await search({ q: '轴承', limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const second = await search({ q: '轴承', limit: 1, offset: 1 });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect((await search({})).items.length).toBeGreaterThanOrEqual(4);
  });
});

// PGlite has the same planner, but seeding 20,000 needs there takes minutes; CI runs this on PostgreSQL.
describe.runIf(!!process.env.TEST_DATABASE_URL)('query plan on PostgreSQL', () => {
  it(
    'uses the GIN indexes (Bitmap Index Scan on needs_search_open_idx / needs_search_idx, needs_title_trgm_idx), never a sequential scan of needs',
    async () => {
      const owners = [{ orgId: owner.org.id, userId: owner.user.id }];
      await insertSyntheticNeeds(database.db, owners, 5_000, { seed: 7 });
      await database.db.execute(sql`analyze needs`);
      for (const q of ['轴承', '稀土永磁', '茶多酚 提取', '数字孪生']) {
        const input = searchNeedsInput.parse({ q });
        // Needs open for proposals (the default) have their own partial GIN index; any status, the full one.
        const plan = await explain(rankedIdsQuery(database.db, input));
        expect(plan, plan).toContain('Bitmap Index Scan on needs_search_open_idx');
        expect(plan, plan).not.toMatch(/Seq Scan on needs/);
        const history = await explain(rankedIdsQuery(database.db, searchNeedsInput.parse({ q, statuses: ['published', 'closed', 'completed'] })));
        expect(history, history).toContain('Bitmap Index Scan on needs_search_idx');
        expect(history, history).not.toMatch(/Seq Scan on needs/);
        // The typo fallback uses the trigram index.
        const fuzzy = await explain(fuzzyTitleQuery(database.db, input, [], 20));
        expect(fuzzy, fuzzy).toContain('Bitmap Index Scan on needs_title_trgm_idx');
        expect(fuzzy, fuzzy).not.toMatch(/Seq Scan on needs/);
      }
    },
    180_000,
  );
});
