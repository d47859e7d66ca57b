import { SYSTEM_KEY_PREFIX, type LogDescriptor, type Slot, type StorageTeam, type Tag } from '../types.js';

/** The shape a recovery attempt fills in: logs and teams whose slots may still be vacancies. */
export interface PlannedLayout {
  readonly logs: readonly LogDescriptor<Slot>[];
  readonly storageTeams: readonly StorageTeam<Slot>[];
}

export const SYSTEM_TAG: Tag = 0;
export const USER_TAG: Tag = 1;

/**
 * §4.2, a brand-new cluster: two teams (system keys [0xFF, END) and user keys ["", 0xFF)) that
 * share the same R vacancies, and N log vacancies each carrying both tags.
 */
export function initialLayout(desiredLogs: number, replicationFactor: number): PlannedLayout {
  const members = Array.from({ length: replicationFactor }, (_, i) => ({ vacancy: i + 1 }));
  return {
    logs: Array.from({ length: desiredLogs }, (_, i) => ({ id: { vacancy: i + 1 }, tags: [SYSTEM_TAG, USER_TAG] })),
    storageTeams: [
      { tag: SYSTEM_TAG, keyRange: { start: SYSTEM_KEY_PREFIX, end: null }, storageIds: members },
      { tag: USER_TAG, keyRange: { start: '', end: SYSTEM_KEY_PREFIX }, storageIds: members },
    ],
  };
}
