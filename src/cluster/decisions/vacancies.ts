import type { LogDescriptor, ServiceId, Slot, StorageTeam, Tag, TransactionSystemLayout, Vacancy } from '../types.js';
import { compareSlots } from '../types.js';
import type { PlannedLayout } from './layout-plan.js';

function compareTagLists(a: readonly Tag[], b: readonly Tag[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as Tag) - (b[i] as Tag);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The distinct tag lists of the old logs, sorted: each is one group of new logs. */
export function logTagGroups(oldLogs: readonly LogDescriptor[]): Tag[][] {
  const seen = new Map<string, Tag[]>();
  for (const log of oldLogs) {
    const tags = [...log.tags].sort((a, b) => a - b);
    seen.set(tags.join(','), tags);
  }
  return [...seen.values()].sort(compareTagLists);
}

/** Sorted tags of every team that contains `id`. */
export function tagSetOf(id: ServiceId, teams: readonly StorageTeam[]): Tag[] {
  return teams
    .filter((t) => t.storageIds.includes(id))
    .map((t) => t.tag)
    .sort((a, b) => a - b);
}

/**
 * §4.4 vacancy creation (data path). Logs: a fresh layout every time, `desiredLogs` vacancies per
 * distinct tag group. Storage (REF): keep every old member; a group of servers sharing one tag set
 * that is short of R gets fresh, unique vacancies, added to every team whose tag is in that set.
 */
export function createVacancies(oldTsl: TransactionSystemLayout, desiredLogs: number, replicationFactor: number): PlannedLayout {
  const logs: LogDescriptor<Slot>[] = [];
  let n = 1;
  for (const tags of logTagGroups(oldTsl.logs)) {
    for (let i = 0; i < desiredLogs; i++) logs.push({ id: { vacancy: n++ }, tags });
  }

  const rosters = new Map<string, { tags: Tag[]; members: ServiceId[] }>();
  const members = [...new Set(oldTsl.storageTeams.flatMap((t) => t.storageIds))].sort();
  for (const id of members) {
    const tags = tagSetOf(id, oldTsl.storageTeams);
    const key = tags.join(',');
    const roster = rosters.get(key) ?? { tags, members: [] };
    roster.members.push(id);
    rosters.set(key, roster);
  }
  const extra = new Map<Tag, Vacancy[]>();
  let v = 1;
  for (const roster of [...rosters.values()].sort((a, b) => compareTagLists(a.tags, b.tags))) {
    const short = replicationFactor - roster.members.length;
    for (let i = 0; i < short; i++) {
      const vacancy = { vacancy: v++ };
      for (const tag of roster.tags) extra.set(tag, [...(extra.get(tag) ?? []), vacancy]);
    }
  }
  const storageTeams = oldTsl.storageTeams.map((team) => ({
    tag: team.tag,
    keyRange: team.keyRange,
    storageIds: [...team.storageIds, ...(extra.get(team.tag) ?? [])].sort(compareSlots) as Slot[],
  }));
  return { logs, storageTeams };
}
