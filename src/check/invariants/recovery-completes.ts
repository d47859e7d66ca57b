/**
 * recovery-completes (L1, L4): once faults stop, recovery finishes within the liveness bound. At
 * quiet time + bound, the newest published layout's director must be alive and running, and every
 * director of an older epoch must have stopped. Proven able to fail by
 * `no-recruitment-lock-timeout` (F19): one lost lock request blocks a director for ever.
 */
import type { CheckerFactory } from '../types.js';

export const recoveryCompletes: CheckerFactory = (ctx, { publications, directors }) => {
  let lastEvent = 0;
  return {
    observe(r) {
      lastEvent = r.i;
    },
    checkpoint(time) {
      const bound = `${ctx.livenessBoundMs} ms after faults stopped at ${ctx.quietAtMs} ms`;
      const latest = publications.latest();
      if (latest === undefined) {
        ctx.report({ event: lastEvent, time, message: `no layout was ever published (${bound})`, witnesses: [] });
        return;
      }
      const running = directors.alive().filter((d) => d.running && d.epoch === latest.epoch);
      if (running.length === 0) {
        ctx.report({
          event: lastEvent,
          time,
          message: `no director is running the newest published layout (epoch ${latest.epoch}) ${bound}`,
          witnesses: [latest.event],
        });
      }
      for (const d of directors.alive()) {
        if (d.epoch < latest.epoch) {
          ctx.report({
            event: lastEvent,
            time,
            message: `superseded director ${d.pid} (epoch ${d.epoch}) is still alive ${bound}`,
            witnesses: [d.started],
          });
        }
      }
    },
  };
};
