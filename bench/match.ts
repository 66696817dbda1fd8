/**
 * npm run bench:match -- --dir DIR [--run FILE] [--scale N]
 *
 * The offline check of CREDIT-AND-MATCHING.md: loads DIR/teams.jsonl into a fresh embedded database
 * through the import the seed uses (importResearchTeams, which also writes the match documents), ranks
 * the teams for every line of DIR/needs.jsonl through `rankTeams` — the function the need page calls —
 * and prints NDCG@10, MRR@10 and Recall@100 against DIR/qrels.tsv (when present), the median and p95
 * time per need, and the field-aware BM25 baseline computed from the same files in the same run.
 * A need's `field` (学科门类) is its only discipline hint; its industry field is 其他 (matching does not
 * read the industry field). Nothing here reads ids or qrels to rank.
 *
 * --run FILE   writes need_id<TAB>team_id<TAB>rank, the first 100 teams per need.
 * --scale N    afterwards, synthesises teams from the set's abstracts until N teams are loaded (same
 *              import) and times every need again: the figures at that scale are added to the last line.
 * The last line is machine-readable: ndcg_at_10=… mrr_at_10=… recall_at_100=… p50_ms=… p95_ms=…
 * baseline_ndcg_at_10=… (then baseline MRR/recall, index build time and the --scale figures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '@/db/client';
import { DISCIPLINE_CATEGORIES } from '@/server/orgs/disciplines';
import { makeCreditCode } from '@/server/orgs/credit-code';
import { type CslTeamRecord, cslTeamToInput, importResearchTeams, type ResearchTeamImport } from '@/server/orgs/import';
import { currentIndex, forgetIndex } from '@/server/matching/live-index';
import { rankTeams } from '@/server/matching/rank';
import type { MatchQuery } from '@/server/matching/scorer';
import { readTeamsJsonl } from '@/server/seed/csl';
import { type BaselineNeed, baselineRun } from './match-baseline';
import { measure, quantile, readQrels } from './match-metrics';

function args() {
  const out: { dir?: string; run?: string; scale?: number } = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--dir' && v) {
      out.dir = v;
      i++;
    } else if (a === '--run' && v) {
      out.run = v;
      i++;
    } else if (a === '--scale' && v) {
      out.scale = Number(v);
      i++;
    } else if (a !== '--') throw new Error(`unknown argument ${a}; usage: npm run bench:match -- --dir DIR [--run FILE] [--scale N]`);
  }
  if (!out.dir) throw new Error('usage: npm run bench:match -- --dir DIR [--run FILE] [--scale N]');
  return out as { dir: string; run?: string; scale?: number };
}

function readNeeds(file: string): BaselineNeed[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BaselineNeed);
}

const CATEGORY_BY_NAME = new Map(DISCIPLINE_CATEGORIES.map((c) => [c.name, c.code]));

/** A need line as the matching query: its 学科门类 is the only discipline hint. */
function queryOf(n: BaselineNeed): MatchQuery {
  const category = CATEGORY_BY_NAME.get(n.field);
  return { title: n.title, keywords: n.keywords ?? [], description: n.description ?? '', disciplines: [], categories: category ? [category] : [] };
}

/** Synthetic host institutions: universities' codes start with 12 (public institutions), 330000 浙江. */
function identity(serial: number, name: string) {
  return { name, hostInstitution: `基准测试大学${(serial % 97) + 1}`, creditCode: makeCreditCode('12', '330000', 50_000_000 + serial) };
}

async function load(db: Db, records: readonly CslTeamRecord[], offset: number): Promise<string[]> {
  const inputs: ResearchTeamImport[] = records.map((r, i) => cslTeamToInput(r, identity(offset + i, r.name)));
  const imported = await importResearchTeams(db, null, inputs);
  return imported.map((t) => t.orgId);
}

async function timeNeeds(db: Db, needs: readonly BaselineNeed[], ranks: Map<string, string[]> | null, teamIdOf: Map<string, string>) {
  const times: number[] = [];
  for (const n of needs) {
    const started = performance.now();
    const ranking = await rankTeams(db, queryOf(n), {}, { limit: 100, explain: 10 });
    times.push(performance.now() - started);
    ranks?.set(
      n.id,
      ranking.teams.map((t) => teamIdOf.get(t.orgId) ?? t.orgId),
    );
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** Teams made of the set's own abstracts: each takes a real team's discipline and 2–4 achievements of that discipline. */
function synthesise(records: readonly CslTeamRecord[], count: number, seed = 20261127): CslTeamRecord[] {
  let s = seed >>> 0;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const byDiscipline = new Map<string, CslTeamRecord['achievements']>();
  for (const r of records) byDiscipline.set(r.discipline, [...(byDiscipline.get(r.discipline) ?? []), ...r.achievements]);
  const out: CslTeamRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = records[Math.floor(random() * records.length)] as CslTeamRecord;
    const pool = byDiscipline.get(base.discipline) ?? base.achievements;
    const k = 2 + Math.floor(random() * 3);
    const achievements = Array.from({ length: k }, () => pool[Math.floor(random() * pool.length)] as CslTeamRecord['achievements'][number]);
    const keywords = [...new Set(achievements.flatMap((a) => a.keywords ?? []))].slice(0, 8);
    out.push({ id: `s${i + 1}`, name: `${base.discipline}合成团队${i + 1}`, field: base.field, discipline: base.discipline, profile: `研究方向：${keywords.join('、')}`, achievements });
  }
  return out;
}

async function main() {
  const { dir, run, scale } = args();
  const teams = readTeamsJsonl(path.join(dir, 'teams.jsonl'));
  const needs = readNeeds(path.join(dir, 'needs.jsonl'));
  const qrelsFile = path.join(dir, 'qrels.tsv');
  const qrels = fs.existsSync(qrelsFile) ? readQrels(qrelsFile) : null;

  const database = await openDatabase({ dataDir: 'memory' });
  await migrateDatabase(database);
  const db = database.db;
  try {
    let t = performance.now();
    const orgIds = await load(db, teams, 0);
    const teamIdOf = new Map(orgIds.map((id, i) => [id, teams[i]?.id as string]));
    console.log(`loaded ${teams.length} teams through importResearchTeams in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await currentIndex(db);
    const buildMs = performance.now() - t;
    console.log(`match index built from match_documents in ${buildMs.toFixed(0)} ms`);

    const ranks = new Map<string, string[]>();
    const timing = await timeNeeds(db, needs, ranks, teamIdOf);
    console.log(`ranked ${needs.length} needs: median ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms per need (top 100, reasons for the first 10)`);
    if (run) {
      const lines: string[] = [];
      for (const n of needs) (ranks.get(n.id) ?? []).slice(0, 100).forEach((teamId, i) => lines.push(`${n.id}\t${teamId}\t${i + 1}`));
      fs.writeFileSync(run, lines.join('\n') + '\n');
      console.log(`run written to ${run}`);
    }

    const fields: string[] = [];
    const needIds = needs.map((n) => n.id);
    const base = baselineRun(teams, needs);
    if (qrels) {
      const ours = measure(ranks, qrels, needIds);
      const theirs = measure(base, qrels, needIds);
      console.log(`matching   NDCG@10 ${ours.ndcg10.toFixed(4)}  MRR@10 ${ours.mrr10.toFixed(4)}  Recall@100 ${ours.recall100.toFixed(4)}`);
      console.log(`baseline   NDCG@10 ${theirs.ndcg10.toFixed(4)}  MRR@10 ${theirs.mrr10.toFixed(4)}  Recall@100 ${theirs.recall100.toFixed(4)}  (BM25 char uni+bigrams, ×3 in the need's field)`);
      fields.push(`ndcg_at_10=${ours.ndcg10.toFixed(4)}`, `mrr_at_10=${ours.mrr10.toFixed(4)}`, `recall_at_100=${ours.recall100.toFixed(4)}`);
      fields.push(`p50_ms=${timing.p50.toFixed(1)}`, `p95_ms=${timing.p95.toFixed(1)}`);
      fields.push(`baseline_ndcg_at_10=${theirs.ndcg10.toFixed(4)}`, `baseline_mrr_at_10=${theirs.mrr10.toFixed(4)}`, `baseline_recall_at_100=${theirs.recall100.toFixed(4)}`);
    } else {
      console.log(`no ${qrelsFile}: timing only`);
      fields.push(`p50_ms=${timing.p50.toFixed(1)}`, `p95_ms=${timing.p95.toFixed(1)}`);
    }
    fields.push(`index_build_ms=${buildMs.toFixed(0)}`);

    if (scale && scale > teams.length) {
      t = performance.now();
      const extra = synthesise(teams, scale - teams.length);
      for (let i = 0; i < extra.length; i += 2_000) await load(db, extra.slice(i, i + 2_000), teams.length + i);
      console.log(`loaded ${extra.length} synthetic teams (now ${scale}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      forgetIndex(db);
      t = performance.now();
      await currentIndex(db);
      const scaleBuild = performance.now() - t;
      console.log(`match index rebuilt for ${scale} teams in ${scaleBuild.toFixed(0)} ms`);
      const timed = await timeNeeds(db, needs, null, teamIdOf);
      console.log(`with ${scale} teams: median ${timed.p50.toFixed(1)} ms, p95 ${timed.p95.toFixed(1)} ms per need`);
      fields.push(`scale_teams=${scale}`, `scale_p50_ms=${timed.p50.toFixed(1)}`, `scale_p95_ms=${timed.p95.toFixed(1)}`, `scale_index_build_ms=${scaleBuild.toFixed(0)}`);
    }
    console.log(fields.join(' '));
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
