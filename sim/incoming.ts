import type { Pid } from './address.js';
import type { Incoming, Message } from './effects.js';

/**
 * A request as the kernel hands it over: `reply` is a method, so a delivery allocates no closure.
 * `keep`, when set (by the at-most-once filter), is told of every answer before it is sent.
 */
export abstract class RequestIncoming implements Incoming {
  /** @internal */
  keep: ((id: number, answer: Message) => void) | undefined = undefined;

  constructor(
    readonly id: number,
    readonly from: Pid,
    readonly msg: Message,
  ) {}

  reply(answer: Message): void {
    this.keep?.(this.id, answer);
    this.answer(answer);
  }

  /** Send the answer back to the caller (once, and only while the receiver lives). */
  protected abstract answer(answer: Message): void;
}

/** A message that wants no answer. */
export class CastIncoming implements Incoming {
  readonly reply = undefined;

  constructor(
    readonly id: number,
    readonly from: Pid,
    readonly msg: Message,
  ) {}
}
