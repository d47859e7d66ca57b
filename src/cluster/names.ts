import { nameOf, processAddress } from '../../sim/index.js';
import type { Epoch, NodeId, ProcessAddress, ServiceId, ServiceKind } from './types.js';

/** Process names: one place decides how each role is named on its node. */
export const COORDINATOR = 'coordinator';
export const FOREMAN = 'foreman';
export const CLIENT = 'client';
export const CLIENT_NODE = 'client';

export function workerName(kind: ServiceKind, id: ServiceId): string {
  return `${kind}-${id}`;
}

export function workerAddress(node: NodeId, kind: ServiceKind, id: ServiceId): ProcessAddress {
  return processAddress(node, workerName(kind, id));
}

/** `director-e6`; a second director of the same epoch on a node while the first runs is `director-e6r2`. */
export function directorName(epoch: Epoch, generation = 1): string {
  return generation <= 1 ? `director-e${epoch}` : `director-e${epoch}r${generation}`;
}

/** The epoch a director process name carries, or undefined if `name` is not a director's. */
export function directorEpochOf(name: string): Epoch | undefined {
  const m = /^director-e(\d+)$/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** Whether a process of this name is a director (the checkers know directors by their names). */
export function isDirectorName(name: string): boolean {
  return directorEpochOf(name) !== undefined;
}

/**
 * The worker a process belongs to, given its name, address or pid; undefined if it is not a
 * worker.
 */
export function workerOf(target: string): { readonly kind: ServiceKind; readonly id: ServiceId } | undefined {
  // Asked after every delivery (checkers): each target is taken apart once.
  let worker = workers.get(target);
  if (worker === undefined) {
    const name = target.includes('@') ? nameOf(target) : target;
    worker = name.startsWith('log-') ? { kind: 'log', id: name.slice(4) } : name.startsWith('storage-') ? { kind: 'storage', id: name.slice(8) } : null;
    if (workers.size >= 1 << 14) workers.clear();
    workers.set(target, worker);
  }
  return worker ?? undefined;
}

const workers = new Map<string, { readonly kind: ServiceKind; readonly id: ServiceId } | null>();

/** `e6` for a director's first incarnation, `e6r2` if its epoch was reused by a restart (F11). */
function generation(epoch: Epoch, incarnation: number): string {
  return incarnation <= 1 ? `e${epoch}` : `e${epoch}r${incarnation}`;
}

export function sequencerName(epoch: Epoch, incarnation: number, attempt: number): string {
  return `sequencer-${generation(epoch, incarnation)}.${attempt}`;
}

export function proxyName(epoch: Epoch, incarnation: number, attempt: number, index: number): string {
  return `proxy-${generation(epoch, incarnation)}.${attempt}.${index}`;
}

export function foremanAddress(node: NodeId): ProcessAddress {
  return processAddress(node, FOREMAN);
}
