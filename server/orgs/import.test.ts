import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cslMap from '@/db/data/csl-discipline-map.json';
import type { Database } from '@/db/client';
import { achievements, auditLog, orgDisciplines, organizations } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import { AppError } from '../errors';
import { cslSample } from '../seed/csl';
import { insertOrgWithOwner, uniqueCreditCode } from '../seed/factories';
import { isValidCreditCode } from './credit-code';
import { discipline, isDisciplineCode } from './disciplines';
import {
  cslTeamToInput,
  disciplineCodesForCsl,
  importResearchTeam,
  importResearchTeams,
  keywordsFromProfile,
  type ResearchTeamImport,
} from './import';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HOST = { hostInstitution: '浙江工业大学', city: '杭州市' };

function sampleInput(id: string, extra: Partial<ResearchTeamImport> = {}): ResearchTeamImport {
  const record = cslSample().get(id);
  if (!record) throw new Error(`no sample record ${id}`);
  return { ...cslTeamToInput(record, { ...HOST, creditCode: uniqueCreditCode('research_team', '330000') }), ...extra };
}

async function rowCounts() {
  const db = database.db;
  const [o] = await db.select({ n: count() }).from(organizations);
  const [a] = await db.select({ n: count() }).from(achievements);
  const [d] = await db.select({ n: count() }).from(orgDisciplines);
  const [l] = await db.select({ n: count() }).from(auditLog);
  return { orgs: o?.n, achievements: a?.n, disciplines: d?.n, audit: l?.n };
}

async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('csl-discipline-map.json', () => {
  const entries = Object.entries(cslMap.disciplines);

  it('maps all 67 CSL labels to 一级学科 codes of the national catalogue', () => {
    expect(entries).toHaveLength(67);
    for (const [label, entry] of entries) {
      expect(entry.codes.length, label).toBeGreaterThan(0);
      entry.codes.forEach((code, i) => {
        expect(isDisciplineCode(code), `${label} → ${code}`).toBe(true);
        expect(discipline(code)?.name).toBe(entry.names[i]);
      });
      if (entry.match === 'exact') expect(entry.names).toEqual([label]);
      else expect('note' in entry && entry.note, `${label} needs a note`).toBeTruthy();
    }
  });

  it('resolves labels through the map, then by catalogue name, and refuses the unknown', () => {
    expect(disciplineCodesForCsl('机械工程')).toEqual(['0802']);
    expect(disciplineCodesForCsl('中医学/中药学')).toEqual(['1005', '1008']);
    expect(disciplineCodesForCsl('图书馆、情报与档案管理')).toEqual(['1205']);
    expect(disciplineCodesForCsl('软件工程')).toEqual(['0835']); // not a CSL label, but a catalogue name
    expect(disciplineCodesForCsl('软件工程/网络空间安全')).toEqual(['0835', '0839']);
    expect(() => disciplineCodesForCsl('炼金术')).toThrow(/炼金术/);
  });

  it('covers every discipline of the shipped sample', () => {
    for (const record of cslSample().values()) expect(disciplineCodesForCsl(record.discipline).length).toBeGreaterThan(0);
  });
});

describe('keywordsFromProfile', () => {
  it('splits the profile after 研究方向', () => {
    expect(keywordsFromProfile('研究方向：滚动轴承、寿命修正系数、PHEV')).toEqual(['滚动轴承', '寿命修正系数', 'PHEV']);
    expect(keywordsFromProfile(undefined)).toEqual([]);
  });
});

describe('importResearchTeam', () => {
  it('creates a verified research team with disciplines, keywords, achievements and one audit row', async () => {
    const input = sampleInput('t244', { name: '精密轴承与传动可靠性团队', industryField: 'smart_equipment' });
    const team = await importResearchTeam(database.db, null, input);

    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, team.orgId));
    expect(org).toMatchObject({
      kind: 'research_team',
      name: '精密轴承与传动可靠性团队',
      hostInstitution: '浙江工业大学',
      status: 'verified',
      city: '杭州市',
      industryField: 'smart_equipment',
    });
    expect(org?.reviewedAt).toBeInstanceOf(Date);
    expect(org?.reviewedBy).toBeNull(); // the system loaded it
    expect(isValidCreditCode(org?.creditCode ?? '')).toBe(true);
    expect(org?.keywords).toContain('滚动轴承');

    const codes = await database.db.select().from(orgDisciplines).where(eq(orgDisciplines.orgId, team.orgId));
    expect(codes.map((c) => c.disciplineCode)).toEqual(['0802']);

    const rows = await database.db.select().from(achievements).where(eq(achievements.orgId, team.orgId));
    const record = cslSample().get('t244');
    expect(rows).toHaveLength(record?.achievements.length ?? -1);
    expect(rows.map((r) => r.id).sort()).toEqual([...team.achievementIds].sort());
    const bearing = rows.find((r) => r.title === '滚动轴承扩展寿命计算方法及影响因素研究');
    expect(bearing?.abstract).toBe(record?.achievements.find((a) => a.title === bearing?.title)?.abstract);
    expect(bearing?.kind).toBe('paper');

    const log = await database.db.select().from(auditLog).where(eq(auditLog.entityId, team.orgId));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'org.import', entityType: 'organization', orgId: team.orgId, actorUserId: null });
    expect(log[0]?.after).toMatchObject({ name: '精密轴承与传动可靠性团队', status: 'verified', disciplines: ['0802'], achievements: rows.length });
  });

  it('records the bureau administrator who imported, and may enter a team as pending', async () => {
    const bureau = await insertOrgWithOwner(database.db, { kind: 'bureau' });
    const team = await importResearchTeam(database.db, bureau.actor, sampleInput('t98', { status: 'pending' }));
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, team.orgId));
    expect(org).toMatchObject({ status: 'pending', reviewedAt: null, reviewedBy: null });
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, team.orgId));
    expect(row).toMatchObject({ actorUserId: bureau.user.id, actorOrgId: bureau.org.id });
  });

  it('refuses anyone but the system and bureau managers, writing nothing', async () => {
    const enterprise = await insertOrgWithOwner(database.db, { kind: 'enterprise' });
    const team = await insertOrgWithOwner(database.db, { kind: 'research_team' });
    const pendingBureau = await insertOrgWithOwner(database.db, { kind: 'bureau', status: 'pending' });
    const before = await rowCounts();
    for (const actor of [enterprise.actor, team.actor, pendingBureau.actor]) {
      const error = await expectAppError(importResearchTeam(database.db, actor, sampleInput('t242')));
      expect(error.code).toBe('FORBIDDEN');
      expect((await expectAppError(importResearchTeams(database.db, actor, [sampleInput('t242')]))).code).toBe('FORBIDDEN');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a wrong credit code or an unknown discipline with field errors, writing nothing', async () => {
    const before = await rowCounts();
    const good = sampleInput('t243');
    const badCode = `${good.creditCode.slice(0, 17)}${good.creditCode.endsWith('0') ? '1' : '0'}`;
    const error = await expectAppError(importResearchTeam(database.db, null, { ...good, creditCode: badCode }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fields).toEqual({ '0.creditCode': 'v.creditCode.checkDigit' });

    const unknown = await expectAppError(importResearchTeam(database.db, null, { ...good, disciplines: ['0834'] }));
    expect(unknown.fields).toEqual({ '0.disciplines.0': 'v.disciplineCode' });

    const none = await expectAppError(importResearchTeam(database.db, null, { ...good, disciplines: [] }));
    expect(none.fields).toEqual({ '0.disciplines': 'v.too_small' });
    expect(await rowCounts()).toEqual(before);
  });

  it('drops duplicate keywords and disciplines instead of failing on them', async () => {
    const input = sampleInput('t245', { keywords: ['齿轮', '齿轮', '滚刀'], disciplines: ['0802', '0802', '0801'] });
    const team = await importResearchTeam(database.db, null, input);
    const [org] = await database.db.select().from(organizations).where(eq(organizations.id, team.orgId));
    expect(org?.keywords).toEqual(['齿轮', '滚刀']);
    const codes = await database.db.select().from(orgDisciplines).where(eq(orgDisciplines.orgId, team.orgId));
    expect(codes.map((c) => c.disciplineCode).sort()).toEqual(['0801', '0802']);
  });
});

describe('importResearchTeams (batch)', () => {
  it('loads the whole CSL sample in chunks, every team whole and audited', async () => {
    const records = [...cslSample().values()];
    const inputs = records.map((r, i) => cslTeamToInput(r, { hostInstitution: `测试大学${i % 5}`, creditCode: uniqueCreditCode('research_team') }));
    const progress: number[] = [];
    const teams = await importResearchTeams(database.db, null, inputs, { chunkSize: 7, onProgress: (done) => progress.push(done) });

    expect(teams).toHaveLength(records.length);
    expect(progress).toEqual([7, 14, 21, 28, 35, 42, 49, 50]);
    const ids = teams.map((t) => t.orgId);
    const [orgs] = await database.db.select({ n: count() }).from(organizations).where(inArray(organizations.id, ids));
    expect(orgs?.n).toBe(records.length);
    const [abstracts] = await database.db.select({ n: count() }).from(achievements).where(inArray(achievements.orgId, ids));
    expect(abstracts?.n).toBe(records.reduce((n, r) => n + r.achievements.length, 0));
    const [audits] = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.import'), inArray(auditLog.entityId, ids)));
    expect(audits?.n).toBe(records.length);
    // Each returned team's achievements are its own (ids are paired before the multi-row insert).
    const first = teams[0];
    const own = await database.db.select({ id: achievements.id }).from(achievements).where(eq(achievements.orgId, first?.orgId ?? ''));
    expect(own.map((a) => a.id).sort()).toEqual([...(first?.achievementIds ?? [])].sort());
  });

  it('validates every input before writing any chunk and names the failing index', async () => {
    const before = await rowCounts();
    const inputs = [sampleInput('t246'), sampleInput('t247'), { ...sampleInput('t248'), hostInstitution: '' }];
    const error = await expectAppError(importResearchTeams(database.db, null, inputs, { chunkSize: 1 }));
    expect(Object.keys(error.fields)).toEqual(['2.hostInstitution']);
    expect(await rowCounts()).toEqual(before);
  });

  // Speed is measured by bench:match (it ingests through the same function), not bounded here: a timed test fails on a
  // busy machine and proves nothing on an idle one.
  it('imports a large load in full (1,200 teams, 4,800 achievements)', async () => {
    const records = [...cslSample().values()];
    const inputs = Array.from({ length: 1_200 }, (_, i) => {
      const record = records[i % records.length];
      if (!record) throw new Error('empty sample');
      return cslTeamToInput(record, { name: `合成团队${i}`, hostInstitution: '合成大学', creditCode: uniqueCreditCode('research_team') });
    });
    const teams = await importResearchTeams(database.db, null, inputs);
    expect(teams).toHaveLength(1_200);
    const [n] = await database.db
      .select({ n: count() })
      .from(organizations)
      .where(inArray(organizations.id, teams.map((t) => t.orgId)));
    expect(n?.n).toBe(1_200);
  });
});
