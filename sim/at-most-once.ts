import type { Incoming, Message } from './effects.js';
import { s, type Duration, type VirtualTime } from './time.js';

/** How long a receiver remembers a message it handled: far beyond any delay the network adds. */
export const DEFAULT_DEDUPE_WINDOW: Duration = s(60);
/** How many recent replies a receiver keeps to answer duplicates with. */
const REPLIES_KEPT = 256;

/**
 * Wrap a message handler so that each network message is acted on at most once. A duplicate
 * (same `Incoming.id`) is answered with the reply the first copy got if that reply is still among
 * the recent ones kept, and is otherwise dropped (while the first copy's reply is pending, the
 * caller will get that one). What real services do with retried or duplicated requests; without it
 * a duplicated request makes a service act twice. Ids are remembered for `window`; replies only
 * for the most recent ones, so memory stays bounded however large the replies are.
 */
export function atMostOnce(
  clock: { now(): VirtualTime },
  handler: (incoming: Incoming) => void,
  window: Duration = DEFAULT_DEDUPE_WINDOW,
): (incoming: Incoming) => void {
  const seenAt = new Map<number, VirtualTime>();
  const replies = new Map<number, Message>();

  const forgetOld = (now: VirtualTime): void => {
    // Map iteration follows insertion order, which is arrival order here.
    for (const [id, at] of seenAt) {
      if (at + window >= now) break;
      seenAt.delete(id);
    }
  };

  const keepReply = (id: number, answer: Message): void => {
    replies.set(id, answer);
    if (replies.size > REPLIES_KEPT) replies.delete(replies.keys().next().value as number);
  };

  return (incoming) => {
    const now = clock.now();
    forgetOld(now);
    if (seenAt.has(incoming.id)) {
      const answer = replies.get(incoming.id);
      if (answer !== undefined) incoming.reply?.(answer);
      return;
    }
    seenAt.set(incoming.id, now);
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
        keepReply(incoming.id, answer);
        reply(answer);
      },
    });
  };
}
