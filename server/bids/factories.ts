import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidRevisions, bids, type BidMilestone, type BidTeamMember } from '@/db/schema';
import { now } from '../clock';
import { centsToAmount, toCents, type BidStatus } from './inputs';
import type { BidRow } from './states';

/**
 * A bid row in any state with one revision, inserted directly (tests, refusal cases, the demo seed).
 * Content defaults to a complete two-milestone proposal; pass `price` to split it over the milestones.
 */
export interface BidOverrides {
  status?: BidStatus;
  approach?: string;
  milestones?: BidMilestone[];
  /** 万元: when given without milestones, two milestones splitting it. */
  price?: number | string;
  teamMembers?: BidTeamMember[];
  achievementIds?: string[];
  attachmentIds?: string[];
}

const DAY = 24 * 3600 * 1000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function defaultMilestones(price: number | string = 60): BidMilestone[] {
  const total = toCents(price);
  const first = Math.round(total * 0.4);
  const at = now().getTime();
  return [
    { deliverable: '工艺参数优化方案与仿真报告', dueDate: isoDate(new Date(at + 120 * DAY)), amount: centsToAmount(first) },
    { deliverable: '样件试制与验证报告', dueDate: isoDate(new Date(at + 300 * DAY)), amount: centsToAmount(total - first) },
  ];
}

export async function insertBid(db: Db, team: { orgId: string; userId: string | null }, needId: string, overrides: BidOverrides = {}): Promise<BidRow> {
  const at = now();
  const status = overrides.status ?? 'submitted';
  const milestones = overrides.milestones ?? defaultMilestones(overrides.price ?? 60);
  const price = centsToAmount(milestones.reduce((s, m) => s + toCents(m.amount), 0));
  const submitted = status !== 'draft';
  const [bid] = await db
    .insert(bids)
    .values({
      needId,
      orgId: team.orgId,
      status,
      createdBy: team.userId,
      createdAt: at,
      updatedAt: at,
      submittedAt: submitted ? at : null,
      withdrawnAt: status === 'withdrawn' ? at : null,
      decidedAt: status === 'awarded' || status === 'not_awarded' ? at : null,
    })
    .returning();
  if (!bid) throw new Error('insert bid failed');
  const [revision] = await db
    .insert(bidRevisions)
    .values({
      bidId: bid.id,
      number: 1,
      approach: overrides.approach ?? '## 技术路线\n采用在线测量与自适应补偿控制磨削尺寸一致性。',
      milestones,
      price,
      teamMembers: overrides.teamMembers ?? [
        { name: '张教授', role: '项目负责人' },
        { name: '李工', role: '工艺工程师' },
      ],
      achievementIds: overrides.achievementIds ?? [],
      attachmentIds: overrides.attachmentIds ?? [],
      authorUserId: team.userId,
      createdAt: at,
      submittedAt: submitted ? at : null,
    })
    .returning();
  if (!revision) throw new Error('insert bid revision failed');
  const [row] = await db.update(bids).set({ currentRevisionId: revision.id }).where(eq(bids.id, bid.id)).returning();
  if (!row) throw new Error('update bid failed');
  return row;
}
