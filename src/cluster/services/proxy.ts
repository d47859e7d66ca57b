import { ms, type CallResult, type Incoming, type ProcessStart } from '../../../sim/index.js';
import { handleMessages, mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { CommitMsg, StartProxyMsg, Txn, UnlockProxyMsg } from '../messages.js';
import { tagOfKey } from '../decisions/shards.js';
import type { Pid, Tag, TransactionSystemLayout, Version, Write } from '../types.js';
import { watchDirector } from './watch-director.js';

interface Pending {
  readonly incoming: Incoming;
  readonly txn: Txn;
  readonly system: boolean;
}

/** The logs a layout's proxy pushes to: the pids the layout recorded for them. */
export function logPids(tsl: TransactionSystemLayout): Pid[] {
  const pids: Pid[] = [];
  for (const log of tsl.logs) {
    const service = tsl.services.find((s) => s.id === log.id);
    if (service !== undefined && service.status !== 'down') pids.push(service.status.up);
  }
  return pids;
}

/** Each log of a layout with the tags it carries, for routing writes by tag. */
export function logRoutes(tsl: TransactionSystemLayout): { pid: Pid; tags: readonly Tag[] }[] {
  const routes: { pid: Pid; tags: readonly Tag[] }[] = [];
  for (const log of tsl.logs) {
    const service = tsl.services.find((s) => s.id === log.id);
    if (service !== undefined && service.status !== 'down') routes.push({ pid: service.status.up, tags: log.tags });
  }
  return routes;
}

/** The writes of a batch a log carrying `tags` gets: those whose key falls in one of its shards. */
export function routeWrites(writes: readonly Write[], tags: readonly Tag[], tsl: TransactionSystemLayout): Write[] {
  return writes.filter((w) => {
    const tag = tagOfKey(tsl.storageTeams, w.key);
    return tag !== undefined && tags.includes(tag);
  });
}

/** How many push acknowledgements make a commit durable: all logs (REF), a majority under F8. */
export function acksNeeded(logCount: number, majorityOnly: boolean): number {
  return majorityOnly ? Math.floor(logCount / 2) + 1 : logCount;
}

/**
 * A commit proxy (§1.6). Starts locked; the director that started it unlocks it with its token
 * and the new layout. Commits are batched; a batch takes one version from the sequencer, is pushed
 * to every log, and is acknowledged only when all logs acknowledged; then the logs are told that
 * version is committed, so storage may apply it. Any failure ends the proxy.
 *
 * Read versions: the newest committed version, handed out only after every log confirmed that it
 * still serves this proxy's epoch (FoundationDB's GRV check), so a superseded proxy cannot hand
 * out a read version older than a newer generation's commits.
 */
export function commitProxy(start: StartProxyMsg, config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const { epoch, lockToken, sequencer } = start;
    watchDirector(ctx, config, start.director);
    let tsl: TransactionSystemLayout | null = null;
    let queue: Pending[] = [];
    const work = ctx.trigger();
    const timeout = ms(config.params.pushTimeoutMs);
    const majorityOnly = mutated(config, 'majority-log-ack');
    let committed: Version = 0;
    let readQueue: Incoming[] = [];
    const readWork = ctx.trigger();

    /**
     * Batches read-version requests. Each batch asks every other proxy of the layout for the newest
     * version it acknowledged (a commit acknowledged by any proxy before the request arrived is at
     * or below the highest), and every log whether it still serves this epoch.
     */
    function* readVersions(layout: TransactionSystemLayout) {
      const logs = logPids(layout);
      // `local-read-version`: only this proxy's own commits count, as if it were the only proxy.
      const others = layout.proxies.filter((p) => p !== ctx.pid);
      const peers = mutated(config, 'local-read-version') ? [] : others;
      const unconfirmed = mutated(config, 'unconfirmed-read-version');
      for (;;) {
        if (readQueue.length === 0) yield* ctx.wait(readWork);
        const batch = readQueue;
        readQueue = [];
        if (batch.length === 0) continue;
        let version = committed;
        if (others.length > 0) reached(config, 'local-read-version');
        const requests = [
          ...peers.map((to) => ({ to, msg: { type: 'get-committed-version' } })),
          ...(unconfirmed ? [] : logs.map((to) => ({ to, msg: { type: 'confirm-epoch', epoch } }))),
        ];
        const results: CallResult[] = yield* ctx.callAll(requests, {
          timeout,
          until: (r) => !r.ok || (r.reply.type !== 'epoch-live' && r.reply.type !== 'committed-version'),
        });
        if (results.some((r) => r.ok && r.reply.type !== 'epoch-live' && r.reply.type !== 'committed-version')) reached(config, 'unconfirmed-read-version');
        if (results.some((r) => !r.ok || (r.reply.type !== 'epoch-live' && r.reply.type !== 'committed-version'))) {
          for (const p of batch) p.reply?.({ type: 'error', reason: 'epoch_not_live' });
          continue;
        }
        for (const r of results) if (r.ok && r.reply.type === 'committed-version') version = Math.max(version, r.reply['version'] as Version);
        for (const p of batch) p.reply?.({ type: 'read-version', version, epoch });
      }
    }

    const fail = (batch: readonly Pending[], version: number, reason: string): void => {
      ctx.emit({ type: 'commit-failed', proxy: ctx.pid, epoch, version, reason });
      for (const p of batch) p.incoming.reply?.({ type: 'commit-error', reason });
      for (const p of queue) p.incoming.reply?.({ type: 'commit-error', reason });
      queue = [];
      ctx.exit(reason);
    };

    function* batcher(layout: TransactionSystemLayout) {
      const logs = logRoutes(layout);
      const needed = acksNeeded(logs.length, majorityOnly);
      for (;;) {
        if (queue.length === 0) {
          const woke = yield* ctx.wait(work, ms(config.params.emptyTransactionTimeoutMs));
          if (woke === 'notified' && queue.length === 0) continue;
        }
        const batch = queue;
        queue = [];
        const got = yield* ctx.call(sequencer, { type: 'get-version' }, { timeout });
        if (!got.ok || got.reply.type !== 'version') return fail(batch, 0, 'sequencer_unavailable');
        const prev = got.reply['prev'] as number;
        const version = got.reply['version'] as number;
        const writes: Write[] = batch.flatMap((p) => p.txn.writes);
        let acks = 0;
        const results: CallResult[] = yield* ctx.callAll(
          // Every log gets every version; its writes only for the tags it carries (empty otherwise).
          logs.map((log) => ({ to: log.pid, msg: { type: 'push', epoch, prev, version, writes: routeWrites(writes, log.tags, layout), committed } })),
          {
            timeout,
            until: (r) => {
              if (r.ok && r.reply.type === 'push-ok') acks++;
              // A majority has it and the rest not yet: the moment a majority-ack proxy would answer.
              if (acks === acksNeeded(logs.length, true) && acks < logs.length && r.ok && r.reply.type === 'push-ok') reached(config, 'majority-log-ack');
              return acks >= needed && needed < logs.length;
            },
          },
        );
        const okCount = results.filter((r) => r.ok && r.reply.type === 'push-ok').length;
        if (okCount < needed) return fail(batch, version, 'push_failed');
        committed = version;
        for (const log of logs) ctx.send(log.pid, { type: 'committed', epoch, version });
        if (batch.length > 0) {
          ctx.emit({
            type: 'commit-acked',
            proxy: ctx.pid,
            epoch,
            version,
            txns: batch.map((p) => p.txn.id),
            system: batch.some((p) => p.system),
            writes,
          });
        }
        for (const p of batch) p.incoming.reply?.({ type: 'commit-ok', version, epoch });
      }
    }

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'unlock-proxy': {
          const unlock = msg as UnlockProxyMsg;
          if (unlock.lockToken !== lockToken) {
            incoming.reply?.({ type: 'error', reason: 'unauthorized' });
            return;
          }
          if (tsl === null) {
            tsl = unlock.tsl;
            committed = unlock.tsl.versionVector.last;
            ctx.spawn(batcher(unlock.tsl), 'batcher');
            ctx.spawn(readVersions(unlock.tsl), 'read-versions');
          }
          incoming.reply?.({ type: 'unlock-ok' });
          return;
        }
        case 'get-committed-version':
          incoming.reply?.({ type: 'committed-version', version: committed });
          return;
        case 'get-read-version': {
          if (tsl === null) {
            incoming.reply?.({ type: 'error', reason: 'locked' });
            return;
          }
          readQueue.push(incoming);
          readWork.notify();
          return;
        }
        case 'commit': {
          if (tsl === null) {
            incoming.reply?.({ type: 'commit-error', reason: 'locked' });
            return;
          }
          const commit = msg as CommitMsg;
          queue.push({ incoming, txn: commit.txn, system: commit.system === true });
          work.notify();
          return;
        }
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
        case 'stop':
          ctx.exit(String(msg['reason'] ?? 'stopped'));
          return;
      }
    });
  };
}
