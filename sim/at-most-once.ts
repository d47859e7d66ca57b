import type { Incoming, Message } from './effects.js';
import { s, type Duration, type VirtualTime } from './time.js';

/** How long a receiver remembers a message it handled: far beyond any delay the network adds. */
export const DEFAULT_DEDUPE_WINDOW: Duration = s(60);

/**
 * Wrap a message handler so that each network message is acted on at most once. A duplicate
 * (same `Incoming.id`) is answered with the reply the first copy got, or dropped while that reply
 * is still pending (the caller will get it). This is what real services do with retried or
 * duplicated requests; without it a duplicated request makes a service act twice.
 */
export function atMostOnce(
  clock: { now(): VirtualTime },
  handler: (incoming: Incoming) => void,
  window: Duration = DEFAULT_DEDUPE_WINDOW,
): (incoming: Incoming) => void {
  /** Message id → the reply it got (null while none yet, or for a one-way message). */
  const seen = new Map<number, Message | null>();
  const order: { id: number; at: VirtualTime }[] = [];
  let head = 0;

  const forgetOld = (now: VirtualTime): void => {
    while (head < order.length && (order[head] as { at: VirtualTime }).at + window < now) {
      seen.delete((order[head] as { id: number }).id);
      head++;
    }
    if (head > 1024 && head * 2 > order.length) {
      order.splice(0, head);
      head = 0;
    }
  };

  return (incoming) => {
    const now = clock.now();
    forgetOld(now);
    if (seen.has(incoming.id)) {
      const answer = seen.get(incoming.id);
      if (answer !== undefined && answer !== null) incoming.reply?.(answer);
      return;
    }
    seen.set(incoming.id, null);
    order.push({ id: incoming.id, at: now });
    const reply = incoming.reply;
    if (reply === undefined) {
      handler(incoming);
      return;
    }
    handler({
      id: incoming.id,
      from: incoming.from,
      msg: incoming.msg,
      reply: (answer) => {
        if (seen.has(incoming.id)) seen.set(incoming.id, answer);
        reply(answer);
      },
    });
  };
}
