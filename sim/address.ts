import type { NodeId } from './network.js';

/** Where a process lives: `name@node`. Survives restarts, like an Erlang registered name. */
export type ProcessAddress = string;
/** One incarnation of a process: `name@node#n`. A new value on every (re)start. */
export type Pid = string;

export function processAddress(node: NodeId, name: string): ProcessAddress {
  return `${name}@${node}`;
}

export function pidOf(address: ProcessAddress, incarnation: number): Pid {
  return `${address}#${incarnation}`;
}

export function isPid(target: string): boolean {
  return target.includes('#');
}

/** The address part of a pid (an address is returned unchanged). */
export function addressOf(target: Pid | ProcessAddress): ProcessAddress {
  return parseTarget(target).address;
}

/** A pid or address taken apart. */
export interface Target {
  readonly address: ProcessAddress;
  readonly node: NodeId;
  readonly name: string;
  /** It names one incarnation (a pid), not whichever runs at the address. */
  readonly pid: boolean;
}

/** The targets seen so far, taken apart once: every send and delivery asks. */
const parsed = new Map<string, Target>();
const PARSED_LIMIT = 1 << 14;

export function parseTarget(target: Pid | ProcessAddress): Target {
  let p = parsed.get(target);
  if (p === undefined) {
    const hash = target.indexOf('#');
    const address = hash < 0 ? target : target.slice(0, hash);
    const at = address.lastIndexOf('@');
    p = { address, node: address.slice(at + 1), name: address.slice(0, at), pid: address !== target };
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(target, p);
  }
  return p;
}

export function nodeOf(target: Pid | ProcessAddress): NodeId {
  return parseTarget(target).node;
}

export function nameOf(target: Pid | ProcessAddress): string {
  return parseTarget(target).name;
}

export function incarnationOf(pid: Pid): number {
  const hash = pid.indexOf('#');
  return hash < 0 ? -1 : Number(pid.slice(hash + 1));
}
