import type { ProcessStart } from '../../../sim/index.js';
import { handleMessages, type ClusterConfig, type Ctx } from '../config.js';
import type { ClusterEvent } from '../events.js';
import type { Epoch, Pid, Version } from '../types.js';
import { watchDirector } from './watch-director.js';

/**
 * One sequencer per generation (§1.6): hands out commit versions strictly above the recovery
 * version, each naming the version it follows so logs can chain them. It lives as long as its
 * director.
 */
export function sequencer(epoch: Epoch, lastCommittedVersion: Version, director: Pid, config: ClusterConfig): ProcessStart<ClusterEvent> {
  return (ctx: Ctx) => {
    let last = lastCommittedVersion;
    watchDirector(ctx, config, director);
    handleMessages(ctx, config, (incoming) => {
      switch (incoming.msg.type) {
        case 'get-version': {
          const prev = last;
          last = prev + 1;
          incoming.reply?.({ type: 'version', prev, version: last, epoch });
          return;
        }
        case 'ping':
          incoming.reply?.({ type: 'pong' });
          return;
        case 'stop':
          ctx.exit(String(incoming.msg['reason'] ?? 'stopped'));
          return;
      }
    });
  };
}
