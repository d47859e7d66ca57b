import { addressOf, ms, type CallResult, type DownMessage, type ProcessStart } from '../../../sim/index.js';
import { handleMessages, mutated, reached } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { CapabilitiesUpdatedMsg, ServicesGoneMsg, ServicesRegisteredMsg } from '../messages.js';
import { oldLayoutServiceIds } from '../decisions/first-phase.js';
import { storageUnlockAfterPublish } from './phases/layout.js';
import { runAttempt } from './pipeline.js';
import { Attempt, DirectorState, type DirectorArgs, type Outcome, type Recovery } from './state.js';

/**
 * A director (§1.3, §5): runs recovery attempts until one completes, then watches the
 * generation it built. A stalled attempt is retried on a timer (with jitter) or when services or
 * capabilities are announced; `newer_epoch_exists` stops it for good; a failed publish, a failed
 * replay or a monitored component going down makes it exit, and its coordinator starts a fresh
 * epoch.
 */
export function directorProcess(args: DirectorArgs): ProcessStart<ClusterEvent> {
  return (ctx) => {
    const d = new DirectorState(ctx, args);
    const retry = ctx.trigger();
    let current: Attempt | null = null;
    /** What stalled attempts started and left running (only under `keep-stalled-attempt-proxies`). */
    const stalledStarted: string[] = [];

    const stopProcesses = (attempt: Attempt | null, reason: string): void => {
      // F27 (`keep-old-components`): what an attempt started is left running when it ends.
      if (mutated(d.config, 'keep-old-components')) return;
      for (const pid of attempt?.started ?? []) ctx.send(pid, { type: 'stop', reason });
    };

    const stop = (reason: string): void => {
      if (d.state === 'stopped') return;
      d.state = 'stopped';
      stopProcesses(current, reason);
      ctx.emit({ type: 'director-stopped', director: ctx.pid, epoch: d.epoch, reason });
      ctx.exit(reason);
    };

    function* watchGeneration(a: Attempt) {
      const pids = a.monitoredPids();
      for (;;) {
        yield* ctx.sleep(ms(d.params.monitorPingMs));
        const results: CallResult[] = yield* ctx.callAll(
          pids.map((to) => ({ to, msg: { type: 'ping' } })),
          { timeout: ms(d.params.monitorPingTimeoutMs), until: (res) => !res.ok },
        );
        if (results.some((res) => !res.ok)) return stop('component_failure');
      }
    }

    /** Storage servers that missed the unlock after publication: keep trying while running. */
    function* finishStorageUnlock(a: Attempt) {
      const r: Recovery = { ctx, d, a };
      while (a.storageToUnlock.length > 0) {
        yield* ctx.sleep(ms(d.params.retryIntervalMs));
        const outcome = yield* storageUnlockAfterPublish(r);
        if (outcome !== undefined && outcome.kind !== 'completed') return stop(outcome.reason);
      }
    }

    function* main() {
      // `mislabel-director-events` reports an empty old layout; the behaviour is unchanged.
      const lie = mutated(d.config, 'mislabel-director-events');
      ctx.emit({
        type: 'director-started',
        director: ctx.pid,
        epoch: d.epoch,
        oldEpoch: lie ? null : (d.oldTsl?.epoch ?? null),
        oldLayoutIds: lie ? [] : oldLayoutServiceIds(d.oldTsl),
        coordinator: d.coordinator,
      });
      d.state = 'recovery';
      for (;;) {
        d.attempts++;
        const a = new Attempt(d.attempts);
        if (current !== null && mutated(d.config, 'carry-over-attempt-state')) a.carryOver(current);
        d.previousAttempt = current;
        current = a;
        ctx.emit({ type: 'attempt-started', director: ctx.pid, epoch: d.epoch, attempt: a.number });
        const r: Recovery = { ctx, d, a };
        const outcome: Outcome = yield* runAttempt(r);
        if (outcome.kind === 'completed') {
          d.state = 'running';
          ctx.emit({ type: 'director-running', director: ctx.pid, epoch: d.epoch, published: a.published });
          if (a.storageToUnlock.length > 0) ctx.spawn(finishStorageUnlock(a), 'storage-unlock');
          yield* watchGeneration(a);
          return;
        }
        if (outcome.kind === 'exit') return stop(outcome.reason);
        if (outcome.kind === 'fatal') reached(d.config, 'keep-running-after-fatal');
        if (outcome.kind === 'fatal' && !mutated(d.config, 'keep-running-after-fatal')) return stop(outcome.reason);
        // A stall (or, under F12, a fatal error that is only logged): clean up and wait for a trigger.
        for (const ref of d.monitors) ctx.demonitor(ref);
        d.monitors.clear();
        // A stalled attempt's sequencer and proxies stop with it, or two proxy sets would serve
        // one epoch (`keep-stalled-attempt-proxies` leaves them, and still answers their checks).
        if (a.started.length > 0) reached(d.config, 'keep-stalled-attempt-proxies');
        if (mutated(d.config, 'keep-stalled-attempt-proxies')) stalledStarted.push(...a.started);
        else stopProcesses(a, 'attempt stalled');
        ctx.emit({
          type: 'stalled',
          director: ctx.pid,
          epoch: d.epoch,
          attempt: a.number,
          reason: outcome.reason,
          detail: outcome.detail,
        });
        const base = d.params.retryIntervalMs;
        yield* ctx.wait(retry, ms(base + ctx.rng.int(0, Math.floor(base / 2) + 1)));
      }
    }

    handleMessages(ctx, d.config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'services-registered':
          for (const entry of (msg as ServicesRegisteredMsg).services) d.directory.set(entry.id, entry);
          if (d.state === 'recovery') retry.notify();
          return;
        case 'services-gone':
          for (const id of (msg as ServicesGoneMsg).ids) d.directory.delete(id);
          return;
        case 'capabilities-updated':
          d.nodes = (msg as CapabilitiesUpdatedMsg).nodes;
          if (d.state === 'recovery') retry.notify();
          return;
        case 'down':
          if (d.monitors.has((msg as DownMessage).ref)) stop('component_failure');
          return;
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
        case 'component-check': {
          // A sequencer or proxy whose start the director never heard of (its reply was lost) is
          // no part of any attempt: it is told so, and exits. One whose start reply is still on
          // its way (the round trip outlasts its first check) is this attempt's.
          const counted = current?.started.includes(incoming.from) === true || stalledStarted.includes(incoming.from);
          const starting = !counted && current?.starting.includes(addressOf(incoming.from)) === true;
          if (starting) reached(d.config, 'register-proxies-after-all-start');
          incoming.reply?.({ type: counted || starting ? 'pong' : 'not-yours' });
          return;
        }
        case 'stop':
          stop(String(msg['reason'] ?? 'stopped'));
          return;
      }
    });

    ctx.spawn(main(), 'recovery');
  };
}
