import { ms } from '../../../../sim/index.js';
import { mutated, reached } from '../../config.js';
import { SYSTEM_KEY_PREFIX } from '../../types.js';
import { stalled, type Outcome, type Phase, type Recovery } from '../state.js';

/**
 * §4.13 and decision 11: commit the layout as a system transaction through a new proxy, then
 * publish it at a majority of coordinators. Either failing ends the director, so the next
 * recovery starts with a fresh epoch. F13 (`ignore-publish-failure`) runs anyway.
 */
export function* persistence(r: Recovery): Phase {
  const { ctx, d, a } = r;
  const tsl = a.tsl;
  const proxy = a.proxies[0];
  if (tsl === null || proxy === undefined) return { kind: 'exit', reason: 'persistence_failed' };
  const timeout = ms(d.params.coordinatorCallTimeoutMs);
  const committed = yield* ctx.call(
    proxy,
    {
      type: 'commit',
      txn: { id: `layout-e${d.epoch}.${a.number}`, writes: [{ key: `${SYSTEM_KEY_PREFIX}layout`, value: `${d.epoch}:${tsl.id}` }] },
      system: true,
    },
    { timeout },
  );
  if (!committed.ok || committed.reply.type !== 'commit-ok') return failed(r, 'persistence_failed');
  const published = yield* ctx.call(d.coordinator, { type: 'publish', epoch: d.epoch, tsl }, { timeout });
  a.published = published.ok && published.reply.type === 'published';
  if (!a.published) reached(d.config, 'ignore-publish-failure');
  if (!a.published && !mutated(d.config, 'ignore-publish-failure')) return failed(r, 'publish_failed');
  return undefined;
}

/**
 * A failed persistence ends the director. F26 (`stall-on-persistence-failure`) treats it as a
 * stall instead: the next attempt builds another layout under the same epoch, and coordinators
 * that accepted the first now hold a different layout of that epoch than the others.
 */
function failed(r: Recovery, reason: string): Outcome {
  reached(r.d.config, 'stall-on-persistence-failure');
  if (mutated(r.d.config, 'stall-on-persistence-failure')) return stalled(reason, 'retrying under the same epoch');
  return { kind: 'exit', reason };
}
