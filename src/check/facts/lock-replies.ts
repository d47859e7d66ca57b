import { workerOf } from '../../cluster/names.js';
import type { Pid, ServiceId } from '../../cluster/types.js';
import type { MessageKind, Rec } from '../types.js';

/**
 * Which lock requests a director got an answer to, from the kernel's records: for each director
 * and service, the director's latest lock request, the attempt it named, and whether a `lock-ok`
 * reply to it reached the director while it still waited. Only a lock of the director's newest
 * attempt counts: a retried attempt starts afresh, and a service it never asked (one whose disk
 * was wiped meanwhile, say) was not locked by it. A director may drop a storage server it could
 * not lock from its team, and only such a one.
 */
export class LockReplies {
  /** call id → the director and service of a lock request. */
  private readonly calls = new Map<number, { director: Pid; service: ServiceId }>();
  /** `director/service` → the latest lock call, and whether it was answered with lock-ok. */
  private readonly latest = new Map<string, { call: number; attempt: number; answered: boolean }>();
  /** director → the newest attempt its lock requests named. */
  private readonly attempts = new Map<Pid, number>();
  /** message number of a lock-ok reply → the call it answers. */
  private readonly replies = new Map<number, number>();

  /** The messages whose send and deliver records `observe` learns from. */
  static reads(message: MessageKind): boolean {
    return message.type === 'lock' || message.type === 'lock-ok';
  }

  observe(r: Rec): void {
    if (r.type === 'send') {
      if (r.msg.type === 'lock' && r.call !== undefined) {
        const worker = workerOf(r.to);
        if (worker === undefined) return;
        const attempt = Number(r.msg['attempt'] ?? 0);
        this.calls.set(r.call, { director: r.from, service: worker.id });
        this.latest.set(`${r.from}/${worker.id}`, { call: r.call, attempt, answered: false });
        if (attempt > (this.attempts.get(r.from) ?? 0)) this.attempts.set(r.from, attempt);
      } else if (r.msg.type === 'lock-ok' && r.reply !== undefined) {
        this.replies.set(r.m, r.reply);
      }
      return;
    }
    if (r.type === 'deliver') {
      const call = this.replies.get(r.m);
      if (call === undefined) return;
      this.replies.delete(r.m);
      if (r.late === true) return;
      const req = this.calls.get(call);
      if (req === undefined) return;
      const latest = this.latest.get(`${req.director}/${req.service}`);
      if (latest?.call === call) latest.answered = true;
    }
  }

  /** Did the director's newest attempt ask the service for its lock, and see a lock-ok? */
  answered(director: Pid, service: ServiceId): boolean {
    const latest = this.latest.get(`${director}/${service}`);
    return latest?.answered === true && latest.attempt === (this.attempts.get(director) ?? 0);
  }
}
