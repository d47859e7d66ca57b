import { ms, type CallResult, type ProcessStart } from '../../../sim/index.js';
import { type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { TransactionSystemLayout } from '../types.js';

export interface WorkloadSpec {
  /** Mean commits per second (Poisson arrivals); 0 disables the workload. */
  readonly ratePerSec: number;
  readonly startMs: number;
  readonly stopMs: number;
  /** Keys are drawn from `k0000 … k{keys-1}`. */
  readonly keys: number;
}

const COMMIT_TIMEOUT_MS = 3000;
const LAYOUT_TIMEOUT_MS = 500;
const SUMMARY_EVERY_MS = 10_000;

/**
 * The client workload: commits blind writes at a steady rate through the proxy of the newest
 * layout the coordinators say is published, refreshing it when a commit fails. It learns about a
 * generation only once its layout is published, as Bedrock's gateways do.
 */
export function client(config: ClusterConfig, workload: WorkloadSpec): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    let layout: TransactionSystemLayout | null = null;
    let refreshing = false;
    let attempted = 0;
    let acked = 0;
    let failed = 0;
    let next = 0;

    const summary = (): void => ctx.emit({ type: 'client-summary', attempted, acked, failed });

    function* refresh() {
      if (refreshing) return;
      refreshing = true;
      const results: CallResult[] = yield* ctx.callAll(
        config.coordinators.map((to) => ({ to, msg: { type: 'get-layout' } })),
        { timeout: ms(LAYOUT_TIMEOUT_MS) },
      );
      for (const r of results) {
        if (!r.ok || r.reply.type !== 'layout') continue;
        const tsl = r.reply['tsl'] as TransactionSystemLayout | null;
        if (tsl !== null && (layout === null || tsl.epoch > layout.epoch)) layout = tsl;
      }
      refreshing = false;
    }

    function* commitOne(n: number) {
      attempted++;
      if (layout === null) yield* refresh();
      const current = layout;
      const proxy = current?.proxies[n % Math.max(1, current.proxies.length)];
      if (current === null || proxy === undefined) {
        failed++;
        return;
      }
      const key = `k${String(ctx.rng.int(0, workload.keys)).padStart(4, '0')}`;
      const result = yield* ctx.call(
        proxy,
        { type: 'commit', txn: { id: `t${n}`, writes: [{ key, value: `v${n}` }] } },
        { timeout: ms(COMMIT_TIMEOUT_MS) },
      );
      if (result.ok && result.reply.type === 'commit-ok') {
        acked++;
        return;
      }
      failed++;
      if (layout === current) layout = null;
    }

    function* run() {
      yield* ctx.sleep(ms(workload.startMs));
      const mean = 1000 / workload.ratePerSec;
      while (ctx.now() < ms(workload.stopMs)) {
        yield* ctx.sleep(ms(ctx.rng.exponential(mean)));
        if (ctx.now() >= ms(workload.stopMs)) break;
        ctx.spawn(commitOne(next++), 'commit');
      }
      summary();
    }

    if (workload.ratePerSec > 0) ctx.spawn(run(), 'workload');
    const tick = (): void => {
      summary();
      ctx.timer(ms(SUMMARY_EVERY_MS), tick);
    };
    ctx.timer(ms(SUMMARY_EVERY_MS), tick);
  };
}
