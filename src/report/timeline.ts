import type { ChalkInstance } from 'chalk';
import { addressOf, describeFault } from '../../sim/index.js';
import type { TransactionSystemLayout } from '../cluster/types.js';
import type { Rec } from '../check/types.js';
import { clock } from './clock.js';
import { ProcessColours } from './colours.js';
import { genericLine, verboseLine, type Line } from './timeline-lines.js';
import { compressRuns, foldAttempts, renderRow, type Attempt, type Row } from './timeline-rows.js';
import { ClusterWatch } from './timeline-watch.js';

/** One printed line and the trace event it belongs to (violations are merged in by event). */
export interface TimelineEntry {
  readonly event: number;
  readonly text: string;
}

export interface TimelineOptions {
  readonly chalk: ChalkInstance;
  /** Every event on its own line, including every message sent, delivered or dropped. */
  readonly verbose?: boolean;
  /** Demo narration for an event, printed right after it. */
  readonly narrate?: (record: Rec) => string | undefined;
  /** Virtual milliseconds between commit summary lines. */
  readonly commitEveryMs?: number;
  /** Columns each printed line may take (default 100): longer ones wrap under their text. */
  readonly width?: number;
  /** The nodes that run a coordinator, in index order: publications are judged by their majority. */
  readonly coordinators?: readonly string[];
  /** The liveness checkpoint (virtual ms): what live directors wait on there is kept for `checkpoint()`. */
  readonly livenessAtMs?: number;
}


/** Events of one kind that read better as one line (a phase's lock results, a crash's casualties). */
interface Group {
  readonly key: string;
  readonly event: number;
  readonly t: number;
  readonly items: string[];
  readonly render: (items: readonly string[]) => Line;
  readonly attempt: Attempt | undefined;
}

const HIDDEN = new Set(['spawn', 'send', 'deliver', 'drop', 'promised', 'coordinator-epoch', 'lock-requested', 'lock-accepted', 'worker-created', 'log-recovered', 'storage-unlocked', 'client-summary', 'commit-acked', 'commit-failed', 'client-ack', 'client-read-begin', 'client-read', 'client-read-failed']);


function layoutSummary(tsl: TransactionSystemLayout): string {
  const teams = tsl.storageTeams.map((t) => `team ${t.tag}: ${t.storageIds.join(' ')}`).join(' · ');
  return `logs ${tsl.logs.map((l) => l.id).join(' ')} · ${teams} · recovery version ${tsl.versionVector.last}`;
}

/**
 * The text timeline: an observer of trace events that keeps one line per significant event, in
 * fixed columns (time, process, epoch, what happened). Commits are summarised, not listed; lock
 * results of one phase, processes that die together and phases that pass without anything else
 * to say are folded into one line each; a director that stalls the same way again and again shows
 * one attempt and a count (not with `verbose`, which shows everything). Lines wrap to the width
 * under their text column.
 */
export class Timeline {
  private readonly chalk: ChalkInstance;
  private readonly verbose: boolean;
  private readonly narrate: ((record: Rec) => string | undefined) | undefined;
  private readonly commitEveryUs: number;
  private readonly colours: ProcessColours;
  private readonly width: number;
  private readonly watch: ClusterWatch;
  private readonly rows: Row[] = [];
  private group: Group | undefined;
  private afterGroup: Row[] = [];
  private readonly attempts: Attempt[] = [];
  /** Each director's current attempt, by its address. */
  private readonly attemptOf = new Map<string, Attempt>();
  private readonly checkpointUs: number | undefined;
  private checkpointRows: Row[] | undefined;

  private nextCommitLine: number;
  private windowAcked = new Map<number, number>();
  private windowFailed = 0;
  private windowReads = 0;
  private totalAcked = 0;
  /** The client's own count of failed commits, from its reports (what the summary counts). */
  private totalFailed = 0;
  private lastEvent = 0;
  private lastTime = 0;
  private readonly generationsSeen = new Set<number>();
  private readonly failedGenerations = new Set<number>();

  constructor(options: TimelineOptions) {
    this.chalk = options.chalk;
    this.verbose = options.verbose ?? false;
    this.narrate = options.narrate;
    this.commitEveryUs = Math.round((options.commitEveryMs ?? 5000) * 1000);
    this.nextCommitLine = this.commitEveryUs;
    this.colours = new ProcessColours(this.chalk);
    this.width = options.width ?? 100;
    this.checkpointUs = options.livenessAtMs !== undefined ? Math.round(options.livenessAtMs * 1000) : undefined;
    this.watch = new ClusterWatch(options.coordinators ?? [], this.checkpointUs !== undefined);
  }

  /** Feed every trace event, in order (a `runScenario` `onEvent`). */
  observe(r: Rec): void {
    if (this.checkpointUs !== undefined && this.checkpointRows === undefined && r.t >= this.checkpointUs) this.takeCheckpoint(r.i, this.checkpointUs);
    this.lastEvent = r.i;
    this.lastTime = r.t;
    if (r.t >= this.nextCommitLine) this.commitLine(r.i, r.t);
    this.countCommits(r);
    this.trackAttempts(r);
    const line = this.describe(r);
    this.watch.follow(r);
    if (line === undefined) {
      if (this.verbose) this.push(r, genericLine(r));
    } else if (line !== 'said') this.push(r, line);
    const said = this.narrate?.(r);
    if (said === undefined) return;
    // A narrated attempt is a key moment of the story: it is never folded away.
    const attempt = this.attemptFor(r);
    if (attempt !== undefined) attempt.narrated = true;
    // Said after the line that shows the event: a folded line is still open, so wait for it.
    const row: Row = { event: r.i, t: r.t, kind: 'narration', line: { proc: '', text: said } };
    if (this.group !== undefined) this.afterGroup.push(row);
    else this.rows.push(row);
  }

  /** The lines so far, with any pending group and commit counts written out. */
  finish(): TimelineEntry[] {
    this.flush();
    if (this.hasWindow()) this.commitLine(this.lastEvent, null);
    const rows = this.verbose ? this.rows : compressRuns(foldAttempts(this.rows, this.attempts));
    return rows.map((row) => this.entry(row));
  }

  /**
   * What each live director was waiting on at the liveness checkpoint (empty when the run never
   * reached it): lines to show where a liveness property failed.
   */
  checkpoint(): TimelineEntry[] {
    return (this.checkpointRows ?? []).map((row) => this.entry(row));
  }

  private entry(row: Row): TimelineEntry {
    return { event: row.event, text: renderRow(row, this.chalk, this.colours, this.width) };
  }

  private takeCheckpoint(event: number, at: number): void {
    this.checkpointRows = this.watch.waiting(at).map((line) => ({ event, t: at, kind: 'line', line }));
    this.watch.stopTracking();
  }

  private push(r: Rec, line: Line | Group): void {
    if ('key' in line) {
      if (this.group?.key !== line.key) {
        this.flush();
        this.group = line;
      } else {
        this.group.items.push(...line.items);
      }
      if (this.verbose) this.flush();
      return;
    }
    this.flush();
    this.rows.push(this.row(r.i, r.t, line, this.attemptFor(r)));
  }

  private row(event: number, t: number, line: Line, attempt?: Attempt): Row {
    return attempt !== undefined ? { event, t, kind: 'line', line, attempt } : { event, t, kind: 'line', line };
  }

  private note(r: Rec, text: string): void {
    this.flush();
    this.rows.push({ event: r.i, t: r.t, kind: 'note', line: { proc: '', text } });
  }

  private flush(): void {
    const g = this.group;
    if (g === undefined) return;
    this.group = undefined;
    this.rows.push(this.row(g.event, g.t, g.render(g.items), g.attempt), ...this.afterGroup);
    this.afterGroup = [];
  }

  private groupOf(r: Rec, key: string, item: string, render: (items: readonly string[]) => Line): Group {
    return { key, event: r.i, t: r.t, items: [item], render, attempt: this.attemptFor(r) };
  }

  // ---- attempts: which lines belong to which, for folding repeats ----

  private attemptFor(r: Rec): Attempt | undefined {
    return 'director' in r && typeof r.director === 'string' ? this.attemptOf.get(addressOf(r.director)) : undefined;
  }

  private trackAttempts(r: Rec): void {
    if (r.type === 'attempt-started') {
      const attempt: Attempt = { director: addressOf(r.director), epoch: r.epoch, attempt: r.attempt, phases: [], stall: undefined, narrated: false };
      this.attempts.push(attempt);
      this.attemptOf.set(attempt.director, attempt);
    } else if (r.type === 'phase') {
      this.attemptOf.get(addressOf(r.director))?.phases.push(r.phase);
    } else if (r.type === 'stalled') {
      const attempt = this.attemptOf.get(addressOf(r.director));
      if (attempt !== undefined) attempt.stall = { reason: r.reason, detail: r.detail, t: r.t };
    } else if (r.type === 'director-stopped') {
      this.attemptOf.delete(addressOf(r.director));
    }
  }

  // ---- commits: counted per generation, printed as periodic summary lines ----

  private countCommits(r: Rec): void {
    if (r.type === 'client-ack') {
      this.windowAcked.set(r.epoch, (this.windowAcked.get(r.epoch) ?? 0) + 1);
      this.totalAcked++;
    } else if (r.type === 'client-summary') {
      // Failures as the client counts them (no proxy to ask, no answer, a refusal): as the summary does.
      this.windowFailed += Math.max(0, r.failed - this.totalFailed);
      this.totalFailed = Math.max(this.totalFailed, r.failed);
    } else if (r.type === 'client-read') {
      this.windowReads++;
    } else if (r.type === 'commit-acked' && !r.system) {
      if (!this.generationsSeen.has(r.epoch)) {
        this.generationsSeen.add(r.epoch);
        this.push(r, { proc: addressOf(r.proxy), epoch: r.epoch, text: `first commit acknowledged by generation e${r.epoch} (version ${r.version})`, style: 'good' });
      }
    } else if (r.type === 'commit-failed') {
      if (!this.failedGenerations.has(r.epoch)) {
        this.failedGenerations.add(r.epoch);
        this.push(r, { proc: addressOf(r.proxy), epoch: r.epoch, text: `commit at version ${r.version} failed: ${r.reason}`, style: 'warn' });
      }
    }
  }

  private hasWindow(): boolean {
    return this.windowAcked.size > 0 || this.windowFailed > 0 || this.windowReads > 0;
  }

  private commitLine(event: number, t: number | null): void {
    const at = t === null ? this.lastTime : Math.floor(t / this.commitEveryUs) * this.commitEveryUs;
    if (t !== null) this.nextCommitLine = at + this.commitEveryUs;
    if (!this.hasWindow()) return;
    const parts = [...this.windowAcked.entries()].map(([epoch, n]) => `${n} by e${epoch}`);
    const acked = parts.length > 0 ? parts.join(', ') : 'none';
    const failed = this.windowFailed > 0 ? `, ${this.windowFailed} failed` : '';
    const reads = this.windowReads > 0 ? ` · ${this.windowReads} read${this.windowReads === 1 ? '' : 's'} served` : '';
    const totals = `total ${this.totalAcked} acknowledged${this.totalFailed > 0 ? `, ${this.totalFailed} failed` : ''}`;
    this.flush();
    const stamp = t === null ? 'by the end' : `by ${clock(at)}`;
    this.rows.push({ event, t: at, kind: 'line', line: { proc: 'client', text: `commits acknowledged ${stamp}: ${acked}${failed} (${totals})${reads}`, style: 'dim' } });
    this.windowAcked = new Map();
    this.windowFailed = 0;
    this.windowReads = 0;
  }

  // ---- one description per significant event ----

  /** The line for an event, or 'said' when the event already wrote its lines. */
  private describe(r: Rec): Line | Group | 'said' | undefined {
    if (HIDDEN.has(r.type)) return this.verbose ? verboseLine(r) : undefined;
    switch (r.type) {
      case 'node-up':
        return this.groupOf(r, `node-up:${r.t}`, r.node, (items) => ({ proc: 'nodes', text: `up: ${items.join(' ')}`, style: 'dim' }));
      case 'node-down':
        return { proc: 'nodes', text: `node ${r.node} down`, style: 'bad' };
      case 'torn':
        return { proc: 'nodes', text: `${r.node}: file ${r.file} lost its last ${r.lost} unsynced record${r.lost === 1 ? '' : 's'} (a torn tail)`, style: 'bad' };
      case 'process-down':
        return this.groupOf(r, `down:${r.t}:${r.reason}`, addressOf(r.pid), (items) => ({ proc: 'processes', text: `down (${r.reason}): ${items.join(', ')}`, style: 'warn' }));
      case 'fault': {
        const ended = this.watch.fault(r.action);
        if (ended === undefined) return { proc: 'nemesis', text: `⚡ ${describeFault(r.action)}${r.idle === true ? ': no live process matches, nothing happens' : ''}`, style: 'fault' };
        // An unclog of everything says what it ends, and nothing when nothing was clogged.
        return ended.length > 0 ? { proc: 'nemesis', text: `⚡ unclog ${ended.join(', ')} (every clog still in force)`, style: 'fault' } : this.verbose ? genericLine(r) : undefined;
      }
      case 'trigger-fired':
        return { proc: 'nemesis', text: `⚡ aimed (${r.trigger}): ${r.detail}`, style: 'fault' };
      case 'pause':
        return { proc: addressOf(r.pid), text: `paused (${r.pid}): runs nothing, what reaches it waits`, style: 'warn' };
      case 'resume':
        return { proc: addressOf(r.pid), text: `resumes (${r.pid}); ${r.held} held message${r.held === 1 ? '' : 's'} and timer${r.held === 1 ? '' : 's'} run now`, style: 'warn' };
      case 'election-started':
        this.watch.campaign(r);
        // A coordinator cut off from the majority campaigns again and again: one line for the streak.
        return this.groupOf(r, `campaign:${r.coordinator}`, String(r.term), (terms) => ({
          proc: addressOf(r.coordinator),
          epoch: r.term,
          text: terms.length === 1 ? `campaigns for term ${terms[0]}` : `campaigns for term ${terms[0]}, then ${terms.slice(1).join(' ')} (${terms.length} elections in a row)`,
        }));
      case 'leader-elected':
        this.watch.won(r);
        return { proc: addressOf(r.coordinator), epoch: r.term, text: `leads term ${r.term}; newest accepted layout: ${r.oldEpoch === null ? 'none (a new cluster)' : `e${r.oldEpoch}`}`, style: 'good' };
      case 'leader-deposed':
        this.watch.deposed(r.coordinator);
        return { proc: addressOf(r.coordinator), epoch: r.term, text: `no longer leads term ${r.term}: ${r.reason}${r.newer !== null ? ` (term ${r.newer})` : ''}`, style: 'warn' };
      case 'tsl-refused':
        return { proc: addressOf(r.coordinator), epoch: r.epoch, text: `refuses the layout of e${r.epoch}: promised term ${r.promised}`, style: 'warn' };
      case 'tsl-accepted': {
        // Published is a fact of the coordinators' disks: the moment a majority holds the layout
        // (the time the summary gives), not the moment the leader hears of it.
        const published = this.watch.accepted(r);
        const accepted = this.verbose ? verboseLine(r) : undefined;
        if (published === undefined) return accepted;
        if (accepted !== undefined) this.push(r, accepted);
        return { proc: 'coordinators', epoch: r.epoch, text: `layout e${r.epoch} published: ${published.holders} of ${published.coordinators} coordinators hold it, a majority`, style: 'good' };
      }
      case 'layout-published':
        return this.verbose ? { proc: addressOf(r.coordinator), epoch: r.epoch, text: `learns layout e${r.epoch} is published (${r.accepts} coordinators accepted it)`, style: 'dim' } : undefined;
      case 'publish-failed':
        return { proc: addressOf(r.coordinator), epoch: r.epoch, text: `publishing e${r.epoch} failed: ${r.reason}`, style: 'warn' };
      case 'director-started': {
        const old = r.oldEpoch === null ? 'no old layout (new cluster)' : `old layout e${r.oldEpoch}: ${r.oldLayoutIds.join(' ')}`;
        this.push(r, { proc: addressOf(r.director), epoch: r.epoch, text: `director starts with epoch ${r.epoch}; ${old}`, style: 'good' });
        const why = this.watch.whyEpoch(r.epoch, r.coordinator);
        if (why !== undefined) this.note(r, why);
        return 'said';
      }
      case 'attempt-started':
        return r.attempt > 1 ? { proc: addressOf(r.director), epoch: r.epoch, text: `attempt ${r.attempt}` } : undefined;
      case 'phase':
        return this.groupOf(r, `phase:${r.director}:${r.attempt}`, r.phase, (items) => ({ proc: addressOf(r.director), epoch: r.epoch, text: `phase ${items.join(' → ')}`, style: 'dim' }));
      case 'path-chosen':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `path: ${r.path} (${r.why})` };
      case 'lock-result':
        return this.groupOf(r, `lock:${r.director}:${r.phase}:${r.t}`, `${r.result}\u0000${r.service}`, (items) => ({
          proc: addressOf(r.director),
          epoch: r.epoch,
          text: `${r.phase === 'first' ? 'first-phase' : 'recruitment'} locks: ${groupByResult(items)}`,
          style: items.every((i) => i.startsWith('ok\u0000')) ? 'plain' : 'warn',
        }));
      case 'lock-refused':
        return this.groupOf(r, `refused:${r.director}:${r.epoch}`, `${r.kind} ${r.service} (at e${r.current ?? '?'})`, (items) => ({
          proc: addressOf(r.director),
          epoch: r.epoch,
          text: `lock refused, newer epoch exists: ${items.join(', ')}`,
          style: 'bad',
        }));
      case 'log-plan':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `log plan: copy versions (${r.versionVector.first}, ${r.versionVector.last}] from ${r.copyFrom.join(' ') || 'nothing'}` };
      case 'durable-version':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `durable version ${r.durableVersion}` };
      case 'recruited': {
        const parts = [];
        if (r.created.length > 0) parts.push(`created ${r.created.map((c) => `${c.id}@${c.node}`).join(' ')}`);
        if (r.reused.length > 0) parts.push(`reused ${r.reused.join(' ')}`);
        return { proc: addressOf(r.director), epoch: r.epoch, text: `recruited ${r.kind === 'log' ? 'logs' : 'storage'}: ${parts.join('; ') || 'none needed'}` };
      }
      case 'replay-planned': {
        const copying = r.pairs.filter((p) => p.source !== null);
        const text =
          copying.length === 0
            ? `replay: nothing to copy; ${r.pairs.map((p) => p.target).join(' ')} start empty`
            : `replay: ${r.pairs.map((p) => `${p.target} ← ${p.source ?? 'empty'}`).join(', ')}`;
        return { proc: addressOf(r.director), epoch: r.epoch, text };
      }
      case 'stalled':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `stalled (attempt ${r.attempt}): ${r.reason}${r.detail !== '' ? ` (${r.detail})` : ''}; retrying`, style: 'warn' };
      case 'layout-built':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `layout built: ${layoutSummary(r.tsl)}` };
      case 'director-running':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `running: generation e${r.epoch} ${r.published ? 'published' : 'NOT published'}`, style: r.published ? 'good' : 'warn' };
      case 'newer-epoch-seen':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `learns epoch ${r.newer} exists (from ${r.from})`, style: 'bad' };
      case 'director-stopped':
        return { proc: addressOf(r.director), epoch: r.epoch, text: `director stops: ${r.reason}`, style: r.reason === 'newer_epoch_exists' ? 'bad' : 'warn' };
      case 'service-refused':
        return { proc: r.service, epoch: r.current, text: `refuses ${r.request} from e${r.callerEpoch} (holds e${r.current ?? '?'})`, style: 'warn' };
      case 'log-push':
        if (r.accepted) return this.verbose ? verboseLine(r) : undefined;
        return this.groupOf(r, `push:${r.callerEpoch}:${r.version}:${r.reason ?? ''}`, `${r.log} (at e${r.logEpoch ?? '?'})`, (items) => ({
          proc: 'logs',
          epoch: r.callerEpoch,
          text: `refuse the push of version ${r.version} from generation e${r.callerEpoch}: ${r.reason ?? 'refused'}: ${items.join(', ')}`,
          style: 'warn',
        }));
      default:
        return undefined;
    }
  }
}

/** `ok a b c · timeout d` from `result\0service` items. */
function groupByResult(items: readonly string[]): string {
  const by = new Map<string, string[]>();
  for (const item of items) {
    const [result = '', service = ''] = item.split('\u0000');
    const list = by.get(result) ?? [];
    list.push(service);
    by.set(result, list);
  }
  return [...by.entries()].map(([result, services]) => `${result} ${services.join(' ')}`).join(' · ');
}
