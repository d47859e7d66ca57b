import { applyFault, ms, nameOf, nemesisStreams, nodeOf, toMs, type FaultAction, type NodeId, type Rng, type Simulation } from '../../sim/index.js';
import type { ClusterEvent } from '../cluster/events.js';
import { COORDINATOR, workerName } from '../cluster/names.js';
import type { TransactionSystemLayout } from '../cluster/types.js';
import type { ProbeId } from '../check/probes.js';
import type { GroundTruth, Rec } from '../check/types.js';
import { MAX_FIRINGS_PER_TRIGGER, type AimedConfig, type TriggerId } from '../scenario/aimed.js';

// Every trigger has its probe, so a sweep shows a trigger that never fired under "never reached".
const everyTriggerProbed: [Exclude<`aimed-${TriggerId}`, ProbeId>] extends [never] ? true : false = true;
void everyTriggerProbed;

/** How long a storage server's replies to its director are lost, at least: past its MVCC window (5 s). */
const SLOW_UNLOCK_MIN_MS = 5500;
const SLOW_UNLOCK_MAX_MS = 10_000;

/** What the triggers need of the run: when faults stop, and which nodes run coordinators. */
export interface TriggerSpace {
  readonly quietAtMs: number;
  readonly coordinatorNodes: readonly NodeId[];
  /** Nodes that can host a log: the ones a log recruitment asks for workers. */
  readonly logNodes: readonly NodeId[];
  /** The protocol's timeouts a trigger must outlast to make a call fail. */
  readonly lockTimeoutMs: number;
  readonly storageUnlockTimeoutMs: number;
  readonly createWorkerTimeoutMs: number;
  readonly coordinatorCallTimeoutMs: number;
  /** The disks, read by a trigger that aims at what a server still does. */
  readonly truth: Pick<GroundTruth, 'storageState'>;
}

/** The triggers that aim at a layout, so the layouts directors build are kept for them. */
const LAYOUT_TRIGGERS: readonly TriggerId[] = ['kill-layout-logs', 'kill-layout-workers', 'slow-unlock-replies', 'miss-storage-lock', 'strand-storage-server'];

/**
 * Watch the trace and fire the seed's enabled triggers at the protocol moments they aim at. A
 * firing is drawn from the trigger's own stream, recorded as a `trigger-fired` event, and its
 * faults are applied at once (after the event that prompted them has been handled, never inside
 * it); faults that end it (a restart, a heal) are scheduled, and dropped past the quiet point,
 * where the world heals anyway. Nothing fires once faults have stopped.
 */
export function installTriggers(sim: Simulation<ClusterEvent>, aimed: AimedConfig, space: TriggerSpace, rng: Rng): void {
  const nemesis = nemesisStreams(rng.fork('nemesis'));
  const enabled = new Map(aimed.triggers.map((t) => [t.id, { chance: t.chance, fired: 0, rng: rng.fork(t.id) }]));
  const built = new Map<number, TransactionSystemLayout>();
  const needsLayouts = LAYOUT_TRIGGERS.some((id) => enabled.has(id));
  let lastPublished: number | undefined;
  let lastLeader: NodeId | undefined;
  let partitions = 0;

  const quiet = ms(space.quietAtMs);
  // A trigger ends only what it started: it crashes only a node that is up, and restarts it only if
  // it is still down and not lost for good.
  const crashedByTrigger = new Set<NodeId>();
  const apply = (a: FaultAction): void => {
    if (a.kind === 'crash-node') {
      if (!sim.hasNode(a.node) || !sim.isNodeUp(a.node)) return;
      crashedByTrigger.add(a.node);
    }
    if (a.kind === 'restart-node') {
      if (!crashedByTrigger.delete(a.node) || sim.isNodeUp(a.node) || sim.isLostForGood(a.node)) return;
    }
    applyFault(sim, a, nemesis);
  };
  const fire = (id: TriggerId, detail: string, actions: (draw: Rng) => FaultAction[]): void => {
    const t = enabled.get(id);
    if (t === undefined || sim.now >= quiet || t.fired >= MAX_FIRINGS_PER_TRIGGER || !t.rng.chance(t.chance)) return;
    t.fired++;
    unleash(id, detail, actions(t.rng));
  };
  /** The next step of a chain a firing started: no new draw, and it does not count as a firing. */
  const follow = (id: TriggerId, detail: string, planned: FaultAction[]): void => {
    if (sim.now < quiet) unleash(id, detail, planned);
  };
  const unleash = (id: TriggerId, detail: string, planned: FaultAction[]): void => {
    sim.scheduler.at(sim.now, () => {
      if (sim.now >= quiet) return;
      sim.trace.emit(sim.now, { type: 'trigger-fired', trigger: id, detail });
      for (const a of planned) {
        if (ms(a.at) <= sim.now) apply(a);
        else if (ms(a.at) < quiet) sim.scheduler.at(ms(a.at), () => apply(a));
      }
    });
  };
  const nowMs = (): number => toMs(sim.now);
  const outage = (draw: Rng): number => draw.intInclusive(100, 3000);
  const addressOf = (tsl: TransactionSystemLayout, id: string): string | undefined => tsl.services.find((s) => s.id === id)?.address;
  /** The nodes that host `ids` in `tsl`, each once. */
  const hostsOf = (tsl: TransactionSystemLayout, ids: readonly string[]): NodeId[] => [...new Set(ids.flatMap((id) => addressOf(tsl, id) ?? []).map((a) => nodeOf(a)))];
  const storageIdsOf = (tsl: TransactionSystemLayout): string[] => [...new Set(tsl.storageTeams.flatMap((t) => t.storageIds))];
  const kills = (tsl: TransactionSystemLayout, kind: 'log' | 'storage', ids: readonly string[]): FaultAction[] =>
    ids.flatMap((id) => {
      const address = addressOf(tsl, id);
      return address === undefined ? [] : [{ at: nowMs(), kind: 'kill-process', node: nodeOf(address), process: workerName(kind, id) } as FaultAction];
    });

  /** Nothing from `from` reaches `to` (only its processes named `onlyTo`, if given) for `holdMs`: the partition and the heal that ends it. */
  const oneWayCut = (from: readonly NodeId[], to: readonly NodeId[], holdMs: number, onlyTo?: string): [FaultAction, FaultAction] => {
    const id = `aimed-${++partitions}`;
    return [
      { at: nowMs(), kind: 'partition', from, to, oneWay: true, ...(onlyTo !== undefined ? { onlyTo } : {}), id },
      { at: nowMs() + holdMs, kind: 'heal', id },
    ];
  };
  /** How long a cut that makes a first-phase lock miss holds: past the lock timeout, at most twice it. */
  const pastLockTimeout = (draw: Rng): number => Math.round(space.lockTimeoutMs * (1 + draw.intInclusive(10, 100) / 100));

  // What one storage server sends its director is lost for a while: its unlock-ok among it, so the
  // director asks again, and again, a server that is by then serving the new generation. The
  // requests go through (the cut is one-way), and the cut outlasts the unlock timeout and the
  // server's MVCC window, so a repeated unlock comes after the server made versions durable.
  const slowUnlockReplies = (director: string, epoch: number): void => {
    const tsl = built.get(epoch);
    if (tsl === undefined) return;
    const to = nodeOf(director);
    const nodes = hostsOf(tsl, storageIdsOf(tsl)).filter((n) => n !== to);
    if (nodes.length === 0) return;
    const timeout = space.storageUnlockTimeoutMs;
    fire('slow-unlock-replies', `${director} is unlocking storage of epoch ${epoch}`, (draw) => {
      const from = draw.pick(nodes);
      return oneWayCut([from], [to], draw.intInclusive(Math.max(Math.ceil(timeout * 1.1), SLOW_UNLOCK_MIN_MS), Math.max(timeout * 2, SLOW_UNLOCK_MAX_MS)));
    });
  };

  /** Nothing from `cut` reaches the director's `node` for `factor` worker-creation timeouts. */
  const cutOff = (cut: readonly NodeId[], node: NodeId, factor: number): [FaultAction, FaultAction] =>
    oneWayCut(cut, [node], Math.round(space.createWorkerTimeoutMs * factor));

  // Every log-capable node is out of the director's reach until its worker creations time out: the
  // next attempt trusts none of them.
  const cutOffRecruits = (director: string): void => {
    const node = nodeOf(director);
    const cut = space.logNodes.filter((n) => n !== node);
    if (cut.length === 0) return;
    fire('cut-off-recruits', `${director} is recruiting logs`, (draw) => cutOff(cut, node, 1 + draw.intInclusive(5, 50) / 100));
  };

  // As cut-off-recruits, for one to three creation timeouts, and one of the cut-off nodes dies for
  // good: every live log node ends suspected beside a dead one, and the next attempts must find the
  // live ones. One node at most is lost this way in a run, never a coordinator's, and never while
  // another log-capable node is lost.
  let lostOne = false;
  const loseRecruitNode = (director: string): void => {
    const node = nodeOf(director);
    const cut = space.logNodes.filter((n) => n !== node);
    const victims = cut.filter((n) => sim.isNodeUp(n) && !space.coordinatorNodes.includes(n));
    if (lostOne || victims.length === 0 || space.logNodes.length < 2 || space.logNodes.some((n) => sim.isLostForGood(n))) return;
    fire('lose-recruit-node', `${director} is recruiting logs`, (draw) => {
      lostOne = true;
      const victim = draw.pick(victims);
      const [partition, heal] = cutOff(cut, node, 1 + draw.intInclusive(5, 200) / 100);
      return [partition, { at: nowMs(), kind: 'crash-node', node: victim, permanent: true }, heal];
    });
  };

  // Nothing from a locking director reaches one storage server of the published layout until its
  // first-phase lock timed out: the server is left out of the new teams while it still serves,
  // and pulls for, the generation it knows.
  const missStorageLock = (director: string): void => {
    const tsl = lastPublished === undefined ? undefined : built.get(lastPublished);
    if (tsl === undefined) return;
    const from = nodeOf(director);
    const nodes = hostsOf(tsl, storageIdsOf(tsl)).filter((n) => n !== from);
    if (nodes.length === 0) return;
    fire('miss-storage-lock', `${director} is locking epoch ${tsl.epoch}'s services`, (draw) => {
      const to = draw.pick(nodes);
      return oneWayCut([from], [to], pastLockTimeout(draw));
    });
  };

  // The chain of strand-storage-server: which server it leaves behind, and whether a layout was
  // published without relocking it.
  let strand: { readonly server: string; readonly node: NodeId; published: boolean } | undefined;
  /** Nothing from the locking director's node reaches the stranded server until the lock timed out. */
  const missLock = (from: NodeId, to: NodeId, server: string, draw: Rng): FaultAction[] => oneWayCut([from], [to], pastLockTimeout(draw), workerName('storage', server));
  const strandStorage = (director: string): void => {
    const from = nodeOf(director);
    if (strand !== undefined) {
      // Every director of the chain misses it, so it stays with the generation it knew.
      const { node } = strand;
      const draw = enabled.get('strand-storage-server')?.rng;
      if (node !== from && draw !== undefined) follow('strand-storage-server', `${director} is locking: ${strand.server} stays behind`, missLock(from, node, strand.server, draw));
      return;
    }
    const tsl = lastPublished === undefined ? undefined : built.get(lastPublished);
    if (tsl === undefined) return;
    const servers = storageIdsOf(tsl).filter((id) => {
      const address = addressOf(tsl, id);
      return address !== undefined && nodeOf(address) !== from;
    });
    if (servers.length === 0) return;
    fire('strand-storage-server', `${director} is locking epoch ${tsl.epoch}'s services`, (draw) => {
      const server = draw.pick(servers);
      const node = nodeOf(addressOf(tsl, server) as string);
      strand = { server, node, published: false };
      return missLock(from, node, server, draw);
    });
  };
  // The stranded server still pulls from logs a newer recovery rebuilt: that recovery never publishes.
  const failPublishOverStranded = (director: string, epoch: number, isolate: (holdMs: number) => FaultAction[]): void => {
    const tsl = built.get(epoch);
    if (strand === undefined || !strand.published || tsl === undefined) return;
    const routes = space.truth.storageState(strand.server)?.logs ?? [];
    if (!tsl.logs.some((l) => routes.some((route) => route.address === addressOf(tsl, l.id)))) return;
    const timeout = space.coordinatorCallTimeoutMs;
    follow('strand-storage-server', `${director} rebuilt logs ${strand.server} still pulls from, and is publishing epoch ${epoch}`, isolate(Math.ceil(timeout * 1.5)));
    strand = undefined;
  };

  sim.trace.subscribe((record) => {
    const r = record as Rec;
    switch (r.type) {
      case 'phase': {
        const node = nodeOf(r.director);
        fire('crash-director-at-phase', `${r.director} entered ${r.phase}`, (draw) => [
          { at: nowMs(), kind: 'crash-node', node },
          { at: nowMs() + outage(draw), kind: 'restart-node', node },
        ]);
        fire('pause-director-at-phase', `${r.director} entered ${r.phase}`, (draw) => [
          { at: nowMs(), kind: 'pause-process', node, process: nameOf(r.director), durationMs: draw.intInclusive(50, 3000) },
        ]);
        if (r.phase === 'storage-unlock') slowUnlockReplies(r.director, r.epoch);
        if (r.phase === 'locking') {
          missStorageLock(r.director);
          strandStorage(r.director);
        }
        if (r.phase === 'log-recruitment') {
          cutOffRecruits(r.director);
          loseRecruitNode(r.director);
        }
        if (r.phase === 'persistence') {
          const others = space.coordinatorNodes.filter((n) => n !== node);
          if (others.length === 0) return;
          const isolate = (holdMs: number): FaultAction[] => {
            const id = `aimed-${++partitions}`;
            return [
              { at: nowMs(), kind: 'partition', from: [node], to: others, only: COORDINATOR, id },
              { at: nowMs() + holdMs, kind: 'heal', id },
            ];
          };
          fire('isolate-leader-at-publish', `${r.director} is publishing epoch ${r.epoch}`, (draw) => isolate(draw.intInclusive(50, 3000)));
          failPublishOverStranded(r.director, r.epoch, isolate);
        }
        return;
      }
      case 'layout-built':
        // Only the triggers aimed at a layout's workers need it.
        if (needsLayouts) built.set(r.epoch, r.tsl);
        return;
      case 'layout-published': {
        if (lastPublished === undefined || r.epoch > lastPublished) lastPublished = r.epoch;
        const tsl = built.get(r.epoch);
        if (strand !== undefined) {
          // Published while the server left behind still serves an older generation: the
          // layout's logs die at once, so the next recovery comes before that server falls far
          // behind. (A layout published after that one ends the chain: its recovery published.)
          const stale = (space.truth.storageState(strand.server)?.epoch ?? r.epoch) < r.epoch;
          if (!strand.published && stale && tsl !== undefined) {
            strand.published = true;
            follow('strand-storage-server', `epoch ${r.epoch} was published, ${strand.server} left behind`, kills(tsl, 'log', tsl.logs.map((l) => l.id)));
          } else strand = undefined;
        }
        if (tsl === undefined) return;
        const logIds = tsl.logs.map((l) => l.id);
        fire('kill-layout-logs', `epoch ${r.epoch} was published`, (draw) => {
          if (draw.chance(0.5)) return kills(tsl, 'log', logIds);
          // The logs' nodes and the director's crash together: nothing of the generation survives.
          const nodes = [...new Set([...hostsOf(tsl, logIds), nodeOf(tsl.director)])];
          const back = nowMs() + outage(draw);
          return nodes.flatMap((node): FaultAction[] => [
            { at: nowMs(), kind: 'crash-node', node },
            { at: back, kind: 'restart-node', node },
          ]);
        });
        // Nothing of the old layout answers the next director's first locks: it must wait and retry,
        // never take the cluster for new (the workers come back, with their disks, once restarted).
        fire('kill-layout-workers', `epoch ${r.epoch} was published`, () => [
          ...kills(tsl, 'log', logIds),
          ...kills(tsl, 'storage', storageIdsOf(tsl)),
        ]);
        return;
      }
      case 'leader-elected': {
        const node = nodeOf(r.coordinator);
        const previous = lastLeader;
        lastLeader = node;
        if (previous === undefined || previous === node) return;
        fire('delay-new-leader-link', `${r.coordinator} took over from the leader on ${previous}`, (draw) => [
          { at: nowMs(), kind: 'clog', link: [previous, node], delayMs: draw.intInclusive(100, 3000) },
          { at: nowMs() + draw.intInclusive(500, 5000), kind: 'unclog', link: [previous, node] },
        ]);
        return;
      }
    }
  }, ['phase', 'layout-built', 'layout-published', 'leader-elected']);
}
