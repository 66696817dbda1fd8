import { notifications } from '@/db/schema';
import type { NotificationKind } from '../notifications/kinds';
import { daysAgo, ownerOf, seededOrg, tally, type SeedContext, type SeededOrg } from './context';

/**
 * A bell that already has a history: the bureau's reviewers were told about each pending application,
 * the demo organisations about their verification, the bearing company's owner about a new member, the
 * rejected applicant about the reason. Rows are written directly rather than through `notify` because
 * they are placed at the time their event happened (older ones already read) and nobody is online yet
 * to push them to; payloads and links are the ones the domain's `notify` calls send.
 */
interface SeedNotification {
  userId: string;
  kind: NotificationKind;
  payload: Record<string, string | number | null>;
  link: string | null;
  createdAt: Date;
  read: boolean;
}

export async function seedNotifications(ctx: SeedContext): Promise<void> {
  const rows: SeedNotification[] = [];
  const bureau = seededOrg(ctx, 'bureau');

  for (const org of [...ctx.orgs.values()].filter((o) => o.status === 'pending')) {
    for (const reviewer of bureau.members) {
      rows.push({
        userId: reviewer.userId,
        kind: 'bureau.orgPending',
        payload: { orgId: org.id, orgName: org.name, orgKind: org.kind },
        link: '/bureau/verifications',
        createdAt: org.createdAt,
        read: false,
      });
    }
  }

  const verifiedDemoOrgs = ['enterprise.bearing', 'enterprise.pharma', 'enterprise.tea', 'team.zjut-bearing', 'team.nimte-graphene', 'incubator.hangzhou'];
  for (const key of verifiedDemoOrgs) {
    const org = seededOrg(ctx, key);
    for (const person of managers(org)) {
      rows.push({
        userId: person.userId,
        kind: 'org.verified',
        payload: { orgName: org.name },
        link: '/org',
        createdAt: new Date(org.createdAt.getTime() + 2 * 86_400_000),
        read: true,
      });
    }
  }

  const bearing = seededOrg(ctx, 'enterprise.bearing');
  const newcomer = bearing.members.find((m) => m.role === 'member');
  if (newcomer) {
    rows.push({
      userId: ownerOf(bearing).userId,
      kind: 'org.memberJoined',
      payload: { orgName: bearing.name, memberName: newcomer.name, role: newcomer.role },
      link: '/org/members',
      createdAt: daysAgo(ctx, 2),
      read: false,
    });
  }

  const rejected = seededOrg(ctx, 'enterprise.rejected');
  rows.push({
    userId: ownerOf(rejected).userId,
    kind: 'org.rejected',
    payload: { orgName: rejected.name, reason: rejected.rejectionReason },
    link: '/org',
    createdAt: daysAgo(ctx, 10),
    read: false,
  });

  await ctx.tx.insert(notifications).values(
    rows.map((n) => ({
      userId: n.userId,
      kind: n.kind,
      payload: n.payload,
      link: n.link,
      createdAt: n.createdAt,
      readAt: n.read ? new Date(n.createdAt.getTime() + 3_600_000) : null,
    })),
  );
  tally(ctx, 'notifications', rows.length);
}

function managers(org: SeededOrg) {
  return org.members.filter((m) => m.role === 'owner' || m.role === 'admin');
}
