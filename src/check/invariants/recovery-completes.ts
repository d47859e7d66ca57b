/**
 * recovery-completes (L1, L4): once faults stop, recovery finishes within the liveness bound and
 * then stays finished. At quiet time + bound, a layout must be published, the director process of
 * the newest published layout must be alive, and every director of an older epoch must have
 * stopped. From then until the run ends, that generation must stay in charge (no director process
 * for a new epoch, no new layout published) and clients must keep being told their commits are
 * committed: while the workload runs, no gap between acknowledgements (or after the checkpoint)
 * may exceed the bound's quarter or 5 s, whichever is longer. The epochs that churned are named.
 * Proven able to fail by `no-recruitment-lock-timeout` (F19) and `non-idempotent-requests`.
 */
import { ms, type VirtualTime } from '../../../sim/index.js';
import type { Epoch } from '../../cluster/types.js';
import type { CheckerFactory } from '../types.js';

export const recoveryCompletes: CheckerFactory = (ctx, facts) => {
  let judgedFrom: VirtualTime | undefined;
  let inCharge: Epoch | undefined;
  const churned: { epoch: Epoch; event: number; time: VirtualTime }[] = [];
  const newLayouts: { epoch: Epoch; event: number }[] = [];
  let lastAck: VirtualTime | undefined;
  let worstGap: { from: VirtualTime; to: VirtualTime } | undefined;
  const maxGap = ms(Math.max(5_000, ctx.settings.livenessBoundMs / 4));

  const noteGap = (from: VirtualTime, to: VirtualTime): void => {
    if (to - from > maxGap && (worstGap === undefined || to - from > worstGap.to - worstGap.from)) worstGap = { from, to };
  };

  const afterCheckpoint = (): void => {
    if (judgedFrom === undefined) return;
    const started = facts.directors.justStarted;
    if (started !== undefined) churned.push({ epoch: started.epoch, event: started.started, time: started.startedAt });
    const p = facts.publications.justPublished;
    if (p !== undefined) newLayouts.push({ epoch: p.epoch, event: p.event });
  };

  return {
    observe() {
      afterCheckpoint();
      const ack = facts.client.justAcked;
      if (ack !== undefined && judgedFrom !== undefined) {
        noteGap(lastAck ?? judgedFrom, ack.time);
        lastAck = ack.time;
      }
    },
    delivered: afterCheckpoint,
    checkpoint(time) {
      judgedFrom = time;
      const at = ctx.position();
      const bound = `${ctx.settings.livenessBoundMs} ms after faults stopped at ${ctx.settings.quietAtMs} ms`;
      const latest = facts.publications.latest();
      if (latest === undefined) {
        ctx.report({ event: at.event, time, message: `no layout was ever published (${bound})`, witnesses: [] });
        return;
      }
      inCharge = latest.epoch;
      const director = facts.directors.get(latest.tsl.director);
      if (director === undefined || !director.alive) {
        ctx.report({
          event: at.event,
          time,
          message: `the director of the newest published layout (epoch ${latest.epoch}) is not running ${bound}`,
          witnesses: [latest.event],
        });
      }
      for (const d of facts.directors.alive()) {
        if (d.epoch < latest.epoch) {
          ctx.report({ event: at.event, time, message: `superseded director ${d.pid} (epoch ${d.epoch}) is still alive ${bound}`, witnesses: [d.started] });
        }
      }
    },
    finish(time) {
      if (judgedFrom === undefined || inCharge === undefined) return;
      const at = ctx.position();
      if (churned.length > 0 || newLayouts.length > 0) {
        const epochs = [...new Set([...churned.map((c) => c.epoch), ...newLayouts.map((l) => l.epoch)])].sort((a, b) => a - b);
        ctx.report({
          event: churned[0]?.event ?? newLayouts[0]?.event ?? at.event,
          time: churned[0]?.time ?? time,
          message: `recovery did not stay finished: after the liveness point, epoch ${inCharge} was replaced (epochs ${epochs.join(', ')} started or were published)`,
          witnesses: [...churned.map((c) => c.event), ...newLayouts.map((l) => l.event)],
        });
        return;
      }
      // Too few commits to expect one in every window: the gap says nothing then.
      if (ctx.settings.expectedCommitsPerSec * (maxGap / 1e6) < 10) return;
      const stop = Math.min(time, ms(ctx.settings.workloadStopMs));
      if (stop - judgedFrom > maxGap) noteGap(lastAck ?? judgedFrom, stop);
      if (worstGap !== undefined) {
        ctx.report({
          event: at.event,
          time,
          message: `after the liveness point, no client commit was acknowledged for ${Math.round((worstGap.to - worstGap.from) / 1000)} ms (from ${Math.round(worstGap.from / 1000)} ms), with epoch ${inCharge} in charge`,
          witnesses: [],
        });
      }
    },
  };
};
