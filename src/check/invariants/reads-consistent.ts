/**
 * reads-consistent (S12, S14): what clients read is the committed history. Every read returns,
 * for each key, the value of the last committed write at or below its read version, and its read
 * version is at least every version acknowledged to any client before the read began. A write
 * that was never acknowledged may be seen only if it is part of the committed history. A read is
 * judged once the committed history reaches its read version, or at the end of the run; a violation is reported where it became certain, with the read as its witness. Proven able
 * to fail by `unconfirmed-read-version` and `local-read-version`.
 */
import type { ClientRead, HistoryView } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

export const readsConsistent: CheckerFactory = (ctx, facts) => {
  let pending: ClientRead[] = [];

  const judge = (read: ClientRead, view: HistoryView): void => {
    const at = ctx.position();
    if (read.ackedBefore !== undefined && read.readVersion < read.ackedBefore.version) {
      ctx.report({
        event: at.event,
        time: at.time,
        message: `read ${read.read} got read version ${read.readVersion} from generation ${read.epoch}, below version ${read.ackedBefore.version} acknowledged before it began: a stale read`,
        witnesses: [read.event, read.ackedBefore.event],
      });
      return;
    }
    if (read.readVersion > view.top) {
      ctx.report({
        event: at.event,
        time: at.time,
        message: `read ${read.read} read at version ${read.readVersion} (generation ${read.epoch}), but the committed history ends at ${view.top}: what it read was never committed, or was lost`,
        witnesses: [read.event],
      });
      return;
    }
    for (const { key, value } of read.values) {
      const expected = view.valueAt(key, read.readVersion);
      if (expected.value === value) continue;
      ctx.report({
        event: at.event,
        time: at.time,
        message: `read ${read.read} at version ${read.readVersion} (from ${read.storage.join(', ')}) saw ${key} = ${value ?? 'nothing'}, but the committed history has ${expected.value ?? 'nothing'}${expected.writtenAt !== null ? ` (written at version ${expected.writtenAt})` : ''}`,
        witnesses: [read.event],
      });
      return;
    }
  };

  const settle = (final: boolean): void => {
    const view = facts.history.view();
    const still: ClientRead[] = [];
    for (const read of pending) {
      if (final || read.readVersion <= view.top) judge(read, view);
      else still.push(read);
    }
    pending = still;
  };

  // The history never changes below its top: a read is judged as soon as the top reaches it.
  let settledAt = -1;
  const step = (): void => {
    if (pending.length === 0 || facts.history.fixedUpTo === settledAt) return;
    settledAt = facts.history.fixedUpTo;
    settle(false);
  };

  return {
    observe() {
      const read = facts.client.justRead;
      if (read !== undefined) {
        pending.push(read);
        settledAt = -1;
      }
      step();
    },
    delivered: step,
    finish() {
      settle(true);
    },
  };
};
