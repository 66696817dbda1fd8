import type { GateStatus, LandingStage } from '@/server/landing/states';
import { Badge } from '../contracts/badges';

/** Stage and gate-status badges: colour, a mark and the word (UI.md). Plain: server and client components use them. */
type Tone = Parameters<typeof Badge>[0]['tone'];

const STAGE: Record<LandingStage, [Tone, string]> = {
  incubating: ['violet', '①'],
  accelerating: ['blue', '②'],
  industrializing: ['amber', '③'],
  landed: ['green', '④'],
  paused: ['gray', '❚❚'],
  exited: ['red', '✕'],
};

const GATE: Record<GateStatus | 'none', [Tone, string]> = {
  none: ['gray', '○'],
  draft: ['gray', '✎'],
  submitted: ['blue', '◷'],
  approved: ['violet', '◷'],
  signed_off: ['green', '✓'],
  sent_back: ['red', '↺'],
};

export function StageBadge({ stage, label }: { stage: LandingStage; label: string }) {
  const [tone, mark] = STAGE[stage];
  return <Badge tone={tone} mark={mark} label={label} />;
}

export function GateStatusBadge({ status, label }: { status: GateStatus | null; label: string }) {
  const [tone, mark] = GATE[status ?? 'none'];
  return <Badge tone={tone} mark={mark} label={label} />;
}

/**
 * The translation key (under `landing`) of a gate's status: an approved first gate is complete (no bureau
 * sign-off for it, server/landing/states.ts SIGN_OFF_GATES), the last two wait for the bureau.
 */
export function gateStatusKey(gate: string, status: GateStatus | null): string {
  if (status === 'approved' && gate === 'accelerating') return 'gateStatusDone';
  return `gateStatus.${status ?? 'none'}`;
}
