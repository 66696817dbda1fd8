import type { MemberRole, OrgKind, OrgStatus } from './actor';

/**
 * THE permission table (SPEC §1). Every authorised act names one action here; routers check it through
 * `permittedProcedure(action)` and domain code through `assertCan`. Resource scope ("own", "invited")
 * is enforced in the domain query itself; this table says which kinds of organisation, which roles,
 * and whether the organisation must be verified by the bureau.
 */
export interface Rule {
  kinds: readonly OrgKind[];
  roles: readonly MemberRole[];
  /** Pending or rejected organisations may only prepare drafts and edit their profile. */
  verified: boolean;
}

const ANY_KIND = ['enterprise', 'research_team', 'incubator', 'bureau'] as const;
const ALL_ROLES = ['owner', 'admin', 'member'] as const;
const MANAGERS = ['owner', 'admin'] as const;
const OWNERS = ['owner'] as const;

export const permissions = {
  // Organisation profile and people
  'org.read': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'org.updateProfile': { kinds: ANY_KIND, roles: MANAGERS, verified: false },
  'org.manageAchievements': { kinds: ['research_team'], roles: ALL_ROLES, verified: false },
  'org.manageDisciplines': { kinds: ['research_team'], roles: MANAGERS, verified: false },
  'org.inviteMember': { kinds: ANY_KIND, roles: MANAGERS, verified: false },
  'org.setMemberRole': { kinds: ANY_KIND, roles: OWNERS, verified: false },
  'org.removeMember': { kinds: ANY_KIND, roles: MANAGERS, verified: false },
  /** Anyone may leave; the domain refuses the last owner. */
  'org.leave': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'org.manageEnclaves': { kinds: ['incubator'], roles: MANAGERS, verified: false },
  'audit.readOwn': { kinds: ANY_KIND, roles: MANAGERS, verified: false },
  // Bureau
  'bureau.verifyOrg': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  'audit.readAll': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  /** Bulk load of research teams (server/orgs/import.ts); the seed and CLI load as the system, without an actor. */
  'org.import': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  // Marketplace acts (issue #3 fills in their domains; the gates are fixed here so pending organisations are refused)
  'need.draft': { kinds: ['enterprise', 'incubator', 'bureau'], roles: ALL_ROLES, verified: false },
  'need.publish': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'need.readOwn': { kinds: ['enterprise', 'incubator', 'bureau'], roles: ALL_ROLES, verified: false },
  // A pending organisation may discard its own drafts; a published need can only be its verified owner's.
  'need.cancel': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: false },
  'need.close': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'need.evaluate': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'need.award': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'need.readAnnexLog': { kinds: ['enterprise', 'incubator', 'bureau'], roles: ALL_ROLES, verified: false },
  // The NDA binds the organisation, so its owner/admin accepts it; then every member may open the annex.
  'need.acceptNda': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'need.openAnnex': { kinds: ['enterprise', 'research_team', 'incubator', 'bureau'], roles: ALL_ROLES, verified: true },
  'bid.draft': { kinds: ['research_team'], roles: ALL_ROLES, verified: false },
  // A team's own files (bid attachments, milestone deliverables) before a bid or delivery cites them.
  'file.uploadOwn': { kinds: ['research_team'], roles: ALL_ROLES, verified: false },
  'bid.submit': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'bid.revise': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'bid.withdraw': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'bid.readOwn': { kinds: ['research_team'], roles: ALL_ROLES, verified: false },
  // Bids on the organisation's own needs (sealed in `jiebang` mode until the deadline: server/bids/access.ts).
  'bid.readReceived': { kinds: ['enterprise', 'incubator', 'bureau'], roles: ALL_ROLES, verified: false },
  // The bureau's oversight: any bid once bidding is over.
  'bid.readAll': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  'bid.feedback': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'review.manage': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  // Any user of a verified organisation may be invited; the invitation itself is the scope.
  'review.score': { kinds: ANY_KIND, roles: ALL_ROLES, verified: true },
  'contract.sign': { kinds: ['enterprise', 'research_team', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  // Contracts (server/contracts): scope is "a party of the contract" (the bureau reads all), checked in the domain.
  'contract.read': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'contract.stageGate': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'milestone.submit': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'milestone.review': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'milestone.escalate': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  'payment.record': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'dispute.raise': { kinds: ['enterprise', 'research_team', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'dispute.rule': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  // SPEC §1: enterprises and teams rate; an incubator posting for its enclaves' firms acts as the enterprise.
  // The bureau referees disputes, so it does not rate its own 揭榜挂帅 counterparties.
  'rating.give': { kinds: ['enterprise', 'research_team', 'incubator'], roles: MANAGERS, verified: true },
  // 在线沟通 (server/messaging): posting and reading are scoped to participant organisations in the domain.
  'conversation.startDirect': { kinds: ANY_KIND, roles: ALL_ROLES, verified: true },
  'conversation.read': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'message.report': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  // A file for a message (any participant may send one); readable by the conversation's participants once sent.
  'message.attach': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'message.moderate': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  // 答疑 (SPEC §2): any verified team may ask about a need it can see; the owner publishes clarifications.
  'need.ask': { kinds: ['research_team'], roles: ALL_ROLES, verified: true },
  'need.clarify': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  // 智能匹配 (server/matching): a need's matches are its owner's (and the bureau's) — scoped in the domain.
  'match.read': { kinds: ['enterprise', 'incubator', 'bureau'], roles: ALL_ROLES, verified: false },
  'match.invite': { kinds: ['enterprise', 'incubator', 'bureau'], roles: MANAGERS, verified: true },
  'match.recommendations': { kinds: ['research_team'], roles: ALL_ROLES, verified: false },
  // The invited team's managers answer an invitation by bidding, or decline it here (its responsiveness, server/credit).
  'match.decline': { kinds: ['research_team'], roles: MANAGERS, verified: true },
  // Credit (server/credit): a report's grade is public; the full report and ledger are the organisation's own and the bureau's.
  'credit.readOwn': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'credit.readAll': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  'credit.appeal': { kinds: ['enterprise', 'research_team', 'incubator'], roles: MANAGERS, verified: false },
  'credit.recordIntegrity': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  'credit.verifyQualification': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  'credit.ruleAppeal': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  // Who reported (举报) is seen by the bureau alone.
  'credit.readReports': { kinds: ['bureau'], roles: ALL_ROLES, verified: true },
  // 科技局驾驶舱 (server/dashboard): the bureau reads everything, an incubator its own enclaves (scoped in the domain).
  'dashboard.read': { kinds: ['incubator', 'bureau'], roles: ALL_ROLES, verified: true },
  // 项目落地 (server/landing): scope is "a party of the project" (its incubator, team, enterprise; the bureau reads all), checked in the domain.
  'landing.read': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'landing.create': { kinds: ['incubator'], roles: MANAGERS, verified: true },
  'landing.update': { kinds: ['incubator'], roles: MANAGERS, verified: true },
  // The team (research team or company owning the project) prepares a gate's evidence; its owner/admin submits it.
  'landing.prepareGate': { kinds: ['research_team', 'enterprise'], roles: ALL_ROLES, verified: false },
  'landing.submitGate': { kinds: ['research_team', 'enterprise'], roles: MANAGERS, verified: true },
  'landing.reviewGate': { kinds: ['incubator'], roles: MANAGERS, verified: true },
  'landing.signOff': { kinds: ['bureau'], roles: MANAGERS, verified: true },
  // Sending a gate back: the incubator (a submitted gate) or the bureau (an approved last gate) — states.ts decides which.
  'landing.sendBack': { kinds: ['incubator', 'bureau'], roles: MANAGERS, verified: true },
  // Pause, resume, exit with a reason.
  'landing.steer': { kinds: ['incubator', 'bureau'], roles: MANAGERS, verified: true },
  'landing.linkContract': { kinds: ['incubator', 'research_team', 'enterprise'], roles: MANAGERS, verified: true },
  'landing.reportKpi': { kinds: ['research_team', 'enterprise'], roles: MANAGERS, verified: true },
  'landing.manageTasks': { kinds: ANY_KIND, roles: ALL_ROLES, verified: false },
  'landing.editTemplates': { kinds: ['bureau'], roles: MANAGERS, verified: true },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof permissions;

export interface Membership {
  orgKind: OrgKind;
  role: MemberRole;
  orgStatus: OrgStatus;
}

export function can(member: Membership | null, action: Action): boolean {
  if (!member) return false;
  const rule: Rule = permissions[action];
  return (
    rule.kinds.includes(member.orgKind) &&
    rule.roles.includes(member.role) &&
    (!rule.verified || member.orgStatus === 'verified')
  );
}
