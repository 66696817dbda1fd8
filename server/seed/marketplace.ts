import { and, asc, count, eq, inArray, isNull, lt, ne, notLike, sql } from 'drizzle-orm';
import { achievements, bids, contractMilestones, contracts, needs, notifications, organizations, type RubricCriterion } from '@/db/schema';
import type { MemberActor } from '../actor';
import { saveDraft, submitBid, reviseBid, withdrawBid } from '../bids/bids';
import { bidContentInput, bidDraftContentInput, type BidContentInput } from '../bids/inputs';
import { closeDueNeeds } from '../jobs/deadlines';
import { acceptNda, openAnnex } from '../needs/annex';
import { needFieldsInput, type NeedFieldsInput } from '../needs/inputs';
import { cancelNeed, closeNeedEarly, createDraft, publishNeed } from '../needs/needs';
import { awardNeed } from '../reviews/award';
import { giveFeedback } from '../reviews/feedback';
import type { FeedbackCode } from '../reviews/inputs';
import { declareCoi, inviteReviewer } from '../reviews/invitations';
import { scoreBid } from '../reviews/scoring';
import { passStageGate } from '../contracts/stage-gate';
import { seededOrg, tally, type SeedContext, type SeededMember, type SeededOrg } from './context';
import { layoutContract, scheduleContract, type ContractHandle, type ContractLayout } from './marketplace-contracts';
import { NDA_TEXT, NEED_SPECS, type NeedSpec, type ReviewerSpec } from './marketplace-needs';
import { approachText, COI_CONFLICT_TEXT, FEEDBACK_TEXTS, phasesFor, pickSome, REVIEW_COMMENTS, REVISION_NOTES, STAGE_GATE_NOTE } from './marketplace-text';
import { actorOf, DAY_MS, memberOf, roleActor, Timeline } from './marketplace-timeline';
import type { Random } from './random';

/**
 * The demo market (SPEC §2–§4): 66 needs across every industry field, mode and state, some 160 bids of the
 * seeded research teams, reviewers with their conflict-of-interest declarations and scores, awards with coded
 * feedback to every bid not chosen, 36 contracts in every contract and milestone state with payments, disputes,
 * rulings and double-blind ratings — so a visitor finds a living market on first start, and each demo login
 * finds something waiting in its inbox.
 *
 * Every story of server/seed/marketplace-needs.ts is planned first (all pseudo-random choices, in catalogue
 * order), then replayed act by act in time order through the domain functions, the domain clock set to each
 * act's moment (marketplace-timeline.ts). The rows — audit log and notifications included — are the product's
 * own, dated when they happened.
 */

/** Teams whose demo logins tell particular stories: never drawn as reviewers at random. */
const STORY_TEAMS = new Set(['team.zjut-bearing', 'team.nimte-graphene']);

interface TeamProfile {
  description: string;
  achievements: { id: string; title: string }[];
}

interface NeedRuntime {
  id: string;
  bidIds: Map<string, string>;
  invitationIds: Map<string, string>;
  contracts: Map<string, ContractHandle>;
}

interface PlannedBid {
  team: SeededOrg;
  /** Submission day, days ago. */
  day: number;
  price: number;
  /** 0.55–0.95: how reviewers will judge it. */
  quality: number;
  withdrawn: boolean;
}

interface Market {
  ctx: SeedContext;
  tl: Timeline;
  random: Random;
  teams: Map<string, TeamProfile>;
  bureau: SeededOrg;
  /** Rotation counters for reviewers drawn at random. */
  picks: number;
}

export async function seedMarketplace(ctx: SeedContext): Promise<void> {
  const tl = new Timeline(ctx);
  const market: Market = { ctx, tl, random: ctx.random, teams: await teamProfiles(ctx), bureau: seededOrg(ctx, 'bureau'), picks: 0 };
  for (const spec of NEED_SPECS) planNeed(market, spec);
  await tl.replay();
  await settleNotifications(ctx);

  const [needRows] = await ctx.tx.select({ n: count() }).from(needs);
  const [bidRows] = await ctx.tx.select({ n: count() }).from(bids).where(ne(bids.status, 'draft'));
  const [contractRows] = await ctx.tx.select({ n: count() }).from(contracts);
  tally(ctx, 'needs', needRows?.n ?? 0);
  tally(ctx, 'bids', bidRows?.n ?? 0);
  tally(ctx, 'contracts', contractRows?.n ?? 0);
  tally(ctx, 'marketActs', tl.size);
}

/** Each team's description and achievements (the approaches cite them). */
async function teamProfiles(ctx: SeedContext): Promise<Map<string, TeamProfile>> {
  const teams = [...ctx.orgs.values()].filter((o) => o.kind === 'research_team');
  const ids = teams.map((t) => t.id);
  const descriptions = await ctx.tx.select({ id: organizations.id, description: organizations.description }).from(organizations).where(inArray(organizations.id, ids));
  const papers = await ctx.tx
    .select({ orgId: achievements.orgId, id: achievements.id, title: achievements.title })
    .from(achievements)
    .where(inArray(achievements.orgId, ids))
    .orderBy(asc(achievements.orgId), asc(achievements.title));
  const out = new Map<string, TeamProfile>();
  for (const team of teams) {
    out.set(team.key, {
      description: descriptions.find((d) => d.id === team.id)?.description ?? team.name,
      achievements: papers.filter((p) => p.orgId === team.id).map((p) => ({ id: p.id, title: p.title })),
    });
  }
  return out;
}

// ─── the need's own fields ────────────────────────────────────────────────────────────────────────

const IP_TEXT: Record<NeedSpec['ip'], string> = {
  enterprise: '成果知识产权归需求方所有，团队可在论文中发表不涉密的研究内容',
  team: '成果知识产权归研发团队所有，需求方享有在本企业内的优先、免费实施权',
  shared: '成果知识产权由双方共有，需求方在本企业内免费实施，对外许可需双方协商',
};

function descriptionOf(spec: NeedSpec): string {
  const money = spec.bounty !== undefined ? `榜额 ${spec.bounty} 万元（固定），按里程碑拨付` : `${spec.budget?.[0] ?? 0}～${spec.budget?.[1] ?? 0} 万元，按里程碑支付`;
  const terms = [`- 交付周期：${spec.months} 个月`, `- 经费：${money}`, `- 知识产权：${IP_TEXT[spec.ip]}`];
  if (spec.mode === 'horse_race') terms.push(`- 赛马制：第一阶段同时委托 ${spec.awardCount ?? 2} 支团队，阶段评审后择优保留，其余合同正常结束`);
  if (spec.mode === 'jiebang') terms.push('- 揭榜条件：经平台认证的机构；截止前方案密封，截止后组织专家评审，择优一家挂帅');
  return [
    '## 项目背景',
    spec.background,
    '',
    '## 技术难点',
    ...spec.problems.map((p) => `- ${p}`),
    '',
    '## 考核指标',
    ...spec.targets.map((t) => `- ${t}`),
    '',
    '## 合作方式',
    ...terms,
  ].join('\n');
}

function fieldsOf(spec: NeedSpec, deadline: Date | null): NeedFieldsInput {
  return needFieldsInput.parse({
    mode: spec.mode,
    title: spec.title,
    summary: spec.summary,
    description: descriptionOf(spec),
    anonymous: spec.anonymous ?? false,
    industryField: spec.field,
    disciplines: spec.disciplines,
    keywords: spec.keywords,
    expectedResults: spec.results,
    budgetMin: spec.budget?.[0] ?? null,
    budgetMax: spec.budget?.[1] ?? null,
    bounty: spec.bounty ?? null,
    bidDeadline: deadline,
    deliveryMonths: spec.months,
    ipTerms: spec.ip,
    rubric: spec.rubric,
    eligibility: [],
    awardCount: spec.awardCount ?? 1,
    annexText: spec.annex ?? '',
    ndaText: spec.annex ? NDA_TEXT : '',
  });
}

// ─── timeline of one need ─────────────────────────────────────────────────────────────────────────

interface NeedTimes {
  created: number;
  published: number | null;
  /** Days ago (negative: ahead). */
  deadline: number | null;
  award: number | null;
  /** The last day bids may come in (days ago). */
  lastBidDay: number;
}

function timesOf(spec: NeedSpec): NeedTimes {
  const from = spec.cancel?.from ?? spec.state;
  if (from === 'draft') return { created: spec.createdAgo ?? 3, published: null, deadline: null, award: null, lastBidDay: 1 };
  if (spec.state === 'awarded' || spec.state === 'completed') {
    const award = spec.awardAgo ?? 60;
    const deadline = spec.deadlineAgo ?? award + 12;
    const published = spec.publishedAgo ?? deadline + 28;
    return { created: published + 2, published, deadline, award, lastBidDay: deadline };
  }
  const published = spec.publishedAgo ?? 10;
  const deadline = spec.deadlineIn !== undefined ? -spec.deadlineIn : (spec.deadlineAgo ?? 1);
  const stop = Math.max(deadline, spec.closedEarlyAgo !== undefined ? spec.closedEarlyAgo + 1 : 1, spec.cancel ? spec.cancel.ago + 1 : 1);
  return { created: published + 2, published, deadline, award: null, lastBidDay: stop };
}

const daysSince = (m: Market, d: Date) => Math.floor((m.ctx.at.getTime() - d.getTime()) / DAY_MS);

/** A day in [lo, hi] (days ago); throws when the range is empty (the catalogue places a story impossibly). */
function dayIn(m: Market, lo: number, hi: number, what: string): number {
  if (hi < lo) throw new Error(`seed: no day for ${what} (between ${hi} and ${lo} days ago)`);
  return m.random.int(lo, hi);
}

const minutes = (m: Market, from: number, to: number) => {
  const total = m.random.int(from, to);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

// ─── bids ─────────────────────────────────────────────────────────────────────────────────────────

/** A price in 万元 (multiples of 0.5): the bounty of a list, else within the budget (some bids above it). */
function priceOf(m: Market, spec: NeedSpec, winner: boolean): number {
  if (spec.bounty !== undefined) return spec.bounty;
  const [min, max] = spec.budget ?? [10, 20];
  const half = (x: number) => Math.max(1, Math.round(x * 2) / 2);
  if (!winner && m.random.chance(0.2)) return half(max * (1.08 + m.random.next() * 0.17));
  const share = winner ? 0.35 + m.random.next() * 0.6 : 0.1 + m.random.next() * 0.9;
  return half(min + (max - min) * share);
}

/** Splits a price into `n` amounts (multiples of 0.5 万元, the last takes what remains): their sum is the price. */
function split(m: Market, price: number, n: number): number[] {
  const units = Math.round(price * 2);
  const weights = Array.from({ length: n }, () => m.random.int(2, 4));
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.slice(0, -1).map((w) => Math.max(1, Math.floor((units * w) / total)));
  parts.push(units - parts.reduce((a, b) => a + b, 0));
  if (parts.some((p) => p < 1)) throw new Error('seed: price too small to split');
  return parts.map((p) => p / 2);
}

function teamMembersOf(team: SeededOrg) {
  const roles: Record<SeededMember['role'], string> = { owner: '项目负责人', admin: '技术负责人', member: '研究骨干' };
  return [...team.members.map((p) => ({ name: p.name, role: roles[p.role] })), { name: '博士、硕士研究生4名', role: '实验与数据分析' }];
}

function bidContent(m: Market, spec: NeedSpec, team: SeededOrg, price: number, dueAgo: number[], revisionNote?: string): BidContentInput {
  const profile = m.teams.get(team.key);
  const phases = phasesFor(spec.field, dueAgo.length);
  const amounts = split(m, price, dueAgo.length);
  const cited = pickSome(m.random, profile?.achievements ?? [], Math.min(2, profile?.achievements.length ?? 0));
  let approach = approachText(m.random, {
    field: spec.field,
    needTitle: spec.title,
    problems: spec.problems,
    teamName: team.name,
    teamDescription: profile?.description ?? team.name,
    achievements: cited.map((a) => a.title),
    phases,
    months: spec.months,
  });
  if (revisionNote) approach += `\n\n> 第2版修改说明：${revisionNote}`;
  return bidContentInput.parse({
    approach,
    milestones: dueAgo.map((due, i) => ({ deliverable: phases[i] ?? '阶段成果', dueDate: m.tl.date(due), amount: amounts[i] ?? 0 })),
    teamMembers: teamMembersOf(team),
    achievementIds: cited.map((a) => a.id),
    attachmentIds: [],
  });
}

/** Due dates of a losing bid's milestones: evenly over the delivery period after the deadline. */
function genericDueAgo(spec: NeedSpec, deadlineAgo: number, n: number): number[] {
  const span = spec.months * 30;
  return Array.from({ length: n }, (_, i) => Math.round(deadlineAgo - 30 - ((span - 30) * i) / Math.max(1, n - 1)));
}

// ─── reviewers ────────────────────────────────────────────────────────────────────────────────────

interface Reviewer {
  org: SeededOrg;
  member: SeededMember;
  spec: ReviewerSpec;
}

function resolveReviewer(m: Market, spec: ReviewerSpec): Reviewer {
  if (spec.who.includes('@')) {
    for (const org of m.ctx.orgs.values()) {
      const member = org.members.find((p) => p.email === spec.who);
      if (member) return { org, member, spec };
    }
    throw new Error(`seed: no reviewer ${spec.who}`);
  }
  const [key = '', role = 'owner'] = spec.who.split(':');
  const org = seededOrg(m.ctx, key);
  return { org, member: memberOf(org, role as SeededMember['role']), spec };
}

/** Two reviewers (a third who declares a conflict on every third need): teams not bidding, and the bureau. */
function defaultReviewers(m: Market, spec: NeedSpec): ReviewerSpec[] {
  const bidding = new Set(spec.bidders);
  const candidates = [...m.ctx.orgs.values()].filter(
    (o) => o.kind === 'research_team' && o.status === 'verified' && !bidding.has(o.key) && !STORY_TEAMS.has(o.key),
  );
  const sameField = candidates.filter((o) => o.industryField === spec.field);
  const pool = sameField.length > 0 ? sameField : candidates;
  const n = m.picks++;
  const first = pool[n % pool.length];
  const others = candidates.filter((o) => o !== first);
  const out: ReviewerSpec[] = [];
  if (first) out.push({ who: `${first.key}:owner`, coi: 'none' });
  if (spec.owner === 'bureau') {
    const second = others[(n * 7) % Math.max(1, others.length)];
    if (second) out.push({ who: `${second.key}:owner`, coi: 'none' });
  } else {
    out.push({ who: `bureau:${n % 3 === 2 ? 'owner' : n % 2 === 0 ? 'admin' : 'member'}`, coi: 'none' });
  }
  if (n % 3 === 0) {
    const third = others[(n * 5 + 3) % Math.max(1, others.length)];
    if (third && !out.some((r) => r.who.startsWith(`${third.key}:`))) out.push({ who: `${third.key}:owner`, coi: 'conflict' });
  }
  return out;
}

/** Points per criterion (0 … its weight, halves), around the bid's quality. */
function scoresOf(m: Market, rubric: RubricCriterion[], quality: number, overBudget: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of rubric) {
    let q = Math.min(1, Math.max(0.3, quality + (m.random.next() - 0.5) * 0.12));
    if (c.key === 'price' && overBudget) q *= 0.6;
    out[c.key] = Math.min(c.weight, Math.round(c.weight * q * 2) / 2);
  }
  return out;
}

// ─── one need's story ─────────────────────────────────────────────────────────────────────────────

const DEFAULT_RUBRIC_KEYS: RubricCriterion[] = [
  { key: 'technical', weight: 40 },
  { key: 'team', weight: 20 },
  { key: 'price', weight: 20 },
  { key: 'credit', weight: 20 },
];

function planNeed(m: Market, spec: NeedSpec): void {
  const { tl, ctx } = m;
  const tx = tl.db;
  const owner = seededOrg(ctx, spec.owner);
  const ownerActor = roleActor(owner, 'owner');
  const authorActor = roleActor(owner, spec.author ?? 'owner');
  const rt: NeedRuntime = { id: '', bidIds: new Map(), invitationIds: new Map(), contracts: new Map() };
  const times = timesOf(spec);
  const label = (what: string) => `${spec.key}: ${what}`;
  if (times.created > daysSince(m, owner.createdAt) - 1) throw new Error(`seed: ${spec.key} is older than ${owner.key}`);

  const deadline = times.deadline === null ? null : tl.at(times.deadline, '17:00');
  const fields = fieldsOf(spec, deadline);
  tl.add(tl.at(times.created, minutes(m, 9 * 60, 11 * 60)), label('draft'), async () => {
    rt.id = (await createDraft(tx, authorActor, fields)).id;
  });
  if (times.published === null) {
    if (spec.cancel) {
      const reason = spec.cancel.reason;
      tl.add(tl.at(spec.cancel.ago, '15:00'), label('cancel'), async () => {
        await cancelNeed(tx, ownerActor, rt.id, reason);
      });
    }
    return;
  }
  const published = times.published;
  tl.add(tl.at(published, minutes(m, 14 * 60, 16 * 60)), label('publish'), async () => {
    await publishNeed(tx, ownerActor, rt.id);
  });
  if (times.deadline === null) throw new Error(`seed: ${spec.key} has no deadline`);
  const deadlineAgo = times.deadline;

  // ── bids: who, when, at what price ──
  const layouts = new Map<string, ContractLayout>();
  const winners = spec.winners ?? [];
  if (winners.length !== (spec.contracts?.length ?? 0)) throw new Error(`seed: ${spec.key} needs one contract plan per winner`);
  winners.forEach((key, i) => {
    const plan = spec.contracts?.[i];
    if (plan && times.award !== null) layouts.set(key, layoutContract(`${spec.key}/${key}`, plan, times.award, m.random, spec.gateAgo));
  });
  const teamLatest = (team: SeededOrg, margin: number) => daysSince(m, team.createdAt) - margin;
  const planned: PlannedBid[] = spec.bidders.map((key) => {
    const team = seededOrg(ctx, key);
    const winner = winners.includes(key);
    const busy = (spec.revised ?? []).includes(key) || (spec.withdrawn ?? []).includes(key);
    const lo = times.lastBidDay + (busy ? 1 : 0);
    const hi = Math.min(published - 1, teamLatest(team, 6));
    return {
      team,
      day: dayIn(m, lo, hi, `${spec.key} bid of ${key}`),
      price: priceOf(m, spec, winner),
      quality: winner ? 0.86 + m.random.next() * 0.09 : 0.55 + m.random.next() * 0.27,
      withdrawn: (spec.withdrawn ?? []).includes(key),
    };
  });

  // ── NDA and the confidential annex ──
  if (spec.annex) {
    for (const key of spec.nda ?? spec.bidders) {
      const team = seededOrg(ctx, key);
      const bid = planned.find((b) => b.team === team);
      const hi = Math.min(published - 1, teamLatest(team, 6));
      const day = bid ? Math.min(hi, bid.day + m.random.int(0, 3)) : dayIn(m, times.lastBidDay, hi, `${spec.key} NDA of ${key}`);
      const actor = roleActor(team, m.random.chance(0.5) ? 'owner' : 'admin');
      const reader = roleActor(team, m.random.chance(0.5) ? 'member' : 'owner');
      tl.add(tl.at(day, '08:30'), label(`NDA ${key}`), async () => {
        await acceptNda(tx, actor, rt.id);
      });
      tl.add(tl.at(day, '08:45'), label(`annex ${key}`), async () => {
        await openAnnex(tx, reader, rt.id);
      });
    }
  }

  for (const bid of planned) {
    const key = bid.team.key;
    const actor = roleActor(bid.team, m.random.chance(0.6) ? 'owner' : 'admin');
    const layout = layouts.get(key);
    const n = layout ? layout.dueAgo.length : Math.min(4, Math.max(2, Math.round(spec.months / 4)));
    let dueAgo = layout ? layout.dueAgo : genericDueAgo(spec, deadlineAgo, n);
    // 包干制: the bid itemises two stages; the contract makes them one final milestone (server/contracts/create.ts).
    if (spec.lumpSum && layout) {
      const last = layout.dueAgo[layout.dueAgo.length - 1] ?? deadlineAgo - 60;
      dueAgo = [Math.round((deadlineAgo - 20 + last) / 2), last];
    }
    const content = bidContent(m, spec, bid.team, bid.price, dueAgo);
    tl.add(tl.at(bid.day, minutes(m, 9 * 60, 16 * 60)), label(`bid ${key}`), async () => {
      rt.bidIds.set(key, (await submitBid(tx, actor, rt.id, content)).id);
    });
    if ((spec.revised ?? []).includes(key)) {
      const revisedPrice = spec.bounty ?? Math.max(1, bid.price - 0.5 * m.random.int(1, 6));
      bid.price = revisedPrice;
      const revision = bidContent(m, spec, bid.team, revisedPrice, dueAgo, m.random.pick(REVISION_NOTES));
      const day = dayIn(m, times.lastBidDay, bid.day - 1, `${spec.key} revision of ${key}`);
      tl.add(tl.at(day, minutes(m, 9 * 60, 16 * 60)), label(`revise ${key}`), async () => {
        await reviseBid(tx, actor, bidIdOf(rt, key), revision);
      });
    }
    if (bid.withdrawn) {
      const day = dayIn(m, times.lastBidDay, bid.day - 1, `${spec.key} withdrawal of ${key}`);
      tl.add(tl.at(day, '11:20'), label(`withdraw ${key}`), async () => {
        await withdrawBid(tx, actor, bidIdOf(rt, key));
      });
    }
  }

  for (const key of spec.drafts ?? []) {
    const team = seededOrg(ctx, key);
    const day = dayIn(m, times.lastBidDay, Math.min(published - 1, teamLatest(team, 1)), `${spec.key} draft of ${key}`);
    const actor = roleActor(team, 'member');
    const phases = phasesFor(spec.field, 2);
    const draft = bidDraftContentInput.parse({
      approach: `## 技术路线（草稿）\n拟结合团队在${team.name.replace(/团队$/, '')}方向的积累，先做工况测试，再设计测试方案。待与需求方确认测试样件数量后完善。`,
      milestones: [{ deliverable: phases[0] ?? '第一阶段成果', dueDate: tl.date(deadlineAgo - 60), amount: 8 }],
      teamMembers: teamMembersOf(team).slice(0, 1),
    });
    tl.add(tl.at(day, '20:10'), label(`draft bid ${key}`), async () => {
      await saveDraft(tx, actor, rt.id, draft);
    });
  }

  // ── bidding ends ──
  if (spec.closedEarlyAgo !== undefined) {
    tl.add(tl.at(spec.closedEarlyAgo, '10:00'), label('close early'), async () => {
      await closeNeedEarly(tx, ownerActor, rt.id);
    });
  } else if (deadlineAgo >= 1 && !(spec.cancel?.from === 'published')) {
    tl.add(tl.at(deadlineAgo, '17:05'), label('deadline'), async () => {
      await closeDueNeeds(tx);
      const [row] = await tx.select({ status: needs.status }).from(needs).where(eq(needs.id, rt.id));
      if (row?.status !== 'closed') throw new Error(`the deadline job left the need ${row?.status ?? 'missing'}`);
    });
  }
  if (spec.cancel?.from === 'published') {
    const reason = spec.cancel.reason;
    tl.add(tl.at(spec.cancel.ago, '15:00'), label('cancel'), async () => {
      await cancelNeed(tx, ownerActor, rt.id, reason);
    });
    return;
  }

  // ── review ──
  const competing = planned.filter((b) => !b.withdrawn);
  const endDay = spec.closedEarlyAgo ?? deadlineAgo;
  const evaluated = spec.state === 'evaluating' || spec.state === 'awarded' || spec.state === 'completed' || spec.cancel?.from === 'evaluating';
  // 常规 needs are judged by their owners (a few invite experts: their catalogue entries name them); 揭榜挂帅 lists
  // and horse races always go to expert review.
  const invites = evaluated && spec.mode !== 'open';
  const reviewerSpecs = spec.reviewers ?? (invites ? defaultReviewers(m, spec) : []);
  const reviewers = reviewerSpecs.map((r) => resolveReviewer(m, r));
  const rubric = spec.rubric ?? DEFAULT_RUBRIC_KEYS;
  const budgetMax = spec.budget?.[1] ?? Number.POSITIVE_INFINITY;
  reviewers.forEach((reviewer, i) => {
    const { org, member } = reviewer;
    if (spec.bidders.includes(org.key)) throw new Error(`seed: ${spec.key} reviewer ${member.email} belongs to a bidder`);
    const reviewerActor: MemberActor = actorOf(org, member);
    // Reviewers are invited the day after bidding ends — or, for a need still taking bids, a few days ago.
    const inviteDay = spec.state === 'published' ? Math.max(2, published - 3) : endDay - 1;
    tl.add(tl.at(inviteDay, `09:${String(30 + i * 5).padStart(2, '0')}`), label(`invite ${member.email}`), async () => {
      rt.invitationIds.set(member.userId, (await inviteReviewer(tx, ownerActor, { needId: rt.id, userId: member.userId })).id);
    });
    if (reviewer.spec.coi === 'pending') return;
    const hasConflict = reviewer.spec.coi === 'conflict';
    tl.add(tl.at(inviteDay - 1, `15:${String(10 + i * 5).padStart(2, '0')}`), label(`declare ${member.email}`), async () => {
      await declareCoi(tx, reviewerActor, { invitationId: invitationOf(rt, member.userId), hasConflict, text: hasConflict ? COI_CONFLICT_TEXT : '' });
    });
    if (hasConflict || reviewer.spec.noScore) return;
    if (spec.state === 'closed' || spec.state === 'published') throw new Error(`seed: ${spec.key} is ${spec.state}: nobody has scored yet`);
    competing.forEach((bid, j) => {
      const scores = scoresOf(m, rubric, bid.quality, bid.price > budgetMax);
      const comment = m.random.pick(REVIEW_COMMENTS);
      tl.add(tl.at(endDay - 3, `${10 + i}:${String(j * 7).padStart(2, '0')}`), label(`score ${member.email} ${bid.team.key}`), async () => {
        await scoreBid(tx, reviewerActor, { bidId: bidIdOf(rt, bid.team.key), scores, comment });
      });
    });
  });

  if (spec.state === 'published') return;

  const feedbackFor = (bid: PlannedBid): { code: FeedbackCode; text: string } => {
    const code: FeedbackCode = bid.price > budgetMax ? 'budget' : m.random.pick(['approach', 'approach', 'timing', 'capability', 'other'] as const);
    return { code, text: m.random.pick(FEEDBACK_TEXTS[code]) };
  };

  if (spec.state === 'evaluating') {
    // The owner has begun writing feedback to the weakest bid.
    const weakest = [...competing].sort((a, b) => a.quality - b.quality)[0];
    if (weakest && endDay - 4 >= 1) {
      const fb = feedbackFor(weakest);
      tl.add(tl.at(endDay - 4, '16:20'), label('feedback'), async () => {
        await giveFeedback(tx, ownerActor, { bidId: bidIdOf(rt, weakest.team.key), ...fb });
      });
    }
  }
  if (spec.cancel && (spec.cancel.from === 'closed' || spec.cancel.from === 'evaluating')) {
    const reason = spec.cancel.reason;
    tl.add(tl.at(spec.cancel.ago, '15:00'), label('cancel'), async () => {
      await cancelNeed(tx, ownerActor, rt.id, reason);
    });
    return;
  }
  if (spec.state !== 'awarded' && spec.state !== 'completed') return;

  // ── award and contracts ──
  if (times.award === null) throw new Error(`seed: ${spec.key} has no award day`);
  const losers = competing.filter((b) => !winners.includes(b.team.key));
  const feedback = losers.map((b) => ({ team: b.team.key, ...feedbackFor(b) }));
  const fundingMode = spec.lumpSum ? ('lump_sum' as const) : ('milestone' as const);
  tl.add(tl.at(times.award, '16:00'), label('award'), async () => {
    const result = await awardNeed(tx, ownerActor, {
      needId: rt.id,
      winners: winners.map((k) => bidIdOf(rt, k)),
      feedback: feedback.map((f) => ({ bidId: bidIdOf(rt, f.team), code: f.code, text: f.text })),
      fundingMode,
    });
    for (const c of result.contracts) {
      const team = [...rt.bidIds.entries()].find(([, id]) => id === c.bidId)?.[0];
      if (!team) throw new Error('award made a contract for an unknown bid');
      const milestones = await tx
        .select({ id: contractMilestones.id, seq: contractMilestones.seq, amount: contractMilestones.amount })
        .from(contractMilestones)
        .where(eq(contractMilestones.contractId, c.contractId))
        .orderBy(asc(contractMilestones.seq));
      rt.contracts.set(team, { id: c.contractId, milestones });
    }
  });
  winners.forEach((key, i) => {
    const plan = spec.contracts?.[i];
    const layout = layouts.get(key);
    if (!plan || !layout) return;
    scheduleContract(tl, m.random, plan, layout, {
      label: `${spec.key}/${key}`,
      client: owner,
      team: seededOrg(ctx, key),
      bureau: m.bureau,
      handle: () => {
        const handle = rt.contracts.get(key);
        if (!handle) throw new Error('contract not made yet');
        return handle;
      },
    });
  });
  if (spec.gateAgo !== undefined) {
    const kept = winners.filter((_, i) => !spec.contracts?.[i]?.stageClosed);
    tl.add(tl.at(spec.gateAgo, '16:00'), label('stage gate'), async () => {
      await passStageGate(tx, ownerActor, {
        needId: rt.id,
        keep: kept.map((k) => {
          const handle = rt.contracts.get(k);
          if (!handle) throw new Error('contract not made yet');
          return handle.id;
        }),
        note: STAGE_GATE_NOTE,
      });
    });
  }
}

function bidIdOf(rt: NeedRuntime, teamKey: string): string {
  const id = rt.bidIds.get(teamKey);
  if (!id) throw new Error(`no bid of ${teamKey} yet`);
  return id;
}

function invitationOf(rt: NeedRuntime, userId: string): string {
  const id = rt.invitationIds.get(userId);
  if (!id) throw new Error('no invitation yet');
  return id;
}

/**
 * People read what reached them more than a week ago: the market's older notifications are marked read (a
 * few hours after they arrived); the last week's stay unread, so each demo login's bell shows what is new.
 */
async function settleNotifications(ctx: SeedContext): Promise<void> {
  const cut = new Date(ctx.at.getTime() - 7 * DAY_MS);
  await ctx.tx
    .update(notifications)
    .set({ readAt: sql`${notifications.createdAt} + interval '3 hours'` })
    .where(
      and(
        isNull(notifications.readAt),
        lt(notifications.createdAt, cut),
        notLike(notifications.kind, 'org.%'),
        notLike(notifications.kind, 'bureau.%'),
        notLike(notifications.kind, 'account.%'),
      ),
    );
}
