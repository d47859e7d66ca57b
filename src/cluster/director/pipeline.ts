import type { TaskBody } from '../../../sim/index.js';
import type { PhaseName } from '../events.js';
import { layoutBuildAndUnlock, storageUnlockAfterPublish } from './phases/layout.js';
import { locking, pathDetermination } from './phases/locking.js';
import { persistence } from './phases/persistence.js';
import { logRecoveryPlanning, vacancyCreation, versionDetermination } from './phases/planning.js';
import { logRecruitment, storageRecruitment } from './phases/recruitment.js';
import { logReplay } from './phases/replay.js';
import { monitoring, proxyStartup, sequencerStartup } from './phases/startup.js';
import type { Outcome, Phase, Recovery } from './state.js';

type Step = readonly [PhaseName, (r: Recovery) => Phase | Outcome | undefined, ((r: Recovery) => boolean)?];

const dataPathOnly = (r: Recovery): boolean => r.a.path === 'data';

/**
 * §4's pipeline, in order. The new-cluster path skips planning and version determination
 * (Initialization already laid out the vacancies). Monitoring precedes persistence (H 81a8d34);
 * storage is unlocked only once the layout is published (rule 19).
 */
const STEPS: readonly Step[] = [
  ['path-determination', pathDetermination],
  ['locking', locking],
  ['log-recovery-planning', logRecoveryPlanning, dataPathOnly],
  ['vacancy-creation', vacancyCreation, dataPathOnly],
  ['version-determination', versionDetermination, dataPathOnly],
  ['log-recruitment', logRecruitment],
  ['storage-recruitment', storageRecruitment],
  ['log-replay', logReplay],
  ['sequencer-startup', sequencerStartup],
  ['proxy-startup', proxyStartup],
  ['monitoring', monitoring],
  ['layout-build', layoutBuildAndUnlock],
  ['persistence', persistence],
  ['storage-unlock', storageUnlockAfterPublish],
];

function isGenerator(x: unknown): x is Phase {
  return typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function';
}

/** Run one attempt from a fresh record to its outcome. */
export function* runAttempt(r: Recovery): TaskBody<Outcome> {
  const { ctx, d, a } = r;
  for (const [phase, run, when] of STEPS) {
    if (when !== undefined && !when(r)) continue;
    ctx.emit({ type: 'phase', director: ctx.pid, epoch: d.epoch, attempt: a.number, phase });
    const step = run(r);
    const outcome = isGenerator(step) ? yield* step : step;
    if (outcome !== undefined) return outcome;
  }
  return { kind: 'completed' };
}
