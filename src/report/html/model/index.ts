import type { ReportInput } from '../types.js';
import { matchArrows, type Arrow } from './arrows.js';
import { epochColors } from './colors.js';
import { explainViolations, publishedLayouts, recruitments, type ExplainedViolation, type PublishedLayout, type Recruitment } from './facts.js';
import { buildLanes, type LaneSet } from './lanes.js';
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

export type { Arrow } from './arrows.js';
export type { Lane, LaneSet, NodeGroup, Role } from './lanes.js';

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
  /** Every epoch that appears (locks, directors, layouts), with its colour. */
  readonly epochColors: ReadonlyMap<number, string>;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const records = input.records;
  const endT = traceEnd(records, input.result.virtualMs * 1000);
  const lanes = buildLanes(records);
  const bands = lockBands(records, lanes, endT);
  const directors = directorSpans(records, lanes);
  const layouts = publishedLayouts(records);
  const epochs = [...bands.map((b) => b.epoch), ...directors.map((d) => d.epoch), ...layouts.map((l) => l.epoch)];
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
    violations: explainViolations(input.result.violations),
    epochColors: epochColors(epochs),
  };
}
