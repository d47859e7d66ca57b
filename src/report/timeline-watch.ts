import { addressOf, type FaultAction } from '../../sim/index.js';
import { layoutKey } from '../check/facts/publications.js';
import type { Rec } from '../check/types.js';
import { clock } from './clock.js';
import type { Line } from './timeline-lines.js';

/**
 * What the timeline remembers about the cluster to explain a line rather than just print it: which
 * layouts a majority of coordinators hold (the moment a layout is published, judged as the
 * checkers judge it, not when a leader hears of it), which terms were campaigned for and won
 * (why an epoch skips numbers), what is clogged (what "unclog all" ends), and what each live
 * director is waiting on (told when liveness fails).
 */

/** A layout a majority of coordinators hold, at the event that made it a majority. */
export interface Publication {
  readonly epoch: number;
  readonly holders: number;
  readonly coordinators: number;
}

interface Call {
  readonly to: string;
  readonly type: string;
  readonly t: number;
  dropped?: string;
}

interface DirectorState {
  readonly epoch: number;
  attempt: number;
  phase: string;
  since: number;
  stall: { reason: string; detail: string; t: number } | undefined;
  running: { published: boolean; t: number } | undefined;
  paused: boolean;
  readonly calls: Map<number, Call>;
}

/** Which messages answer (or carry) a director's call, to see it answered or dropped. */
interface CallMessage {
  readonly director: string;
  readonly call: number;
  readonly request: boolean;
}

/** `7, 10, 13 … 43`: a list of numbers, shortened when long. */
function numberList(values: readonly number[]): string {
  if (values.length <= 1) return values.join('');
  if (values.length <= 6) return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1] ?? ''}`;
  return `${values.slice(0, 3).join(', ')} … ${values[values.length - 1] ?? ''}`;
}

/** Epoch jumps explained after one published layout; the rest have the same causes. */
const WHY_PER_LAYOUT = 3;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export class ClusterWatch {
  private readonly coordinators: readonly string[];
  private readonly held = new Map<string, string>();
  private readonly announced = new Set<string>();
  private highestPublished = 0;
  private readonly campaigns = new Set<number>();
  private readonly elected = new Set<number>();
  private readonly directorEpochs = new Set<number>();
  private readonly leaders = new Map<string, number>();
  private lastCampaign: { coordinator: string; term: number; t: number } | undefined;
  private readonly clogs = new Set<string>();
  /** How many epochs after each published one were explained. */
  private readonly explained = new Map<number, number>();
  private readonly directors = new Map<string, DirectorState>();
  private readonly messages = new Map<number, CallMessage>();
  /** Whether messages are followed (only until the checkpoint: they are most of a run's events). */
  private tracking: boolean;

  /**
   * `coordinators`: the nodes that run one, in index order (the order terms are dealt in).
   * `trackCalls`: follow directors' requests and their answers (for a liveness checkpoint).
   */
  constructor(coordinators: readonly string[], trackCalls: boolean) {
    this.coordinators = coordinators.map((node) => `coordinator@${node}`);
    this.tracking = trackCalls;
  }

  /** The checkpoint was taken: messages need no following any more. */
  stopTracking(): void {
    this.tracking = false;
    this.messages.clear();
  }

  // ---- publication: a majority of coordinators hold the layout ----

  /** A coordinator accepted a layout: the publication this makes, if it is the one that made a majority. */
  accepted(r: Extract<Rec, { type: 'tsl-accepted' }>): Publication | undefined {
    const key = layoutKey(r.tsl);
    this.held.set(addressOf(r.coordinator), key);
    if (this.announced.has(key)) return undefined;
    const holders = [...this.held.values()].filter((k) => k === key).length;
    const count = Math.max(this.coordinators.length, 1);
    if (holders < Math.floor(count / 2) + 1) return undefined;
    this.announced.add(key);
    this.highestPublished = Math.max(this.highestPublished, r.tsl.epoch);
    return { epoch: r.tsl.epoch, holders, coordinators: count };
  }

  // ---- elections and epochs ----

  campaign(r: Extract<Rec, { type: 'election-started' }>): void {
    this.campaigns.add(r.term);
    this.lastCampaign = { coordinator: addressOf(r.coordinator), term: r.term, t: r.t };
  }

  won(r: Extract<Rec, { type: 'leader-elected' }>): void {
    this.elected.add(r.term);
    this.leaders.set(addressOf(r.coordinator), r.term);
  }

  deposed(coordinator: string): void {
    this.leaders.delete(addressOf(coordinator));
  }

  /**
   * Why a director's epoch is more than one above the newest published layout's, if it is: an
   * epoch is the election term its coordinator won; the numbers in between went to directors
   * that never published, to campaigns that never won, or to no one (each coordinator campaigns
   * only on its own turns, for the next one above the highest term it has seen).
   */
  whyEpoch(epoch: number, coordinator: string): string | undefined {
    const from = this.highestPublished;
    if (epoch <= from + 1) return undefined;
    // An election storm starts hundreds of directors after one published layout: explain a few.
    const told = (this.explained.get(from) ?? 0) + 1;
    this.explained.set(from, told);
    if (told > WHY_PER_LAYOUT) return undefined;
    const between = Array.from({ length: epoch - from - 1 }, (_, k) => from + 1 + k);
    const directors = between.filter((e) => this.directorEpochs.has(e));
    const lost = between.filter((e) => this.campaigns.has(e) && !this.directorEpochs.has(e));
    const unused = between.length - directors.length - lost.length;
    const parts = ['an epoch is the election term its coordinator won'];
    if (directors.length === 1) parts.push(`e${directors[0] ?? ''} had a director that never published`);
    else if (directors.length > 1) parts.push(`${directors.length} directors (epochs ${numberList(directors)}) never published`);
    if (lost.length > 0) parts.push(`${plural(lost.length, 'campaign')} (term${lost.length === 1 ? '' : 's'} ${numberList(lost)}) never won a majority`);
    if (unused > 0) {
      const count = this.coordinators.length;
      const index = this.coordinators.indexOf(addressOf(coordinator));
      const node = addressOf(coordinator).replace(/^coordinator@/, '');
      const turns = count > 1 && index >= 0 ? ` (${node} campaigns on its own turns only: ${index + 1}, ${index + 1 + count}, ${index + 1 + 2 * count}, …)` : '';
      const which = unused === between.length ? (unused <= 6 ? `term${unused === 1 ? '' : 's'} ${numberList(between)}` : `the ${unused} terms in between`) : `the other ${plural(unused, 'term')} in between`;
      parts.push(`${which} ${unused === 1 ? 'was' : 'were'} never used${turns}`);
    }
    const after = from > 0 ? `after e${from}` : 'with nothing published yet';
    const more = told === WHY_PER_LAYOUT ? ` Later epochs ${after} are not explained again.` : '';
    return `why epoch ${epoch} ${after}: ${parts.join('; ')}.${more}`;
  }

  // ---- clogs ----

  /** Apply a fault to what is clogged; for an unclog of everything, what it ends (nothing: say nothing). */
  fault(action: FaultAction): string[] | undefined {
    const link = (l: readonly [string, string]): string => [...l].sort().join('<->');
    if (action.kind === 'clog') {
      if (action.node !== undefined) this.clogs.add(action.node);
      else if (action.link !== undefined) this.clogs.add(link(action.link));
      return undefined;
    }
    if (action.kind === 'wipe-disk') this.held.delete(`coordinator@${action.node}`);
    if (action.kind !== 'unclog') return undefined;
    if (action.node !== undefined) this.clogs.delete(action.node);
    else if (action.link !== undefined) this.clogs.delete(link(action.link));
    else {
      const ended = [...this.clogs];
      this.clogs.clear();
      return ended;
    }
    return undefined;
  }

  // ---- directors: what each is doing and waiting on ----

  /** Follow every event: directors' epochs and phases, and (while tracking) their calls and the answers. */
  follow(r: Rec): void {
    switch (r.type) {
      case 'director-started':
        this.directorEpochs.add(r.epoch);
        this.directors.set(addressOf(r.director), { epoch: r.epoch, attempt: 1, phase: 'starting', since: r.t, stall: undefined, running: undefined, paused: false, calls: new Map() });
        return;
      case 'attempt-started':
      case 'phase':
      case 'stalled': {
        const d = this.directors.get(addressOf(r.director));
        if (d === undefined) return;
        d.calls.clear();
        if (r.type === 'attempt-started') {
          d.attempt = r.attempt;
          d.stall = undefined;
        } else if (r.type === 'phase') {
          d.phase = r.phase;
          d.since = r.t;
        } else {
          d.stall = { reason: r.reason, detail: r.detail, t: r.t };
        }
        return;
      }
      case 'director-running': {
        const d = this.directors.get(addressOf(r.director));
        if (d !== undefined) d.running = { published: r.published, t: r.t };
        return;
      }
      case 'director-stopped':
        this.directors.delete(addressOf(r.director));
        return;
      case 'process-down':
        this.directors.delete(addressOf(r.pid));
        this.leaders.delete(addressOf(r.pid));
        return;
      case 'pause':
      case 'resume': {
        const d = this.directors.get(addressOf(r.pid));
        if (d !== undefined) d.paused = r.type === 'pause';
        return;
      }
      case 'send': {
        if (!this.tracking) return;
        if (r.call !== undefined) {
          const from = addressOf(r.from);
          const d = this.directors.get(from);
          if (d !== undefined) {
            d.calls.set(r.call, { to: r.to, type: r.msg.type, t: r.t });
            this.messages.set(r.m, { director: from, call: r.call, request: true });
          }
        } else if (r.reply !== undefined) {
          const to = addressOf(r.to);
          if (this.directors.has(to)) this.messages.set(r.m, { director: to, call: r.reply, request: false });
        }
        return;
      }
      case 'deliver':
      case 'drop': {
        if (!this.tracking) return;
        const m = this.messages.get(r.m);
        if (m === undefined) return;
        if (r.type === 'deliver' && r.dup === true) return;
        this.messages.delete(r.m);
        const calls = this.directors.get(m.director)?.calls;
        if (!m.request && r.type === 'deliver') calls?.delete(m.call);
        else if (r.type === 'drop') {
          const call = calls?.get(m.call);
          if (call !== undefined) call.dropped = `the ${m.request ? 'request' : 'reply'} was dropped: ${r.cause}`;
        }
        return;
      }
      default:
        return;
    }
  }

  /** Lines for the liveness checkpoint: what each live director is waiting on, or why none is alive. */
  waiting(at: number): Line[] {
    const lines: Line[] = [{ proc: 'liveness', text: 'the liveness checkpoint (faults stopped, plus the bound): what each live director is waiting on', style: 'warn' }];
    for (const [address, d] of this.directors) lines.push({ proc: address, epoch: d.epoch, text: this.directorWait(d, at), style: 'warn' });
    if (this.directors.size === 0) {
      const leaders = [...this.leaders].map(([c, term]) => `${c} leads term ${term}`);
      const last = this.lastCampaign;
      const campaign = last !== undefined ? `; the last campaign: ${last.coordinator} for term ${last.term} at ${clock(last.t)}` : '';
      lines.push({ proc: 'liveness', text: `no director is alive: ${leaders.length > 0 ? `${leaders.join(', ')}, but its director is gone` : 'no coordinator leads a term'}${campaign}`, style: 'warn' });
    }
    return lines;
  }

  private directorWait(d: DirectorState, at: number): string {
    const paused = d.paused ? 'paused (runs nothing); ' : '';
    if (d.running !== undefined) {
      return `${paused}running since ${clock(d.running.t)}, its layout ${d.running.published ? 'published' : 'NOT published'}: it monitors its logs, sequencer and proxies and waits for one to fail`;
    }
    if (d.stall !== undefined) {
      return `${paused}stalled since ${clock(d.stall.t)} in attempt ${d.attempt} (${d.stall.reason}${d.stall.detail !== '' ? `: ${d.stall.detail}` : ''}): waiting for its retry timer or a registration`;
    }
    const where = `${paused}in phase ${d.phase} of attempt ${d.attempt} for ${((at - d.since) / 1e6).toFixed(3)} s`;
    const calls = [...d.calls.values()];
    if (calls.length === 0) return `${where}: no request outstanding (waiting on a timer, or a registration)`;
    const shown = calls.slice(0, 4).map((c) => `${c.type} to ${c.to} (sent ${clock(c.t)}${c.dropped !== undefined ? `; ${c.dropped}` : ', no answer yet'})`);
    return `${where}: waiting for ${plural(calls.length, 'reply', 'replies')}: ${shown.join(', ')}${calls.length > 4 ? `, and ${calls.length - 4} more` : ''}`;
  }
}
