import type { Violation } from '../../../check/types.js';
import { INVARIANTS } from '../../../check/invariants/index.js';
import type { LaneSet } from './lanes.js';
import type { Rec } from './records.js';

/** A recruitment step of a director: which services it reused and which it created. */
export interface Recruitment {
  readonly lane: number;
  readonly event: number;
  readonly t: number;
  readonly director: string;
  readonly epoch: number;
  readonly kind: string;
  readonly reused: readonly string[];
  readonly created: readonly string[];
}

export function recruitments(records: readonly Rec[], lanes: LaneSet): Recruitment[] {
  const out: Recruitment[] = [];
  for (const r of records) {
    if (r.type !== 'recruited') continue;
    out.push({
      lane: lanes.laneOf(r.director),
      event: r.i,
      t: r.t,
      director: r.director,
      epoch: r.epoch,
      kind: r.kind,
      reused: r.reused,
      created: r.created.map((c) => `${c.id}@${c.node}`),
    });
  }
  return out;
}

/** A layout the coordinators published, with what the director built for that epoch. */
export interface PublishedLayout {
  readonly epoch: number;
  readonly event: number;
  readonly t: number;
  readonly director: string;
  readonly logs: readonly string[];
  readonly teams: readonly { readonly tag: number; readonly storageIds: readonly string[] }[];
  readonly recoveryVersion: number | null;
}

export function publishedLayouts(records: readonly Rec[]): PublishedLayout[] {
  const built = new Map<number, Extract<Rec, { type: 'layout-built' }>>();
  const out: PublishedLayout[] = [];
  const seen = new Set<number>();
  for (const r of records) {
    if (r.type === 'layout-built') built.set(r.epoch, r);
    if (r.type !== 'layout-published' || seen.has(r.epoch)) continue;
    seen.add(r.epoch);
    const b = built.get(r.epoch);
    out.push({
      epoch: r.epoch,
      event: r.i,
      t: r.t,
      director: b?.director ?? '',
      logs: b?.tsl.logs.map((l) => l.id) ?? [],
      teams: b?.tsl.storageTeams.map((t) => ({ tag: t.tag, storageIds: t.storageIds })) ?? [],
      recoveryVersion: b?.tsl.versionVector.last ?? null,
    });
  }
  return out;
}

/** A violation with the invariant explained in plain words, for the violation panel. */
export interface ExplainedViolation {
  readonly invariant: string;
  readonly spec: string;
  readonly meaning: string;
  readonly kind: string;
  readonly message: string;
  readonly event: number;
  readonly t: number;
  readonly witnesses: readonly number[];
}

export function explainViolations(violations: readonly Violation[]): ExplainedViolation[] {
  return violations.map((v) => {
    const info = INVARIANTS.find((x) => x.id === v.invariant);
    return {
      invariant: v.invariant,
      spec: info?.spec ?? '',
      meaning: info?.meaning ?? '',
      kind: info?.kind ?? 'safety',
      message: v.message,
      event: v.event,
      t: v.time,
      witnesses: v.witnesses,
    };
  });
}
