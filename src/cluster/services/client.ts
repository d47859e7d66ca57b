import { ms, type CallResult, type ProcessStart } from '../../../sim/index.js';
import { type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { ReadValue } from '../messages.js';
import type { ProcessAddress, StorageTeam, TransactionSystemLayout, Version, Write } from '../types.js';

export interface WorkloadSpec {
  /** Mean operations per second (Poisson arrivals); 0 disables the workload. */
  readonly ratePerSec: number;
  readonly startMs: number;
  readonly stopMs: number;
  /** Keys are drawn from `k0000 … k{keys-1}`. */
  readonly keys: number;
  /** Share of operations that are reads (0..1); the rest are commits. */
  readonly readShare: number;
  /** Distinct keys each read asks for. */
  readonly readKeys: number;
  /** Independent client sessions, each with its own cached layout (as separate clients would have). */
  readonly sessions: number;
}

const COMMIT_TIMEOUT_MS = 3000;
const READ_VERSION_TIMEOUT_MS = 3000;
const READ_TIMEOUT_MS = 1500;
const LAYOUT_TIMEOUT_MS = 500;
const SUMMARY_EVERY_MS = 10_000;

/** A session's view of the cluster: the newest published layout it has heard of. */
interface Session {
  layout: TransactionSystemLayout | null;
  refreshing: boolean;
}

/** The team that owns `key` (keys compare as strings; a null end is END). */
export function teamOf(teams: readonly StorageTeam[], key: string): StorageTeam | undefined {
  return teams.find((t) => t.keyRange.start <= key && (t.keyRange.end === null || key < t.keyRange.end));
}

/**
 * The client workload, and the record of what it was told: every acknowledged commit (its version
 * and writes) and every read (its read version and the values it got) goes into the trace as the
 * client saw it. Checkers take acknowledgements from here, never from the system's own events.
 *
 * Operations arrive at a steady rate, spread over independent sessions. A commit goes to a proxy
 * of the newest layout the session heard the coordinators publish; a read takes a read version
 * from such a proxy, then asks a storage server of the owning team for the values at that version.
 * A session learns about a generation only once its layout is published, as Bedrock's gateways do.
 */
export function client(config: ClusterConfig, workload: WorkloadSpec): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    const sessions: Session[] = Array.from({ length: Math.max(1, workload.sessions) }, () => ({ layout: null, refreshing: false }));
    let attempted = 0;
    let acked = 0;
    let failed = 0;
    let reads = 0;
    let readsFailed = 0;
    let next = 0;

    // The client's own count of what it tried and heard back. It is reported after every commit's
    // answer (and every 10 s), so the last report holds every acknowledgement and failure: counters
    // read from it never contradict the acknowledgements counted one by one.
    const summary = (): void => ctx.emit({ type: 'client-summary', attempted, acked, failed, reads, readsFailed });

    function* refresh(session: Session) {
      if (session.refreshing) return;
      session.refreshing = true;
      const results: CallResult[] = yield* ctx.callAll(
        config.coordinators.map((to) => ({ to, msg: { type: 'get-layout' } })),
        { timeout: ms(LAYOUT_TIMEOUT_MS) },
      );
      for (const r of results) {
        if (!r.ok || r.reply.type !== 'layout') continue;
        const tsl = r.reply['tsl'] as TransactionSystemLayout | null;
        if (tsl !== null && (session.layout === null || tsl.epoch > session.layout.epoch)) session.layout = tsl;
      }
      session.refreshing = false;
    }

    /** The session's layout (fetched if it has none) and the proxy operation `n` goes to. */
    function* route(session: Session, n: number) {
      if (session.layout === null) yield* refresh(session);
      const layout = session.layout;
      const proxy = layout?.proxies[n % Math.max(1, layout.proxies.length)];
      return layout === null || proxy === undefined ? null : { layout, proxy };
    }

    const forget = (session: Session, layout: TransactionSystemLayout): void => {
      if (session.layout === layout) session.layout = null;
    };

    const drawKey = (): string => `k${String(ctx.rng.int(0, workload.keys)).padStart(4, '0')}`;

    function* commitOne(session: Session, n: number) {
      attempted++;
      const target = yield* route(session, n);
      if (target === null) {
        failed++;
        summary();
        return;
      }
      const writes: Write[] = [{ key: drawKey(), value: `v${n}` }];
      const txn = `t${n}`;
      const result = yield* ctx.call(target.proxy, { type: 'commit', txn: { id: txn, writes } }, { timeout: ms(COMMIT_TIMEOUT_MS) });
      if (result.ok && result.reply.type === 'commit-ok') {
        acked++;
        ctx.emit({ type: 'client-ack', txn, epoch: target.layout.epoch, version: result.reply['version'] as Version, writes });
        summary();
        return;
      }
      failed++;
      summary();
      forget(session, target.layout);
    }

    function* readOne(session: Session, n: number) {
      const read = `r${n}`;
      ctx.emit({ type: 'client-read-begin', read });
      const fail = (reason: string): void => {
        readsFailed++;
        ctx.emit({ type: 'client-read-failed', read, reason });
      };
      const target = yield* route(session, n);
      if (target === null) return fail('no_layout');
      const got = yield* ctx.call(target.proxy, { type: 'get-read-version' }, { timeout: ms(READ_VERSION_TIMEOUT_MS) });
      if (!got.ok || got.reply.type !== 'read-version') {
        forget(session, target.layout);
        return fail('no_read_version');
      }
      const readVersion = got.reply['version'] as Version;
      const keys = [...new Set(Array.from({ length: workload.readKeys }, drawKey))].sort();
      const values: ReadValue[] = [];
      const servedBy: string[] = [];
      for (const team of target.layout.storageTeams) {
        const mine = keys.filter((k) => teamOf(target.layout.storageTeams, k) === team);
        if (mine.length === 0) continue;
        const answer = yield* readFromTeam(target.layout, team, mine, readVersion);
        if (answer === null) return fail('no_replica_served');
        values.push(...answer.values);
        servedBy.push(answer.storage);
      }
      reads++;
      ctx.emit({ type: 'client-read', read, epoch: target.layout.epoch, readVersion, storage: servedBy, values });
    }

    /** Ask the team's live members, in a seeded order, until one serves the read. */
    function* readFromTeam(layout: TransactionSystemLayout, team: StorageTeam, keys: readonly string[], version: Version) {
      const members: ProcessAddress[] = [];
      for (const id of team.storageIds) {
        const service = layout.services.find((s) => s.id === id);
        if (service !== undefined && service.status !== 'down') members.push(service.address);
      }
      for (const address of ctx.rng.shuffle(members)) {
        const result = yield* ctx.call(address, { type: 'read', version, keys }, { timeout: ms(READ_TIMEOUT_MS) });
        if (result.ok && result.reply.type === 'read-ok') {
          return { storage: address, values: result.reply['values'] as ReadValue[] };
        }
      }
      return null;
    }

    function* run() {
      yield* ctx.sleep(ms(workload.startMs));
      const mean = 1000 / workload.ratePerSec;
      while (ctx.now() < ms(workload.stopMs)) {
        yield* ctx.sleep(ms(ctx.rng.exponential(mean)));
        if (ctx.now() >= ms(workload.stopMs)) break;
        const n = next++;
        const session = sessions[n % sessions.length] as Session;
        if (ctx.rng.chance(workload.readShare)) ctx.spawn(readOne(session, n), 'read');
        else ctx.spawn(commitOne(session, n), 'commit');
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
