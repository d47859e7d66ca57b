import { ms, type CallResult } from '../../../../sim/index.js';
import { mutated, reached } from '../../config.js';
import { servicesToLockFirst } from '../../decisions/first-phase.js';
import { initialLayout } from '../../decisions/layout-plan.js';
import { userShardRanges } from '../../decisions/shards.js';
import { determinePath } from '../../decisions/path.js';
import { lockServices } from '../locks.js';
import { stalled, type Outcome, type Phase, type Recovery } from '../state.js';
import type { TransactionSystemLayout } from '../../types.js';

function chooseNewCluster(r: Recovery, why: string): void {
  const { d, a } = r;
  a.path = 'new-cluster';
  a.layout = initialLayout(d.params.desiredLogs, d.replicationFactor, {
    userRanges: userShardRanges(d.params.shards, d.config.keySpace),
    logGroups: d.params.logGroups,
    storageServers: d.params.storageServers,
  });
  a.versionVector = { first: 0, last: 0 };
  a.durableVersion = 0;
  a.oldLogIdsToCopy = [];
  r.ctx.emit({ type: 'path-chosen', director: r.ctx.pid, epoch: d.epoch, path: 'new-cluster', why });
}

/**
 * F31: Bedrock's old-layout validator takes every log descriptor to be exactly two ascending tags;
 * anything else counts as a corrupted layout.
 */
function twoTagValidatorRejects(oldTsl: TransactionSystemLayout | null): string | undefined {
  const bad = oldTsl?.logs.find((l) => l.tags.length !== 2 || (l.tags[0] as number) >= (l.tags[1] as number));
  return bad === undefined ? undefined : `log ${bad.id} carries tags [${bad.tags.join(', ')}]`;
}

/** F3's phase-1 lock timeout. */
const SHORT_LOCK_TIMEOUT_MS = 200;

/** How long F5's liveness check of the old layout's components waits for a pong. */
const STALE_COMPONENT_PING_MS = 500;

/**
 * F5 (`fresh-init-on-dead-components`): when none of the old layout's sequencer and proxies
 * answers, the old layout is taken for stale and the cluster is initialised afresh over it.
 */
function* freshInitIfComponentsDead(r: Recovery, old: TransactionSystemLayout): Phase {
  const pids = [old.sequencer, ...old.proxies].filter((p) => p !== '');
  const results: CallResult[] = yield* r.ctx.callAll(
    pids.map((to) => ({ to, msg: { type: 'ping' } })),
    { timeout: ms(STALE_COMPONENT_PING_MS) },
  );
  if (results.some((res) => res.ok)) return refPath(r);
  chooseNewCluster(r, `the old layout's sequencer and proxies are dead (stale components)`);
  return undefined;
}

/** §4.0: the path depends on the old layout alone (S18). */
export function pathDetermination(r: Recovery): Phase | Outcome | undefined {
  const old = r.d.oldTsl;
  if (old !== null && old.logs.length > 0) reached(r.d.config, 'fresh-init-on-dead-components');
  if (mutated(r.d.config, 'fresh-init-on-dead-components') && old !== null && old.logs.length > 0) return freshInitIfComponentsDead(r, old);
  return refPath(r);
}

function refPath(r: Recovery): Outcome | undefined {
  const why = twoTagValidatorRejects(r.d.oldTsl);
  if (why !== undefined) {
    reached(r.d.config, 'two-tag-log-validator');
    if (mutated(r.d.config, 'two-tag-log-validator')) return stalled('corrupted_tsl', why);
  }
  const path = determinePath(r.d.oldTsl, mutated(r.d.config, 'empty-layout-for-null'));
  if (path === 'new-cluster') {
    chooseNewCluster(r, r.d.oldTsl === null ? 'no old layout' : 'old layout has no logs and no storage teams');
    return undefined;
  }
  r.a.path = 'data';
  r.ctx.emit({ type: 'path-chosen', director: r.ctx.pid, epoch: r.d.epoch, path: 'data', why: `old layout of epoch ${r.d.oldTsl?.epoch ?? '?'}` });
  return undefined;
}

/**
 * §3.3 phase 1, selective locking: lock only the old layout's logs and storage servers (the
 * seed note's fix); services outside it are locked only once recruited. Timeouts are tolerated;
 * `newer_epoch_exists` ends the director.
 */
export function* locking(r: Recovery): Phase {
  const { d, a } = r;
  const lockAll = mutated(d.config, 'lock-all-available');
  const entries = d.directoryEntries();
  const everything = servicesToLockFirst(d.oldTsl, entries, true);
  const selective = a.path === 'new-cluster' ? [] : servicesToLockFirst(d.oldTsl, entries, false);
  if (everything.length > selective.length) reached(d.config, 'lock-all-available');
  if (a.path === 'new-cluster' && !lockAll) return undefined;
  const targets = lockAll ? everything : selective;
  // F3 (`short-lock-timeout`): Bedrock's 200 ms, shorter than a round trip on a slow network.
  const timeout = mutated(d.config, 'short-lock-timeout') ? SHORT_LOCK_TIMEOUT_MS : d.params.lockTimeoutMs;
  const began = r.ctx.now();
  const round = yield* lockServices(r, targets, 'first', timeout);
  // The round waited past the short timeout for a reply: with it, that service would count as unreachable.
  if (r.ctx.now() - began > ms(SHORT_LOCK_TIMEOUT_MS)) reached(d.config, 'short-lock-timeout');
  if (round.superseded !== undefined) return round.superseded;
  // F4: decide "new cluster" from lock results (nothing reachable), which throws data away.
  if (a.path === 'data' && a.locked.size === 0) {
    reached(d.config, 'new-cluster-if-nothing-locked');
    if (mutated(d.config, 'new-cluster-if-nothing-locked')) chooseNewCluster(r, 'nothing could be locked');
  }
  return undefined;
}
