import { describeFault } from '../../../../sim/index.js';
import type { TransactionSystemLayout } from '../../../cluster/types.js';
import type { Rec } from './records.js';

const MAX_VALUE = 160;

/** A layout in one line: `TSL e4 logs [a,b] teams 0:[x,y] rv 12`. */
export function layoutText(tsl: TransactionSystemLayout | null): string {
  if (tsl === null) return 'none';
  const teams = tsl.storageTeams.map((t) => `${t.tag}:[${t.storageIds.join(',')}]`).join(' ');
  return `TSL e${tsl.epoch} logs [${tsl.logs.map((l) => l.id).join(',')}] teams ${teams} rv ${tsl.versionVector.last}`;
}

/** One line for people saying what the event means. Message events are described from their arrows. */
export function eventHeadline(r: Rec): string {
  switch (r.type) {
    case 'node-up':
      return `node ${r.node} up`;
    case 'node-down':
      return `node ${r.node} down`;
    case 'torn':
      return `node ${r.node}: file ${r.file} lost its last ${r.lost} unsynced records in the crash`;
    case 'spawn':
      return `${r.pid} started`;
    case 'process-down':
      return `${r.pid} down (${r.reason})`;
    case 'pause':
      return `${r.pid} paused: it runs nothing and what reaches it waits`;
    case 'resume':
      return `${r.pid} resumes: ${r.held} held messages and timers run now`;
    case 'fault':
      return `fault: ${describeFault(r.action)}`;
    case 'trigger-fired':
      return `aimed fault (${r.trigger}): ${r.detail}`;
    case 'election-started':
      return `${r.coordinator} campaigns for term ${r.term}`;
    case 'leader-elected':
      return `${r.coordinator} elected leader, term ${r.term} (old epoch ${r.oldEpoch ?? 'none'})`;
    case 'leader-deposed':
      return `${r.coordinator} deposed at term ${r.term}: ${r.reason}`;
    case 'director-started':
      return `${r.director} started at epoch ${r.epoch}; old layout ${r.oldEpoch === null ? 'none' : `e${r.oldEpoch}`} [${r.oldLayoutIds.join(', ')}]`;
    case 'attempt-started':
      return `${r.director} attempt ${r.attempt}`;
    case 'phase':
      return `${r.director} phase ${r.phase} (attempt ${r.attempt})`;
    case 'path-chosen':
      return `${r.director} path ${r.path}: ${r.why}`;
    case 'lock-requested':
      return `e${r.epoch} asks ${r.kind} ${r.service} for a lock (${r.phase} phase${r.vacancy !== undefined ? `, vacancy ${r.vacancy}` : ''})`;
    case 'lock-result':
      return `e${r.epoch} lock of ${r.service} (${r.phase} phase): ${r.result}`;
    case 'lock-accepted':
      return `${r.kind} ${r.service} locked at epoch ${r.epoch} (was ${r.previous ?? 'none'}) by ${r.director}`;
    case 'lock-refused':
      return `${r.kind} ${r.service} refuses epoch ${r.epoch}: holds ${r.current ?? 'none'}`;
    case 'recruited':
      return `e${r.epoch} recruits ${r.kind}: reused [${r.reused.join(', ')}], created [${r.created.map((c) => `${c.id}@${c.node}`).join(', ')}]`;
    case 'replay-planned':
      return `e${r.epoch} replay: ${r.pairs.map((p) => `${p.source ?? '∅'}→${p.target}`).join(', ')}`;
    case 'stalled':
      return `${r.director} stalled: ${r.reason} ${r.detail}`;
    case 'layout-built':
      return `e${r.epoch} built ${layoutText(r.tsl)}`;
    case 'layout-published':
      return `layout e${r.epoch} published (${r.accepts} accepts)`;
    case 'publish-failed':
      return `publishing e${r.epoch} failed: ${r.reason}`;
    case 'tsl-accepted':
      return `${r.coordinator} accepts ${layoutText(r.tsl)}`;
    case 'tsl-refused':
      return `${r.coordinator} refuses e${r.epoch} (promised ${r.promised})`;
    case 'director-running':
      return `${r.director} running (published: ${r.published})`;
    case 'newer-epoch-seen':
      return `${r.director} sees newer epoch ${r.newer} from ${r.from}`;
    case 'director-stopped':
      return `${r.director} stopped: ${r.reason}`;
    case 'log-push':
      return `log ${r.log} ${r.accepted ? 'accepts' : 'refuses'} push v${r.version} from epoch ${r.callerEpoch} (log epoch ${r.logEpoch ?? 'none'})`;
    case 'log-recovered':
      return `log ${r.log} recovered (${r.first}, ${r.last}] from ${r.source ?? 'nothing'}, ${r.copied} copied`;
    case 'storage-unlocked':
      return `storage ${r.storage} unlocked by e${r.callerEpoch}, durable ${r.durableVersion}`;
    case 'commit-acked':
      return `${r.proxy} acknowledges v${r.version} (${r.txns.length} txn${r.txns.length === 1 ? '' : 's'}${r.system ? ', system' : ''})`;
    case 'commit-failed':
      return `${r.proxy} commit v${r.version} failed: ${r.reason}`;
    case 'promised':
      return `${r.coordinator} promises term ${r.term}`;
    case 'coordinator-epoch':
      return `${r.coordinator} epoch ${r.previous} → ${r.epoch}`;
    case 'worker-created':
      return `${r.kind} ${r.id} created on ${r.node}`;
    case 'service-refused':
      return `${r.service} refuses ${r.request} from epoch ${r.callerEpoch} (holds ${r.current ?? 'none'})`;
    case 'log-plan':
      return `e${r.epoch} log plan: copy (${r.versionVector.first}, ${r.versionVector.last}] from [${r.copyFrom.join(', ')}]`;
    case 'durable-version':
      return `e${r.epoch} durable version ${r.durableVersion}`;
    case 'client-summary':
      return `client: ${r.acked} acknowledged, ${r.failed} failed of ${r.attempted} commits; ${r.reads} reads served, ${r.readsFailed} failed`;
    case 'client-ack':
      return `client told ${r.txn} is committed at v${r.version} by e${r.epoch}`;
    case 'client-read-begin':
      return `client begins read ${r.read}`;
    case 'client-read':
      return `client read ${r.read} at v${r.readVersion} from ${r.storage.join(', ')}: ${r.values.map((v) => `${v.key}=${v.value ?? '∅'}`).join(' ')}`;
    case 'client-read-failed':
      return `client read ${r.read} failed: ${r.reason}`;
    default:
      return r.type;
  }
}

/** The event's fields as `key: value` lines, big values shortened (layouts to one line, writes counted). */
export function eventFields(r: Rec): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(r)) {
    if (key === 'i' || key === 't' || key === 'type' || key === 'msg') continue;
    lines.push(`${key}: ${fieldText(key, value)}`);
  }
  return lines;
}

function fieldText(key: string, value: unknown): string {
  if ((key === 'tsl' || key === 'oldTsl') && (value === null || typeof value === 'object')) return layoutText(value as TransactionSystemLayout | null);
  if (key === 'writes' && Array.isArray(value)) return `${value.length} write${value.length === 1 ? '' : 's'}`;
  if (key === 'action' && typeof value === 'object' && value !== null) return describeFault(value as Parameters<typeof describeFault>[0]);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Frequent events whose headline already says everything: their fields are not repeated. */
const HEADLINE_ONLY: ReadonlySet<string> = new Set(['log-push', 'commit-acked', 'client-ack', 'client-read', 'client-read-begin', 'spawn', 'node-up', 'node-down']);

/** The text stored for a non-message event: its headline, then its fields, one per line. */
export function eventDetails(r: Rec): string {
  return HEADLINE_ONLY.has(r.type) ? eventHeadline(r) : [eventHeadline(r), ...eventFields(r)].join('\n');
}

/**
 * The few words written beside an event's mark on the chart, once the view is zoomed in far
 * enough to read them: refusals and fencing above all (the moments a stale epoch is turned away),
 * and the steps of authority (starts, publishes, stops). Null for everything else.
 */
export function eventLabel(r: Rec): string | null {
  switch (r.type) {
    case 'lock-refused':
      return `refuses lock e${r.epoch} · holds e${r.current ?? '?'}`;
    case 'service-refused':
      return `refuses ${r.request} from e${r.callerEpoch} · holds e${r.current ?? '?'}`;
    case 'tsl-refused':
      return `refuses layout e${r.epoch} · promised e${r.promised}`;
    case 'log-push':
      return r.accepted ? null : `fenced: push from e${r.callerEpoch} · log at e${r.logEpoch ?? '?'}`;
    case 'publish-failed':
      return `publish e${r.epoch} failed`;
    case 'newer-epoch-seen':
      return `sees e${r.newer}: stands down`;
    case 'director-stopped':
      return `stops: ${r.reason}`;
    case 'director-started':
      return `e${r.epoch} starts`;
    case 'layout-published':
      return `e${r.epoch} published`;
    case 'leader-deposed':
      return `deposed: ${r.reason}`;
    case 'leader-elected':
      return `leads term ${r.term}`;
    case 'stalled':
      return `stalls: ${r.reason}`;
    default:
      return null;
  }
}

/** One line for a message send: `coordinator@n2#1 sends accepted (epoch=3) to coordinator@n3#1`. */
export function sendHeadline(r: Extract<Rec, { type: 'send' }>, summary: string): string {
  return `${r.from} sends ${r.msg.type}${summary === '' ? '' : ` (${summary})`} to ${r.to}`;
}
