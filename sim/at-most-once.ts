import type { Incoming, Message } from './effects.js';
import { RequestIncoming } from './incoming.js';
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
  /** Told of every copy after the first (coverage: what acting on it again would have done). */
  onDuplicate?: () => void,
): (incoming: Incoming) => void {
  const seen = new Set<number>();
  // The ids seen, with when, in arrival order (so in time order): the oldest are forgotten first.
  let ids: number[] = [];
  let times: VirtualTime[] = [];
  let oldest = 0;
  // The kept replies and the ids they answer, oldest first from `replyAt`: a ring, so keeping a
  // reply costs two writes; only a duplicate (rare) searches it.
  const replyIds = new Array<number>(REPLIES_KEPT).fill(-1);
  const replies = new Array<Message | undefined>(REPLIES_KEPT).fill(undefined);
  let replyAt = 0;

  const forgetOld = (now: VirtualTime): void => {
    while (oldest < ids.length && (times[oldest] as VirtualTime) + window < now) seen.delete(ids[oldest++] as number);
    if (oldest > 1024 && oldest * 2 > ids.length) {
      ids = ids.slice(oldest);
      times = times.slice(oldest);
      oldest = 0;
    }
  };

  // Each id is answered once (the kernel lets a request be replied to once), so it is in the ring at most once.
  const keepReply = (id: number, answer: Message): void => {
    replyIds[replyAt] = id;
    replies[replyAt] = answer;
    replyAt = (replyAt + 1) % REPLIES_KEPT;
  };

  const keptReply = (id: number): Message | undefined => {
    const at = replyIds.indexOf(id);
    return at < 0 ? undefined : replies[at];
  };

  return (incoming) => {
    const now = clock.now();
    forgetOld(now);
    const known = seen.size;
    seen.add(incoming.id);
    if (seen.size === known) {
      onDuplicate?.();
      const answer = keptReply(incoming.id);
      if (answer !== undefined) incoming.reply?.(answer);
      return;
    }
    ids.push(incoming.id);
    times.push(now);
    const reply = incoming.reply;
    if (reply === undefined) {
      handler(incoming);
      return;
    }
    // The kernel's requests tell a hook of their answer; anything else is wrapped.
    if (incoming instanceof RequestIncoming) {
      incoming.keep = keepReply;
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
