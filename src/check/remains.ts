import { nodeOf } from '../../sim/index.js';
import type { NodeId, TransactionSystemLayout } from '../cluster/types.js';

/**
 * Whether what survives nodes lost for good can still recover from `layout`: a majority of the
 * coordinators (those on `lostCoordinators` are gone), a quorum of each shard's logs (§4.3) and of
 * each storage team (§4.5) (those on `lost` are gone). When it
 * cannot, no protocol can make progress without losing data, so liveness is not judged. Returns
 * the reason it cannot, or undefined.
 */
export function whyRecoveryIsImpossible(
  layout: TransactionSystemLayout | undefined,
  coordinators: readonly string[],
  lostCoordinators: ReadonlySet<NodeId>,
  lost: ReadonlySet<NodeId>,
): string | undefined {
  const standing = coordinators.filter((c) => !lostCoordinators.has(nodeOf(c))).length;
  if (standing < Math.floor(coordinators.length / 2) + 1) return `only ${standing} of ${coordinators.length} coordinators survive`;
  if (layout === undefined) return undefined;
  const nodeOfService = (id: string): NodeId | undefined => {
    const address = layout.services.find((s) => s.id === id)?.address;
    return address === undefined ? undefined : nodeOf(address);
  };
  const surviving = (id: string): boolean => {
    const node = nodeOfService(id);
    return node !== undefined && !lost.has(node);
  };
  const short = shardWithoutLogMajority(layout, surviving);
  if (short !== undefined) return `only ${short.have.length} of the ${short.logs} logs of shard ${short.tag} in epoch ${layout.epoch}'s layout survive`;
  for (const team of layout.storageTeams) {
    const left = team.storageIds.filter(surviving).length;
    if (left < Math.floor(team.storageIds.length / 2) + 1) return `only ${left} of the ${team.storageIds.length} storage servers of shard ${team.tag} in epoch ${layout.epoch}'s layout survive`;
  }
  return undefined;
}

/**
 * The first shard (by tag) of `layout` fewer than a majority of whose logs pass `counts`: the tag,
 * how many logs it has, the majority it needs, and the logs that pass. Undefined when every shard
 * has its majority (§4.3's quorum, S10).
 */
export function shardWithoutLogMajority(
  layout: TransactionSystemLayout,
  counts: (id: string) => boolean,
): { tag: number; logs: number; majority: number; have: string[] } | undefined {
  const tags = [...new Set(layout.logs.flatMap((l) => l.tags))].sort((a, b) => a - b);
  for (const tag of tags) {
    const logs = layout.logs.filter((l) => l.tags.includes(tag));
    const have = logs.filter((l) => counts(l.id)).map((l) => l.id);
    const majority = Math.floor(logs.length / 2) + 1;
    if (have.length < majority) return { tag, logs: logs.length, majority, have };
  }
  return undefined;
}

/**
 * Under strict placement every new worker of a phase needs a node of its own: once `gone` leave
 * fewer capable nodes than a recovery creates logs (every recovery creates all its logs) or storage
 * servers, no recovery can complete. Returns the reason, or undefined.
 */
export function whyStrictPlacementCannotHold(
  capable: { readonly log: readonly NodeId[]; readonly storage: readonly NodeId[] },
  gone: ReadonlySet<NodeId>,
  needs: { readonly logs: number; readonly storage: number } | undefined,
): string | undefined {
  if (needs === undefined) return undefined;
  const logs = capable.log.filter((n) => !gone.has(n)).length;
  if (logs < needs.logs) return `strict placement needs ${needs.logs} log nodes and only ${logs} survive`;
  const storage = capable.storage.filter((n) => !gone.has(n)).length;
  if (storage < needs.storage) return `strict placement needs ${needs.storage} storage nodes and only ${storage} survive`;
  return undefined;
}

/**
 * Whether recovery can create the workers it needs once `gone` (nodes crashed for good; a wiped node
 * comes back empty and can host workers) are down: every recovery creates fresh logs (old-layout
 * logs are never reused), and a new cluster also creates its storage servers. Returns the reason
 * it cannot, or undefined.
 */
export function whyNoWorkersCanBeCreated(
  capable: { readonly log: readonly NodeId[]; readonly storage: readonly NodeId[] },
  gone: ReadonlySet<NodeId>,
  newCluster: boolean,
): string | undefined {
  if (!capable.log.some((n) => !gone.has(n))) return `no log-capable node survives (${capable.log.join(', ')} lost)`;
  if (newCluster && !capable.storage.some((n) => !gone.has(n))) return `no storage-capable node survives for a new cluster (${capable.storage.join(', ')} lost)`;
  return undefined;
}
