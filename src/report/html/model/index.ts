import type { ReportInput } from '../types.js';
import { matchArrows, type Arrow } from './arrows.js';
import { epochColors } from './colors.js';
import { explainViolations, publishedLayouts, recruitments, type ExplainedViolation, type PublishedLayout, type Recruitment } from './facts.js';
import { buildLanes, type LaneSet } from './lanes.js';
import { buildLens, clientAcks, outages, type Acks, type Lens, type Outage } from './lens.js';
import { traceEnd } from './records.js';
import {
  directorSpans,
  lockBands,
  networkSpans,
  nodeDownSpans,
  partitionSpans,
  phaseSegments,
  type DirectorSpan,
  type LockBand,
  type NetworkSpan,
  type NodeDownSpan,
  type PartitionSpan,
  type PhaseSegment,
} from './spans.js';
import { buildChapters, violationOrder, type Chapter } from './story.js';
import { happensBefore, violationPasts, type ViolationPast } from './causal.js';
import { livenessWait, type LivenessWait } from './waiting.js';

export type { Arrow } from './arrows.js';
export type { Lane, LaneSet, NodeGroup, Role } from './lanes.js';
export type { Chapter, NarrationMoment } from './story.js';
export type { Lens, LensCell, LensColumn, LensRow, Outage } from './lens.js';
export type { ViolationPast } from './causal.js';
export type { DirectorWait, LivenessWait, WaitingCall } from './waiting.js';

/** The run reshaped for drawing: lanes, arrows, spans and the facts the side panels list. */
export interface ReportModel {
  /** Where the picture ends (µs). */
  readonly endT: number;
  readonly lanes: LaneSet;
  readonly arrows: readonly Arrow[];
  readonly bands: readonly LockBand[];
  readonly directors: readonly DirectorSpan[];
  readonly phases: readonly PhaseSegment[];
  readonly partitions: readonly PartitionSpan[];
  readonly nodeDown: readonly NodeDownSpan[];
  readonly network: readonly NetworkSpan[];
  readonly recruits: readonly Recruitment[];
  readonly layouts: readonly PublishedLayout[];
  readonly violations: readonly ExplainedViolation[];
  /** Every epoch that appears (locks, directors, layouts, acknowledgements), with its colour. */
  readonly epochColors: ReadonlyMap<number, string>;
  /** Violation indices in the order they are listed and told: damage first, mechanism (fencing) after. */
  readonly violationOrder: readonly number[];
  /** The story: narration, or the violation and what led to it, or the key moments. */
  readonly chapters: readonly Chapter[];
  /** Services × epochs: locked when, fenced what, published when. */
  readonly lens: Lens;
  /** Commits acknowledged to the client, by generation. */
  readonly acks: Acks;
  /** Stretches with no commit acknowledged while the workload ran. */
  readonly outages: readonly Outage[];
  /** The causal past of the violations listed first ("show only what led to this violation"). */
  readonly causal: readonly ViolationPast[];
  /** When recovery-completes failed: what each director waited on at the liveness checkpoint. */
  readonly liveness: LivenessWait | null;
}

/** The invariant whose failure the liveness panel explains. */
const LIVENESS_INVARIANT = 'recovery-completes';

/**
 * The liveness checkpoint (µs), when recovery-completes failed: the run's own (given by the CLI),
 * else the earliest recovery-completes violation's time (the checkpoint's reports are made then).
 */
function livenessCheckpoint(input: ReportInput): number | null {
  const failed = input.result.violations.filter((v) => v.invariant === LIVENESS_INVARIANT);
  if (failed.length === 0) return null;
  return input.livenessAtUs ?? Math.min(...failed.map((v) => v.time));
}

export function buildReportModel(input: ReportInput): ReportModel {
  const records = input.records;
  const endT = traceEnd(records, input.result.virtualMs * 1000);
  const lanes = buildLanes(records);
  const bands = lockBands(records, lanes, endT);
  const directors = directorSpans(records, lanes);
  const layouts = publishedLayouts(records);
  const acks = clientAcks(records);
  const epochs = [...bands.map((b) => b.epoch), ...directors.map((d) => d.epoch), ...layouts.map((l) => l.epoch), ...acks.epoch];
  const violations = explainViolations(input.result.violations);
  const stopMs = input.scenario.workload?.stopMs;
  const ackUntil = Math.min(endT, stopMs === undefined ? endT : stopMs * 1000);
  const checkpoint = livenessCheckpoint(input);
  const waiting = checkpoint === null ? null : livenessWait(records, lanes, checkpoint);
  // The moment is told at the checkpoint's own violation when there is one.
  const atCheckpoint = input.result.violations.find((v) => v.invariant === LIVENESS_INVARIANT && v.time === checkpoint);
  const liveness = waiting !== null && atCheckpoint !== undefined ? { ...waiting, event: atCheckpoint.event } : waiting;
  return {
    endT,
    lanes,
    arrows: matchArrows(records, lanes, endT),
    bands,
    directors,
    phases: phaseSegments(records, lanes, endT),
    partitions: partitionSpans(records, endT),
    nodeDown: nodeDownSpans(records, endT),
    network: networkSpans(records, endT),
    recruits: recruitments(records, lanes),
    layouts,
    violations,
    epochColors: epochColors(epochs),
    violationOrder: violationOrder(violations),
    chapters: buildChapters({ records, lanes, directors, violations, endT, ...(input.narration !== undefined ? { narration: input.narration } : {}), ...(liveness !== null ? { liveness } : {}) }),
    lens: buildLens(records, lanes, directors, layouts),
    acks,
    outages: outages(acks.t, ackUntil, sampledGapKnown(input, acks.event)),
    causal: violations.length > 0 ? violationPasts(happensBefore(records, lanes), violations) : [],
    liveness,
  };
}

/**
 * For a sampled trace: whether nothing was left out between acknowledgement k and the next (or
 * the end), judged by the records' places in the whole trace. A full trace knows every gap.
 */
function sampledGapKnown(input: ReportInput, ackEvents: readonly number[]): (k: number) => boolean {
  const sample = input.sample;
  if (sample === undefined) return () => true;
  const origin = sample.origin;
  const lastPosition = origin.length - 1;
  return (k) => {
    const p = ackEvents[k] as number;
    const last = k + 1 >= ackEvents.length;
    const q = last ? lastPosition : (ackEvents[k + 1] as number);
    const whole = (origin[q] as number) - (origin[p] as number) === q - p;
    return whole && (!last || (origin[lastPosition] as number) === sample.total - 1);
  };
}
