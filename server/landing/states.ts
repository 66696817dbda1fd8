import type { landingGate, landingGateStatus, landingStage } from '@/db/schema/landing';
import type { Action } from '../permissions';

/**
 * The two lifecycles of SPEC §8 as explicit transition tables: a project's stage and a gate submission's status.
 * Every change of either looks its transition up here, so a reader who wants to know how a landing project may
 * move opens this file and nothing else.
 *
 * Who (relative to the project):
 * - `team`: the organisation that owns the project (research team or company) — it prepares and submits gates;
 * - `incubator`: the enclave's operator — it reviews gates and steers the project (pause, resume, exit);
 * - `bureau`: the county bureau — it signs off the last two gates;
 * - `partner`: the team or the local enterprise taking the project up (KPI reports, contracts);
 * - `party`: the team, the enterprise or the incubator (tasks) — not the bureau, which oversees;
 * - `steward`: the incubator or the bureau;
 * - `system`: a consequence of another transition (a completed gate advances the stage), never a caller.
 */
export type LandingStage = (typeof landingStage.enumValues)[number];
export type LandingGate = (typeof landingGate.enumValues)[number];
export type GateStatus = (typeof landingGateStatus.enumValues)[number];
export type Who = 'team' | 'partner' | 'party' | 'incubator' | 'bureau' | 'steward' | 'system';

/** The four progress stages in order; `paused` and `exited` stand beside them. */
export const PROGRESS: readonly LandingStage[] = ['incubating', 'accelerating', 'industrializing', 'landed'];
export const GATES: readonly LandingGate[] = ['accelerating', 'industrializing', 'landed'];
/** The gates the bureau signs off after the incubator's approval (SPEC §1: "sign off last two gates"). */
export const SIGN_OFF_GATES: readonly LandingGate[] = ['industrializing', 'landed'];

/** The gate that leads out of a progress stage (none out of `landed`). */
export function gateOutOf(stage: LandingStage): LandingGate | null {
  const i = PROGRESS.indexOf(stage);
  return i >= 0 && i < PROGRESS.length - 1 ? (PROGRESS[i + 1] as LandingGate) : null;
}

/** The stage a gate leads out of. */
export function gateFrom(gate: LandingGate): LandingStage {
  return PROGRESS[PROGRESS.indexOf(gate) - 1] as LandingStage;
}

/** The status at which a gate is complete and the stage advances. */
export function completingStatus(gate: LandingGate): GateStatus {
  return SIGN_OFF_GATES.includes(gate) ? 'signed_off' : 'approved';
}

export function isActive(stage: LandingStage): boolean {
  return stage !== 'paused' && stage !== 'exited';
}

export interface Transition<S extends string, E extends string> {
  from: S;
  event: E;
  /** `reached`: back into the furthest progress stage reached (resuming a paused project). */
  to: S | 'reached';
  by: Who;
  action?: Action;
  /** Only for these gates (gate transitions). */
  gates?: readonly LandingGate[];
}

/**
 *   incubating ──advance (gate `accelerating` approved)──→ accelerating
 *   accelerating ──advance (gate `industrializing` signed off)──→ industrializing
 *   industrializing ──advance (gate `landed` signed off)──→ landed
 *   incubating / accelerating / industrializing ──pause (reason)──→ paused ──resume──→ (the stage it was in)
 *   incubating / accelerating / industrializing / paused ──exit (reason)──→ exited
 */
export type ProjectEvent = 'advance' | 'pause' | 'resume' | 'exit';

export const PROJECT_TRANSITIONS: readonly Transition<LandingStage, ProjectEvent>[] = [
  { from: 'incubating', event: 'advance', to: 'accelerating', by: 'system' },
  { from: 'accelerating', event: 'advance', to: 'industrializing', by: 'system' },
  { from: 'industrializing', event: 'advance', to: 'landed', by: 'system' },
  { from: 'incubating', event: 'pause', to: 'paused', by: 'steward', action: 'landing.steer' },
  { from: 'accelerating', event: 'pause', to: 'paused', by: 'steward', action: 'landing.steer' },
  { from: 'industrializing', event: 'pause', to: 'paused', by: 'steward', action: 'landing.steer' },
  { from: 'paused', event: 'resume', to: 'reached', by: 'steward', action: 'landing.steer' },
  { from: 'incubating', event: 'exit', to: 'exited', by: 'steward', action: 'landing.steer' },
  { from: 'accelerating', event: 'exit', to: 'exited', by: 'steward', action: 'landing.steer' },
  { from: 'industrializing', event: 'exit', to: 'exited', by: 'steward', action: 'landing.steer' },
  { from: 'paused', event: 'exit', to: 'exited', by: 'steward', action: 'landing.steer' },
];

/**
 *   draft ──submit──→ submitted ──approve (incubator)──→ approved ──signOff (bureau; last two gates)──→ signed_off
 *   sent_back ─submit─↗    └──sendBack (incubator, reasons)──→ sent_back ←──sendBack (bureau, reasons)── approved
 * The gate is complete at `approved` (first gate) or `signed_off` (last two); then the project advances.
 */
export type GateEvent = 'submit' | 'approve' | 'sendBack' | 'signOff';

export const GATE_TRANSITIONS: readonly Transition<GateStatus, GateEvent>[] = [
  { from: 'draft', event: 'submit', to: 'submitted', by: 'team', action: 'landing.submitGate' },
  { from: 'sent_back', event: 'submit', to: 'submitted', by: 'team', action: 'landing.submitGate' },
  { from: 'submitted', event: 'approve', to: 'approved', by: 'incubator', action: 'landing.reviewGate' },
  { from: 'submitted', event: 'sendBack', to: 'sent_back', by: 'incubator', action: 'landing.reviewGate' },
  { from: 'approved', event: 'signOff', to: 'signed_off', by: 'bureau', action: 'landing.signOff', gates: SIGN_OFF_GATES },
  { from: 'approved', event: 'sendBack', to: 'sent_back', by: 'bureau', action: 'landing.signOff', gates: SIGN_OFF_GATES },
];

/** Gate statuses in which the team may still edit the evidence. */
export const EDITABLE: readonly GateStatus[] = ['draft', 'sent_back'];

export function transition<S extends string, E extends string>(
  table: readonly Transition<S, E>[],
  from: S,
  event: E,
  gate?: LandingGate,
): Transition<S, E> | undefined {
  return table.find((t) => t.from === from && t.event === event && (!t.gates || (gate !== undefined && t.gates.includes(gate))));
}

/** The transitions of an event a given side may make (what the UI offers; the domain still checks the from-state). */
export function whoMay(by: Who, side: 'team' | 'incubator' | 'bureau' | 'enterprise'): boolean {
  if (by === 'steward') return side === 'incubator' || side === 'bureau';
  if (by === 'partner') return side === 'team' || side === 'enterprise';
  if (by === 'party') return side !== 'bureau';
  return by === side;
}

/** A KPI report is due by this many days after its quarter ends; the reminder goes out when the quarter ends. */
export const KPI_DUE_DAYS = 15;
export const DAY_MS = 24 * 3600 * 1000;
