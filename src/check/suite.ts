import { deliverRecord, nameOf, sendRecord, type Delivery, type Message, type TraceWatcher, type VirtualTime } from '../../sim/index.js';
import { Facts } from './facts/index.js';
import { INVARIANTS, type InvariantInfo } from './invariants/index.js';
import { Probes } from './probes.js';
import { whyNoWorkersCanBeCreated, whyRecoveryIsImpossible, whyStrictPlacementCannotHold } from './remains.js';
import type { RunEvent } from '../cluster/events.js';
import type { Checker, CheckContext, GroundTruth, InvariantId, MessageKind, Rec, RunSettings, Violation } from './types.js';

export interface SuiteOptions {
  readonly settings: RunSettings;
  readonly truth: GroundTruth;
  /** Whether a process lives at an address (the kernel's word). */
  readonly alive: (address: string) => boolean;
  /** Checkers to leave out (to show that the suite notices a missing checker). */
  readonly disabled?: readonly InvariantId[];
  /** The invariants to check: every one, unless a test gives checkers of its own. */
  readonly invariants?: readonly Pick<InvariantInfo, 'id' | 'create'>[];
}

/** Who reads a record type: the `observe` hooks of the checkers that read it themselves, and whether the probes count it. */
interface Route {
  readonly readers: readonly ((record: Rec) => void)[];
  readonly probes: boolean;
}

/** Who reads the send or the deliver records of one kind of message (see `MessageKind`). */
interface Readers {
  /** The facts learn from them. */
  readonly facts: boolean;
  /** The `observe` hooks of the checkers that read them themselves. */
  readonly checkers: readonly ((record: Rec) => void)[];
}

/** Who reads a kind of message's send records, and who its deliver records. */
interface MessageRoute {
  readonly send: Readers;
  readonly deliver: Readers;
}

/** The readers of a delivery no one awaits. */
const NOBODY: Readers = { facts: false, checkers: [] };

const anyone = (readers: Readers): boolean => readers.facts || readers.checkers.length > 0;

/**
 * All invariants, fed every trace event and every delivery in order. The shared facts (ground
 * truth) are brought up to date first, then every checker sees the step, then the probes.
 */
export class CheckSuite implements TraceWatcher<RunEvent> {
  readonly violations: Violation[] = [];
  readonly facts: Facts;
  readonly probes: Probes;
  private readonly checkers: { id: InvariantId; checker: Checker }[] = [];
  // The checkers' hooks, in the suite's order, taken out once (every record and delivery calls them).
  private readonly observeAll: ((record: Rec) => void)[] = [];
  private readonly deliveredAll: ((delivery: Delivery) => void)[] = [];
  private readonly routes = new Map<string, Route>();
  /** Message routes by type, sender and receiver (as the records name them). */
  private readonly messageRoutes = new Map<string, Map<string, Map<string, MessageRoute>>>();
  /** The readers of awaited deliveries, by message number, until the message's first copy is delivered. */
  private readonly awaiting = new Map<number, Readers>();
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
    for (const info of options.invariants ?? INVARIANTS) {
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
   * committed history moved (as far as any checker can tell, nothing else happened). Nine records
   * in ten are message sends and deliveries: those go only to who reads their kind of message
   * (`Checker.reads`, `Facts.readsSend`, `Facts.readsDelivery`), and the probes see a delivery only when it is a duplicate or
   * a late reply (all they count of deliveries).
   */
  observe(record: Rec): void {
    switch (record.type) {
      case 'send':
        this.send(record.i, record.t, record.m, record.from, record.to, record.msg, record.call, record.reply);
        return;
      case 'deliver':
        this.deliver(record.i, record.t, record.m, record.to, record.dup === true, record.late === true);
        return;
    }
    this.at.event = record.i;
    this.at.time = record.t;
    const route = this.findRoute(record.type);
    this.step(record, this.facts.observe(record, this.at), route.readers, route.probes);
  }

  /** A message sent, as the fields of its record: a record is built only if someone reads this kind of message, or the checkers wake. */
  send(i: number, t: VirtualTime, m: number, from: string, to: string, msg: object, call: number | undefined, reply: number | undefined): void {
    this.at.event = i;
    this.at.time = t;
    const route = this.messageRoute((msg as Message).type, from, to);
    if (anyone(route.deliver)) this.awaiting.set(m, route.deliver);
    if (anyone(route.send) || this.historyMoved()) this.message(sendRecord(i, t, m, from, to, msg, call, reply) as Rec, route.send, false);
    else this.facts.beginStep();
  }

  /** A message handed over, as the fields of its record; the probes count duplicates and late replies. */
  deliver(i: number, t: VirtualTime, m: number, to: string, dup: boolean, late: boolean): void {
    this.at.event = i;
    this.at.time = t;
    // A duplicate may arrive before the first copy: the route stays for the copy still to come.
    const readers = (dup ? this.awaiting.get(m) : this.delivering(m)) ?? NOBODY;
    const probes = dup || late;
    if (anyone(readers) || probes || this.historyMoved()) this.message(deliverRecord(i, t, m, to, dup, late) as Rec, readers, probes);
    else this.facts.beginStep();
  }

  /** A message record: the facts take it in only if they learn from its kind of message. */
  private message(record: Rec, readers: Readers, probes: boolean): void {
    let learned = false;
    if (readers.facts) learned = this.facts.observe(record, this.at);
    else this.facts.beginStep();
    this.step(record, learned, readers.checkers, probes);
  }

  private step(record: Rec, learned: boolean, readers: readonly ((record: Rec) => void)[], probes: boolean): void {
    const hooks = this.wakes(learned) ? this.observeAll : readers;
    for (let k = 0; k < hooks.length; k++) (hooks[k] as (record: Rec) => void)(record);
    if (learned || probes) this.probes.observe(record);
  }

  private delivering(m: number): Readers | undefined {
    const readers = this.awaiting.get(m);
    if (readers !== undefined) this.awaiting.delete(m);
    return readers;
  }

  /** Whether the committed history moved since the checkers last looked (the next step wakes them). */
  private historyMoved(): boolean {
    return this.facts.history.fixedUpTo !== this.historyTop;
  }

  /** Whether this step wakes every checker: the facts learned something, or the committed history moved since they last looked. */
  private wakes(learned: boolean): boolean {
    const top = this.facts.history.fixedUpTo;
    if (!learned && top === this.historyTop) return false;
    this.historyTop = top;
    return true;
  }

  private messageRoute(type: string, from: string, to: string): MessageRoute {
    let byFrom = this.messageRoutes.get(type);
    if (byFrom === undefined) this.messageRoutes.set(type, (byFrom = new Map()));
    let byTo = byFrom.get(from);
    if (byTo === undefined) byFrom.set(from, (byTo = new Map()));
    let route = byTo.get(to);
    if (route === undefined) {
      const kind: MessageKind = { type, from: nameOf(from), to: nameOf(to) };
      const checkers = (recordType: 'send' | 'deliver'): readonly ((record: Rec) => void)[] =>
        this.readersOf(recordType, (c) => (c.reads === undefined || c.reads(kind) ? c.observes : undefined), (c) => c.observe);
      route = { send: { facts: Facts.readsSend(kind), checkers: checkers('send') }, deliver: { facts: Facts.readsDelivery(kind), checkers: checkers('deliver') } };
      byTo.set(to, route);
    }
    return route;
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
