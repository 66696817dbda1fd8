import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import { auditLog, memberships, users } from '@/db/schema';
import { PRIVACY_NOTICE_VERSION } from '../accounts/privacy';
import type { MemberRole, OrgKind, OrgStatus } from '../actor';
import type { AuditEntry } from '../audit/audit';
import type { AfterCommit } from '../transaction';
import type { Random } from './random';

/**
 * What the seed's steps share. Each domain's step (orgs, research teams, and later needs, contracts,
 * landing projects) finds the organisations and people the earlier steps made here, by key.
 */
export interface SeededOrg {
  /** Stable key the later steps use ('enterprise.bearing', 'team.zjut-bearing', ...). */
  key: string;
  id: string;
  kind: OrgKind;
  status: OrgStatus;
  name: string;
  creditCode: string;
  industryField: string | null;
  rejectionReason: string | null;
  createdAt: Date;
  members: SeededMember[];
}

export interface SeededMember {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
}

export interface SeedContext {
  /** The seed's one transaction. */
  tx: Db;
  afterCommit: AfterCommit;
  random: Random;
  /** When the seed runs (the domain clock): every demo date is placed relative to it. */
  at: Date;
  /** The demo password, hashed once (argon2 is deliberately slow). */
  passwordHash: string;
  orgs: Map<string, SeededOrg>;
  /** Audit rows of what the seed did, written by the system actor at the end in one statement. */
  audit(entry: AuditEntry): void;
  /** Emails already given, so generated ones never collide. */
  emails: Set<string>;
  /** What each step made ('achievements', 'enclaves', 'notifications', later 'needs', 'bids' ...), for the summary. */
  counts: Record<string, number>;
}

export function tally(ctx: SeedContext, what: string, n = 1): void {
  ctx.counts[what] = (ctx.counts[what] ?? 0) + n;
}

const DAY_MS = 86_400_000;

/** A moment `days` (fractions allowed) before the seed ran. */
export function daysAgo(ctx: SeedContext, days: number): Date {
  return new Date(ctx.at.getTime() - days * DAY_MS);
}

export function seededOrg(ctx: SeedContext, key: string): SeededOrg {
  const org = ctx.orgs.get(key);
  if (!org) throw new Error(`seed: no organisation "${key}" (steps run in order; is the key right?)`);
  return org;
}

export function ownerOf(org: SeededOrg): SeededMember {
  const owner = org.members.find((m) => m.role === 'owner');
  if (!owner) throw new Error(`seed: ${org.key} has no owner`);
  return owner;
}

/** Writes the collected audit rows (system actor: no user, no organisation). */
export async function flushAudit(tx: Db, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await tx.insert(auditLog).values(
      entries.slice(i, i + 500).map((e) => ({
        at,
        actorUserId: null,
        actorOrgId: null,
        orgId: e.orgId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
        ip: null,
      })),
    );
  }
}

// ---- People ----

/** Common surnames and given-name characters with their pinyin, so generated people have plausible names and emails. */
const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['梁', 'liang'],
  ['郑', 'zheng'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['潘', 'pan'], ['俞', 'yu'], ['吕', 'lv'],
  ['丁', 'ding'], ['沈', 'shen'], ['钱', 'qian'], ['蒋', 'jiang'], ['梅', 'mei'], ['石', 'shi'], ['章', 'zhang'],
] as const;
const GIVEN = [
  ['伟', 'wei'], ['芳', 'fang'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['洋', 'yang'], ['勇', 'yong'],
  ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'], ['霞', 'xia'],
  ['平', 'ping'], ['刚', 'gang'], ['华', 'hua'], ['慧', 'hui'], ['建', 'jian'], ['国', 'guo'], ['文', 'wen'],
  ['斌', 'bin'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'], ['晨', 'chen'], ['琳', 'lin'], ['婷', 'ting'],
  ['雪', 'xue'], ['峰', 'feng'], ['海', 'hai'], ['军', 'jun'], ['志', 'zhi'], ['欣', 'xin'], ['佳', 'jia'],
  ['晓', 'xiao'], ['立', 'li'], ['鹏', 'peng'], ['丽', 'li'], ['辉', 'hui'], ['俊', 'jun'], ['子', 'zi'],
  ['晶', 'jing'], ['翔', 'xiang'], ['瑶', 'yao'], ['鑫', 'xin'], ['博', 'bo'], ['倩', 'qian'],
] as const;

export interface PersonSpec {
  name: string;
  email: string;
  title: string | null;
  role: MemberRole;
}

/** A person with a generated name and an email made of its pinyin (suffixed when taken). */
export function generatedPerson(ctx: SeedContext, role: MemberRole, title: string): PersonSpec {
  const [surname, surnamePinyin] = ctx.random.pick(SURNAMES);
  const parts = ctx.random.chance(0.6) ? [ctx.random.pick(GIVEN), ctx.random.pick(GIVEN)] : [ctx.random.pick(GIVEN)];
  const name = surname + parts.map((p) => p[0]).join('');
  const base = surnamePinyin + parts.map((p) => p[1]).join('');
  let email = `${base}@demo.kechuang.cn`;
  for (let n = 2; ctx.emails.has(email); n++) email = `${base}${n}@demo.kechuang.cn`;
  return { name, email, title, role };
}

/** Users of one organisation with their memberships, all signing in with the demo password. */
export async function addMembers(ctx: SeedContext, org: SeededOrg, people: readonly PersonSpec[]): Promise<void> {
  if (people.length === 0) return;
  const rows = people.map((p, i) => {
    if (ctx.emails.has(p.email)) throw new Error(`seed: email ${p.email} used twice`);
    ctx.emails.add(p.email);
    // Members join after the organisation is created, the owner first.
    const joined = new Date(org.createdAt.getTime() + i * 3 * 86_400_000 + ctx.random.int(0, 86_400_000));
    return { id: crypto.randomUUID(), person: p, joined: joined < ctx.at ? joined : org.createdAt };
  });
  await ctx.tx.insert(users).values(
    rows.map(({ id, person, joined }) => ({
      id,
      email: person.email,
      name: person.name,
      title: person.title,
      passwordHash: ctx.passwordHash,
      privacyConsentVersion: PRIVACY_NOTICE_VERSION,
      privacyConsentAt: joined,
      createdAt: joined,
    })),
  );
  await ctx.tx.insert(memberships).values(rows.map(({ id, person, joined }) => ({ userId: id, orgId: org.id, role: person.role, createdAt: joined })));
  for (const { id, person } of rows) {
    org.members.push({ userId: id, name: person.name, email: person.email, role: person.role });
    ctx.audit({ action: 'member.add', entityType: 'membership', entityId: id, orgId: org.id, after: { role: person.role } });
  }
}
