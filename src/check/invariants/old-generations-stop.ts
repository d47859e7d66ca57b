/**
 * old-generations-stop (F27, L4): once recovery has completed, only the newest generation runs. At
 * the liveness point (or the first publication after it), every sequencer and commit proxy a
 * director started (known from the kernel's spawn records, not from what the director says) must
 * be down unless the newest published layout names it; and from then on none of those may send
 * anything. A generation whose director crashed, was killed or cut off, or an attempt that failed,
 * must not leave its components running. Proven able to fail by `keep-old-components`.
 */
import type { Pid } from '../../cluster/types.js';
import type { Publication } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

const NONE: ReadonlySet<Pid> = new Set();

export const oldGenerationsStop: CheckerFactory = (ctx, facts) => {
  let judging = false;
  // The newest layout's components, built once per layout: every send is checked against them.
  let currentOf: Publication | undefined;
  let currentSet = NONE;
  const current = (latest: Publication | undefined): ReadonlySet<Pid> => {
    if (latest !== currentOf) {
      currentOf = latest;
      currentSet = latest === undefined ? NONE : new Set([latest.tsl.sequencer, ...latest.tsl.proxies]);
    }
    return currentSet;
  };
  const reported = new Set<Pid>();

  const report = (pid: Pid, what: string): void => {
    if (reported.has(pid)) return;
    reported.add(pid);
    const at = ctx.position();
    const c = facts.components.byPid.get(pid);
    const d = c === undefined ? undefined : facts.directors.get(c.director);
    const latest = facts.publications.latest();
    if (latest === undefined) return;
    ctx.report({
      event: at.event,
      time: at.time,
      message: `${pid}, started for ${d === undefined ? 'a director' : `director e${d.epoch}`}, ${what} after epoch ${latest.epoch}'s layout was published and recovery completed`,
      witnesses: [latest.event],
    });
  };

  // Judged from the checkpoint on, once a layout is published: before that, recovery has not
  // completed (recovery-completes says so) and the attempt under way runs what it will publish.
  let due = false;
  const startJudging = (): void => {
    if (!due || judging || facts.publications.latest() === undefined) return;
    judging = true;
    const keep = current(facts.publications.latest());
    for (const c of facts.components.alive()) if (!keep.has(c.pid)) report(c.pid, 'is still running');
  };

  return {
    checkpoint() {
      due = true;
      startJudging();
    },
    observes: ['send'],
    observe(r) {
      if (r.type !== 'send') return;
      startJudging();
      if (!judging) return;
      const c = facts.components.byPid.get(r.from);
      if (c === undefined || current(facts.publications.latest()).has(c.pid)) return;
      report(c.pid, `still sends (${r.from} → ${r.to})`);
    },
  };
};
