import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { makeCreditCode } from '../orgs/credit-code';
import { importResearchTeams, type ResearchTeamImport } from '../orgs/import';
import { forgetIndex } from './live-index';
import { rankTeams } from './rank';

// 匹配理由 name what the need and the team share specifically: words most abstracts use (研究, 方法) are no reason.
let database: Database;

const team = (serial: number, name: string, title: string, abstract: string): ResearchTeamImport => ({
  name,
  hostInstitution: '浙江某大学',
  creditCode: makeCreditCode('12', '330000', 8_000 + serial),
  disciplines: ['0802'],
  keywords: [],
  achievements: [{ kind: 'paper' as const, title, abstract, keywords: [], year: 2023 }],
});

beforeAll(async () => {
  database = await createTestDatabase();
  forgetIndex(database.db);
  const others = Array.from({ length: 24 }, (_, i) =>
    team(i + 2, `机械研究团队${i}`, `机械结构设计研究${i}`, '本研究提出了一种新的分析方法，并进行了试验验证。'),
  );
  await importResearchTeams(database.db, null, [
    team(1, '磨削工艺团队', '轴承套圈磨削工艺研究', '本研究提出了套圈磨削参数优化方法，并进行了试验验证。'),
    ...others,
  ]);
});
afterAll(() => database.close());

it('shows the specific shared words, not the words most teams use', async () => {
  const ranking = await rankTeams(database.db, { title: '套圈磨削工艺研究方法', keywords: [], description: '', disciplines: [], categories: [] }, {}, { limit: 3, explain: 3 });
  const first = ranking.teams[0];
  expect(first?.name).toBe('磨削工艺团队');
  const shared = first?.reasons?.sharedTerms ?? [];
  expect(shared.some((t) => t.includes('磨削'))).toBe(true);
  expect(shared).not.toContain('研究');
  expect(shared).not.toContain('方法');
  // A team that shares only the common words still gets them as its reason (better than none).
  const common = ranking.teams.find((t) => t.name.startsWith('机械研究团队'));
  expect(common?.reasons?.sharedTerms.length).toBeGreaterThan(0);
});
