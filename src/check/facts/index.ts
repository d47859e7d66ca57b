import type { Delivery } from '../../../sim/index.js';
import { COORDINATOR, workerOf } from '../../cluster/names.js';
import type { GroundTruth, MessageKind, Position, Rec, RunSettings } from '../types.js';
import { ClientHistory } from './client-history.js';
import { CommittedHistory } from './committed-history.js';
import { Components } from './components.js';
import { CoordinatorStates, NO_STEPS } from './coordinator-states.js';
import { Directors } from './directors.js';
import { LockReplies } from './lock-replies.js';
import { LostNodes } from './lost-nodes.js';
import { OldLayouts } from './old-layouts.js';
import { Publications } from './publications.js';
import { ServiceStates } from './service-states.js';

export type { ClientAck, ClientRead } from './client-history.js';
export { entryAt, shardOf, writesByShard, type HistoryProblem, type HistoryView } from './committed-history.js';
export type { ComponentFacts } from './components.js';
export type { AcceptFact, CoordinatorStep } from './coordinator-states.js';
export type { DirectorFacts } from './directors.js';
export type { GivenOldLayout } from './old-layouts.js';
export { layoutKey, type Publication } from './publications.js';
export type { LockFact, ServiceSnapshot, ServiceStep } from './service-states.js';

/** No problem (shared: every step starts with it). */
const NO_PROBLEMS: readonly never[] = Object.freeze([]);

/**
 * The ground truth every checker shares, brought up to date once per step (a trace record or a
 * delivery) before any checker sees that step. Built only from what the simulator owns: disks,
 * the kernel's send, deliver and spawn records, and what the client was told.
 */
export class Facts {
  readonly services: ServiceStates;
  readonly coordinators: CoordinatorStates;
  readonly publications: Publications;
  readonly directors = new Directors();
  readonly components = new Components(this.directors);
  readonly oldLayouts: OldLayouts;
  readonly client = new ClientHistory();
  readonly lockReplies = new LockReplies();
  readonly lost = new LostNodes();
  readonly history: CommittedHistory;

  constructor(truth: GroundTruth, settings: RunSettings) {
    this.services = new ServiceStates(truth);
    this.coordinators = new CoordinatorStates(truth, settings.coordinators);
    this.publications = new Publications(this.coordinators);
    this.oldLayouts = new OldLayouts(this.coordinators);
    this.history = new CommittedHistory(truth);
  }

  /**
   * The messages whose send records `observe` learns from: promises, lock requests and their
   * answers, and whatever a coordinator sends (it announces a term it raised on its own timer by
   * sending). Records of other messages teach the facts nothing.
   */
  static readsSend(message: MessageKind): boolean {
    return Facts.readsDelivery(message) || message.from === COORDINATOR;
  }

  /** The messages whose deliver records `observe` learns from: promises, lock requests and their answers. */
  static readsDelivery(message: MessageKind): boolean {
    return OldLayouts.reads(message) || LockReplies.reads(message);
  }

  /**
   * Take in one trace record. Returns whether the facts just learned something a checker reacts
   * to: a director started, a client was answered, a coordinator's disk changed, a layout was
   * published.
   */
  observe(r: Rec, at: Position): boolean {
    this.beginStep();
    switch (r.type) {
      case 'send':
        this.oldLayouts.observe(r);
        this.lockReplies.observe(r);
        // A coordinator raises its own term on a timer; it announces the new term by sending.
        if (this.coordinators.isCoordinator(r.from)) this.readCoordinator(r.from, at);
        break;
      case 'deliver':
        this.oldLayouts.observe(r);
        this.lockReplies.observe(r);
        return false;
      case 'spawn':
      case 'process-down': {
        this.directors.observe(r);
        this.components.observe(r);
        const started = this.directors.justStarted;
        if (started !== undefined) this.oldLayouts.started(started);
        break;
      }
      case 'fault':
        this.lost.observe(r);
        return false;
      case 'client-ack':
      case 'client-read-begin':
      case 'client-read-failed':
      case 'client-read':
        this.client.observe(r);
        break;
      default:
        return false;
    }
    return this.directors.justStarted !== undefined || this.client.justAcked !== undefined || this.client.justRead !== undefined || this.coordinatorNews();
  }

  /**
   * A message the kernel delivered. Returns whether the facts just learned something a checker
   * reacts to: the receiving service's disk changed, a coordinator's disk changed, a layout was
   * published. (Most deliveries to a service, pulls and answered pushes, leave its disk as it was.)
   */
  delivered(delivery: Delivery, at: Position): boolean {
    this.beginStep();
    this.services.delivered(delivery, at);
    this.directors.delivered(delivery, at);
    if (this.coordinators.isCoordinator(delivery.to)) this.readCoordinator(delivery.to, at);
    // Logs pop what storage has made durable: the committed history is read as it happens.
    const step = this.services.step;
    const latest = this.publications.latest();
    if (step?.after.kind === 'log' && latest !== undefined && latest.tsl.logs.some((l) => l.id === step.after.id)) this.history.observe(latest.tsl);
    return (step !== undefined && step.after !== step.before) || this.coordinatorNews();
  }

  /** A coordinator's disk changed at this step, or a layout was published. */
  private coordinatorNews(): boolean {
    return this.publications.justPublished !== undefined || this.coordinators.steps.length > 0;
  }

  /**
   * A file became durable. When it is the entries of a log of the newest layout, the committed
   * history takes in what every such log now holds: the moment the last of them syncs a version is
   * the moment it is committed, whatever is delivered next (a log may pop it right after).
   */
  synced(_node: string, file: string): void {
    const latest = this.publications.latest();
    if (latest === undefined) return;
    const slash = file.indexOf('/');
    const worker = workerOf(slash < 0 ? file : file.slice(0, slash));
    if (worker?.kind === 'log' && latest.tsl.logs.some((l) => l.id === worker.id)) this.history.observe(latest.tsl);
  }

  /** The run has ended: take in what the newest layout's logs hold durably. */
  finish(): void {
    const latest = this.publications.latest();
    if (latest !== undefined) this.history.observe(latest.tsl);
  }

  private readCoordinator(target: string, at: Position): void {
    this.coordinators.read(target, at);
    this.publications.update();
    const p = this.publications.justPublished;
    if (p === undefined) return;
    this.history.fix(p);
    if (p === this.publications.latest()) this.history.observe(p.tsl);
  }

  /** Start a step: nothing is "just" learned yet (a step the facts learn nothing from starts here too). */
  beginStep(): void {
    this.services.step = undefined;
    this.coordinators.steps = NO_STEPS;
    this.publications.justPublished = undefined;
    this.history.problems = NO_PROBLEMS;
    this.directors.justStarted = undefined;
    this.client.justAcked = undefined;
    this.client.justRead = undefined;
  }
}
