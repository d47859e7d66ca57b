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

export interface VacancyOptions {
  /**
   * Old team members that did not answer this attempt's lock. They leave their teams (a replica
   * lost, or cut off, is replaced and the replacement back-filled); members that answered stay.
   */
  readonly unreachable?: ReadonlySet<ServiceId>;
  /** Bedrock's literal storage algorithm (§4.4 AS-IS): F15 numbers vacancies wrongly, F16 drops members. */
  readonly asIs?: 'F15' | 'F16';
}

/**
 * §4.4 vacancy creation (data path). Logs: a fresh layout every time, `desiredLogs` vacancies per
 * distinct tag group. Storage: every team keeps the members that answered the lock (and the
 * unanswering ones it can spare above R); a team short of R gets fresh vacancies, and teams whose
 * kept members are the same share them (one new server serves them all, as when every team holds
 * the same R servers).
 */
export function createVacancies(oldTsl: TransactionSystemLayout, desiredLogs: number, replicationFactor: number, options: VacancyOptions = {}): PlannedLayout {
  const logs: LogDescriptor<Slot>[] = [];
  let n = 1;
  for (const tags of logTagGroups(oldTsl.logs)) {
    for (let i = 0; i < desiredLogs; i++) logs.push({ id: { vacancy: n++ }, tags });
  }
  if (options.asIs !== undefined) return { logs, storageTeams: bedrockStorageVacancies(oldTsl.storageTeams, replicationFactor, options.asIs) };
  return { logs, storageTeams: storageVacancies(oldTsl.storageTeams, replicationFactor, options.unreachable ?? new Set()) };
}

/** REF: per team, by the members that remain. */
export function storageVacancies(oldTeams: readonly StorageTeam[], replicationFactor: number, unreachable: ReadonlySet<ServiceId>): StorageTeam<Slot>[] {
  // A member that could not be locked cannot serve this generation: it is replaced. Members that
  // answered all stay, even above R (a lowered R leaves surplus members, never drops live data).
  const kept = oldTeams.map((team) => [...team.storageIds].sort().filter((id) => !unreachable.has(id)));
  const shared = new Map<string, Vacancy[]>();
  let v = 1;
  return oldTeams.map((team, i) => {
    const members = kept[i] as ServiceId[];
    const short = replicationFactor - members.length;
    let vacancies: Vacancy[] = [];
    if (short > 0) {
      const key = `${members.join(',')}/${short}`;
      vacancies = shared.get(key) ?? Array.from({ length: short }, () => ({ vacancy: v++ }));
      shared.set(key, vacancies);
    }
    return { tag: team.tag, keyRange: team.keyRange, storageIds: [...members, ...vacancies].sort(compareSlots) as Slot[] };
  });
}

/**
 * Bedrock's roster algorithm (§4.4), with one of its quirks. Servers are grouped by the tag set of
 * the teams they are in; a roster short of R gets vacancies, added to every team of its tag set.
 * F15: the numbering restarts at the last number of the previous group (groups share vacancy
 * numbers, so one new server lands in unrelated teams) and a single needed vacancy is not created
 * at all. F16: when tag sets overlap, a team's members are replaced by one roster alone.
 */
export function bedrockStorageVacancies(oldTeams: readonly StorageTeam[], replicationFactor: number, quirk: 'F15' | 'F16'): StorageTeam<Slot>[] {
  const rosters = new Map<string, { tags: Tag[]; members: ServiceId[] }>();
  for (const id of [...new Set(oldTeams.flatMap((t) => t.storageIds))].sort()) {
    const tags = tagSetOf(id, oldTeams);
    const key = tags.join(',');
    const roster = rosters.get(key) ?? { tags, members: [] };
    roster.members.push(id);
    rosters.set(key, roster);
  }
  const sortedRosters = [...rosters.values()].sort((a, b) => compareTagLists(a.tags, b.tags));
  const extra = new Map<Tag, Vacancy[]>();
  let counter = quirk === 'F15' ? 0 : 1;
  for (const roster of sortedRosters) {
    const d = replicationFactor - roster.members.length;
    if (d <= 0) continue;
    let numbers: number[];
    if (quirk === 'F15') {
      // counter..counter+d-1 from 0, the next group restarting at this group's last number: groups
      // share numbers, and number 0 is no vacancy at all, so a single needed vacancy is never made.
      numbers = Array.from({ length: d }, (_, i) => counter + i).filter((x) => x > 0);
      counter += d - 1;
    } else {
      numbers = Array.from({ length: d }, () => counter++);
    }
    for (const tag of roster.tags) extra.set(tag, [...(extra.get(tag) ?? []), ...numbers.map((vacancy) => ({ vacancy }))]);
  }
  return oldTeams.map((team) => {
    // F16: with overlapping tag sets, the team keeps only the roster of the first tag set containing its tag.
    const members = quirk === 'F16' ? (sortedRosters.find((r) => r.tags.includes(team.tag))?.members ?? []) : team.storageIds;
    const vacancies = extra.get(team.tag) ?? [];
    const unique = [...new Map(vacancies.map((x) => [x.vacancy, x])).values()];
    return { tag: team.tag, keyRange: team.keyRange, storageIds: [...members, ...unique].sort(compareSlots) as Slot[] };
  });
}
