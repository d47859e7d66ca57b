/**
 * acts-on-promised-layout (S19): a director recovers from the layout its promise round returned
 * (the highest-epoch layout among its coordinator's own and the promises the kernel delivered to
 * it, reconstructed by the checker), never from another. Judged from the `recover-from` requests
 * the kernel carried: each new log copies from a log of that layout, and a director that was given
 * a layout never starts a brand-new cluster (a copy from nothing) over it, which would overwrite
 * the cluster's history. It copies only once a majority of each shard's logs of that layout
 * answered its latest lock request (S10: the kernel's lock requests and the lock-ok replies it
 * delivered in time, not the director's record of them). Proven able to fail by
 * `start-before-promise` (F7: the coordinator hands its director its own, possibly stale, layout),
 * `new-cluster-if-nothing-locked` (F4) and `carry-over-attempt-state` (F24: an earlier attempt's
 * replies stand in for this one's).
 */
import type { RecoverFromMsg } from '../../cluster/messages.js';
import { isDirectorName, workerOf } from '../../cluster/names.js';
import type { Pid } from '../../cluster/types.js';
import { shardWithoutLogMajority } from '../remains.js';
import type { CheckerFactory } from '../types.js';

export const actsOnPromisedLayout: CheckerFactory = (ctx, facts) => {
  const reported = new Set<Pid>();
  return {
    observes: ['send'],
    reads: (m) => m.type === 'recover-from' && isDirectorName(m.from),
    observe(r) {
      if (r.type !== 'send' || r.msg.type !== 'recover-from') return;
      const d = facts.directors.get(r.from);
      if (d === undefined || reported.has(d.pid)) return;
      const msg = r.msg as unknown as RecoverFromMsg;
      const given = facts.oldLayouts.of(d.pid);
      const source = msg.source === null ? undefined : workerOf(msg.source);
      let problem: string | undefined;
      if (given.tsl === null) {
        if (source !== undefined) problem = `director ${d.pid} (epoch ${d.epoch}) was given no old layout by its promises, yet copies history from log ${source.id} into a new log`;
      } else if (source === undefined) {
        problem = `director ${d.pid} (epoch ${d.epoch}) was given epoch ${given.tsl.epoch}'s layout by its promises, yet starts a brand-new cluster over it (a new log copies from nothing)`;
      } else if (!given.logIds.has(source.id)) {
        problem = `director ${d.pid} (epoch ${d.epoch}) copies history from log ${source.id}, which is not in epoch ${given.tsl.epoch}'s layout, the one its promises returned`;
      } else {
        const short = shardWithoutLogMajority(given.tsl, (id) => facts.lockReplies.answered(d.pid, id));
        if (short !== undefined) {
          const which = short.have.length > 0 ? ` (${short.have.join(', ')})` : '';
          problem = `director ${d.pid} (epoch ${d.epoch}) copies history from log ${source.id} while only ${short.have.length} of the ${short.logs} logs of shard ${short.tag} in epoch ${given.tsl.epoch}'s layout answered its latest lock request${which}, fewer than the majority of ${short.majority} recovery planning needs`;
        }
      }
      if (problem === undefined) return;
      reported.add(d.pid);
      ctx.report({ event: r.i, time: r.t, message: problem, witnesses: [d.started] });
    },
  };
};

