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
  const hash = target.indexOf('#');
  return hash < 0 ? target : target.slice(0, hash);
}

export function nodeOf(target: Pid | ProcessAddress): NodeId {
  const address = addressOf(target);
  return address.slice(address.lastIndexOf('@') + 1);
}

export function nameOf(target: Pid | ProcessAddress): string {
  const address = addressOf(target);
  return address.slice(0, address.lastIndexOf('@'));
}

export function incarnationOf(pid: Pid): number {
  const hash = pid.indexOf('#');
  return hash < 0 ? -1 : Number(pid.slice(hash + 1));
}
