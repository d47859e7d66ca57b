import { ms, type CallResult, type DownMessage, type Incoming, type NodeId, type Pid, type ProcessStart, type Timer, type VirtualTime } from '../../../sim/index.js';
import { handleMessages, mutated, reached, type ClusterConfig, type Ctx } from '../config.js';
import { defaultEmptyLayout } from '../decisions/path.js';
import { silenceLimitMs } from '../params.js';
import { nextTerm } from '../decisions/terms.js';
import { directorProcess } from '../director/director.js';
import type { ClusterEvent } from '../events.js';
import type {
  AcceptedValue,
  AcceptMsg,
  HeartbeatMsg,
  NodeCapabilities,
  PrepareMsg,
  PromiseMsg,
  PublishMsg,
  RegisterMsg,
} from '../messages.js';
import { directorName } from '../names.js';
import { compareNodeIds, type Epoch, type ServiceEntry } from '../types.js';
import { mergeDirectory, mergeNodes, mergeRegistration } from './directory.js';

/** The cluster configuration an operator set (FoundationDB's `configure`): newest version wins. */
export interface ClusterSettings {
  readonly version: number;
  readonly replicationFactor: number;
}

/** A coordinator's durable register: the term it promised, the layout it accepted, what it knows. */
export interface CoordinatorDisk {
  /** The newest configuration this coordinator heard of (null: the scenario's parameters). */
  settings?: ClusterSettings | null;
  /** The coordinator's epoch: the highest term it promised. */
  promised: Epoch;
  accepted: AcceptedValue | null;
  /** The newest layout this coordinator knows a majority accepted. */
  published: AcceptedValue | null;
  directory: ServiceEntry[];
  nodes: NodeCapabilities[];
}

type Role = 'follower' | 'candidate' | 'leader';

/**
 * A coordinator (preface decision 2): one of a small group holding the register {epoch, tsl}.
 * Elections work like Paxos ballots: a coordinator that hears no leader proposes a term of its
 * own above any it has seen; a majority of promises makes it leader and hands it the
 * highest-accepted layout, with which it starts a director whose epoch is the term. Publishing is
 * an accept at a majority, refused by any coordinator that promised a higher term.
 */
export function coordinator(config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const disk = ctx.store.get<CoordinatorDisk>('state') ?? { promised: 0, accepted: null, published: null, directory: [], nodes: [] };
    ctx.store.set('state', disk);
    const params = config.params;
    const index = config.coordinators.indexOf(ctx.address);
    const count = config.coordinators.length;
    const majority = Math.floor(count / 2) + 1;
    const others = config.coordinators.filter((c) => c !== ctx.address);

    let role: Role = 'follower';
    let term: Epoch = 0;
    let maxSeen: Epoch = disk.promised;
    let electionTimer: Timer | undefined;
    let electionRun = 0;
    let director: { pid: Pid; epoch: Epoch; ref: number; oldTsl: AcceptedValue | null } | null = null;

    const setPromised = (epoch: Epoch): void => {
      if (epoch === disk.promised) return;
      const previous = disk.promised;
      disk.promised = epoch;
      if (epoch > maxSeen) maxSeen = epoch;
      ctx.emit({ type: 'coordinator-epoch', coordinator: ctx.pid, epoch, previous });
    };

    const electionTimeout = (): number => {
      // The very first election of a new cluster is biased so coordinator 0 usually takes term 1.
      if (disk.promised === 0 && ctx.incarnation === 1) return ms(params.electionTimeoutMinMs / 2 + index * 50 + ctx.rng.int(0, 20));
      return ms(ctx.rng.intInclusive(params.electionTimeoutMinMs, params.electionTimeoutMaxMs));
    };

    let electionDeadline = 0;
    const resetElectionTimer = (): void => {
      // `stale-election-timer`: a timer about to expire has already queued its message, and
      // cancelling it does not take the message back: the follower campaigns against a healthy
      // leader, and the next heartbeat's reset does the same (an election storm).
      const late = electionDeadline - ctx.now() < ms(2 * params.heartbeatMs);
      if (late) reached(config, 'stale-election-timer');
      const queued = mutated(config, 'stale-election-timer') && late;
      if (!queued) electionTimer?.cancel();
      const timeout = electionTimeout();
      electionDeadline = ctx.now() + timeout;
      electionTimer = ctx.timer(timeout, startElection);
    };

    const stopDirector = (reason: string): void => {
      if (director === null) return;
      ctx.demonitor(director.ref);
      ctx.killLocal(director.pid, reason);
      director = null;
    };

    const stepDown = (reason: string, newer: Epoch | null): void => {
      if (role === 'leader') {
        ctx.emit({ type: 'leader-deposed', coordinator: ctx.pid, term, newer, reason });
        // Leadership moving elsewhere terminates the local director (§1.2).
        stopDirector('leader-deposed');
      }
      role = 'follower';
      resetElectionTimer();
    };

    const configuredR = (): number => disk.settings?.replicationFactor ?? params.replicationFactor;

    // When each node's foreman last announced itself here (kept in memory: a restarted coordinator
    // has heard from every node as of its start). A node silent for several announcement
    // intervals has likely died; its director is told.
    const startedAt = ctx.now();
    const heardAt = new Map<NodeId, VirtualTime>();
    const silentNodes = (): NodeId[] => {
      const limit = ms(silenceLimitMs(params));
      return disk.nodes.filter((n) => ctx.now() - (heardAt.get(n.node) ?? startedAt) > limit).map((n) => n.node);
    };

    const startDirector = (epoch: Epoch, old: AcceptedValue | null, knownPublished: Epoch | null): void => {
      if (old === null) reached(config, 'empty-layout-for-null');
      // Only a bug gives this node one epoch twice while its first director still runs (a term
      // reused after a stale layout lowered the promise): the second gets a name of its own, so
      // the checkers see two directors of one epoch instead of the simulator failing.
      let generation = 1;
      while (ctx.whereis(directorName(epoch, generation)) !== undefined) generation++;
      const pid = ctx.spawnProcess(
        directorName(epoch, generation),
        directorProcess({
          epoch,
          generation,
          // F6 (`empty-layout-for-null`): a default empty layout stands in for "none".
          oldTsl: old?.tsl ?? (mutated(config, 'empty-layout-for-null') ? defaultEmptyLayout() : null),
          knownPublished,
          replicationFactor: configuredR(),
          directory: disk.directory,
          nodes: disk.nodes,
          silentNow: silentNodes,
          coordinator: ctx.pid,
          config,
        }),
      );
      director = { pid, epoch, ref: ctx.monitor(pid), oldTsl: old };
    };

    const heartbeat = (): void => {
      if (role !== 'leader') return;
      const msg: HeartbeatMsg = { type: 'heartbeat', term, leader: index, publishedEpoch: disk.published?.epoch ?? null };
      for (const c of others) ctx.send(c, msg);
      ctx.timer(ms(params.heartbeatMs), heartbeat);
    };

    const becomeLeader = (t: Epoch, promises: readonly PromiseMsg[]): void => {
      role = 'leader';
      term = t;
      electionTimer?.cancel();
      let highest = disk.accepted;
      let knownPublished = disk.published?.epoch ?? null;
      for (const p of promises) {
        if (p.accepted !== null && (highest === null || p.accepted.epoch > highest.epoch)) highest = p.accepted;
        if (p.published !== null && (knownPublished === null || p.published > knownPublished)) knownPublished = p.published;
        if (p.settings !== null && (disk.settings === undefined || disk.settings === null || p.settings.version > disk.settings.version)) disk.settings = p.settings;
        disk.directory = mergeDirectory(disk.directory, p.directory).merged;
        disk.nodes = mergeNodes(disk.nodes, p.nodes).merged;
      }
      // F7: start from this coordinator's own, possibly stale, layout instead of the majority's.
      if (highest !== disk.accepted) reached(config, 'start-before-promise');
      const old = mutated(config, 'start-before-promise') ? disk.accepted : highest;
      ctx.emit({ type: 'leader-elected', coordinator: ctx.pid, term: t, oldEpoch: old?.epoch ?? null });
      heartbeat();
      startDirector(t, old, knownPublished);
    };

    function startElection(): void {
      if (role === 'leader') return;
      const run = ++electionRun;
      role = 'candidate';
      const t = nextTerm(Math.max(disk.promised, maxSeen), index, count);
      setPromised(t);
      ctx.emit({ type: 'election-started', coordinator: ctx.pid, term: t });
      resetElectionTimer();
      if (majority <= 1) {
        becomeLeader(t, []);
        return;
      }
      ctx.spawn(
        (function* () {
          let promised = 1;
          const results: CallResult[] = yield* ctx.callAll(
            others.map((to) => ({ to, msg: { type: 'prepare', term: t } })),
            {
              timeout: ms(params.electionTimeoutMinMs),
              until: (r) => {
                if (r.ok && r.reply.type === 'promise') promised++;
                return promised >= majority || (r.ok && r.reply.type === 'reject');
              },
            },
          );
          if (run !== electionRun || role !== 'candidate' || disk.promised !== t) return;
          const promises: PromiseMsg[] = [];
          for (const r of results) {
            if (!r.ok) continue;
            if (r.reply.type === 'promise') promises.push(r.reply as PromiseMsg);
            else if (r.reply.type === 'reject') maxSeen = Math.max(maxSeen, r.reply['promised'] as Epoch);
          }
          if (promises.length + 1 >= majority) becomeLeader(t, promises);
          else role = 'follower';
        })(),
        'election',
      );
    }

    const onPrepare = (incoming: Incoming, msg: PrepareMsg): void => {
      if (msg.term <= disk.promised) {
        incoming.reply?.({ type: 'reject', promised: disk.promised });
        return;
      }
      setPromised(msg.term);
      if (role !== 'follower') stepDown('a higher term was proposed', msg.term);
      else resetElectionTimer();
      ctx.emit({ type: 'promised', coordinator: ctx.pid, term: msg.term });
      const reply: PromiseMsg = {
        type: 'promise',
        term: msg.term,
        accepted: disk.accepted,
        published: disk.published?.epoch ?? null,
        settings: disk.settings ?? null,
        directory: disk.directory,
        nodes: disk.nodes,
      };
      incoming.reply?.(reply);
    };

    const onHeartbeat = (incoming: Incoming, msg: HeartbeatMsg): void => {
      if (msg.term < disk.promised) {
        ctx.send(incoming.from, { type: 'heartbeat-reject', promised: disk.promised });
        return;
      }
      setPromised(msg.term);
      if (role === 'leader' && msg.term !== term) stepDown('heard a newer leader', msg.term);
      else {
        role = 'follower';
        resetElectionTimer();
      }
      const published = msg.publishedEpoch;
      if (published !== null && disk.accepted?.epoch === published && (disk.published?.epoch ?? -1) < published) {
        disk.published = disk.accepted;
      }
    };

    const onAccept = (incoming: Incoming, msg: AcceptMsg): void => {
      const staleAllowed = mutated(config, 'accept-stale-layout');
      if (msg.epoch < disk.promised) reached(config, 'accept-stale-layout');
      if (msg.epoch < disk.promised && !staleAllowed) {
        ctx.emit({ type: 'tsl-refused', coordinator: ctx.pid, epoch: msg.epoch, promised: disk.promised });
        incoming.reply?.({ type: 'reject', promised: disk.promised });
        return;
      }
      const previous = disk.accepted?.epoch ?? null;
      // F14 takes the layout's epoch without comparing, so the coordinator's epoch can fall.
      setPromised(staleAllowed ? msg.epoch : Math.max(disk.promised, msg.epoch));
      disk.accepted = { epoch: msg.epoch, tsl: msg.tsl };
      ctx.emit({ type: 'tsl-accepted', coordinator: ctx.pid, epoch: msg.epoch, previous, tsl: msg.tsl });
      incoming.reply?.({ type: 'accepted', epoch: msg.epoch });
      if (role === 'leader' && msg.epoch > term) stepDown('accepted a newer layout', msg.epoch);
    };

    const onPublish = (incoming: Incoming, msg: PublishMsg): void => {
      if (role !== 'leader' || term !== msg.epoch || director === null || director.pid !== incoming.from) {
        ctx.emit({ type: 'publish-failed', coordinator: ctx.pid, epoch: msg.epoch, reason: 'not_leader' });
        incoming.reply?.({ type: 'publish-failed', reason: 'not_leader' });
        return;
      }
      ctx.spawn(
        (function* () {
          let accepts = 0;
          const results: CallResult[] = yield* ctx.callAll(
            config.coordinators.map((to) => ({ to, msg: { type: 'accept', epoch: msg.epoch, tsl: msg.tsl } })),
            {
              timeout: ms(params.coordinatorCallTimeoutMs),
              until: (r) => {
                if (r.ok && r.reply.type === 'accepted') accepts++;
                return accepts >= majority || (r.ok && r.reply.type === 'reject');
              },
            },
          );
          if (accepts >= majority) {
            disk.published = { epoch: msg.epoch, tsl: msg.tsl };
            ctx.emit({ type: 'layout-published', coordinator: ctx.pid, epoch: msg.epoch, accepts });
            incoming.reply?.({ type: 'published', epoch: msg.epoch });
            return;
          }
          const newer = results.reduce<Epoch | null>(
            (max, r) => (r.ok && r.reply.type === 'reject' ? Math.max(max ?? 0, r.reply['promised'] as Epoch) : max),
            null,
          );
          const reason = newer !== null ? 'newer_epoch_exists' : 'no_majority';
          ctx.emit({ type: 'publish-failed', coordinator: ctx.pid, epoch: msg.epoch, reason });
          incoming.reply?.({ type: 'publish-failed', reason });
          if (newer !== null) stepDown('publish refused by a newer term', newer);
        })(),
        'publish',
      );
    };

    const onRegister = (msg: RegisterMsg): void => {
      heardAt.set(msg.node, ctx.now());
      const services = mergeRegistration(disk.directory, msg.node, msg.services, mutated(config, 'keep-dead-spares'));
      disk.directory = services.merged;
      const nodes = mergeNodes(disk.nodes, [{ node: msg.node, capabilities: msg.capabilities }]);
      disk.nodes = nodes.merged;
      if (role !== 'leader' || director === null) return;
      if (services.changed.length > 0) ctx.send(director.pid, { type: 'services-registered', services: services.changed });
      if (services.gone.length > 0) ctx.send(director.pid, { type: 'services-gone', ids: services.gone });
      if (nodes.changed) ctx.send(director.pid, { type: 'capabilities-updated', nodes: disk.nodes });
    };

    const onDirectorDown = (down: DownMessage): void => {
      if (director === null || down.ref !== director.ref) return;
      const previous = director;
      director = null;
      if (role !== 'leader') return;
      if (down.reason === 'newer_epoch_exists') {
        stepDown('its director was superseded', null);
        return;
      }
      reached(config, 'reuse-epoch-on-restart');
      if (mutated(config, 'reuse-epoch-on-restart')) {
        // F11: the same leader restarts a director with the same epoch.
        startDirector(previous.epoch, disk.accepted ?? previous.oldTsl, disk.published?.epoch ?? null);
        return;
      }
      // A fresh epoch for every director: campaign again for a higher term.
      role = 'follower';
      startElection();
    };

    handleMessages(ctx, config, (incoming) => {
      const msg = incoming.msg;
      switch (msg.type) {
        case 'prepare':
          return onPrepare(incoming, msg as PrepareMsg);
        case 'heartbeat':
          return onHeartbeat(incoming, msg as HeartbeatMsg);
        case 'heartbeat-reject':
          if (role === 'leader' && (msg['promised'] as Epoch) > term) stepDown('a follower promised a newer term', msg['promised'] as Epoch);
          return;
        case 'accept':
          return onAccept(incoming, msg as AcceptMsg);
        case 'publish':
          return onPublish(incoming, msg as PublishMsg);
        case 'register':
          return onRegister(msg as RegisterMsg);
        case 'configure': {
          // A configuration change takes effect through a recovery, as in FoundationDB.
          const next = msg['settings'] as ClusterSettings;
          if (disk.settings !== undefined && disk.settings !== null && disk.settings.version >= next.version) return;
          disk.settings = next;
          if (role === 'leader') {
            stepDown('the configuration changed', null);
            startElection();
          }
          return;
        }
        case 'campaign':
          // A scripted election (teaching demos): campaign now, even when leading.
          if (role === 'leader') stepDown('asked to campaign', null);
          startElection();
          return;
        case 'get-layout':
          incoming.reply?.({ type: 'layout', tsl: disk.published?.tsl ?? null });
          return;
        case 'down':
          return onDirectorDown(msg as DownMessage);
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
      }
    });

    disk.nodes.sort((a, b) => compareNodeIds(a.node, b.node));
    resetElectionTimer();
  };
}
