import { mutated, reached } from '../config.js';
import type { Outcome, Recovery } from './state.js';

/**
 * A `newer_epoch_exists` reply means this director has been superseded: a fatal error (REF).
 * F2 (`ignore-newer-epoch`) treats it as an ordinary stall instead.
 */
export function supersededBy(r: Recovery, from: string, newer: number): Outcome {
  r.ctx.emit({ type: 'newer-epoch-seen', director: r.ctx.pid, epoch: r.d.epoch, from, newer });
  reached(r.d.config, 'ignore-newer-epoch');
  if (mutated(r.d.config, 'ignore-newer-epoch')) return { kind: 'stalled', reason: 'newer_epoch_exists', detail: from };
  return { kind: 'fatal', reason: 'newer_epoch_exists', detail: from };
}
