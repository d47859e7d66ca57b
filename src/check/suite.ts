import type { Delivery, VirtualTime } from '../../sim/index.js';
import { Facts } from './facts/index.js';
import { INVARIANTS } from './invariants/index.js';
import { Probes } from './probes.js';
import { whyNoWorkersCanBeCreated, whyRecoveryIsImpossible, whyStrictPlacementCannotHold } from './remains.js';
import type { Checker, CheckContext, GroundTruth, InvariantId, Rec, RunSettings, Violation } from './types.js';

export interface SuiteOptions {
  readonly settings: RunSettings;
  readonly truth: GroundTruth;
  /** Whether a process lives at an address (the kernel's word). */
  readonly alive: (address: string) => boolean;
  /** Checkers to leave out (to show that the suite notices a missing checker). */
  readonly disabled?: readonly InvariantId[];
}

/** Who reads a record type: the `observe` hooks of the checkers that read it themselves, and whether the probes count it. */
interface Route {
  readonly readers: readonly ((record: Rec) => void)[];
  readonly probes: boolean;
}

/**
 * All invariants, fed every trace event and every delivery in order. The shared facts (ground
 * truth) are brought up to date first, then every checker sees the step, then the probes.
 */
export class CheckSuite {
  readonly violations: Violation[] = [];
  readonly facts: Facts;
  readonly probes: Probes;
  private readonly checkers: { id: InvariantId; checker: Checker }[] = [];
  // The checkers' hooks, in the suite's order, taken out once (every record and delivery calls them).
  private readonly observeAll: ((record: Rec) => void)[] = [];
  private readonly deliveredAll: ((delivery: Delivery) => void)[] = [];
  private readonly routes = new Map<string, Route>();
  private sendRoute: Route | undefined;
  private deliverRoute: Route | undefined;
  /** Per message type: the `delivered` hooks of the checkers that read its deliveries themselves. */
  private readonly deliveryRoutes = new Map<string, readonly ((delivery: Delivery) => void)[]>();
  /** The committed history's top when the checkers last looked (they settle what it reaches). */
  private historyTop = -1;
  private judgedLiveness = false;
  /** Why liveness was not judged though the run reached the checkpoint. */
  livenessSkipped: string | undefined;
  private readonly settings: RunSettings;
  /** Where the run stands, updated in place at every record (read, never kept, by the checkers). */
  private readonly at: { event: number; time: number } = { event: 0, time: 0 };

  constructor(options: SuiteOptions) {
    this.settings = options.settings;
    this.facts = new Facts(options.truth, options.settings);
    this.probes = new Probes(this.facts);
    for (const info of INVARIANTS) {
      if (options.disabled?.includes(info.id)) continue;
      const ctx: CheckContext = {
        settings: options.settings,
        truth: options.truth,
        position: () => this.at,
        alive: options.alive,
        report: (v) => this.violations.push({ invariant: info.id, ...v }),
      };
      this.checkers.push({ id: info.id, checker: info.create(ctx, this.facts) });
    }
    for (const { checker } of this.checkers) {
      if (checker.observe !== undefined) this.observeAll.push(checker.observe.bind(checker));
      if (checker.delivered !== undefined) this.deliveredAll.push(checker.delivered.bind(checker));
    }
  }

  /**
   * Every trace record. The facts take in the types they learn from; a checker's `observe` runs
   * on the types it reads itself, and on every checker once the facts learned something or the
   * committed history moved (as far as any checker can tell, nothing else happened).
   */
  observe(record: Rec): void {
    this.at.event = record.i;
    this.at.time = record.t;
    const learned = this.facts.observe(record, this.at);
    const route = this.routeOf(record.type);
    if (this.wakes(learned)) {
      const all = this.observeAll;
      for (let k = 0; k < all.length; k++) (all[k] as (record: Rec) => void)(record);
    } else {
      const readers = route.readers;
      for (let k = 0; k < readers.length; k++) (readers[k] as (record: Rec) => void)(record);
    }
    if (learned || route.probes) this.probes.observe(record);
  }

  /** Whether this step wakes every checker: the facts learned something, or the committed history moved since they last looked. */
  private wakes(learned: boolean): boolean {
    const top = this.facts.history.fixedUpTo;
    if (!learned && top === this.historyTop) return false;
    this.historyTop = top;
    return true;
  }

  private routeOf(type: string): Route {
    // Nine records in ten are message sends and deliveries: theirs are kept at hand.
    if (type === 'send') return (this.sendRoute ??= this.findRoute(type));
    if (type === 'deliver') return (this.deliverRoute ??= this.findRoute(type));
    return this.findRoute(type);
  }

  private findRoute(type: string): Route {
    let route = this.routes.get(type);
    if (route === undefined) {
      route = { readers: this.readersOf(type, (c) => c.observes, (c) => c.observe), probes: Probes.TYPES.has(type) };
      this.routes.set(type, route);
    }
    return route;
  }

  /** The hooks of the checkers that declare `type` among what they read themselves, bound, in the suite's order. */
  private readersOf<T>(type: string, declared: (c: Checker) => readonly string[] | undefined, hook: (c: Checker) => ((value: T) => void) | undefined): ((value: T) => void)[] {
    const readers: ((value: T) => void)[] = [];
    for (const { checker } of this.checkers) {
      const h = hook(checker);
      if (h !== undefined && declared(checker)?.includes(type) === true) readers.push(h.bind(checker));
    }
    return readers;
  }

  /** A sync made a file on a node's disk durable. */
  synced(node: string, file: string): void {
    this.facts.synced(node, file);
  }

  /**
   * A delivery: every checker hears of it when the facts learned something from it (a service's
   * or coordinator's disk changed, a publication) or the committed history moved; otherwise only
   * the checkers that read deliveries of its message type themselves.
   */
  delivered(delivery: Delivery): void {
    const hooks = this.wakes(this.facts.delivered(delivery, this.at)) ? this.deliveredAll : this.deliveryReaders(delivery.msg.type);
    for (let k = 0; k < hooks.length; k++) (hooks[k] as (delivery: Delivery) => void)(delivery);
  }

  private deliveryReaders(type: string): readonly ((delivery: Delivery) => void)[] {
    let readers = this.deliveryRoutes.get(type);
    if (readers === undefined) {
      readers = this.readersOf(type, (c) => c.delivers, (c) => c.delivered);
      this.deliveryRoutes.set(type, readers);
    }
    return readers;
  }

  /**
   * The liveness checkpoint: quiet time + bound. Liveness is judged on what remains: when nodes
   * lost for good took what recovery needs, it is not judged, and the reason is kept.
   */
  checkpoint(time: VirtualTime): void {
    const latest = this.facts.publications.latest();
    // Recovery must start from the newest published layout, or from a newer one a coordinator
    // accepted (it may have been published without this run's checkers being able to tell).
    const layouts = [
      ...(latest === undefined ? [] : [latest.tsl]),
      ...this.facts.coordinators
        .heldNow()
        .map((h) => h.value.tsl)
        .filter((tsl) => latest === undefined || tsl.epoch > latest.epoch),
    ];
    // A coordinator's state is needed whenever it was lost; a layout's services only if they were
    // lost once its director had started (a layout recruited later was recruited elsewhere).
    const lostNodes = this.facts.lost.list();
    const lostCoordinators = new Set(lostNodes.map((l) => l.node));
    let impossible = whyRecoveryIsImpossible(undefined, this.settings.coordinators, lostCoordinators, new Set());
    const crashedForGood = new Set(lostNodes.filter((l) => l.how !== 'disk wiped').map((l) => l.node));
    impossible ??= whyNoWorkersCanBeCreated(this.settings.capableNodes, crashedForGood, layouts.length === 0);
    impossible ??= whyStrictPlacementCannotHold(this.settings.capableNodes, crashedForGood, this.settings.strictNeeds);
    for (const tsl of layouts) {
      if (impossible !== undefined) break;
      const since = this.facts.directors.get(tsl.director)?.startedAt ?? 0;
      const lostServices = new Set(lostNodes.filter((l) => l.atUs > since).map((l) => l.node));
      impossible = whyRecoveryIsImpossible(tsl, this.settings.coordinators, lostCoordinators, lostServices);
    }
    if (impossible !== undefined) {
      const how = [...new Set(lostNodes.map((l) => (l.how === 'disk wiped' ? 'a disk wiped' : 'a node crashed for good')))].join(', ');
      this.livenessSkipped = `data lost for good (${how}) leaves too little to recover: ${impossible}`;
      return;
    }
    this.judgedLiveness = true;
    for (const { checker } of this.checkers) checker.checkpoint?.(time);
  }

  /** The run was stopped early because the system stormed: recovery never settles. */
  stopped(time: VirtualTime, event: number, why: string): void {
    this.violations.push({ invariant: 'recovery-completes', event, time, message: why, witnesses: [] });
  }

  /** The run has ended. */
  finish(time: VirtualTime): void {
    this.facts.finish();
    for (const { checker } of this.checkers) checker.finish?.(time);
  }

  get livenessJudged(): boolean {
    return this.judgedLiveness;
  }
}
