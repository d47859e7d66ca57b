import { addressOf } from '../../sim/index.js';
import type { Rec } from '../check/types.js';

export type Style = 'plain' | 'dim' | 'good' | 'warn' | 'bad' | 'fault';

/** One timeline line before formatting: who, in which epoch, what, and how to colour it. */
export interface Line {
  readonly proc: string;
  readonly epoch?: number | null;
  readonly text: string;
  readonly style?: Style;
}

export const epochOf = (e: number | null | undefined): string => (e === null || e === undefined ? '' : `e${e}`);

/** Lines only `--verbose` shows: every message, and what each service does. */
export function verboseLine(r: Rec): Line | undefined {
  switch (r.type) {
    case 'send':
      return { proc: addressOf(r.from), text: `→ ${r.to}: ${r.msg.type} #${r.m}${r.call !== undefined ? ` (call ${r.call})` : ''}${r.reply !== undefined ? ` (reply to call ${r.reply})` : ''}`, style: 'dim' };
    case 'deliver':
      return { proc: addressOf(r.to), text: `⇠ #${r.m} delivered${r.dup === true ? ' (duplicate)' : ''}${r.late === true ? ' (late: its call had ended)' : ''}`, style: 'dim' };
    case 'drop':
      return { proc: 'network', text: `✗ #${r.m} dropped (${r.cause})`, style: 'dim' };
    case 'spawn':
      return { proc: addressOf(r.pid), text: `starts (${r.pid})`, style: 'dim' };
    case 'promised':
      return { proc: addressOf(r.coordinator), epoch: r.term, text: `promises term ${r.term}`, style: 'dim' };
    case 'coordinator-epoch':
      return { proc: addressOf(r.coordinator), epoch: r.epoch, text: `epoch ${r.previous} → ${r.epoch}`, style: 'dim' };
    case 'tsl-accepted':
      return { proc: addressOf(r.coordinator), epoch: r.epoch, text: `accepts the layout of e${r.epoch}`, style: 'dim' };
    case 'lock-requested':
      return { proc: addressOf(r.director), epoch: r.epoch, text: `asks ${r.kind} ${r.service} to lock (${r.phase === 'first' ? 'first phase' : `recruitment, vacancy ${r.vacancy ?? '?'}`})`, style: 'dim' };
    case 'worker-created':
      return { proc: `foreman@${r.node}`, text: `creates ${r.kind} ${r.id}`, style: 'dim' };
    case 'log-recovered':
      return { proc: `log-${r.log}`, epoch: r.callerEpoch, text: `copied ${r.copied} entries (${r.first}, ${r.last}] from ${r.source ?? 'nothing'}`, style: 'dim' };
    case 'storage-unlocked':
      return { proc: `storage-${r.storage}`, epoch: r.callerEpoch, text: `unlocked; durable version ${r.durableVersion}, truncated to ${r.truncatedTo}`, style: 'dim' };
    case 'client-summary':
      return { proc: 'client', text: `client report: ${r.attempted} commits attempted, ${r.acked} acknowledged, ${r.failed} failed · ${r.reads} reads served, ${r.readsFailed} failed`, style: 'dim' };
    case 'client-ack':
      return { proc: 'client', epoch: r.epoch, text: `told ${r.txn} is committed at version ${r.version} (${r.writes.map((w) => `${w.key}=${w.value}`).join(' ')})`, style: 'dim' };
    case 'client-read':
      return { proc: 'client', epoch: r.epoch, text: `read ${r.read} at version ${r.readVersion} from ${r.storage.join(', ')}: ${r.values.map((v) => `${v.key}=${v.value ?? '∅'}`).join(' ')}`, style: 'dim' };
    case 'client-read-failed':
      return { proc: 'client', text: `read ${r.read} failed: ${r.reason}`, style: 'dim' };
    case 'lock-accepted':
      return { proc: addressOf(r.pid), epoch: r.epoch, text: `accepts the lock of e${r.epoch} (was ${epochOf(r.previous) || 'unlocked'})` };
    case 'log-push':
      return { proc: `log-${r.log}`, epoch: r.callerEpoch, text: `push of version ${r.version} accepted`, style: 'dim' };
    case 'commit-acked':
      return { proc: addressOf(r.proxy), epoch: r.epoch, text: `commit at version ${r.version} acknowledged (${r.txns.length} txn${r.system ? ', system' : ''})`, style: 'dim' };
    default:
      return undefined;
  }
}

/** Any other event, field by field (verbose mode shows every event). */
export function genericLine(r: Rec): Line {
  const { i: _i, t: _t, type, ...rest } = r as Rec & Record<string, unknown>;
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? (k === 'tsl' || k === 'oldTsl' ? `e${(v as { epoch: number }).epoch}` : JSON.stringify(v)) : String(v)}`)
    .join(' ');
  return { proc: type, text: fields.length > 160 ? `${fields.slice(0, 160)}…` : fields, style: 'dim' };
}
