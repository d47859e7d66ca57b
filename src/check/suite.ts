import type { VirtualTime } from '../../sim/index.js';
import { Directors } from './directors.js';
import { INVARIANTS } from './invariants/index.js';
import { Probes } from './probes.js';
import { Publications } from './publications.js';
import type { Checker, CheckContext, GroundTruth, InvariantId, Rec, SharedFacts, Violation } from './types.js';

export interface SuiteOptions {
  readonly coordinatorCount: number;
  readonly truth: GroundTruth;
  readonly quietAtMs: number;
  readonly livenessBoundMs: number;
  /** Checkers to leave out (to show that the suite notices a missing checker). */
  readonly disabled?: readonly InvariantId[];
}

/**
 * All invariants, fed every trace event in order. The shared facts (publications, directors)
 * see each event first, then every checker, then the probes.
 */
export class CheckSuite {
  readonly violations: Violation[] = [];
  readonly shared: SharedFacts;
  readonly probes: Probes;
  private readonly checkers: { id: InvariantId; checker: Checker }[] = [];
  private judgedLiveness = false;

  constructor(options: SuiteOptions) {
    const publications = new Publications(options.coordinatorCount);
    const directors = new Directors();
    this.shared = { publications, directors };
    this.probes = new Probes(directors);
    for (const info of INVARIANTS) {
      if (options.disabled?.includes(info.id)) continue;
      const ctx: CheckContext = {
        coordinatorCount: options.coordinatorCount,
        truth: options.truth,
        quietAtMs: options.quietAtMs,
        livenessBoundMs: options.livenessBoundMs,
        report: (v) => this.violations.push({ invariant: info.id, ...v }),
      };
      this.checkers.push({ id: info.id, checker: info.create(ctx, this.shared) });
    }
  }

  observe(record: Rec): void {
    this.shared.publications.observe(record);
    this.shared.directors.observe(record);
    for (const { checker } of this.checkers) checker.observe(record);
    this.probes.observe(record);
  }

  /** The liveness checkpoint: quiet time + bound. */
  checkpoint(time: VirtualTime): void {
    this.judgedLiveness = true;
    for (const { checker } of this.checkers) checker.checkpoint?.(time);
  }

  get livenessJudged(): boolean {
    return this.judgedLiveness;
  }
}
