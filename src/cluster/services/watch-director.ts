import { ms, type Pid } from '../../../sim/index.js';
import { mutated, reached, type ClusterConfig, type Ctx } from '../config.js';

/**
 * A generation's sequencer and commit proxies live only as long as their director (F27): each
 * pings it as the director pings them, and exits when it does not answer, or answers that it
 * never heard of this component (its start reply was lost, so no attempt counts on it). A director that crashes,
 * is killed or is cut off can send no `stop`, and without this its components would keep handing
 * out versions and serving clients next to a newer generation. `keep-old-components` leaves them
 * running.
 */
export function watchDirector(ctx: Ctx, config: ClusterConfig, director: Pid): void {
  if (mutated(config, 'keep-old-components')) return;
  ctx.spawn(
    (function* () {
      for (;;) {
        yield* ctx.sleep(ms(config.params.monitorPingMs));
        const res = yield* ctx.call(director, { type: 'component-check' }, { timeout: ms(config.params.monitorPingTimeoutMs) });
        if (!res.ok || res.reply.type === 'not-yours') reached(config, 'keep-old-components');
        if (!res.ok) return ctx.exit('director_unavailable');
        if (res.reply.type === 'not-yours') return ctx.exit('not_in_any_attempt');
      }
    })(),
    'watch-director',
  );
}
